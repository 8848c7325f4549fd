package winevent

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const securityGUID = "{54849625-5478-4994-a5ba-3e3b0328c30d}"

// allSecurity is Present for a Security event with every numeric field.
const allSecurity = FieldEventID | FieldVersion | FieldLevel | FieldTask | FieldOpcode | FieldEventRecordID | FieldProcessID | FieldThreadID

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return ts
}

// dataOf returns the named items of e as a map, failing on duplicates.
func dataOf(t *testing.T, e *Event) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, d := range e.EventData.Data {
		_, dup := m[d.Name]
		require.False(t, dup, "duplicate Data %q", d.Name)
		m[d.Name] = d.Value
	}
	return m
}

func TestParseSamples(t *testing.T) {
	tests := []struct {
		file   string
		system System
		// data holds some items, checked with Get; count is len(Data).
		data  map[string]string
		count int
		check func(t *testing.T, e *Event)
	}{{
		file: "4624-logon.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: securityGUID},
			EventID:  4624, Version: 2, Level: 0, Task: 12544, Opcode: 0,
			Keywords:      "0x8020000000000000",
			TimeCreated:   time.Date(2024, 3, 11, 8, 15, 42, 385617200, time.UTC),
			SystemTime:    "2024-03-11T08:15:42.3856172Z",
			EventRecordID: 1175305,
			Correlation:   Correlation{ActivityID: "{1b8e9c2a-73d1-0004-4c9f-8e1bd173da01}"},
			Execution:     Execution{ProcessID: 712, ThreadID: 3140},
			Channel:       "Security",
			Computer:      "WS-FIN-017.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"TargetUserName":   "j.moreau",
			"TargetDomainName": "CORP",
			"LogonType":        "10",
			"IpAddress":        "198.51.100.23",
			"IpPort":           "51724",
			"LogonProcessName": "User32 ", // not trimmed
			"SubjectUserName":  "WS-FIN-017$",
			"ProcessName":      `C:\Windows\System32\svchost.exe`,
			"ElevatedToken":    "%%1842",
		},
		count: 27,
		check: func(t *testing.T, e *Event) {
			require.NotNil(t, e.RenderingInfo)
			ri := *e.RenderingInfo
			assert.True(t, strings.HasPrefix(ri.Message, "An account was successfully logged on.\n\nSubject:\n\tSecurity ID:\t\tS-1-5-18\n"), "%q", ri.Message)
			assert.True(t, strings.HasSuffix(ri.Message, "\tElevated Token:\t\tYes"), "%q", ri.Message)
			ri.Message = ""
			assert.Equal(t, RenderingInfo{
				Culture: "en-US", Level: "Information", Task: "Logon", Opcode: "Info",
				Channel: "Security", Provider: "Microsoft Windows security auditing.",
				Keywords: []string{"Audit Success"},
			}, ri)
			bits, ok := e.System.KeywordBits()
			assert.True(t, ok)
			assert.NotZero(t, bits&KeywordAuditSuccess)
			assert.Zero(t, bits&KeywordAuditFailure)
			assert.Nil(t, e.UserData)
			assert.Equal(t, "TargetUserName", e.EventData.Key(5))
		},
	}, {
		// Pretty-printed, with double quotes: whitespace between elements
		// is not data.
		file: "4625-logon-failed.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: securityGUID},
			EventID:  4625, Task: 12544,
			Keywords:      "0x8010000000000000",
			TimeCreated:   time.Date(2024, 3, 11, 8, 16, 3, 1234500, time.UTC),
			SystemTime:    "2024-03-11T08:16:03.0012345Z",
			EventRecordID: 1175311,
			Execution:     Execution{ProcessID: 712, ThreadID: 5016},
			Channel:       "Security",
			Computer:      "DC01.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"Status":         "0xc000006d",
			"SubStatus":      "0xc000006a",
			"FailureReason":  "%%2313",
			"TargetUserName": "administrator",
			"LogonType":      "3",
			"IpAddress":      "::ffff:203.0.113.77",
			"IpPort":         "0",
			"SubjectUserSid": "S-1-0-0",
		},
		count: 21,
		check: func(t *testing.T, e *Event) {
			assert.Nil(t, e.RenderingInfo)
			bits, _ := e.System.KeywordBits()
			assert.NotZero(t, bits&KeywordAuditFailure)
		},
	}, {
		file: "4688-process-created.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: securityGUID},
			EventID:  4688, Version: 2, Task: 13312,
			Keywords:      "0x8020000000000000",
			TimeCreated:   time.Date(2024, 3, 11, 9, 2, 17, 664008100, time.UTC),
			SystemTime:    "2024-03-11T09:02:17.6640081Z",
			EventRecordID: 1176020,
			Execution:     Execution{ProcessID: 4, ThreadID: 8840},
			Channel:       "Security",
			Computer:      "WS-FIN-017.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"NewProcessName":     `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
			"NewProcessId":       "0x1a2c",
			"CommandLine":        `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -Command "Get-ChildItem 'C:\Users\j.moreau\Documents' | Where-Object { $_.Length -gt 1MB -and $_.Name -like '*&*' } > C:\Temp\big<1>.txt"`,
			"ParentProcessName":  `C:\Windows\explorer.exe`,
			"TokenElevationType": "%%1938",
			"MandatoryLabel":     "S-1-16-8192",
		},
		count: 15,
	}, {
		file: "4720-user-created.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: securityGUID},
			EventID:  4720, Task: 13824,
			Keywords:      "0x8020000000000000",
			TimeCreated:   time.Date(2024, 3, 12, 14, 40, 9, 512044700, time.UTC),
			SystemTime:    "2024-03-12T14:40:09.5120447Z",
			EventRecordID: 88231,
			Execution:     Execution{ProcessID: 688, ThreadID: 2212},
			Channel:       "Security",
			Computer:      "DC01.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"TargetUserName":     "svc-backup2",
			"TargetSid":          "S-1-5-21-3623811015-3361044348-30300820-2210",
			"SubjectUserName":    "Administrator",
			"UserPrincipalName":  "svc-backup2@corp.example.org",
			"NewUacValue":        "0x15",
			"UserAccountControl": "\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084",
		},
		count: 26,
	}, {
		file: "4768-kerberos-tgt.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: securityGUID},
			EventID:  4768, Task: 14339,
			Keywords:      "0x8020000000000000",
			TimeCreated:   time.Date(2024, 3, 12, 7, 59, 58, 998123400, time.UTC),
			SystemTime:    "2024-03-12T07:59:58.9981234Z",
			EventRecordID: 90112,
			Execution:     Execution{ProcessID: 688, ThreadID: 4420},
			Channel:       "Security",
			Computer:      "DC01.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"TargetUserName":       "j.moreau",
			"ServiceName":          "krbtgt",
			"TicketOptions":        "0x40810010",
			"TicketEncryptionType": "0x12",
			"Status":               "0x0",
			"IpAddress":            "::ffff:10.20.30.41",
			"CertIssuerName":       "", // present and empty
		},
		count: 14,
	}, {
		file: "1102-log-cleared.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Eventlog", GUID: "{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}"},
			EventID:  1102, Level: 4, Task: 104,
			Keywords:      "0x4020000000000000",
			TimeCreated:   time.Date(2024, 3, 13, 22, 4, 31, 123456700, time.UTC),
			SystemTime:    "2024-03-13T22:04:31.1234567Z",
			EventRecordID: 1177001,
			Execution:     Execution{ProcessID: 1296, ThreadID: 1612},
			Channel:       "Security",
			Computer:      "WS-FIN-017.corp.example.org",
			Present:       allSecurity,
		},
		check: func(t *testing.T, e *Event) {
			assert.Nil(t, e.EventData.Data)
			assert.Equal(t, UserData{
				{Path: "LogFileCleared.SubjectUserSid", Value: "S-1-5-21-3623811015-3361044348-30300820-1013"},
				{Path: "LogFileCleared.SubjectUserName", Value: "j.moreau"},
				{Path: "LogFileCleared.SubjectDomainName", Value: "CORP"},
				{Path: "LogFileCleared.SubjectLogonId", Value: "0x8dcdc4"},
			}, e.UserData)
			v, ok := e.UserData.Get("LogFileCleared.SubjectUserName")
			assert.True(t, ok)
			assert.Equal(t, "j.moreau", v)
		},
	}, {
		file: "7045-service-installed.xml",
		system: System{
			Provider:      Provider{Name: "Service Control Manager", GUID: "{555908d1-a6d7-4695-8e1e-26931d2012f4}", EventSourceName: "Service Control Manager"},
			EventID:       7045,
			Qualifiers:    16384,
			Level:         4,
			Keywords:      "0x8080000000000000",
			TimeCreated:   time.Date(2024, 3, 13, 21, 58, 2, 440000000, time.UTC),
			SystemTime:    "2024-03-13T21:58:02.4400000Z",
			EventRecordID: 40231,
			Execution:     Execution{ProcessID: 660, ThreadID: 7004},
			Channel:       "System",
			Computer:      "WS-FIN-017.corp.example.org",
			Security:      Security{UserID: "S-1-5-21-3623811015-3361044348-30300820-1013"},
			Present:       allSecurity | FieldQualifiers,
		},
		data: map[string]string{
			"ServiceName": "WinUpdHelper",
			"ImagePath":   `%COMSPEC% /c "powershell -w hidden -enc SQBFAFgA"`,
			"ServiceType": "user mode service",
			"StartType":   "demand start",
			"AccountName": "LocalSystem",
		},
		count: 5,
	}, {
		file: "sysmon-1-process-create.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Sysmon", GUID: "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"},
			EventID:  1, Version: 5, Level: 4, Task: 1,
			Keywords:      "0x8000000000000000",
			TimeCreated:   time.Date(2024, 3, 11, 9, 2, 17, 670012300, time.UTC),
			SystemTime:    "2024-03-11T09:02:17.6700123Z",
			EventRecordID: 553120,
			Execution:     Execution{ProcessID: 3012, ThreadID: 4088},
			Channel:       "Microsoft-Windows-Sysmon/Operational",
			Computer:      "WS-FIN-017.corp.example.org",
			Security:      Security{UserID: "S-1-5-18"},
			Present:       allSecurity,
		},
		data: map[string]string{
			"UtcTime":          "2024-03-11 09:02:17.664",
			"ProcessGuid":      "{6f1c2a8e-c9b9-65ee-5a03-000000001c00}",
			"ProcessId":        "6700",
			"Image":            `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
			"Product":          "Microsoft® Windows® Operating System",
			"CommandLine":      `"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile`,
			"CurrentDirectory": `C:\Users\j.moreau\`,
			"User":             `CORP\j.moreau`,
			"Hashes":           "SHA256=9F914D42706FE215501044ACD85A32D58AAEF1419D404FDDFA5D3B48F66CCD9F,IMPHASH=7C955A0ABC747F57CCC4324480737EF7",
			"ParentImage":      `C:\Windows\explorer.exe`,
			"ParentProcessId":  "4592",
		},
		count: 23,
	}, {
		file: "sysmon-3-network.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Sysmon", GUID: "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"},
			EventID:  3, Version: 5, Level: 4, Task: 3,
			Keywords:      "0x8000000000000000",
			TimeCreated:   time.Date(2024, 3, 11, 9, 2, 19, 102030400, time.UTC),
			SystemTime:    "2024-03-11T09:02:19.1020304Z",
			EventRecordID: 553127,
			Execution:     Execution{ProcessID: 3012, ThreadID: 4460},
			Channel:       "Microsoft-Windows-Sysmon/Operational",
			Computer:      "WS-FIN-017.corp.example.org",
			Security:      Security{UserID: "S-1-5-18"},
			Present:       allSecurity,
		},
		data: map[string]string{
			"RuleName":            "technique_id=T1059.001,technique_name=PowerShell",
			"Protocol":            "tcp",
			"Initiated":           "true",
			"SourceIp":            "10.20.30.57",
			"SourcePort":          "50311",
			"SourceHostname":      "WS-FIN-017.corp.example.org",
			"DestinationIp":       "192.0.2.80",
			"DestinationPort":     "443",
			"DestinationHostname": "-",
			"DestinationPortName": "https",
		},
		count: 18,
	}, {
		// FSx writes 9 fraction digits and breaks lines between elements
		// and inside values.
		file: "fsx-audit-4663.xml",
		system: System{
			Provider: Provider{Name: "Microsoft-Windows-Security-Auditing", GUID: "{54849625-5478-4994-A5BA-3E3B0328C30D}"},
			EventID:  4663, Version: 1, Task: 12800,
			Keywords:      "0x8020000000000000",
			TimeCreated:   time.Date(2024, 2, 20, 11, 4, 51, 204470100, time.UTC),
			SystemTime:    "2024-02-20T11:04:51.204470100Z",
			EventRecordID: 512277,
			Execution:     Execution{ProcessID: 4, ThreadID: 2316},
			Channel:       "Security",
			Computer:      "amznfsxq1w2e3r4.corp.example.org",
			Present:       allSecurity,
		},
		data: map[string]string{
			"ObjectName":  `\Device\HarddiskVolume13\finance\q1-forecast.xlsx`,
			"AccessList":  "%%4417\n\t\t\t\t%%4418\n\t\t\t\t",
			"AccessMask":  "0x6",
			"ProcessName": "",
		},
		count: 13,
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e, err := Parse(readSample(t, tt.file))
			require.NoError(t, err)
			assert.Equal(t, tt.system, e.System)
			assert.Len(t, e.EventData.Data, tt.count)
			if tt.count > 0 {
				dataOf(t, e) // no duplicate names
			}
			for name, want := range tt.data {
				got, ok := e.EventData.Get(name)
				assert.True(t, ok, name)
				assert.Equal(t, want, got, name)
			}
			if tt.check != nil {
				tt.check(t, e)
			}
		})
	}
}

// wrap puts body inside an <Event> element with a minimal System.
func wrap(body string) string {
	return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID></System>` + body + `</Event>`
}

