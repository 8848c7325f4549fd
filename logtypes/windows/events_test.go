package windows_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/windows"
)

// Keyword masks as the Security log writes them.
const (
	auditSuccess = "0x8020000000000000"
	auditFailure = "0x8010000000000000"
)

// rawEvent renders an event of any provider and channel; body is the
// XML after System (EventData or UserData).
func rawEvent(provider, channel, id, keywords, body string) string {
	return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='" + provider +
		"'/><EventID>" + id + "</EventID><Level>4</Level><Keywords>" + keywords +
		"</Keywords><TimeCreated SystemTime='2026-11-27T10:00:00.1234567Z'/><EventRecordID>42</EventRecordID><Channel>" + channel +
		"</Channel><Computer>dc01.corp.example.com</Computer></System>" + body + "</Event>\n"
}

// eventData renders "Name=value" items as EventData.
func eventData(items ...string) string {
	var b strings.Builder
	b.WriteString("<EventData>")
	for _, it := range items {
		name, value, _ := strings.Cut(it, "=")
		b.WriteString("<Data Name='" + name + "'>" + value + "</Data>")
	}
	b.WriteString("</EventData>")
	return b.String()
}

// security renders a Security-Auditing event.
func security(id, keywords string, items ...string) string {
	return rawEvent("Microsoft-Windows-Security-Auditing", "Security", id, keywords, eventData(items...))
}

// subject is the account that acted, as account management events write it.
var subject = []string{"SubjectUserSid=S-1-5-21-1-500", "SubjectUserName=admin", "SubjectDomainName=CORP", "SubjectLogonId=0x5c9a1f"}

func with(base []string, items ...string) []string {
	return append(append([]string(nil), base...), items...)
}

// expect checks fields of a decoded document; a nil value means absent.
func expect(t *testing.T, name string, m map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		g := get(m, path)
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		if string(gj) != string(wj) {
			t.Errorf("%s: %s = %s, want %s", name, path, gj, wj)
		}
	}
}

