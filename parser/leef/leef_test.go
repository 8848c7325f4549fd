package leef

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// header flattens a record's header for comparison.
type header struct {
	Prefix, Version, Vendor, Product, ProductVersion, EventID, DelimiterField, Delimiter string
}

func headerOf(r *Record) header {
	return header{string(r.Prefix), string(r.Version), string(r.Vendor), string(r.Product),
		string(r.ProductVersion), string(r.EventID), string(r.DelimiterField), string(r.Delimiter)}
}

// pairs flattens a record's attributes to "key=value" strings.
func pairs(r *Record) []string {
	var out []string
	for _, a := range r.Attributes {
		out = append(out, string(a.Key)+"="+string(a.Value))
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Records written for these tests after the formats IBM and the vendors
// document.
const (
	qradarExchange = "<13>Jan 18 11:07:53 192.0.2.1 LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.10\tdst=198.51.100.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black"

	stealthWatch = "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^srcPort=81^dstPort=21^proto=6"

	deepSecurityLEEF = "<134>May 01 12:00:00 dsm01 LEEF:2.0|Trend Micro|Deep Security Agent|20.0.1.690|4000000|cat=Anti-Malware\tname=Eicar_test_file\tdesc=Eicar_test_file\tsev=6\tcn1=88\tcn1Label=Host ID\tdvchost=ws-114\tTrendMicroDsTenant=Primary\tTrendMicroDsTenantId=0\tfilePath=C:\\Users\\alice\\eicar.com\tact=Quarantine\tmsg=Realtime"

	deepSecurityFirewall = "LEEF:2.0|Trend Micro|Deep Security Agent|20.0.1.690|20|x09|cat=Firewall\tname=Remote Domain Enforcement (Split Tunnel)\tdesc=Remote Domain Enforcement (Split Tunnel)\tsev=5\tcn1=1532\tcn1Label=Host ID\tdvchost=web-07\tTrendMicroDsTenant=Primary\tTrendMicroDsTenantId=0\tdstMAC=00:50:56:AB:12:CD\tsrcMAC=00:50:56:CD:34:EF\tTrendMicroDsFrameType=IP\tsrc=10.20.30.40\tdst=10.20.30.50\tout=1019\tcs3=DF MF\tcs3Label=Fragmentation Bits\tproto=TCP\tsrcPort=49617\tdstPort=80\tcs2=0x00 ACK PSH\tcs2Label=TCP Flags\tcnt=1\tact=Log\tTrendMicroDsPacketData=AAECAwQF"

	carbonBlack = "Jan 18 11:07:53 198.51.100.4 LEEF:1.0|VMware Carbon Black|App Control|8.9.0.155|NEW_FILE|devTime=May 01 2024 12:00:00.123 +0200\tdevTimeFormat=MMM dd yyyy HH:mm:ss.SSS Z\tsrc=198.51.100.67\tusrName=CORP\\alice\tsev=3\tcat=Discovery\turl=http://updates.example.com/get?id=7&os=win\tmsg=File 'setup.exe' [sha256=abc] was discovered"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		record string
		header header
		attrs  []string
	}{
		{
			name:   "QRadar LEEF 1.0 behind an RFC 3164 header",
			record: qradarExchange,
			header: header{"<13>Jan 18 11:07:53 192.0.2.1", "1.0", "Microsoft", "MSExchange", "4.0 SP1", "15345", "", "\t"},
			attrs:  []string{"src=192.0.2.10", "dst=198.51.100.1", "sev=5", "cat=anomaly", "srcPort=81", "dstPort=21", "usrName=joe.black"},
		},
		{
			name:   "LEEF 2.0 with a caret",
			record: stealthWatch,
			header: header{"", "2.0", "Lancope", "StealthWatch", "1.0", "41", "^", "^"},
			attrs:  []string{"src=10.0.1.8", "dst=10.0.0.5", "sev=5", "srcPort=81", "dstPort=21", "proto=6"},
		},
		{
			name:   "Deep Security LEEF 2.0 without a delimiter field",
			record: deepSecurityLEEF,
			header: header{"<134>May 01 12:00:00 dsm01", "2.0", "Trend Micro", "Deep Security Agent", "20.0.1.690", "4000000", "", "\t"},
			attrs: []string{"cat=Anti-Malware", "name=Eicar_test_file", "desc=Eicar_test_file", "sev=6", "cn1=88", "cn1Label=Host ID",
				"dvchost=ws-114", "TrendMicroDsTenant=Primary", "TrendMicroDsTenantId=0", `filePath=C:\Users\alice\eicar.com`,
				"act=Quarantine", "msg=Realtime"},
		},
		{
			name:   "Deep Security firewall event with a hex tab delimiter",
			record: deepSecurityFirewall,
			header: header{"", "2.0", "Trend Micro", "Deep Security Agent", "20.0.1.690", "20", "x09", "\t"},
			attrs: []string{"cat=Firewall", "name=Remote Domain Enforcement (Split Tunnel)", "desc=Remote Domain Enforcement (Split Tunnel)",
				"sev=5", "cn1=1532", "cn1Label=Host ID", "dvchost=web-07", "TrendMicroDsTenant=Primary", "TrendMicroDsTenantId=0",
				"dstMAC=00:50:56:AB:12:CD", "srcMAC=00:50:56:CD:34:EF", "TrendMicroDsFrameType=IP", "src=10.20.30.40", "dst=10.20.30.50",
				"out=1019", "cs3=DF MF", "cs3Label=Fragmentation Bits", "proto=TCP", "srcPort=49617", "dstPort=80",
				"cs2=0x00 ACK PSH", "cs2Label=TCP Flags", "cnt=1", "act=Log", "TrendMicroDsPacketData=AAECAwQF"},
		},
		{
			name:   "devTime with its format, equals signs and backslashes in values",
			record: carbonBlack,
			header: header{"Jan 18 11:07:53 198.51.100.4", "1.0", "VMware Carbon Black", "App Control", "8.9.0.155", "NEW_FILE", "", "\t"},
			attrs: []string{"devTime=May 01 2024 12:00:00.123 +0200", "devTimeFormat=MMM dd yyyy HH:mm:ss.SSS Z", "src=198.51.100.67",
				`usrName=CORP\alice`, "sev=3", "cat=Discovery", "url=http://updates.example.com/get?id=7&os=win",
				"msg=File 'setup.exe' [sha256=abc] was discovered"},
		},
		{
			name:   "RFC 5424 header",
			record: "<13>1 2019-01-18T11:07:53.520Z 192.0.2.1 LEEF:2.0|Acme|Gate|2.1|login|0x5E|usrName=bob^src=192.0.2.7",
			header: header{"<13>1 2019-01-18T11:07:53.520Z 192.0.2.1", "2.0", "Acme", "Gate", "2.1", "login", "0x5E", "^"},
			attrs:  []string{"usrName=bob", "src=192.0.2.7"},
		},
		{
			name:   "hex delimiters: X prefix, one digit, upper case",
			record: "LEEF:2.0|V|P|1|E|X7C|a=1|b=2",
			header: header{"", "2.0", "V", "P", "1", "E", "X7C", "|"},
			attrs:  []string{"a=1", "b=2"},
		},
		{
			name:   "hex delimiter of one digit",
			record: "LEEF:2.0|V|P|1|E|x9|a=1\tb=2",
			header: header{"", "2.0", "V", "P", "1", "E", "x9", "\t"},
			attrs:  []string{"a=1", "b=2"},
		},
		{
			name:   "a multi-byte delimiter, literal and in hex",
			record: "LEEF:2.0|V|P|1|E|¦|a=1¦b=x¦y=2",
			header: header{"", "2.0", "V", "P", "1", "E", "¦", "¦"},
			attrs:  []string{"a=1", "b=x", "y=2"},
		},
		{
			name:   "a multi-byte delimiter in hex",
			record: "LEEF:2.0|V|P|1|E|xA6|a=1¦b=2",
			header: header{"", "2.0", "V", "P", "1", "E", "xA6", "¦"},
			attrs:  []string{"a=1", "b=2"},
		},
		{
			name:   "the letter x as a delimiter",
			record: "LEEF:2.0|V|P|1|E|x|a=1xb=2",
			header: header{"", "2.0", "V", "P", "1", "E", "x", "x"},
			attrs:  []string{"a=1", "b=2"},
		},
		{
			name:   "an empty delimiter field is a tab",
			record: "LEEF:2.0|V|P|1|E||a=1\tb=2",
			header: header{"", "2.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"a=1", "b=2"},
		},
		{
			name:   "a 2.0 record without delimiter field whose values hold pipes",
			record: "LEEF:2.0|V|P|1|E|msg=a|b\tc=d|e",
			header: header{"", "2.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"msg=a|b", "c=d|e"},
		},
		{
			name:   "LEEF 1.0 takes no delimiter field",
			record: "LEEF:1.0|V|P|1|E|msg=a^b|c",
			header: header{"", "1.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"msg=a^b|c"},
		},
		{
			name:   "header escapes",
			record: `LEEF:1.0|Ven\|dor|Pro\\duct|1\|2|Event \| ID|a=b`,
			header: header{"", "1.0", "Ven|dor", `Pro\duct`, "1|2", "Event | ID", "", "\t"},
			attrs:  []string{"a=b"},
		},
		{
			name:   "values are verbatim: spaces, backslashes, equals signs",
			record: "LEEF:1.0|V|P|1|E|msg=  two  spaces  \tpath=C:\\Temp\\x\\=y\tq=a=b=c\tempty=\tlast=end  ",
			header: header{"", "1.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"msg=  two  spaces  ", `path=C:\Temp\x\=y`, "q=a=b=c", "empty=", "last=end  "},
		},
		{
			name:   "blanks around keys, empty and blank segments, a trailing delimiter and CRLF",
			record: "LEEF:1.0|V|P|1|E|\t src =1\t\t \tdst=2\t\r\n",
			header: header{"", "1.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"src=1", "dst=2"},
		},
		{
			name:   "a segment without a key continues the previous value",
			record: "LEEF:1.0|V|P|1|E|msg=line one\tline two\t\tline four\tsev=3\t=x",
			header: header{"", "1.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"msg=line one\tline two\t\tline four", "sev=3\t=x"},
		},
		{
			name:   "a trailing pipe and no attributes",
			record: "LEEF:1.0|V|P|1|E|",
			header: header{"", "1.0", "V", "P", "1", "E", "", "\t"},
		},
		{
			name:   "no pipe after the event ID",
			record: "LEEF:1.0|V|P|1|Logon Event",
			header: header{"", "1.0", "V", "P", "1", "Logon Event", "", "\t"},
		},
		{
			name:   "a delimiter field and no attributes",
			record: "LEEF:2.0|V|P|1|E|^|",
			header: header{"", "2.0", "V", "P", "1", "E", "^", "^"},
		},
		{
			name:   "a delimiter field without its pipe",
			record: "LEEF:2.0|V|P|1|E|x5E",
			header: header{"", "2.0", "V", "P", "1", "E", "x5E", "^"},
		},
		{
			name:   "a space delimiter",
			record: "LEEF:2.0|V|P|1|E| |a=1 b=2  c=3",
			header: header{"", "2.0", "V", "P", "1", "E", " ", " "},
			attrs:  []string{"a=1", "b=2", "c=3"},
		},
		{
			name:   "version without a minor number, empty header fields",
			record: "LEEF:2|||||a=1",
			header: header{"", "2", "", "", "", "", "", "\t"},
			attrs:  []string{"a=1"},
		},
		{
			name:   "the first LEEF: starts the record",
			record: "host LEEF:1.0|V|P|1|E|msg=LEEF:2.0|x",
			header: header{"host", "1.0", "V", "P", "1", "E", "", "\t"},
			attrs:  []string{"msg=LEEF:2.0|x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Record
			require.NoError(t, Parse([]byte(tt.record), &r))
			assert.Equal(t, tt.header, headerOf(&r))
			assert.Equal(t, tt.attrs, pairs(&r))
		})
	}
}

func TestParseErrors(t *testing.T) {
	full := header{Version: "2.0", Vendor: "V", Product: "P", ProductVersion: "1", EventID: "E"}
	tests := []struct {
		name   string
		record string
		err    string
		header header // what was read before the error
	}{
		{name: "empty", record: "", err: `offset 0: no "LEEF:" in the record`},
		{name: "CEF", record: "CEF:0|V|P|1|100|N|5|src=1", err: `offset 0: no "LEEF:" in the record`},
		{name: "magic only", record: "LEEF:", err: `offset 5: LEEF version "" is not 1.0 or 2.0`},
		{name: "version 3", record: "host LEEF:3.0|V|P|1|E|a=1", err: `offset 10: LEEF version "3.0" is not 1.0 or 2.0`, header: header{Prefix: "host"}},
		{name: "version with a letter", record: "LEEF:1.0a|V|P|1|E|", err: `offset 5: LEEF version "1.0a" is not 1.0 or 2.0`},
		{name: "version ending with a dot", record: "LEEF:2.|V|P|1|E|", err: `offset 5: LEEF version "2." is not 1.0 or 2.0`},
		{name: "version without a pipe", record: "LEEF:1.0", err: "offset 8: LEEF header has 1 of its 5 pipe-separated fields"},
		{
			name: "three header fields", record: "LEEF:1.0|V|P", err: "offset 12: LEEF header has 3 of its 5 pipe-separated fields",
			header: header{Version: "1.0", Vendor: "V"},
		},
		{
			name: "an escaped pipe does not separate fields", record: `LEEF:1.0|V|P\|1|E`, err: "offset 17: LEEF header has 4 of its 5 pipe-separated fields",
			header: header{Version: "1.0", Vendor: "V", Product: "P|1"},
		},
		{
			name: "pipe after the event ID forgotten", record: "LEEF:1.0|V|P|1|E src=1\tdst=2", err: `offset 15: no '|' after the event ID, where the attributes must start: "E src=1\tdst=2"`,
			header: header{Version: "1.0", Vendor: "V", Product: "P", ProductVersion: "1"},
		},
		{
			name: "a delimiter of two characters", record: "LEEF:2.0|V|P|1|E|^^|a=1", err: `offset 17: LEEF 2.0 delimiter "^^" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "a hex delimiter with a bad digit", record: "LEEF:2.0|V|P|1|E|x0G|a=1", err: `offset 17: LEEF 2.0 delimiter "x0G" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "a hex delimiter of five digits", record: "LEEF:2.0|V|P|1|E|x00009|a=1", err: `offset 17: LEEF 2.0 delimiter "x00009" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "0x without digits", record: "LEEF:2.0|V|P|1|E|0x|a=1", err: `offset 17: LEEF 2.0 delimiter "0x" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "a surrogate code point", record: "LEEF:2.0|V|P|1|E|xD800|a=1", err: `offset 17: LEEF 2.0 delimiter "xD800" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "one byte that is not UTF-8", record: "LEEF:2.0|V|P|1|E|\xa6|a=1", err: `offset 17: LEEF 2.0 delimiter "\xa6" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "a word where the delimiter goes", record: "LEEF:2.0|V|P|1|E|attributes|a=1", err: `offset 17: LEEF 2.0 delimiter "attributes" is neither one character nor a hex code such as x09 or 0x5E`,
			header: full,
		},
		{
			name: "an equals sign as delimiter", record: "LEEF:2.0|V|P|1|E|x3D|a=1", err: `offset 17: LEEF 2.0 delimiter "x3D" is '=', which separates keys from values`,
			header: full,
		},
		{
			name: "attributes without a key", record: "LEEF:1.0|V|P|1|E|free text\ta=1", err: `offset 17: attributes start with "free text", not with a key=value pair`,
			header: header{Version: "1.0", Vendor: "V", Product: "P", ProductVersion: "1", EventID: "E", Delimiter: "\t"},
		},
		{
			name: "attributes starting with an equals sign", record: "LEEF:2.0|V|P|1|E|^|  ^ =1^a=2", err: `offset 23: attributes start with '=', with no key before it`,
			header: header{Version: "2.0", Vendor: "V", Product: "P", ProductVersion: "1", EventID: "E", DelimiterField: "^", Delimiter: "^"},
		},
		{
			name: "long text is cut in the error", record: "LEEF:1.0|V|P|1|E|" + strings.Repeat("y", 100), err: `offset 17: attributes start with "` + strings.Repeat("y", 64) + `", not with a key=value pair`,
			header: header{Version: "1.0", Vendor: "V", Product: "P", ProductVersion: "1", EventID: "E", Delimiter: "\t"},
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
			assert.Empty(t, r.Attributes)
		})
	}
}

func TestParseReusesRecord(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(deepSecurityFirewall), &r))
	require.NoError(t, Parse([]byte(`LEEF:2.0|A\|B|C|D|E|^|k=v`), &r))
	assert.Equal(t, header{"", "2.0", "A|B", "C", "D", "E", "^", "^"}, headerOf(&r))
	assert.Equal(t, []string{"k=v"}, pairs(&r))
	require.Error(t, Parse([]byte("LEEF:1.0|A"), &r))
	assert.Nil(t, r.Prefix)
	assert.Nil(t, r.Delimiter)
	assert.Empty(t, r.Attributes)
}

func TestAttributePositions(t *testing.T) {
	record := []byte("syslog LEEF:1.0|V|P|1|E|  src=10.0.0.1\tmsg=a b")
	var r Record
	require.NoError(t, Parse(record, &r))
	require.Len(t, r.Attributes, 2)
	for _, a := range r.Attributes {
		assert.Equal(t, string(a.Key), string(record[a.Offset:a.Offset+len(a.Key)]))
		assert.Equal(t, len(a.Key), cap(a.Key))
		assert.Equal(t, len(a.Value), cap(a.Value))
	}
	assert.Equal(t, len(r.Prefix), cap(r.Prefix))
	assert.Equal(t, len(r.Delimiter), cap(r.Delimiter))
}

func TestLookups(t *testing.T) {
	var r Record
	require.NoError(t, Parse([]byte(deepSecurityFirewall+"\tsev=7\tacmeScore=97\tacmeScoreLabel=Risk\tcs5Label=Orphan"), &r))
	for _, tt := range []struct{ name, want string }{
		{"src", "10.20.30.40"}, {"dstPort", "80"}, {"cs2", "0x00 ACK PSH"}, {"TrendMicroDsTenant", "Primary"}, {"sev", "7"},
	} {
		got, ok := r.Get(tt.name)
		if !ok || string(got) != tt.want {
			t.Errorf("Get(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	for _, name := range []string{"SRC", "sourceAddress", "", "srcport"} {
		if got, ok := r.Get(name); ok {
			t.Errorf("Get(%q) = %q, want nothing", name, got)
		}
	}
	a, ok := r.Lookup("srcMAC")
	require.True(t, ok)
	k, ok := a.Predefined()
	assert.True(t, ok)
	assert.Equal(t, Key{Name: "srcMAC", Type: "mac"}, k)
	a, _ = r.Lookup("cs2")
	_, ok = a.Predefined()
	assert.False(t, ok)

	level, ok := r.SeverityLevel()
	assert.True(t, ok)
	assert.Equal(t, 7, level, "the last sev wins")

	for _, tt := range []struct{ label, key, value string }{
		{"Host ID", "cn1", "1532"}, {"TCP Flags", "cs2", "0x00 ACK PSH"}, {"Risk", "acmeScore", "97"},
	} {
		a, ok := r.ByLabel(tt.label)
		if !ok || string(a.Key) != tt.key || string(a.Value) != tt.value {
			t.Errorf("ByLabel(%q) = %q=%q, %v; want %q=%q", tt.label, a.Key, a.Value, ok, tt.key, tt.value)
		}
	}
	for _, label := range []string{"Orphan", "host id", "1532"} {
		if a, ok := r.ByLabel(label); ok {
			t.Errorf("ByLabel(%q) = %q, want nothing", label, a.Key)
		}
	}
	got, ok := r.Label("cn1")
	assert.True(t, ok)
	assert.Equal(t, "Host ID", string(got))
	_, ok = r.Label("src")
	assert.False(t, ok)
}

func TestSeverityAndDevTime(t *testing.T) {
	for _, tt := range []struct {
		sev   string
		level int
		ok    bool
	}{
		{"1", 1, true}, {"10", 10, true}, {"0", 0, true}, {" 5 ", 5, true},
		{"11", 0, false}, {"High", 0, false}, {"", 0, false}, {"-1", 0, false}, {"100", 0, false},
	} {
		var r Record
		require.NoError(t, Parse([]byte("LEEF:1.0|V|P|1|E|sev="+tt.sev), &r))
		level, ok := r.SeverityLevel()
		if ok != tt.ok || ok && level != tt.level {
			t.Errorf("sev=%q: level %d, %v; want %d, %v", tt.sev, level, ok, tt.level, tt.ok)
		}
	}
	var r Record
	require.NoError(t, Parse([]byte(qradarExchange), &r))
	_, _, ok := r.DevTime()
	assert.False(t, ok)
	require.NoError(t, Parse([]byte(carbonBlack), &r))
	value, format, ok := r.DevTime()
	assert.True(t, ok)
	assert.Equal(t, "May 01 2024 12:00:00.123 +0200", string(value))
	assert.Equal(t, "MMM dd yyyy HH:mm:ss.SSS Z", string(format))
	require.NoError(t, Parse([]byte("LEEF:1.0|V|P|1|E|devTime=1714564800000"), &r))
	value, format, ok = r.DevTime()
	assert.True(t, ok)
	assert.Equal(t, "1714564800000", string(value))
	assert.Nil(t, format)
}

func TestPredefinedKeys(t *testing.T) {
	for _, name := range []string{"cat", "devTime", "devTimeFormat", "proto", "sev", "src", "dst", "srcPort", "dstPort",
		"srcPreNAT", "dstPreNAT", "srcPostNAT", "dstPostNAT", "srcMAC", "dstMAC", "srcBytes", "dstBytes", "srcPackets",
		"dstPackets", "totalPackets", "usrName", "accountName", "role", "realm", "identSrc", "identHostName",
		"identNetBios", "identGrpName", "identMAC", "vSrc", "vSrcName", "isLoginEvent", "isLogoutEvent", "policy",
		"resource", "url", "groupID", "domain"} {
		if k, ok := LookupKey(name); !ok || k.Name != name {
			t.Errorf("LookupKey(%q) = %+v, %v", name, k, ok)
		}
	}
	for _, name := range []string{"", "Src", "suser", "dvchost", "msg"} {
		if k, ok := LookupKey(name); ok {
			t.Errorf("LookupKey(%q) = %+v, want nothing", name, k)
		}
	}
	types := map[string]bool{"string": true, "integer": true, "ip": true, "mac": true, "time": true, "boolean": true}
	seen := map[string]bool{}
	all := Keys()
	for _, k := range all {
		assert.False(t, seen[k.Name], "%s twice", k.Name)
		seen[k.Name] = true
		assert.True(t, types[k.Type], "%s has type %q", k.Name, k.Type)
	}
	all[0].Name = "changed"
	assert.Equal(t, "cat", Keys()[0].Name, "Keys returns a copy")
}

func TestParseAllocations(t *testing.T) {
	for _, record := range []string{qradarExchange, stealthWatch, deepSecurityLEEF, deepSecurityFirewall, carbonBlack,
		"LEEF:2.0|V|P|1|E|xA6|a=1¦b=2", `LEEF:1.0|Ven\|dor|P|1|E|a=b`} {
		data := []byte(record)
		var r Record
		var err error
		allocs := testing.AllocsPerRun(200, func() { err = Parse(data, &r) })
		if allocs != 0 || err != nil {
			t.Errorf("%v allocations per record, error %v: %.40s", allocs, err, record)
		}
		allocs = testing.AllocsPerRun(200, func() {
			_, _ = r.Get("src")
			_, _ = r.ByLabel("Host ID")
			_, _ = r.Label("cn1")
			_, _ = r.SeverityLevel()
			_, _, _ = r.DevTime()
		})
		if allocs != 0 {
			t.Errorf("%v allocations per lookup", allocs)
		}
	}
}