func TestParseShapes(t *testing.T) {
	t.Run("classic provider: unnamed data and binary", func(t *testing.T) {
		e, err := Parse([]byte(wrap(`<EventData><Data>first</Data><Data Name='Named'>second</Data><Data></Data><Data/><Binary>0A0B0C</Binary></EventData>`)))
		require.NoError(t, err)
		assert.Equal(t, []Data{{Value: "first"}, {Name: "Named", Value: "second"}, {}, {}}, e.EventData.Data)
		assert.Equal(t, "0A0B0C", e.EventData.Binary)
		assert.Equal(t, []string{"param1", "Named", "param3", "param4"}, []string{e.EventData.Key(0), e.EventData.Key(1), e.EventData.Key(2), e.EventData.Key(3)})
		_, ok := e.EventData.Get("Missing")
		assert.False(t, ok)
	})
	t.Run("text forms", func(t *testing.T) {
		e, err := Parse([]byte(wrap("<EventData>" +
			"<Data Name='crlf'>a\r\nb\rc</Data>" +
			"<Data Name='entities'>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;</Data>" +
			"<Data Name='cdata'>x<![CDATA[<not a tag> & ]]>y</Data>" +
			"<Data Name='comment'>be<!-- skipped -->fore</Data>" +
			"<Data Name='nested'>a<b>b</b>c</Data>" +
			"<Data Name='spaces'>  padded \t</Data>" +
			"<Data Name='attr &amp; entity'>v</Data>" +
			"</EventData>")))
		require.NoError(t, err)
		assert.Equal(t, []Data{
			{Name: "crlf", Value: "a\nb\nc"},
			{Name: "entities", Value: `<>&'"AB😀`},
			{Name: "cdata", Value: "x<not a tag> & y"},
			{Name: "comment", Value: "before"},
			{Name: "nested", Value: "abc"},
			{Name: "spaces", Value: "  padded \t"},
			{Name: "attr & entity", Value: "v"},
		}, e.EventData.Data)
	})
	t.Run("user data", func(t *testing.T) {
		e, err := Parse([]byte(wrap(`<UserData><EventXML xmlns='Event_NS' xmlns:x='urn:x' Version='2'>` +
			`<Param1>one</Param1><Group a='1'><Item>i1</Item><Item>i2</Item><Empty/></Group>` +
			`mixed text is dropped<x:Prefixed>p</x:Prefixed><Deep><Er><Est>d</Est></Er></Deep>` +
			`</EventXML></UserData>`)))
		require.NoError(t, err)
		assert.Equal(t, UserData{
			{Path: "EventXML.@Version", Value: "2"},
			{Path: "EventXML.Param1", Value: "one"},
			{Path: "EventXML.Group.@a", Value: "1"},
			{Path: "EventXML.Group.Item", Value: "i1"},
			{Path: "EventXML.Group.Item", Value: "i2"},
			{Path: "EventXML.Group.Empty", Value: ""},
			{Path: "EventXML.Prefixed", Value: "p"},
			{Path: "EventXML.Deep.Er.Est", Value: "d"},
		}, e.UserData)
	})
	t.Run("user data leaf at the top", func(t *testing.T) {
		e, err := Parse([]byte(wrap(`<UserData><Only>v</Only></UserData>`)))
		require.NoError(t, err)
		assert.Equal(t, UserData{{Path: "Only", Value: "v"}}, e.UserData)
	})
	t.Run("missing parts", func(t *testing.T) {
		e, err := Parse([]byte(`<Event/>`))
		require.NoError(t, err)
		assert.Equal(t, System{}, e.System)
		assert.Nil(t, e.EventData.Data)
		assert.Nil(t, e.UserData)
		assert.Nil(t, e.RenderingInfo)
		assert.False(t, e.System.Has(FieldEventID))
		_, ok := e.System.KeywordBits()
		assert.False(t, ok)
	})
	t.Run("empty and padded numbers", func(t *testing.T) {
		e, err := Parse([]byte("<Event><System><EventID>\n 4624 \n</EventID><Opcode/><Level></Level><Execution ProcessID='' ThreadID='7'/><Channel> Security\n</Channel></System></Event>"))
		require.NoError(t, err)
		assert.Equal(t, System{EventID: 4624, Execution: Execution{ThreadID: 7}, Channel: "Security", Present: FieldEventID | FieldThreadID}, e.System)
	})
	t.Run("largest numbers", func(t *testing.T) {
		e, err := Parse([]byte(`<Event><System><EventID Qualifiers='65535'>4294967295</EventID><Version>255</Version><Level>255</Level><Task>65535</Task><Opcode>255</Opcode><EventRecordID>18446744073709551615</EventRecordID><Execution ProcessID='4294967295' ThreadID='0'/></System></Event>`))
		require.NoError(t, err)
		s := e.System
		assert.Equal(t, []uint64{4294967295, 65535, 255, 255, 65535, 255, 18446744073709551615, 4294967295, 0},
			[]uint64{uint64(s.EventID), uint64(s.Qualifiers), uint64(s.Version), uint64(s.Level), uint64(s.Task), uint64(s.Opcode), s.EventRecordID, uint64(s.Execution.ProcessID), uint64(s.Execution.ThreadID)})
		assert.Equal(t, allSecurity|FieldQualifiers, s.Present)
	})
	t.Run("around the element", func(t *testing.T) {
		in := "\xef\xbb\xbf<?xml version='1.0' encoding='utf-16'?>\r\n<!-- exported -->\n<Event><System><EventID>5</EventID></System></Event>\r\n<!-- end -->\n<?pi?>  "
		e, err := Parse([]byte(in))
		require.NoError(t, err)
		assert.Equal(t, uint32(5), e.System.EventID)
	})
	t.Run("prefixed names", func(t *testing.T) {
		e, err := Parse([]byte(`<e:Event xmlns:e='http://schemas.microsoft.com/win/2004/08/events/event'><e:System><e:EventID>9</e:EventID></e:System><e:EventData><e:Data Name='a'>b</e:Data></e:EventData></e:Event>`))
		require.NoError(t, err)
		assert.Equal(t, uint32(9), e.System.EventID)
		assert.Equal(t, []Data{{Name: "a", Value: "b"}}, e.EventData.Data)
	})
	t.Run("rendering info without keywords", func(t *testing.T) {
		e, err := Parse([]byte(wrap(`<RenderingInfo Culture='fr-FR'><Message>Un compte a été connecté.</Message><Level>Information</Level></RenderingInfo>`)))
		require.NoError(t, err)
		assert.Equal(t, &RenderingInfo{Culture: "fr-FR", Message: "Un compte a été connecté.", Level: "Information"}, e.RenderingInfo)
	})
	t.Run("unknown parts are skipped", func(t *testing.T) {
		e, err := Parse([]byte(wrap(`<ProcessingErrorData><ErrorCode>15027</ErrorCode></ProcessingErrorData><EventData><ComplexData Name='x'>y</ComplexData><Data Name='a'>b</Data></EventData>`)))
		require.NoError(t, err)
		assert.Equal(t, []Data{{Name: "a", Value: "b"}}, e.EventData.Data)
	})
}

