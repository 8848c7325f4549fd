package cef

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// header flattens a record's header for comparison.
type header struct {
	Prefix, Version, Vendor, Product, DeviceVersion, SignatureID, Name, Severity string
}

func headerOf(r *Record) header {
	return header{string(r.Prefix), string(r.Version), string(r.DeviceVendor), string(r.DeviceProduct),
		string(r.DeviceVersion), string(r.SignatureID), string(r.Name), string(r.Severity)}
}

// pairs flattens a record's fields to "key=value" strings.
func pairs(r *Record) []string {
	var out []string
	for _, f := range r.Fields {
		out = append(out, string(f.Key)+"="+string(f.Value))
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Records written for these tests after the formats the vendors document.
const (
	deepSecurityIPS = `<134>Mar  4 10:15:02 dsm01.example.com CEF:0|Trend Micro|Deep Security Agent|20.0.1.690|1008610|Block Administrative Share|6|cn1=1532 cn1Label=Host ID dvchost=web-07.corp.example.com TrendMicroDsTenant=Primary TrendMicroDsTenantId=0 dmac=00:50:56:AB:12:CD smac=00:50:56:CD:34:EF TrendMicroDsFrameType=IP src=10.20.30.40 dst=10.20.30.50 in=1514 cs3=DF 0 cs3Label=Fragmentation Bits proto=TCP spt=51234 dpt=445 cs2=0x00 ACK cs2Label=TCP Flags cnt=1 act=reset cn3=3 cn3Label=DPI Packet Position TrendMicroDsPacketData=AAECAwQF`

	deepSecurityMalware = `CEF:0|Trend Micro|Deep Security Agent|20.0.1.690|4000000|Eicar_test_file|6|cn1=88 cn1Label=Host ID dvchost=ws-114 cn2=68 cn2Label=Quarantine File Size cs6=img | name | id cs6Label=Container filePath=C:\\Users\\alice\\Downloads\\eicar.com act=Quarantine msg=Realtime TrendMicroDsMalwareTarget=N/A TrendMicroDsFileSHA256=275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F`

	deepSecuritySystem = `812 <134>May 01 12:00:00 dsm01 CEF:0|Trend Micro|Deep Security Manager|20.0.864|600|User Signed In|3|src=192.0.2.10 suser=MasterAdmin target=MasterAdmin msg=User signed in from 192.0.2.10`

	deepSecurityLogInspection = `CEF:0|Trend Micro|Deep Security Agent|20.0.1.690|3002795|Microsoft Windows Events|8|cn1=1 cn1Label=Host ID dvchost=dc01 cs1Label=LI Description cs1=Multiple Windows Logon Failures fname=Security src=192.0.2.77 duser=(no user) shost=DC01 msg=WinEvtLog Security: AUDIT_FAILURE(4625): Logon Type\=3 Account\=guest`

	fortigate = `<189>date=2024-05-01 time=12:00:00 devname="FGT-HQ" CEF:0|Fortinet|Fortigate|v7.2.5|00013|traffic:forward close|3|deviceExternalId=FG100FTK21000000 FTNTFGTlogid=0000000013 cat=traffic:forward FTNTFGTsubtype=forward FTNTFGTlevel=notice FTNTFGTvd=root FTNTFGTeventtime=1714564800123456789 FTNTFGTtz=+0200 src=192.168.10.25 shost=laptop-25 spt=54122 deviceInboundInterface=port1 dst=198.51.100.20 dpt=443 deviceOutboundInterface=wan1 FTNTFGTsessionid=2291734 proto=6 act=close FTNTFGTpolicyid=12 app=HTTPS FTNTFGTduration=34 out=4521 in=18833`

	checkPoint = `CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept destinationTranslatedAddress=0.0.0.0 deviceDirection=0 rt=1714564800000 sourceTranslatedAddress=203.0.113.5 sourceTranslatedPort=40312 spt=52100 dpt=443 cs2Label=Rule Name cs2=Allow outbound web layer_name=Network match_id=7 ifname=eth1 origin=198.51.100.1 product=VPN-1 & FireWall-1 proto=6 src=10.1.1.20 dst=203.0.113.80`
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		record string
		header header
		fields []string
	}{
		{
			name:   "Deep Security intrusion prevention behind a syslog header",
			record: deepSecurityIPS,
			header: header{"<134>Mar  4 10:15:02 dsm01.example.com", "0", "Trend Micro", "Deep Security Agent", "20.0.1.690", "1008610", "Block Administrative Share", "6"},
			fields: []string{"cn1=1532", "cn1Label=Host ID", "dvchost=web-07.corp.example.com", "TrendMicroDsTenant=Primary",
				"TrendMicroDsTenantId=0", "dmac=00:50:56:AB:12:CD", "smac=00:50:56:CD:34:EF", "TrendMicroDsFrameType=IP",
				"src=10.20.30.40", "dst=10.20.30.50", "in=1514", "cs3=DF 0", "cs3Label=Fragmentation Bits", "proto=TCP",
				"spt=51234", "dpt=445", "cs2=0x00 ACK", "cs2Label=TCP Flags", "cnt=1", "act=reset", "cn3=3",
				"cn3Label=DPI Packet Position", "TrendMicroDsPacketData=AAECAwQF"},
		},
		{
			name:   "Deep Security anti-malware: escaped backslashes, literal pipes in a value",
			record: deepSecurityMalware,
			header: header{"", "0", "Trend Micro", "Deep Security Agent", "20.0.1.690", "4000000", "Eicar_test_file", "6"},
			fields: []string{"cn1=88", "cn1Label=Host ID", "dvchost=ws-114", "cn2=68", "cn2Label=Quarantine File Size",
				"cs6=img | name | id", "cs6Label=Container", `filePath=C:\Users\alice\Downloads\eicar.com`, "act=Quarantine",
				"msg=Realtime", "TrendMicroDsMalwareTarget=N/A",
				"TrendMicroDsFileSHA256=275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F"},
		},
		{
			name:   "Deep Security Manager system event behind an octet count and a syslog header",
			record: deepSecuritySystem,
			header: header{"812 <134>May 01 12:00:00 dsm01", "0", "Trend Micro", "Deep Security Manager", "20.0.864", "600", "User Signed In", "3"},
			fields: []string{"src=192.0.2.10", "suser=MasterAdmin", "target=MasterAdmin", "msg=User signed in from 192.0.2.10"},
		},
		{
			name:   "Deep Security log inspection: escaped equals signs",
			record: deepSecurityLogInspection,
			header: header{"", "0", "Trend Micro", "Deep Security Agent", "20.0.1.690", "3002795", "Microsoft Windows Events", "8"},
			fields: []string{"cn1=1", "cn1Label=Host ID", "dvchost=dc01", "cs1Label=LI Description", "cs1=Multiple Windows Logon Failures",
				"fname=Security", "src=192.0.2.77", "duser=(no user)", "shost=DC01",
				"msg=WinEvtLog Security: AUDIT_FAILURE(4625): Logon Type=3 Account=guest"},
		},
		{
			name:   "FortiGate traffic log with vendor keys and an = inside the prefix",
			record: fortigate,
			header: header{`<189>date=2024-05-01 time=12:00:00 devname="FGT-HQ"`, "0", "Fortinet", "Fortigate", "v7.2.5", "00013", "traffic:forward close", "3"},
			fields: []string{"deviceExternalId=FG100FTK21000000", "FTNTFGTlogid=0000000013", "cat=traffic:forward",
				"FTNTFGTsubtype=forward", "FTNTFGTlevel=notice", "FTNTFGTvd=root", "FTNTFGTeventtime=1714564800123456789",
				"FTNTFGTtz=+0200", "src=192.168.10.25", "shost=laptop-25", "spt=54122", "deviceInboundInterface=port1",
				"dst=198.51.100.20", "dpt=443", "deviceOutboundInterface=wan1", "FTNTFGTsessionid=2291734", "proto=6",
				"act=close", "FTNTFGTpolicyid=12", "app=HTTPS", "FTNTFGTduration=34", "out=4521", "in=18833"},
		},
		{
			name:   "Check Point: severity Unknown, values with spaces and ampersands",
			record: checkPoint,
			header: header{"", "0", "Check Point", "VPN-1 & FireWall-1", "Check Point", "Log", "https", "Unknown"},
			fields: []string{"act=Accept", "destinationTranslatedAddress=0.0.0.0", "deviceDirection=0", "rt=1714564800000",
				"sourceTranslatedAddress=203.0.113.5", "sourceTranslatedPort=40312", "spt=52100", "dpt=443",
				"cs2Label=Rule Name", "cs2=Allow outbound web", "layer_name=Network", "match_id=7", "ifname=eth1",
				"origin=198.51.100.1", "product=VPN-1 & FireWall-1", "proto=6", "src=10.1.1.20", "dst=203.0.113.80"},
		},
		{
			name:   "RFC 5424 header whose app name is CEF",
			record: `<134>1 2024-05-01T12:00:00.123Z fw01 CEF - - - CEF:1|Acme|Gate|2.1|42|Port scan|Very-High|src=198.51.100.7 cnt=120`,
			header: header{"<134>1 2024-05-01T12:00:00.123Z fw01 CEF - - -", "1", "Acme", "Gate", "2.1", "42", "Port scan", "Very-High"},
			fields: []string{"src=198.51.100.7", "cnt=120"},
		},
		{
			name:   "header escapes",
			record: `CEF:0|Ven\|dor|Pro\\duct|1.0|100|Name with \| pipe and \\ backslash|5|src=10.0.0.1`,
			header: header{"", "0", "Ven|dor", `Pro\duct`, "1.0", "100", `Name with | pipe and \ backslash`, "5"},
			fields: []string{"src=10.0.0.1"},
		},
		{
			name:   "other backslashes in the header are kept",
			record: `CEF:0|Acme|C:\Program Files\Gate|1.0|100|N\ame|5|`,
			header: header{"", "0", "Acme", `C:\Program Files\Gate`, "1.0", "100", `N\ame`, "5"},
		},
		{
			name:   "extension escapes",
			record: `CEF:0|V|P|1|100|N|5|msg=a\=b c\\d line1\nline2\rend request=x`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"msg=a=b c\\d line1\nline2\rend", "request=x"},
		},
		{
			name:   "escaped backslash before an equals sign",
			record: `CEF:0|V|P|1|100|N|5|a=x\\=y b=x\\ c=1`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{`a=x\=y`, `b=x\`, "c=1"},
		},
		{
			name:   "unknown escapes and unescaped Windows paths are kept",
			record: `CEF:0|V|P|1|100|N|5|filePath=C:\Windows\System32\cmd.exe msg=a\|b\/c cs1=end\`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{`filePath=C:\Windows\System32\cmd.exe`, `msg=a\|b\/c`, `cs1=end\`},
		},
		{
			name:   "an equals sign that does not follow a space and a key is part of the value",
			record: `CEF:0|V|P|1|100|N|5|request=https://example.com/p?a=b&c=d msg=1 + 1 =2 [a]=b cs1=k.-=v`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"request=https://example.com/p?a=b&c=d", "msg=1 + 1 =2 [a]=b", "cs1=k.-=v"},
		},
		{
			name:   "keys with dots, brackets, hyphens and digits",
			record: `CEF:0|V|P|1|100|N|5|ad.user[0]=bob ad.group[1]=admins x-forwarded-for=192.0.2.1 1st=yes _k=v`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"ad.user[0]=bob", "ad.group[1]=admins", "x-forwarded-for=192.0.2.1", "1st=yes", "_k=v"},
		},
		{
			name:   "empty values, the last one too",
			record: `CEF:0|V|P|1|100|N|5|dpt= src=10.0.0.1 suser=  duser= msg=`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"dpt=", "src=10.0.0.1", "suser=", "duser=", "msg="},
		},
		{
			name:   "blanks around values and between pairs, trailing blanks and CRLF",
			record: "CEF:0|V|P|1|100|N|5|   src=10.0.0.1    dst=10.0.0.2\t msg=  hello  world \t \r\n",
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"src=10.0.0.1", "dst=10.0.0.2", "msg=hello  world"},
		},
		{
			name:   "a tab does not separate pairs",
			record: "CEF:0|V|P|1|100|N|5|msg=a\tb=c",
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"msg=a\tb=c"},
		},
		{
			name:   "no extension after the seventh pipe",
			record: `CEF:0|V|P|1|100|N|5|`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
		},
		{
			name:   "no seventh pipe and no extension",
			record: `CEF:0|V|P|1|100|N|High`,
			header: header{"", "0", "V", "P", "1", "100", "N", "High"},
		},
		{
			name:   "empty header fields",
			record: `CEF:0||||||| src=1`,
			header: header{Version: "0"},
			fields: []string{"src=1"},
		},
		{
			name:   "pipes in the extension are data",
			record: `CEF:0|V|P|1|100|N|5|msg=a|b|c act=x|`,
			header: header{"", "0", "V", "P", "1", "100", "N", "5"},
			fields: []string{"msg=a|b|c", "act=x|"},
		},
		{
			name:   "the first CEF: starts the record",
			record: `host CEF:0|V|P|1|100|msg CEF:1 inside|5|msg=CEF:0|x`,
			header: header{"host", "0", "V", "P", "1", "100", "msg CEF:1 inside", "5"},
			fields: []string{"msg=CEF:0|x"},
		},
		{
			name:   "version with a minor number",
			record: `CEF:1.2|V|P|1|100|N|5|`,
			header: header{"", "1.2", "V", "P", "1", "100", "N", "5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			err := Parse([]byte(tt.record), &r)
			require.NoError(t, err)
			assert.Equal(t, tt.header, headerOf(&r))
			assert.Equal(t, tt.fields, pairs(&r))
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		record string
		err    string
		header header // what was read before the error
	}{
		{name: "empty", record: "", err: `offset 0: no "CEF:" in the record`},
		{name: "not CEF", record: "<13>Jan  1 00:00:00 host sshd[1]: Accepted password", err: `offset 0: no "CEF:" in the record`},
		{name: "lower case magic", record: "cef:0|V|P|1|100|N|5|", err: `offset 0: no "CEF:" in the record`},
		{name: "magic only", record: "CEF:", err: "offset 4: CEF version is empty; expected a number such as 0 or 1"},
		{name: "empty version", record: "CEF:|V|P|1|100|N|5|", err: "offset 4: CEF version is empty; expected a number such as 0 or 1"},
		{name: "version not a number", record: "host CEF:x|V|P|1|100|N|5|", err: `offset 9: CEF version "x" is not a number such as 0 or 1`, header: header{Prefix: "host"}},
		{name: "version with a space", record: "CEF: 0|V|P|1|100|N|5|", err: `offset 4: CEF version " 0" is not a number such as 0 or 1`},
		{name: "version ending with a dot", record: "CEF:1.|V|P|1|100|N|5|", err: `offset 4: CEF version "1." is not a number such as 0 or 1`},
		{name: "version without a pipe", record: "CEF:0", err: "offset 5: CEF header has 1 of its 7 pipe-separated fields"},
		{
			name: "five header fields", record: "CEF:0|V|P|1|100", err: "offset 15: CEF header has 5 of its 7 pipe-separated fields",
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1"},
		},
		{
			name: "six header fields behind a syslog header", record: "<13>Jan  1 00:00:00 host CEF:0|V|P|1|100|N", err: "offset 42: CEF header has 6 of its 7 pipe-separated fields",
			header: header{Prefix: "<13>Jan  1 00:00:00 host", Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100"},
		},
		{
			name: "an escaped pipe does not separate fields", record: `CEF:0|V\|P|1|100|N|5`, err: "offset 20: CEF header has 6 of its 7 pipe-separated fields",
			header: header{Version: "0", Vendor: "V|P", Product: "1", DeviceVersion: "100", SignatureID: "N"},
		},
		{
			name: "pipe after the severity forgotten", record: "CEF:0|V|P|1|100|N|5 src=10.0.0.1 dpt=22", err: `offset 18: no '|' after the severity, where the extension must start: "5 src=10.0.0.1 dpt=22"`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N"},
		},
		{
			name: "extension without a key", record: "CEF:0|V|P|1|100|N|5|free text here", err: `offset 20: extension starts with "free text here", not with a key=value pair`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
		{
			name: "extension starting with an equals sign", record: "CEF:0|V|P|1|100|N|5|  =10.0.0.1 dst=1", err: "offset 22: extension starts with '=', with no key before it",
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
		{
			name: "first key with a forbidden byte", record: "CEF:0|V|P|1|100|N|5|s@rc=10.0.0.1", err: `offset 21: extension key "s@rc" holds '@': keys are letters, digits and _ . - [ ], and start with a letter, a digit or _`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
		{
			name: "first key starting with a dot", record: "CEF:0|V|P|1|100|N|5|.src=10.0.0.1", err: `offset 20: extension key ".src" holds '.': keys are letters, digits and _ . - [ ], and start with a letter, a digit or _`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
		{
			name: "first key with an escaped equals sign", record: `CEF:0|V|P|1|100|N|5|src\=1`, err: `offset 23: extension key "src\\" holds '\\': keys are letters, digits and _ . - [ ], and start with a letter, a digit or _`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
		{
			name: "long text is cut in the error", record: "CEF:0|V|P|1|100|N|5|" + strings.Repeat("x", 100), err: `offset 20: extension starts with "` + strings.Repeat("x", 64) + `", not with a key=value pair`,
			header: header{Version: "0", Vendor: "V", Product: "P", DeviceVersion: "1", SignatureID: "100", Name: "N", Severity: "5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			err := Parse([]byte(tt.record), &r)
			assert.Equal(t, tt.err, errString(err))
			var se *SyntaxError
			if assert.True(t, errors.As(err, &se), "error is a *SyntaxError") {
				assert.True(t, se.Offset >= 0 && se.Offset <= len(tt.record), "offset %d within the record", se.Offset)
			}
			assert.Equal(t, tt.header, headerOf(&r))
			assert.Empty(t, r.Fields)
		})
	}
}

// A Record reused for a second record must not keep anything of the first.
func TestParseReusesRecord(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(deepSecurityIPS), &r))
	require.NoError(t, Parse([]byte(`CEF:0|A|B|C|D|E\|F|1|msg=x\=y`), &r))
	assert.Equal(t, header{"", "0", "A", "B", "C", "D", "E|F", "1"}, headerOf(&r))
	assert.Equal(t, []string{"msg=x=y"}, pairs(&r))
	require.Error(t, Parse([]byte("CEF:0|A|B"), &r))
	assert.Nil(t, r.Prefix)
	assert.Nil(t, r.Name)
	assert.Nil(t, r.Extension)
	assert.Empty(t, r.Fields)
}

func TestFieldPositions(t *testing.T) {
	record := []byte(`syslog CEF:0|V|P|1|100|N|5|src=10.0.0.1  msg=a\=b   `)
	var r Record
	require.NoError(t, Parse(record, &r))
	assert.Equal(t, "src=10.0.0.1  msg=a\\=b", string(r.Extension))
	require.Len(t, r.Fields, 2)
	for _, f := range r.Fields {
		assert.Equal(t, string(f.Key), string(record[f.Offset:f.Offset+len(f.Key)]))
		assert.Equal(t, len(f.Key), cap(f.Key), "key capacity cut")
		assert.Equal(t, len(f.Raw), cap(f.Raw), "raw capacity cut")
		assert.Equal(t, len(f.Value), cap(f.Value), "value capacity cut")
	}
	assert.Equal(t, `a\=b`, string(r.Fields[1].Raw))
	assert.Equal(t, `a=b`, string(r.Fields[1].Value))
	assert.Equal(t, len(r.Prefix), cap(r.Prefix))
	assert.Equal(t, len(r.Name), cap(r.Name))
}

func TestSeverityLevel(t *testing.T) {
	tests := []struct {
		severity string
		level    int
		ok       bool
	}{
		{"0", 0, true}, {"3", 3, true}, {"10", 10, true}, {" 7 ", 7, true}, {"07", 7, true},
		{"11", 11, false}, {"100", 0, false}, {"-1", 0, false}, {"", 0, false}, {"5.5", 0, false},
		{"Low", 0, true}, {"low", 0, true}, {"Medium", 4, true}, {"High", 7, true}, {"HIGH", 7, true},
		{"Very-High", 9, true}, {"very high", 9, true}, {"Unknown", 0, false}, {"Critical", 0, false},
	}
	for _, tt := range tests {
		r := Record{Severity: []byte(tt.severity)}
		level, ok := r.SeverityLevel()
		if ok != tt.ok || (ok && level != tt.level) {
			t.Errorf("SeverityLevel(%q) = %d, %v; want %d, %v", tt.severity, level, ok, tt.level, tt.ok)
		}
	}
}

func TestGet(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(deepSecurityIPS), &r))
	for _, tt := range []struct{ name, want string }{
		{"src", "10.20.30.40"}, {"sourceAddress", "10.20.30.40"},
		{"dpt", "445"}, {"destinationPort", "445"},
		{"dvchost", "web-07.corp.example.com"}, {"deviceHostName", "web-07.corp.example.com"},
		{"cs2", "0x00 ACK"}, {"deviceCustomString2", "0x00 ACK"},
		{"cn1Label", "Host ID"}, {"deviceCustomNumber1Label", "Host ID"},
		{"in", "1514"}, {"bytesIn", "1514"}, {"cnt", "1"}, {"baseEventCount", "1"},
		{"TrendMicroDsTenant", "Primary"},
	} {
		got, ok := r.Get(tt.name)
		if !ok || string(got) != tt.want {
			t.Errorf("Get(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	for _, name := range []string{"dst2", "SRC", "trendMicroDsTenant", "", "out", "bytesOut", "cs1"} {
		if got, ok := r.Get(name); ok {
			t.Errorf("Get(%q) = %q, want nothing", name, got)
		}
	}
	f, ok := r.Lookup("destinationAddress")
	require.True(t, ok)
	assert.Equal(t, "dst", string(f.Key))
	k, ok := f.Standard()
	assert.True(t, ok)
	assert.Equal(t, Key{Short: "dst", Full: "destinationAddress"}, k)
	f, ok = r.Lookup("TrendMicroDsFrameType")
	require.True(t, ok)
	_, ok = f.Standard()
	assert.False(t, ok)
}

func TestGetFullNamesAndDuplicates(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(`CEF:0|V|P|1|100|N|5|sourceAddress=10.0.0.1 src=10.0.0.2 msg=first message=second fileName=a.txt`), &r))
	got, _ := r.Get("src")
	assert.Equal(t, "10.0.0.2", string(got), "the last occurrence wins, whatever its form")
	got, _ = r.Get("sourceAddress")
	assert.Equal(t, "10.0.0.2", string(got))
	got, _ = r.Get("msg")
	assert.Equal(t, "second", string(got))
	got, _ = r.Get("fname")
	assert.Equal(t, "a.txt", string(got), "the fileName alias is the fname key")
}

func TestLabels(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(`CEF:0|V|P|1|100|N|5|cn1=1532 cn1Label=Host ID deviceCustomString4=alice deviceCustomString4Label=Account cs5Label=Empty flexString1=x flexString1Label=Flex C6a4Label=Inner c6a4=fe80::1 acmeScore=97 acmeScoreLabel=Risk cs3=orphan`), &r))
	for _, tt := range []struct{ label, key, value string }{
		{"Host ID", "cn1", "1532"},
		{"Account", "deviceCustomString4", "alice"},
		{"Flex", "flexString1", "x"},
		{"Inner", "c6a4", "fe80::1"},
		{"Risk", "acmeScore", "97"},
	} {
		f, ok := r.ByLabel(tt.label)
		if !ok || string(f.Key) != tt.key || string(f.Value) != tt.value {
			t.Errorf("ByLabel(%q) = %q=%q, %v; want %q=%q", tt.label, f.Key, f.Value, ok, tt.key, tt.value)
		}
	}
	for _, label := range []string{"Empty", "host id", "Container", "1532"} {
		if f, ok := r.ByLabel(label); ok {
			t.Errorf("ByLabel(%q) = %q, want nothing", label, f.Key)
		}
	}
	for _, tt := range []struct{ name, label string }{
		{"cn1", "Host ID"}, {"deviceCustomNumber1", "Host ID"}, {"cs4", "Account"}, {"flexString1", "Flex"},
		{"acmeScore", "Risk"}, {"c6a4", "Inner"}, {"cs5", "Empty"},
	} {
		got, ok := r.Label(tt.name)
		if !ok || string(got) != tt.label {
			t.Errorf("Label(%q) = %q, %v; want %q", tt.name, got, ok, tt.label)
		}
	}
	for _, name := range []string{"cs3", "src", "cn2", "acme"} {
		if got, ok := r.Label(name); ok {
			t.Errorf("Label(%q) = %q, want nothing", name, got)
		}
	}
}

