package samplegen

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// WindowsEvents returns n Windows events in event XML, one per line, as
// FSx for Windows File Server audit logs arrive through Firehose and as
// the CloudWatch agent renders Security, System and Sysmon events, of
// about 1.2 to 2.5 KB each. The mix follows a domain member and its file
// server: logons (4624, with IPv6 and IPv4-mapped sources), failed logons
// (4625 with several NTSTATUS codes), logoffs, special logons with
// privilege lists, process creation and exit (4688 with command lines,
// 4689), Kerberos tickets (4768, 4769), group membership changes (4728,
// with a member DN), account changes (4720, 4738), file access audit
// (4663, 4656 failures, 5145), service installs (7045) and Sysmon
// network connections (3).
func WindowsEvents(n int) []byte {
	r := rand.New(rand.NewPCG(0x3f1e, 0x4624))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*1800)
	users := []string{"j.moreau", "a.khan", "svc_backup", "m.garcia", "Administrator", "l.chen"}
	hosts := []string{"EC2AMAZ-7QK2M1B.corp.example.com", "WIN-DC1A2B3C4D.corp.example.com", "amznfsxk3xq9w2e.corp.example.com"}
	ip := func() string {
		switch r.IntN(5) {
		case 0:
			return "2001:db8:" + strconv.FormatInt(int64(r.IntN(0xffff)), 16) + "::" + strconv.FormatInt(int64(1+r.IntN(0xfffe)), 16)
		case 1:
			return "::ffff:10.0." + strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(1+r.IntN(254))
		case 2:
			return "-"
		}
		return "10.0." + strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(1+r.IntN(254))
	}
	sid := func(u int) string { return "S-1-5-21-3623811015-3361044348-30300820-" + strconv.Itoa(1100+u) }
	for i := range n {
		at = at.Add(time.Duration(1+r.IntN(900)) * time.Millisecond)
		u := r.IntN(len(users))
		host := hosts[r.IntN(len(hosts))]
		subject := winData("SubjectUserSid", sid(u)) + winData("SubjectUserName", users[u]) + winData("SubjectDomainName", "CORP") + winData("SubjectLogonId", "0x"+strconv.FormatInt(int64(0x10000+r.IntN(1<<24)), 16))
		var id, task int
		var kw, body, provider, channel string
		provider, channel, kw = "Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}", "Security", "0x8020000000000000"
		switch k := r.IntN(100); {
		case k < 22:
			id, task = 4624, 12544
			body = winData("SubjectUserSid", "S-1-5-18") + winData("SubjectUserName", "-") + winData("TargetUserSid", sid(u)) + winData("TargetUserName", users[u]) + winData("TargetDomainName", "CORP") +
				winData("TargetLogonId", "0x"+strconv.FormatInt(int64(r.IntN(1<<28)), 16)) + winData("LogonType", []string{"2", "3", "3", "10", "5"}[r.IntN(5)]) +
				winData("LogonProcessName", "Kerberos") + winData("AuthenticationPackageName", "Kerberos") + winData("WorkstationName", "WS-"+strconv.Itoa(r.IntN(90))) +
				winData("ProcessId", "0x2f4") + winData("ProcessName", `C:\Windows\System32\lsass.exe`) + winData("IpAddress", ip()) + winData("IpPort", strconv.Itoa(r.IntN(65536)))
		case k < 34:
			id, task, kw = 4625, 12544, "0x8010000000000000"
			body = winData("SubjectUserSid", "S-1-0-0") + winData("TargetUserSid", "S-1-0-0") + winData("TargetUserName", []string{"administrator", "admin", "test", users[u]}[r.IntN(4)]) +
				winData("TargetDomainName", "CORP") + winData("Status", "0xc000006d") + winData("FailureReason", "%%2313") + winData("SubStatus", []string{"0xc000006a", "0xc0000064", "0xc0000234", "0xc0000072"}[r.IntN(4)]) +
				winData("LogonType", "3") + winData("WorkstationName", "-") + winData("ProcessId", "0x0") + winData("IpAddress", ip()) + winData("IpPort", strconv.Itoa(r.IntN(65536)))
		case k < 42:
			id, task = 4634, 12545
			body = winData("TargetUserSid", sid(u)) + winData("TargetUserName", users[u]) + winData("TargetDomainName", "CORP") + winData("TargetLogonId", "0x8dcdc4") + winData("LogonType", "3")
		case k < 48:
			id, task = 4672, 12548
			body = subject + winData("PrivilegeList", "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeDebugPrivilege")
		case k < 58:
			id, task = 4688, 13312
			exe := []string{`C:\Windows\System32\cmd.exe`, `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `C:\Windows\System32\net.exe`, `C:\Program Files\Git\bin\git.exe`}[r.IntN(4)]
			body = subject + winData("NewProcessId", "0x"+strconv.FormatInt(int64(4+r.IntN(60000)), 16)) + winData("NewProcessName", exe) + winData("TokenElevationType", "%%1936") +
				winData("ProcessId", "0x1a8c") + winData("CommandLine", `"`+exe+`" /c whoami /all`) + winData("TargetUserSid", "S-1-0-0") + winData("TargetUserName", "-") +
				winData("ParentProcessName", `C:\Windows\explorer.exe`) + winData("MandatoryLabel", "S-1-16-8192")
		case k < 62:
			id, task = 4689, 13313
			body = subject + winData("Status", "0x0") + winData("ProcessId", "0x1e4c") + winData("ProcessName", `C:\Windows\System32\cmd.exe`)
		case k < 70:
			id, task = []int{4768, 4769}[r.IntN(2)], 14339
			body = winData("TargetUserName", users[u]+"@CORP.EXAMPLE.COM") + winData("TargetDomainName", "CORP.EXAMPLE.COM") + winData("ServiceName", "krbtgt") +
				winData("TicketOptions", "0x40810010") + winData("Status", "0x0") + winData("TicketEncryptionType", "0x12") + winData("IpAddress", ip()) + winData("IpPort", strconv.Itoa(r.IntN(65536)))
		case k < 73:
			id, task = 4728, 13826
			body = winData("MemberName", "CN="+users[u]+",OU=Users,DC=corp,DC=example,DC=com") + winData("MemberSid", sid(u)) + winData("TargetUserName", "Domain Admins") +
				winData("TargetDomainName", "CORP") + winData("TargetSid", "S-1-5-21-3623811015-3361044348-30300820-512") + subject + winData("PrivilegeList", "-")
		case k < 76:
			id, task = []int{4720, 4738}[r.IntN(2)], 13824
			body = winData("TargetUserName", "user"+strconv.Itoa(i%1000)) + winData("TargetDomainName", "CORP") + winData("TargetSid", sid(200+i%1000)) + subject + winData("PrivilegeList", "-")
		case k < 88:
			id, task = 4663, 12800
			body = subject + winData("ObjectServer", "Security") + winData("ObjectType", "File") + winData("ObjectName", `\Device\HarddiskVolume13\share\dept`+strconv.Itoa(r.IntN(20))+`\report-`+strconv.Itoa(r.IntN(500))+".docx") +
				winData("HandleId", "0x1b2c") + winData("AccessList", "%%4416\n\t\t\t\t") + winData("AccessMask", "0x1") + winData("ProcessId", "0x4") + winData("ProcessName", "")
		case k < 92:
			id, task, kw = 4656, 12800, "0x8010000000000000"
			body = subject + winData("ObjectServer", "Security") + winData("ObjectType", "File") + winData("ObjectName", `\Device\HarddiskVolume13\share\finance`) +
				winData("AccessList", "%%1537\n\t\t\t\t") + winData("AccessMask", "0x10000") + winData("ProcessId", "0x4")
		case k < 95:
			id, task = 5145, 12811
			body = subject + winData("ObjectType", "File") + winData("IpAddress", ip()) + winData("IpPort", "445") + winData("ShareName", `\\*\share`) + winData("ShareLocalPath", `\??\D:\share`) +
				winData("RelativeTargetName", `dept1\plan.xlsx`) + winData("AccessMask", "0x120089") + winData("AccessList", "%%1538 %%1541 %%4416")
		case k < 97:
			id, task, kw = 7045, 0, "0x8080000000000000"
			provider, channel = "Service Control Manager' Guid='{555908d1-a6d7-4695-8e1e-26931d2012f4}' EventSourceName='Service Control Manager", "System"
			body = winData("ServiceName", "svc"+strconv.Itoa(r.IntN(50))) + winData("ImagePath", `C:\Windows\Temp\svc.exe`) + winData("ServiceType", "user mode service") + winData("StartType", "auto start") + winData("AccountName", "LocalSystem")
		default:
			id, task, kw = 3, 3, "0x8000000000000000"
			provider, channel = "Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", "Microsoft-Windows-Sysmon/Operational"
			body = winData("ProcessGuid", "{7d0c1f3a-5e40-6747-2a01-000000001a00}") + winData("ProcessId", "7756") + winData("Image", `C:\Windows\System32\svchost.exe`) + winData("User", `CORP\`+users[u]) +
				winData("Protocol", "tcp") + winData("Initiated", "true") + winData("SourceIp", "10.0.1.25") + winData("SourcePort", strconv.Itoa(49152+r.IntN(16000))) +
				winData("DestinationIp", "203.0.113."+strconv.Itoa(1+r.IntN(254))) + winData("DestinationPort", "443")
		}
		b = append(b, "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='"...)
		b = append(b, provider...)
		b = append(b, "'/><EventID>"...)
		b = strconv.AppendInt(b, int64(id), 10)
		b = append(b, "</EventID><Version>1</Version><Level>0</Level><Task>"...)
		b = strconv.AppendInt(b, int64(task), 10)
		b = append(b, "</Task><Opcode>0</Opcode><Keywords>"...)
		b = append(b, kw...)
		b = append(b, "</Keywords><TimeCreated SystemTime='"...)
		b = at.AppendFormat(b, "2006-01-02T15:04:05.0000000Z")
		b = append(b, "'/><EventRecordID>"...)
		b = strconv.AppendInt(b, int64(100000+i), 10)
		b = append(b, "</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='"...)
		b = strconv.AppendInt(b, int64(100+r.IntN(9000)), 10)
		b = append(b, "'/><Channel>"...)
		b = append(b, channel...)
		b = append(b, "</Channel><Computer>"...)
		b = append(b, host...)
		b = append(b, "</Computer><Security/></System><EventData>"...)
		b = append(b, body...)
		b = append(b, "</EventData></Event>\n"...)
	}
	return b
}

// winData renders one named EventData item, escaping XML's special characters.
func winData(name, value string) string {
	return "<Data Name='" + name + "'>" + winXMLText.Replace(value) + "</Data>"
}

var winXMLText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&apos;")