// TestSecurityEvents asserts the key fields of every Security event the
// mapping names, one event each.
func TestSecurityEvents(t *testing.T) {
	for _, c := range []struct {
		name string
		xml  string
		want map[string]any
	}{
		{"4624 logon", security("4624", auditSuccess, "SubjectUserSid=S-1-5-18", "SubjectUserName=DC01$", "SubjectDomainName=CORP",
			"TargetUserSid=S-1-5-21-1-1013", "TargetUserName=j.moreau", "TargetDomainName=CORP", "TargetLogonId=0x8dcdc4", "LogonType=10",
			"WorkstationName=WS-17", "ProcessId=0x2f4", `ProcessName=C:\Windows\System32\svchost.exe`, "IpAddress=198.51.100.23", "IpPort=51724"),
			map[string]any{"event.code": "4624", "event.action": "logged-in", "event.category": []string{"authentication"}, "event.type": []string{"start"},
				"event.outcome": "success", "user.id": "S-1-5-21-1-1013", "user.name": "j.moreau", "user.domain": "CORP",
				"source.ip": "198.51.100.23", "source.port": 51724, "source.domain": "WS-17", "related.hosts": []string{"dc01.corp.example.com", "WS-17"}, "related.ip": []string{"198.51.100.23"},
				"related.user": []string{"j.moreau"}, "winlog.logon.type": "RemoteInteractive", "winlog.logon.id": "0x8dcdc4",
				"process.pid": 756, "process.name": "svchost.exe", "host.name": "dc01.corp.example.com", "winlog.event_data.SubjectUserName": "DC01$"}},
		{"4625 failed logon", security("4625", auditFailure, "TargetUserSid=S-1-0-0", "TargetUserName=administrator", "TargetDomainName=CORP",
			"Status=0xc000006d", "FailureReason=%%2313", "SubStatus=0xc000006a", "LogonType=3", "IpAddress=::ffff:203.0.113.77", "IpPort=51800"),
			map[string]any{"event.action": "logon-failed", "event.category": []string{"authentication"}, "event.type": []string{"start"},
				"event.outcome": "failure", "winlog.outcome": "failure", "user.name": "administrator", "user.domain": "CORP",
				"source.ip": "203.0.113.77", "source.port": 51800, "winlog.logon.type": "Network",
				"winlog.logon.failure.reason":     "Unknown user name or bad password.",
				"winlog.logon.failure.sub_status": "User logon with misspelled or bad password"}},
		{"4634 logoff", security("4634", auditSuccess, "TargetUserSid=S-1-5-21-1-1013", "TargetUserName=j.moreau", "TargetDomainName=CORP", "TargetLogonId=0x8dcdc4", "LogonType=10"),
			map[string]any{"event.action": "logged-out", "event.category": []string{"authentication"}, "event.type": []string{"end"},
				"user.name": "j.moreau", "winlog.logon.id": "0x8dcdc4", "winlog.logon.type": "RemoteInteractive"}},
		{"4647 user-initiated logoff", security("4647", auditSuccess, "TargetUserSid=S-1-5-21-1-1013", "TargetUserName=j.moreau", "TargetDomainName=CORP", "TargetLogonId=0x8dcdc4"),
			map[string]any{"event.action": "logged-out", "event.type": []string{"end"}, "user.name": "j.moreau", "user.domain": "CORP", "winlog.logon.id": "0x8dcdc4"}},
		{"4648 explicit credentials", security("4648", auditSuccess, with(subject, "TargetUserName=svc_backup", "TargetDomainName=CORP",
			"TargetServerName=localhost", "ProcessId=0x1a8c", `ProcessName=C:\Windows\System32\runas.exe`, "IpAddress=::1", "IpPort=0")...),
			map[string]any{"event.action": "logged-in-explicit", "user.name": "admin", "user.id": "S-1-5-21-1-500", "user.effective.name": "svc_backup",
				"user.effective.domain": "CORP", "related.user": []string{"admin", "svc_backup"}, "process.pid": 6796,
				"process.executable": `C:\Windows\System32\runas.exe`, "source.ip": "::1", "source.port": nil, "winlog.logon.id": "0x5c9a1f"}},
		{"4672 special privileges", security("4672", auditSuccess, with(subject, "PrivilegeList=SeDebugPrivilege\n\t\t\tSeBackupPrivilege")...),
			map[string]any{"event.action": "logged-in-special", "event.category": []string{"iam"}, "event.type": []string{"admin"},
				"user.name": "admin", "winlog.event_data.PrivilegeList": []string{"SeDebugPrivilege", "SeBackupPrivilege"}}},
		{"4688 process created", security("4688", auditSuccess, with(subject, "NewProcessId=0x1e4c", `NewProcessName=C:\Windows\System32\cmd.exe`,
			"TokenElevationType=%%1936", "ProcessId=0x1a8c", `CommandLine=cmd.exe /c "whoami /all"`, "TargetUserSid=S-1-0-0",
			"TargetUserName=-", `ParentProcessName=C:\Windows\explorer.exe`)...),
			map[string]any{"event.action": "created-process", "event.category": []string{"process"}, "event.type": []string{"start"},
				"process.pid": 7756, "process.executable": `C:\Windows\System32\cmd.exe`, "process.name": "cmd.exe",
				"process.command_line": `cmd.exe /c "whoami /all"`, "process.args": []string{"cmd.exe", "/c", `"whoami /all"`},
				"process.parent.pid": 6796, "process.parent.executable": `C:\Windows\explorer.exe`, "process.parent.name": "explorer.exe",
				"user.name": "admin", "user.domain": "CORP", "user.effective.id": "S-1-0-0", "user.effective.name": nil}},
		{"4689 process exited", security("4689", auditSuccess, with(subject, "Status=0x0", "ProcessId=0x1e4c", `ProcessName=C:\Windows\System32\cmd.exe`)...),
			map[string]any{"event.action": "exited-process", "event.type": []string{"end"}, "process.pid": 7756, "process.name": "cmd.exe", "user.name": "admin"}},
		{"4697 service installed", security("4697", auditSuccess, with(subject, "ServiceName=PSEXESVC", `ServiceFileName=%SystemRoot%\PSEXESVC.exe`, "ServiceType=0x10", "ServiceStartType=3")...),
			map[string]any{"event.action": "service-installed", "event.category": []string{"iam", "configuration"}, "event.type": []string{"admin", "change"},
				"service.name": "PSEXESVC", "service.type": "Win32 Own Process", "user.name": "admin",
				"winlog.event_data.ServiceFileName": `%SystemRoot%\PSEXESVC.exe`}},
		{"4698 scheduled task", security("4698", auditSuccess, with(subject, `TaskName=\Updater`, "TaskContent=&lt;Task/&gt;")...),
			map[string]any{"event.action": "scheduled-task-created", "event.category": []string{"iam", "configuration"}, "event.type": []string{"creation", "admin"},
				"user.name": "admin", "winlog.event_data.TaskName": `\Updater`, "winlog.event_data.TaskContent": "<Task/>"}},
		{"4719 audit policy", security("4719", auditSuccess, with(subject, "CategoryId=%%8274", "SubcategoryGuid={0cce9215-69ae-11d9-bed3-505054503030}", "AuditPolicyChanges=%%8448")...),
			map[string]any{"event.action": "changed-audit-config", "event.category": []string{"iam", "configuration"}, "event.type": []string{"admin", "change"},
				"user.name": "admin", "winlog.event_data.AuditPolicyChanges": "%%8448"}},
		{"4738 pre-authentication turned off", security("4738", auditSuccess, with(subject, "TargetUserName=svc_sql", "TargetDomainName=CORP",
			"OldUacValue=0x210", "NewUacValue=0x10210", "UserAccountControl=%%2096")...),
			map[string]any{"event.action": "modified-user-account", "user.target.name": "svc_sql", "winlog.event_data.NewUacValue": "0x10210",
				"winlog.event_data.NewUACList":         []string{"USER_NORMAL_ACCOUNT", "USER_DONT_EXPIRE_PASSWORD", "USER_DONT_REQUIRE_PREAUTH"},
				"winlog.event_data.UserAccountControl": "%%2096"}},
		{"4738 unreadable flags", security("4738", auditSuccess, with(subject, "TargetUserName=svc_sql", "NewUacValue=0xZZ")...),
			map[string]any{"winlog.event_data.NewUacValue": "0xZZ", "winlog.event_data.NewUACList": nil}},
		{"4768 TGT requested", security("4768", auditSuccess, "TargetUserName=j.moreau", "TargetDomainName=CORP.EXAMPLE.COM", "TargetSid=S-1-5-21-1-1013",
			"ServiceName=krbtgt", "Status=0x0", "IpAddress=::ffff:10.0.2.44", "IpPort=50912"),
			map[string]any{"event.action": "kerberos-authentication-ticket-requested", "event.category": []string{"authentication"}, "event.outcome": "success",
				"user.name": "j.moreau", "user.domain": "CORP.EXAMPLE.COM", "user.id": "S-1-5-21-1-1013", "source.ip": "10.0.2.44", "source.port": 50912}},
		{"4769 service ticket", security("4769", auditSuccess, "TargetUserName=j.moreau@CORP.EXAMPLE.COM", "TargetDomainName=CORP.EXAMPLE.COM",
			"ServiceName=MSSQLSvc", "IpAddress=::ffff:10.0.2.44", "IpPort=50913"),
			map[string]any{"event.action": "kerberos-service-ticket-requested", "user.name": "j.moreau", "source.ip": "10.0.2.44",
				"winlog.event_data.TargetUserName": "j.moreau@CORP.EXAMPLE.COM"}},
		{"4770 ticket renewed", security("4770", auditSuccess, "TargetUserName=j.moreau@CORP.EXAMPLE.COM", "TargetDomainName=CORP.EXAMPLE.COM", "IpAddress=::ffff:10.0.2.45", "IpPort=0"),
			map[string]any{"event.action": "kerberos-service-ticket-renewed", "user.name": "j.moreau", "source.ip": "10.0.2.45", "source.port": nil}},
		{"4771 pre-authentication failed", security("4771", auditFailure, "TargetUserName=svc_sql", "TargetSid=S-1-5-21-1-1120", "Status=0x18",
			"IpAddress=::ffff:192.0.2.200", "IpPort=61002"),
			map[string]any{"event.action": "kerberos-preauth-failed", "event.outcome": "failure", "user.name": "svc_sql", "user.id": "S-1-5-21-1-1120",
				"source.ip": "192.0.2.200", "related.ip": []string{"192.0.2.200"}}},
		{"4776 credential validation", security("4776", auditFailure, "PackageName=MICROSOFT_AUTHENTICATION_PACKAGE_V1_0", "TargetUserName=svc_sql", "Workstation=KALI", "Status=0xc000006a"),
			map[string]any{"event.action": "credential-validated", "event.category": []string{"authentication"}, "event.outcome": "failure",
				"user.name": "svc_sql", "winlog.logon.failure.status": "User logon with misspelled or bad password", "winlog.event_data.Workstation": "KALI", "source.domain": "KALI"}},
		{"1102 log cleared", strings.Replace(rawEvent("Microsoft-Windows-Eventlog", "Security", "1102", auditSuccess,
			"<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'><SubjectUserSid>S-1-5-21-1-500</SubjectUserSid>"+
				"<SubjectUserName>admin</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName><SubjectLogonId>0x5c9a1f</SubjectLogonId></LogFileCleared></UserData>"), "</Level>", "</Level><Task>104</Task>", 1),
			map[string]any{"event.action": "audit-log-cleared", "event.category": []string{"iam"}, "event.type": []string{"admin", "change"},
				"user.name": "admin", "user.domain": "CORP", "user.id": "S-1-5-21-1-500", "winlog.user_data.xml_name": "LogFileCleared",
				"winlog.user_data.SubjectLogonId": "0x5c9a1f", "winlog.task": "Log clear"}},
		{"7045 service installed", rawEvent("Service Control Manager", "System", "7045", "0x8080000000000000", eventData("ServiceName=PSEXESVC",
			`ImagePath=%SystemRoot%\PSEXESVC.exe`, "ServiceType=user mode service", "StartType=demand start", "AccountName=LocalSystem")),
			map[string]any{"event.action": "service-installed", "event.category": []string{"configuration"}, "event.type": []string{"change"},
				"service.name": "PSEXESVC", "winlog.event_data.ImagePath": `%SystemRoot%\PSEXESVC.exe`, "event.outcome": nil, "winlog.keywords": []string{"Classic"}}},
		{"outside the table", rawEvent("Microsoft-Windows-Security-Auditing", "Security", "4999", auditSuccess, eventData("Foo=bar", "Baz=-")),
			map[string]any{"event.code": "4999", "event.action": nil, "event.category": nil, "winlog.event_data.Foo": "bar", "winlog.event_data.Baz": nil}},
		{"another provider", rawEvent("Application Error", "Application", "1000", "0x80000000000000", "<EventData><Data>app.exe</Data><Data>1.0</Data></EventData>"),
			map[string]any{"event.code": "1000", "event.action": nil, "winlog.event_data.param1": "app.exe", "winlog.event_data.param2": "1.0"}},
	} {
		expect(t, c.name, doc(t, windows.Event(), keyEventExport, c.xml), c.want)
	}
}