// TestParseReuse parses different events into one Event: nothing of an
// earlier one may show through.
func TestParseReuse(t *testing.T) {
	var p Parser
	var e Event
	require.NoError(t, p.Parse(readSample(t, "4624-logon.xml"), &e))
	require.NotNil(t, e.RenderingInfo)
	require.NoError(t, p.Parse(readSample(t, "1102-log-cleared.xml"), &e))
	want, err := Parse(readSample(t, "1102-log-cleared.xml"))
	require.NoError(t, err)
	assert.Equal(t, want.System, e.System)
	assert.Nil(t, e.RenderingInfo)
	assert.Nil(t, e.EventData.Data)
	assert.Equal(t, want.UserData, e.UserData)

	require.NoError(t, p.Parse(readSample(t, "4624-logon.xml"), &e))
	require.NoError(t, p.Parse([]byte(wrap(`<RenderingInfo/>`)), &e))
	assert.Equal(t, &RenderingInfo{}, e.RenderingInfo)

	require.Error(t, p.Parse([]byte(`<Event><System>`), &e))
	assert.Equal(t, System{}, e.System, "an Event is left empty on error")
}

func TestParseSystemTime(t *testing.T) {
	good := []struct{ in, want string }{
		{"2021-06-03T19:22:55.1137835Z", "2021-06-03T19:22:55.1137835Z"},
		{"2021-06-03T19:22:55.113783500Z", "2021-06-03T19:22:55.1137835Z"},
		{"2021-06-03T19:22:55.123456789Z", "2021-06-03T19:22:55.123456789Z"},
		{"2021-06-03T19:22:55.1Z", "2021-06-03T19:22:55.1Z"},
		{"2021-06-03T19:22:55Z", "2021-06-03T19:22:55Z"},
		{"2021-06-03T19:22:55z", "2021-06-03T19:22:55Z"},
		{"2021-06-03T19:22:55.1137835", "2021-06-03T19:22:55.1137835Z"},
		{"2021-06-03T19:22:55", "2021-06-03T19:22:55Z"},
		{"2021-06-03 19:22:55.5", "2021-06-03T19:22:55.5Z"},
		{"2021-06-03T21:22:55.5+02:00", "2021-06-03T19:22:55.5Z"},
		{"2021-06-03T00:22:55-05:30", "2021-06-03T05:52:55Z"},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
	}
	for _, tt := range good {
		got, err := ParseSystemTime(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, mustTime(t, tt.want), got, tt.in)
		assert.Equal(t, time.UTC, got.Location(), tt.in)
	}
	for _, in := range []string{
		"", "2021-0603T19:18:09.951551200Z", "2021-06-03", "2021-06-03T19:22", "2021-06-03T19:22:55.Z",
		"2021-06-03T19:22:55.1234567890Z", "2021-13-03T19:22:55Z", "2023-02-29T00:00:00Z",
		"2021-06-03T24:00:00Z", "2021-06-03T19:60:00Z", "2021-06-03T19:22:61Z", "2021-06-03X19:22:55Z",
		"2021-06-03T19:22:55+0200", "2021-06-03T19:22:55+24:00", "2021-06-03T19:22:55 UTC", "２０２１-06-03T19:22:55Z",
		"-021-06-03T19:22:55Z",
	} {
		_, err := ParseSystemTime(in)
		assert.Error(t, err, in)
	}
	_, err := ParseSystemTime("2021-0603T19:18:09.951551200Z")
	assert.EqualError(t, err, `TimeCreated SystemTime "2021-0603T19:18:09.951551200Z" is not a time like 2006-01-02T15:04:05.0000000Z`)

	// In an event, a bad time is kept as written and leaves TimeCreated zero.
	e, err := Parse([]byte(`<Event><System><TimeCreated SystemTime='2021-0603T19:18:09.951551200Z'/></System></Event>`))
	require.NoError(t, err)
	assert.True(t, e.System.TimeCreated.IsZero())
	assert.Equal(t, "2021-0603T19:18:09.951551200Z", e.System.SystemTime)
}

