package windows

import "github.com/siem-go/siem"

// vendorSchema declares the fields under winlog that are not keywords;
// the three types declare the same, since they share the namespace.
var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	// EventData and UserData differ per provider and event: flat_object,
	// so that no item's name can conflict or add a mapping.
	{Path: "event_data", Type: siem.VendorFlatObject},
	{Path: "user_data", Type: siem.VendorFlatObject},
	{Path: "time_created", Type: siem.VendorDate},
	{Path: "version", Type: siem.VendorLong},
	{Path: "qualifiers", Type: siem.VendorLong},
	{Path: "process.pid", Type: siem.VendorLong},
	{Path: "process.thread.id", Type: siem.VendorLong},
}}

// knownPaths interns the winlog.event_data paths of the items Windows
// events commonly carry, so that the common case builds no string.
var knownPaths = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{
		"AccessList", "AccessMask", "AccessReason", "AccountDomain", "AccountName", "AuthenticationPackageName",
		"CallerProcessId", "CallerProcessName", "ClientAddress", "ClientName", "CommandLine", "Company",
		"CurrentDirectory", "Description", "DestinationHostname", "DestinationIp", "DestinationIsIpv6",
		"DestinationPort", "DestinationPortName", "ElevatedToken", "FailureReason", "FileVersion", "HandleId",
		"Hashes", "Image", "ImagePath", "ImpersonationLevel", "Initiated", "IntegrityLevel", "IpAddress", "IpPort",
		"KeyLength", "LmPackageName", "LogonGuid", "LogonId", "LogonProcessName", "LogonType", "MandatoryLabel",
		"MemberName", "MemberSid", "NewProcessId", "NewProcessName", "NewSd", "NewTargetUserName", "NewUacValue",
		"ObjectName", "ObjectServer", "ObjectType", "OldSd", "OldTargetUserName", "OldUacValue", "OriginalFileName",
		"ParentCommandLine", "ParentImage", "ParentProcessGuid", "ParentProcessId", "ParentProcessName",
		"PreAuthType", "PrivilegeList", "ProcessGuid", "ProcessId", "ProcessName", "Product", "Protocol",
		"RelativeTargetName", "ResourceAttributes", "RestrictedAdminMode", "RestrictedSidCount", "RuleName",
		"SamAccountName", "ServiceAccount", "ServiceFileName", "ServiceName", "ServiceSid", "ServiceStartType",
		"ServiceType", "ShareLocalPath", "ShareName", "SidHistory", "SourceHostname", "SourceIp", "SourceIsIpv6",
		"SourcePort", "SourcePortName", "StartType", "Status", "SubStatus", "SubjectDomainName", "SubjectLogonId",
		"SubjectUserName", "SubjectUserSid", "TargetDomainName", "TargetFilename", "TargetInfo", "TargetLinkedLogonId",
		"TargetLogonGuid", "TargetLogonId", "TargetOutboundDomainName", "TargetOutboundUserName", "TargetServerName",
		"TargetSid", "TargetUserName", "TargetUserSid", "TicketEncryptionType", "TicketOptions", "TokenElevationType",
		"TransactionId", "TransmittedServices", "User", "UserAccountControl", "UtcTime", "VirtualAccount",
		"Workstation", "WorkstationName", "param1", "param2", "param3", "param4", "param5", "param6",
	} {
		m[n] = "winlog.event_data." + n
	}
	return m
}()