// TestAccountManagement asserts every event of 4720-4767 that Windows
// writes: its action, and the accounts and groups it names.
func TestAccountManagement(t *testing.T) {
	target := []string{"TargetUserName=e.mallory", "TargetDomainName=CORP", "TargetSid=S-1-5-21-1-1133"}
	group := []string{"TargetUserName=Domain Admins", "TargetDomainName=CORP", "TargetSid=S-1-5-21-1-512",
		"MemberName=CN=Eve Mallory,OU=Users,DC=corp,DC=example,DC=com", "MemberSid=S-1-5-21-1-1133"}
	computer := []string{"TargetUserName=WS-17$", "TargetDomainName=CORP", "TargetSid=S-1-5-21-1-1301"}
	const (
		user = iota
		grp
		comp
		policy
	)
	for id, c := range map[string]struct {
		action string
		kind   int
	}{
		"4720": {"added-user-account", user}, "4722": {"enabled-user-account", user}, "4723": {"changed-password", user},
		"4724": {"reset-password", user}, "4725": {"disabled-user-account", user}, "4726": {"deleted-user-account", user},
		"4727": {"added-group-account", grp}, "4728": {"added-member-to-group", grp}, "4729": {"removed-member-from-group", grp},
		"4730": {"deleted-group-account", grp}, "4731": {"added-group-account", grp}, "4732": {"added-member-to-group", grp},
		"4733": {"removed-member-from-group", grp}, "4734": {"deleted-group-account", grp}, "4735": {"modified-group-account", grp},
		"4737": {"modified-group-account", grp}, "4738": {"modified-user-account", user}, "4739": {"domain-policy-changed", policy},
		"4740": {"locked-out-user-account", user}, "4741": {"added-computer-account", comp}, "4742": {"changed-computer-account", comp},
		"4743": {"deleted-computer-account", comp}, "4744": {"added-distribution-group-account", grp},
		"4745": {"changed-distribution-group-account", grp}, "4746": {"added-member-to-distribution-group", grp},
		"4747": {"removed-member-from-distribution-group", grp}, "4748": {"deleted-distribution-group-account", grp},
		"4749": {"added-distribution-group-account", grp}, "4750": {"changed-distribution-group-account", grp},
		"4751": {"added-member-to-distribution-group", grp}, "4752": {"removed-member-from-distribution-group", grp},
		"4753": {"deleted-distribution-group-account", grp}, "4754": {"added-group-account", grp}, "4755": {"modified-group-account", grp},
		"4756": {"added-member-to-group", grp}, "4757": {"removed-member-from-group", grp}, "4758": {"deleted-group-account", grp},
		"4759": {"added-distribution-group-account", grp}, "4760": {"changed-distribution-group-account", grp},
		"4761": {"added-member-to-distribution-group", grp}, "4762": {"removed-member-from-distribution-group", grp},
		"4763": {"deleted-distribution-group-account", grp}, "4764": {"type-changed-group-account", grp},
		"4765": {"added-sid-history-to-account", user}, "4766": {"failed-to-add-sid-history-to-account", user},
		"4767": {"unlocked-user-account", user},
	} {
		want := map[string]any{"event.action": c.action, "event.code": id, "user.name": "admin", "user.domain": "CORP", "user.id": "S-1-5-21-1-500"}
		var items []string
		switch c.kind {
		case user:
			items = with(subject, target...)
			want["user.target.name"] = "e.mallory"
			want["user.target.domain"] = "CORP"
			want["user.target.id"] = "S-1-5-21-1-1133"
			want["event.category"] = []string{"iam"}
			want["related.user"] = []string{"admin", "e.mallory"}
		case grp:
			items = with(subject, group...)
			want["group.name"] = "Domain Admins"
			want["group.id"] = "S-1-5-21-1-512"
			want["group.domain"] = "CORP"
			want["user.target.group.name"] = "Domain Admins"
			want["user.target.name"] = "Eve Mallory"
			want["user.target.domain"] = "corp.example.com"
			want["user.target.id"] = "S-1-5-21-1-1133"
			want["event.category"] = []string{"iam"}
		case comp:
			items = with(subject, computer...)
			want["winlog.computer_object.name"] = "WS-17$"
			want["winlog.computer_object.id"] = "S-1-5-21-1-1301"
			want["user.target.name"] = nil
		case policy:
			items = with(subject, "DomainPolicyChanged=Password Policy", "DomainName=CORP", "DomainSid=S-1-5-21-1")
			want["event.category"] = []string{"configuration"}
		}
		expect(t, id, doc(t, windows.DirectoryService(), keyDS, security(id, auditSuccess, items...)), want)
	}
}