func TestKeywordBits(t *testing.T) {
	for in, want := range map[string]uint64{"0x8020000000000000": 0x8020000000000000, "0X10": 16, "ff": 255} {
		got, ok := (&System{Keywords: in}).KeywordBits()
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "0x", "0xZZ", "0x18020000000000000"} {
		_, ok := (&System{Keywords: in}).KeywordBits()
		assert.False(t, ok, in)
	}
}

func TestParseErrors(t *testing.T) {
	long := wrap(`<EventData><Data>` + strings.Repeat("x", DefaultMaxEventBytes) + `</Data></EventData>`)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "not a Windows event: the document holds no element (at byte 0)"},
		{"blank", " \r\n\t", "not a Windows event: the document holds no element (at byte 4)"},
		{"only a comment", "<!-- x -->", "not a Windows event: the document holds no element (at byte 10)"},
		{"text", "hello <Event/>", `not a Windows event: found text "hello <Event/>" where the <Event> element should start (at byte 0)`},
		{"long text", strings.Repeat("é", 30), `not a Windows event: found text "éééééééééééééééééééé"... where the <Event> element should start (at byte 0)`},
		{"json", `{"EventID":4624}`, `not a Windows event: found text "{\"EventID\":4624}" where the <Event> element should start (at byte 0)`},
		{"other root", `<?xml version="1.0"?><Envelope><Event/></Envelope>`, "not a Windows event: found the element <Envelope> where the <Event> element should start (at byte 21)"},
		{"similar root", `<EventData/>`, "not a Windows event: found the element <EventData> where the <Event> element should start (at byte 0)"},
		{"events export", `<Events><Event/></Events>`, "not a single Windows event: found <Events>, a list of events; read it with NewReader (at byte 0)"},
		{"end tag", `</Event>`, "not a Windows event: found the end tag </Event> where the <Event> element should start (at byte 0)"},
		{"stray <", `< Event/>`, `not a Windows event: found a stray "< " where the <Event> element should start (at byte 0)`},
		{"doctype", `<!DOCTYPE Event [<!ENTITY x "xxxxxxxx">]><Event>&x;</Event>`, `not a Windows event: found the declaration "<!DOCTYPE" where the <Event> element should start (at byte 0)`},
		{"cdata root", `<![CDATA[x]]>`, "not a Windows event: found a CDATA section where the <Event> element should start (at byte 0)"},
		{"unterminated comment", `<!-- <Event/>`, "malformed XML: unterminated comment (at byte 0)"},
		{"unterminated declaration", `<?xml version="1.0"`, "malformed XML: unterminated processing instruction (at byte 0)"},
		{"two colons", `<a:b:Event/>`, "malformed XML: expected element name after < (at byte 10)"},
		{"utf-16 bom", "\xff\xfe<\x00E\x00", ErrUTF16.Error() + " (at byte 0)"},
		{"utf-16 without bom", "<\x00E\x00", ErrUTF16.Error() + " (at byte 0)"},

		{"mismatched end tag", `<Event><System><EventID>1</System></Event>`, "malformed XML: element <EventID> closed by </System> (at byte 34)"},
		{"truncated in text", `<Event><System><EventID>4624`, "malformed XML: the data ends inside <EventID>; the event may be truncated (at byte 28)"},
		{"truncated after a tag", `<Event><System>`, "malformed XML: the data ends inside <System>; the event may be truncated (at byte 15)"},
		{"truncated in a tag", `<Event><System><EventID`, "malformed XML: unexpected EOF (at byte 23)"},
		{"space after <", `<Event><System><EventID>4663< /EventID></System></Event>`, "malformed XML: expected element name after < (at byte 29)"},
		{"undefined entity", wrap(`<EventData><Data>&nbsp;</Data></EventData>`), "malformed XML: invalid character entity &nbsp; (at byte 129)"},
		{"entity without semicolon", wrap(`<EventData><Data>a & b</Data></EventData>`), "malformed XML: invalid character entity & (no semicolon) (at byte 126)"},
		{"nul reference", wrap(`<EventData><Data>&#0;</Data></EventData>`), "malformed XML: illegal character code U+0000 (at byte 127)"},
		{"control character", wrap("<EventData><Data>\x01</Data></EventData>"), "malformed XML: illegal character code U+0001 (at byte 124)"},
		{"invalid utf-8", wrap("<EventData><Data>\xff</Data></EventData>"), "malformed XML: invalid UTF-8 (at byte 124)"},
		{"unquoted attribute", `<Event><System><Provider Name=x/></System></Event>`, "malformed XML: unquoted or missing attribute value in element (at byte 31)"},
		{"< in attribute", `<Event><System><Provider Name='a<b'/></System></Event>`, "malformed XML: unescaped < inside quoted string (at byte 33)"},
		{"doctype inside", `<Event><!DOCTYPE x></Event>`, "a <!DOCTYPE> or other <! declaration is not allowed in an event (at byte 19)"},
		{"bad cdata", `<Event><![CDAT[x]]></Event>`, "malformed XML: invalid <![ sequence (at byte 15)"},
		{"second event", `<Event/>` + "\n" + `<Event/>`, "several events in one document: another <Event> follows the first; read them with NewReader (at byte 9)"},
		{"text after", `<Event/> trailing junk`, `unexpected text "trailing junk" after the end of the event (at byte 9)`},
		{"element after", `<Event/><Other/>`, "unexpected the element <Other> after the end of the event (at byte 8)"},
		{"unterminated comment after", `<Event/><!--`, "malformed XML: unterminated comment (at byte 8)"},

		{"event id not a number", `<Event><System><EventID>46x24</EventID></System></Event>`, `EventID is "46x24", not a number from 0 to 4294967295 (at byte 39)`},
		{"negative level", `<Event><System><Level>-1</Level></System></Event>`, `Level is "-1", not a number from 0 to 255 (at byte 32)`},
		{"version out of range", `<Event><System><Version>256</Version></System></Event>`, `Version is "256", not a number from 0 to 255 (at byte 37)`},
		{"task out of range", `<Event><System><Task>65536</Task></System></Event>`, `Task is "65536", not a number from 0 to 65535 (at byte 33)`},
		{"opcode hex", `<Event><System><Opcode>0x1</Opcode></System></Event>`, `Opcode is "0x1", not a number from 0 to 255 (at byte 35)`},
		{"record id overflow", `<Event><System><EventRecordID>18446744073709551616</EventRecordID></System></Event>`, `EventRecordID is "18446744073709551616", not a number from 0 to 18446744073709551615 (at byte 66)`},
		{"qualifiers", `<Event><System><EventID Qualifiers='-1'>1</EventID></System></Event>`, `EventID Qualifiers is "-1", not a number from 0 to 65535 (at byte 40)`},
		{"process id", `<Event><System><Execution ProcessID='0x4'/></System></Event>`, `Execution ProcessID is "0x4", not a number from 0 to 4294967295 (at byte 43)`},
		{"thread id", `<Event><System><Execution ThreadID='1 2'/></System></Event>`, `Execution ThreadID is "1 2", not a number from 0 to 4294967295 (at byte 42)`},

		{"too deep", `<Event><UserData>` + strings.Repeat("<a>", 31) + strings.Repeat("</a>", 31) + `</UserData></Event>`, "element <a> is nested deeper than 32 levels (at byte 107)"},
		{"too many attributes", `<Event><System><Provider` + strings.Repeat(` a=''`, 65) + `/></System></Event>`, "element <Provider> has more than 64 attributes (at byte 15)"},
		{"too long", long, "event longer than 1048576 bytes (1048726)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse([]byte(tt.in))
			assert.Nil(t, e)
			require.Error(t, err)
			assert.EqualError(t, err, tt.want)
			_, ok := err.(*Error)
			assert.True(t, ok, "%T", err)
		})
	}
}