// The keys the CEF specification gives a short form, with their full
// names.
func TestDictionary(t *testing.T) {
	want := map[string]string{
		"src": "sourceAddress", "dst": "destinationAddress", "spt": "sourcePort", "dpt": "destinationPort",
		"suser": "sourceUserName", "duser": "destinationUserName", "suid": "sourceUserId", "duid": "destinationUserId",
		"spriv": "sourceUserPrivileges", "dpriv": "destinationUserPrivileges",
		"act": "deviceAction", "app": "applicationProtocol", "cat": "deviceEventCategory", "catdt": "categoryDeviceType",
		"cn1": "deviceCustomNumber1", "cn2": "deviceCustomNumber2", "cn3": "deviceCustomNumber3",
		"cn1Label": "deviceCustomNumber1Label", "cn3Label": "deviceCustomNumber3Label",
		"cs1": "deviceCustomString1", "cs2": "deviceCustomString2", "cs3": "deviceCustomString3",
		"cs4": "deviceCustomString4", "cs5": "deviceCustomString5", "cs6": "deviceCustomString6",
		"cs1Label": "deviceCustomString1Label", "cs6Label": "deviceCustomString6Label",
		"cfp1": "deviceCustomFloatingPoint1", "cfp4Label": "deviceCustomFloatingPoint4Label",
		"c6a1": "deviceCustomIPv6Address1", "c6a3Label": "deviceCustomIPv6Address3Label",
		"deviceCustomDate1": "deviceCustomDate1", "deviceCustomDate2Label": "deviceCustomDate2Label",
		"flexString2": "flexString2", "flexDate1Label": "flexDate1Label",
		"rt": "deviceReceiptTime", "start": "startTime", "end": "endTime", "art": "agentReceiptTime",
		"msg": "message", "request": "requestUrl", "requestMethod": "requestMethod", "outcome": "eventOutcome",
		"proto": "transportProtocol", "in": "bytesIn", "out": "bytesOut", "cnt": "baseEventCount",
		"shost": "sourceHostName", "dhost": "destinationHostName", "smac": "sourceMacAddress", "dmac": "destinationMacAddress",
		"sntdom": "sourceNtDomain", "dntdom": "destinationNtDomain", "slat": "sourceGeoLatitude", "dlong": "destinationGeoLongitude",
		"spid": "sourceProcessId", "sproc": "sourceProcessName", "dpid": "destinationProcessId", "dproc": "destinationProcessName",
		"fname": "filename", "fsize": "fileSize", "filePath": "filePath", "fileHash": "fileHash",
		"externalId": "externalId", "dvc": "deviceAddress", "dvchost": "deviceHostName", "dvcmac": "deviceMacAddress",
		"dvcpid": "deviceProcessId", "dtz": "deviceTimeZone",
		"agt": "agentAddress", "ahost": "agentHostName", "aid": "agentId", "amac": "agentMacAddress",
		"at": "agentType", "atz": "agentTimeZone", "av": "agentVersion", "type": "type", "reason": "reason",
		"sourceTranslatedAddress": "sourceTranslatedAddress", "destinationTranslatedPort": "destinationTranslatedPort",
	}
	for short, full := range want {
		k, ok := LookupKey(short)
		if !ok || k.Short != short || k.Full != full {
			t.Errorf("LookupKey(%q) = %+v, %v; want {%s %s}", short, k, ok, short, full)
		}
		if k2, ok := LookupKey(full); !ok || k2 != k {
			t.Errorf("LookupKey(%q) = %+v, %v; want %+v", full, k2, ok, k)
		}
	}
	for alias, short := range map[string]string{"C6a4Label": "c6a4Label", "fileName": "fname", "Reason": "reason"} {
		if k, ok := LookupKey(alias); !ok || k.Short != short {
			t.Errorf("LookupKey(%q) = %+v, %v; want the entry of %q", alias, k, ok, short)
		}
	}
	for _, name := range []string{"", "SRC", "sourceaddress", "TrendMicroDsTenant", "cs7", "cn4"} {
		if k, ok := LookupKey(name); ok {
			t.Errorf("LookupKey(%q) = %+v, want nothing", name, k)
		}
	}

	all := Keys()
	seen := map[string]bool{}
	for _, k := range all {
		for _, name := range []string{k.Short, k.Full} {
			if seen[name] && name != k.Full || seen[name] && k.Short != k.Full {
				t.Errorf("%q appears twice in the dictionary", name)
			}
			seen[name] = true
			for i := range len(name) {
				if keyClass[name[i]] == 0 || i == 0 && keyClass[name[i]] != keyStartChar {
					t.Errorf("dictionary key %q holds %q, which the parser does not read as a key byte", name, name[i])
				}
			}
		}
	}
	all[0].Full = "changed"
	assert.Equal(t, "agentAddress", Keys()[0].Full, "Keys returns a copy")
	assert.True(t, slices.IsSortedFunc(Keys(), func(a, b Key) int {
		return strings.Compare(strings.ToLower(a.Full), strings.ToLower(b.Full))
	}), "keys are in the specification's order, by full name")
}

func TestParseAllocations(t *testing.T) {
	for _, record := range []string{deepSecurityIPS, deepSecurityMalware, fortigate, checkPoint} {
		data := []byte(record)
		var r Record
		var err error
		allocs := testing.AllocsPerRun(200, func() { err = Parse(data, &r) })
		if allocs != 0 || err != nil {
			t.Errorf("%v allocations per record, error %v: %.40s", allocs, err, record)
		}
		allocs = testing.AllocsPerRun(200, func() {
			_, _ = r.Get("sourceAddress")
			_, _ = r.Get("TrendMicroDsTenant")
			_, _ = r.ByLabel("Host ID")
			_, _ = r.Label("cn1")
			_, _ = r.SeverityLevel()
		})
		if allocs != 0 {
			t.Errorf("%v allocations per lookup", allocs)
		}
	}
}