// TestSysmon asserts Sysmon's process creation, network connection and
// file creation.
func TestSysmon(t *testing.T) {
	sysmon := func(id string, items ...string) string {
		return rawEvent("Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", id, "0x8000000000000000", eventData(items...))
	}
	proc := []string{"ProcessGuid={7d0c1f3a-5e40-6747-2a01-000000001a00}", "ProcessId=7756",
		`Image=C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `User=CORP\admin`}
	for _, c := range []struct {
		name string
		xml  string
		want map[string]any
	}{
		{"1 process create", sysmon("1", with(proc, "CommandLine=powershell.exe -enc SQBFAFgA", `CurrentDirectory=C:\Users\admin\`,
			"Hashes=SHA1=F43D9BB316E30AE1A3494AC5B0624F6BEA1BF054,MD5=7353F60B1739074EB17C5F4DDDEFE239,IMPHASH=00000000000000000000000000000000",
			"ParentProcessGuid={00000000-0000-0000-0000-000000000000}", "ParentProcessId=6796", `ParentImage=C:\Windows\System32\cmd.exe`,
			"ParentCommandLine=cmd.exe /c x", "OriginalFileName=PowerShell.EXE")...),
			map[string]any{"event.code": "1", "event.category": []string{"process"}, "event.type": []string{"start"}, "process.pid": 7756,
				"process.name": "powershell.exe", "process.command_line": "powershell.exe -enc SQBFAFgA", "process.args": []string{"powershell.exe", "-enc", "SQBFAFgA"},
				"process.entity_id": "{7d0c1f3a-5e40-6747-2a01-000000001a00}", "process.parent.pid": 6796, "process.parent.name": "cmd.exe",
				"process.parent.entity_id": nil, "process.hash.sha1": "f43d9bb316e30ae1a3494ac5b0624f6bea1bf054",
				"process.hash.md5": "7353f60b1739074eb17c5f4dddefe239", "process.pe.imphash": nil,
				"related.hash": []string{"f43d9bb316e30ae1a3494ac5b0624f6bea1bf054", "7353f60b1739074eb17c5f4dddefe239"}, "process.pe.original_file_name": "PowerShell.EXE",
				"user.name": "admin", "user.domain": "CORP", "related.user": []string{"admin"}}},
		{"3 network connection", sysmon("3", with(proc, "Protocol=tcp", "Initiated=true", "SourceIsIpv6=false", "SourceIp=10.0.1.25",
			"SourceHostname=ws17.corp.example.com", "SourcePort=50122", "DestinationIp=203.0.113.50", "DestinationPort=443", "DestinationPortName=https")...),
			map[string]any{"event.category": []string{"network"}, "source.ip": "10.0.1.25", "source.port": 50122, "source.domain": "ws17.corp.example.com",
				"destination.ip": "203.0.113.50", "destination.port": 443, "network.transport": "tcp", "network.direction": "egress",
				"network.type": "ipv4", "network.community_id": "1:ZhCooDBvN1f989tj7RmK7TRJ8oE=", "related.hosts": []string{"dc01.corp.example.com", "ws17.corp.example.com"},
				"related.ip": []string{"10.0.1.25", "203.0.113.50"}, "process.pid": 7756}},
		{"11 file created", sysmon("11", with(proc, `TargetFilename=C:\Users\Public\u.exe`, "CreationUtcTime=2026-11-27 10:00:00.100")...),
			map[string]any{"event.category": []string{"file"}, "event.type": []string{"creation"}, "file.path": `C:\Users\Public\u.exe`,
				"file.name": "u.exe", "file.directory": `C:\Users\Public`, "file.extension": "exe", "process.name": "powershell.exe"}},
	} {
		expect(t, c.name, doc(t, windows.Event(), keyEventExport, c.xml), c.want)
	}
}

// TestFilteringPlatform: Windows writes the local end as Source* whatever
// the direction; source.* is the end that opened the connection.
func TestFilteringPlatform(t *testing.T) {
	wfp := func(id, direction string) string {
		return security(id, auditFailure, "ProcessID=1168", `Application=\device\harddiskvolume2\windows\system32\svchost.exe`,
			"Direction="+direction, "SourceAddress=10.0.1.25", "SourcePort=3389", "DestAddress=198.51.100.201", "DestPort=61500", "Protocol=6")
	}
	// The same flow from both sides has one community id.
	const flow = "1:03PIG155pMOcb/WKVISUveD/noA="
	for _, c := range []struct {
		name string
		xml  string
		want map[string]any
	}{
		{"5157 inbound", wfp("5157", "%%14592"), map[string]any{"event.action": "connection-blocked", "event.type": []string{"connection", "denied"},
			"network.direction": "inbound", "source.ip": "198.51.100.201", "source.port": 61500, "destination.ip": "10.0.1.25",
			"destination.port": 3389, "network.transport": "tcp", "network.community_id": flow, "process.pid": 1168, "process.name": "svchost.exe"}},
		{"5156 outbound", wfp("5156", "%%14593"), map[string]any{"network.direction": "outbound", "source.ip": "10.0.1.25", "source.port": 3389,
			"destination.ip": "198.51.100.201", "destination.port": 61500, "network.community_id": flow}},
	} {
		expect(t, c.name, doc(t, windows.Event(), keyEventExport, c.xml), c.want)
	}
	// ICMP carries no ports here: no community id.
	m := doc(t, windows.Event(), keyEventExport, security("5152", auditFailure, "Direction=%%14592", "SourceAddress=10.0.1.25",
		"SourcePort=0", "DestAddress=198.51.100.201", "DestPort=0", "Protocol=1"))
	expect(t, "5152 icmp", m, map[string]any{"network.transport": "icmp", "network.community_id": nil, "source.port": nil, "source.ip": "198.51.100.201"})
}

// TestFSxDeletion: 4660 names no ObjectType; from FSx, which audits only
// files and folders, it is a file deletion, elsewhere (a registry key may
// be deleted) it is left uncategorized.
func TestFSxDeletion(t *testing.T) {
	deleted := security("4660", auditSuccess, with(subject, "ObjectServer=Security", "HandleId=0x1234", "ProcessId=0x4")...)
	expect(t, "fsx", doc(t, windows.FSx(), keyFSx, deleted), map[string]any{"event.action": "object-deleted",
		"event.category": []string{"file"}, "event.type": []string{"deletion"}, "user.name": "admin", "cloud.service.name": "fsx"})
	expect(t, "event", doc(t, windows.Event(), keyEventExport, deleted), map[string]any{"event.action": "object-deleted",
		"event.category": nil, "event.type": nil, "user.name": "admin"})
	// A registry object is not a file, from FSx or not.
	key := security("4663", auditSuccess, with(subject, "ObjectServer=Security", "ObjectType=Key", `ObjectName=\REGISTRY\MACHINE\SOFTWARE\x`)...)
	expect(t, "fsx registry", doc(t, windows.FSx(), keyFSx, key), map[string]any{"event.category": nil, "file.path": nil})
}