func TestParseLimits(t *testing.T) {
	p := NewParser(Options{MaxDepth: 4, MaxAttrs: 2, MaxEventBytes: 200})
	var e Event
	require.NoError(t, p.Parse([]byte(`<Event><UserData><a x='1' y='2'><b>v</b></a></UserData></Event>`), &e))
	assert.Equal(t, UserData{{Path: "a.@x", Value: "1"}, {Path: "a.@y", Value: "2"}, {Path: "a.b", Value: "v"}}, e.UserData)
	assert.EqualError(t, p.Parse([]byte(`<Event><UserData><a><b><c/></b></a></UserData></Event>`), &e), "element <c> is nested deeper than 4 levels (at byte 23)")
	assert.EqualError(t, p.Parse([]byte(`<Event><UserData><a x='1' y='2' z='='/></UserData></Event>`), &e), "element <a> has more than 2 attributes (at byte 17)")
	// '=' and '>' inside a value are not attributes or the end of the tag.
	require.NoError(t, p.Parse([]byte(`<Event><UserData><a x='=>' y="='"/></UserData></Event>`), &e))
	assert.EqualError(t, p.Parse([]byte(wrap(strings.Repeat(" ", 200))), &e), "event longer than 200 bytes (314)")
	assert.ErrorIs(t, p.Parse([]byte("\xfe\xff\x00<"), &e), ErrUTF16)
}
