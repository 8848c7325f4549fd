package windows

// category is how an event ID is categorized: ECS event.action,
// event.category and event.type.
type category struct {
	action     string
	categories []string
	types      []string
}

var (
	catAuth       = []string{"authentication"}
	catAuthSess   = []string{"authentication", "session"}
	catIAM        = []string{"iam"}
	catIAMConf    = []string{"iam", "configuration"}
	catConf       = []string{"configuration"}
	catProcess    = []string{"process"}
	catFile       = []string{"file"}
	catNetwork    = []string{"network"}
	typStart      = []string{"start"}
	typEnd        = []string{"end"}
	typAdmin      = []string{"admin"}
	typAdminChg   = []string{"admin", "change"}
	typCreateAdm  = []string{"creation", "admin"}
	typDeleteAdm  = []string{"deletion", "admin"}
	typChangeAdm  = []string{"change", "admin"}
	typUserCreate = []string{"user", "creation"}
	typUserChange = []string{"user", "change"}
	typUserDelete = []string{"user", "deletion"}
	typGrpCreate  = []string{"group", "creation"}
	typGrpChange  = []string{"group", "change"}
	typGrpDelete  = []string{"group", "deletion"}
	typChange     = []string{"change"}
	typCreation   = []string{"creation"}
	typDeletion   = []string{"deletion"}
	typAccess     = []string{"access"}
)

// securityEvents categorizes the events of the Security channel
// (providers Microsoft-Windows-Security-Auditing and
// Microsoft-Windows-Eventlog) as Elastic's System integration does
// (security/standard.yml), with Elastic's action names.
var securityEvents = map[uint32]category{
	1102: {"audit-log-cleared", catIAM, typAdminChg},
	4624: {"logged-in", catAuth, typStart},
	4625: {"logon-failed", catAuth, typStart},
	4634: {"logged-out", catAuth, typEnd},
	4647: {"logged-out", catAuth, typEnd},
	4648: {"logged-in-explicit", catAuth, typStart},
	4672: {"logged-in-special", catIAM, typAdmin},
	4688: {"created-process", catProcess, typStart},
	4689: {"exited-process", catProcess, typEnd},
	4697: {"service-installed", catIAMConf, typAdminChg},
	4698: {"scheduled-task-created", catIAMConf, typCreateAdm},
	4699: {"scheduled-task-deleted", catIAMConf, typDeleteAdm},
	4700: {"scheduled-task-enabled", catIAMConf, typChangeAdm},
	4701: {"scheduled-task-disabled", catIAMConf, typChangeAdm},
	4702: {"scheduled-task-updated", catIAMConf, typChangeAdm},
	4719: {"changed-audit-config", catIAMConf, typAdminChg},
	4720: {"added-user-account", catIAM, typUserCreate},
	4722: {"enabled-user-account", catIAM, typUserChange},
	4723: {"changed-password", catIAM, typUserChange},
	4724: {"reset-password", catIAM, typUserChange},
	4725: {"disabled-user-account", catIAM, typUserDelete},
	4726: {"deleted-user-account", catIAM, typUserDelete},
	4727: {"added-group-account", catIAM, typGrpCreate},
	4728: {"added-member-to-group", catIAM, typGrpChange},
	4729: {"removed-member-from-group", catIAM, typGrpChange},
	4730: {"deleted-group-account", catIAM, typGrpDelete},
	4731: {"added-group-account", catIAM, typGrpCreate},
	4732: {"added-member-to-group", catIAM, typGrpChange},
	4733: {"removed-member-from-group", catIAM, typGrpChange},
	4734: {"deleted-group-account", catIAM, typGrpDelete},
	4735: {"modified-group-account", catIAM, typGrpChange},
	4737: {"modified-group-account", catIAM, typGrpChange},
	4738: {"modified-user-account", catIAM, typUserChange},
	4739: {"domain-policy-changed", catConf, typChange},
	4740: {"locked-out-user-account", catIAM, typUserChange},
	4741: {"added-computer-account", catIAM, typCreateAdm},
	4742: {"changed-computer-account", catIAM, typChangeAdm},
	4743: {"deleted-computer-account", catIAM, typDeleteAdm},
	4744: {"added-distribution-group-account", catIAM, typGrpCreate},
	4745: {"changed-distribution-group-account", catIAM, typGrpChange},
	4746: {"added-member-to-distribution-group", catIAM, typGrpChange},
	4747: {"removed-member-from-distribution-group", catIAM, typGrpChange},
	4748: {"deleted-distribution-group-account", catIAM, typGrpDelete},
	4749: {"added-distribution-group-account", catIAM, typGrpCreate},
	4750: {"changed-distribution-group-account", catIAM, typGrpChange},
	4751: {"added-member-to-distribution-group", catIAM, typGrpChange},
	4752: {"removed-member-from-distribution-group", catIAM, typGrpChange},
	4753: {"deleted-distribution-group-account", catIAM, typGrpDelete},
	4754: {"added-group-account", catIAM, typGrpCreate},
	4755: {"modified-group-account", catIAM, typGrpChange},
	4756: {"added-member-to-group", catIAM, typGrpChange},
	4757: {"removed-member-from-group", catIAM, typGrpChange},
	4758: {"deleted-group-account", catIAM, typGrpDelete},
	4759: {"added-distribution-group-account", catIAM, typGrpCreate},
	4760: {"changed-distribution-group-account", catIAM, typGrpChange},
	4761: {"added-member-to-distribution-group", catIAM, typGrpChange},
	4762: {"removed-member-from-distribution-group", catIAM, typGrpChange},
	4763: {"deleted-distribution-group-account", catIAM, typGrpDelete},
	4764: {"type-changed-group-account", catIAM, typGrpChange},
	// 4765 and 4766 (SID history) have no entry in Elastic's table: the
	// reference system's names, categorized as user changes.
	4765: {"added-sid-history-to-account", catIAM, typUserChange},
	4766: {"failed-to-add-sid-history-to-account", catIAM, typUserChange},
	4767: {"unlocked-user-account", catIAM, typUserChange},
	4768: {"kerberos-authentication-ticket-requested", catAuth, typStart},
	4769: {"kerberos-service-ticket-requested", catAuth, typStart},
	4770: {"kerberos-service-ticket-renewed", catAuth, typStart},
	4771: {"kerberos-preauth-failed", catAuth, typStart},
	4776: {"credential-validated", catAuth, typStart},
	4778: {"session-reconnected", catAuthSess, typStart},
	4779: {"session-disconnected", catAuthSess, typEnd},
	4781: {"renamed-user-account", catIAM, typUserChange},

	// The events below are only in the reference system's table
	// (its names, spelling mistakes corrected); the categories are ours.
	4656: {"object-handle-requested", catFile, typAccess},
	4658: {"object-handle-closed", catFile, typAccess},
	4659: {"object-handle-deleted", catFile, typDeletion},
	4660: {"object-deleted", catFile, typDeletion},
	4661: {"object-handle-requested", nil, nil},
	4662: {"object-operation-performed", nil, nil},
	4663: {"object-accessed", catFile, typAccess},
	4664: {"hard-link-created", catFile, typCreation},
	4670: {"object-permissions-changed", catFile, typChange},
	5140: {"network-share-object-accessed", catFile, typAccess},
	5142: {"network-share-object-added", catConf, typCreation},
	5143: {"network-share-object-modified", catConf, typChange},
	5144: {"network-share-object-deleted", catConf, typDeletion},
	5145: {"network-share-object-checked", catFile, typAccess},
	5152: {"packet-blocked", catNetwork, []string{"connection", "denied"}},
	5154: {"port-listen-allowed", catNetwork, []string{"start", "allowed"}},
	5155: {"port-listen-blocked", catNetwork, []string{"start", "denied"}},
	5156: {"connection-allowed", catNetwork, []string{"connection", "allowed", "start"}},
	5157: {"connection-blocked", catNetwork, []string{"connection", "denied"}},
	5158: {"binding-local-port-allowed", catNetwork, []string{"start", "allowed"}},
	5159: {"binding-local-port-blocked", catNetwork, []string{"start", "denied"}},
	5136: {"directory-service-object-modified", catConf, typChange},
}

// fileEvents are the object-access events whose file categorization
// holds only when the object is a file (ObjectType File).
var fileEvents = map[uint32]bool{4656: true, 4658: true, 4659: true, 4660: true, 4663: true, 4664: true, 4670: true, 5140: true, 5145: true}

// referenceActions names the other Security events as the reference
// system's Appendix B table does (spelling corrected), without a
// categorization: event.action only.
var referenceActions = map[uint32]string{
	1100: "logging-service-shutdown", 1104: "security-logging-full", 1105: "auditlog-archived",
	1108: "logging-error", 4608: "windows-starts", 4610: "authentication-package-loaded",
	4611: "trusted-logon-process-registered", 4614: "notification-package-loaded",
	4616: "system-time-changed", 4622: "security-package-loaded", 4649: "replay-attack-detected",
	4657: "registry-value-modified", 4673: "privileged-service-called",
	4674: "privileged-object-operation-performed", 4675: "sids-filtered",
	4691: "indirect-access-to-object", 4696: "process-created", 4715: "object-audit-policy-changed",
	4772: "kerberos-authentication-ticket-request-failed", 4780: "set-acl-to-admin-user",
	4794: "requested-set-directory-services-restore-mode", 4798: "local-group-membership-enumerated",
	4799: "local-security-group-membership-enumerated", 4800: "workstation-locked",
	4801: "workstation-unlocked", 4802: "screen-saver-invoked", 4803: "screen-saver-dismissed",
	4817: "object-audit-setting-changed", 4826: "boot-configuration-data-loaded",
	4902: "user-audit-policy-created", 4904: "security-event-source-registered",
	4905: "security-event-source-unregistered", 4906: "crash-on-audit-fail-value-changed",
	4907: "object-audit-setting-changed", 4908: "modified-special-group",
	4912: "user-audit-policy-changed", 4944: "windows-firewall-policy-activated",
	4945: "windows-firewall-rule-listed", 4946: "windows-firewall-rule-added",
	4947: "windows-firewall-rule-modified", 4948: "windows-firewall-rule-deleted",
	4949: "windows-firewall-default-settings-restored", 4950: "windows-firewall-settings-changed",
	4951: "windows-firewall-rule-ignored", 4952: "windows-firewall-rule-ignored",
	4953: "windows-firewall-rule-ignored", 4957: "windows-firewall-rule-ignored",
	4958: "windows-firewall-rule-ignored", 4954: "windows-firewall-group-policy-changed",
	4956: "windows-firewall-active-profile-changed", 4964: "special-group-logon",
	4985: "transaction-state-changed", 5024: "windows-firewall-service-started",
	5025: "windows-firewall-service-stopped", 5033: "windows-firewall-driver-started",
	5034: "windows-firewall-driver-stopped", 5039: "registry-key-virtualized",
	5051: "file-virtualized", 5058: "key-file-operation", 5059: "key-migration-operation",
	5060: "verification-operation-failed", 5061: "cryptographic-operation",
	5148: "dos-attack-detected", 5149: "dos-attack-subsided", 5168: "spn-check-failed",
	5376: "credentials-backedup",
	5377: "credentials-restored", 5378: "credentials-delegation-failed", 5379: "credentials-read",
	5632: "wireless-network-requested", 5633: "wired-network-requested",
	5888: "com-catalog-object-modified", 5889: "com-catalog-object-deleted",
	5890: "com-catalog-object-added", 6416: "external-device-recognized",
}

// The event lists of Elastic's scripts (security/standard.yml), by the
// rule they take part in.
var (
	// targetAsUser: the target account is the user (logons).
	targetAsUser = idSet(4624, 4625, 4634, 4647, 4648, 4768, 4769, 4770, 4771, 4776, 4964)
	// subjectAsUser: the subject is the user, overwriting the target.
	subjectAsUser = idSet(4648, 4657, 4670, 4672, 4673, 4674, 4688, 4689, 4697, 4698, 4699, 4700, 4701, 4702,
		4706, 4707, 4713, 4716, 4717, 4718, 4719, 4720, 4722, 4723, 4724, 4725, 4726, 4727, 4728, 4729, 4730,
		4731, 4732, 4733, 4734, 4735, 4737, 4738, 4739, 4740, 4741, 4742, 4743, 4744, 4745, 4746, 4747, 4748,
		4749, 4750, 4751, 4752, 4753, 4754, 4755, 4756, 4757, 4758, 4759, 4760, 4761, 4762, 4763, 4764,
		4767, 4781, 4798, 4799, 4817, 4904, 4905, 4907, 4912, 5140, 5145,
		// Not in Elastic's list: the object-access events FSx writes,
		// whose only account is the subject, and the SID history events,
		// whose subject is the administrator who acted.
		4656, 4658, 4659, 4660, 4661, 4662, 4663, 4664, 4765, 4766)
	// targetAsTarget: the target account is user.target.
	targetAsTarget = idSet(4670, 4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740, 4765, 4766, 4767, 4798, 4817, 4907)
	// groupEvents: the target is a group, MemberName the member.
	groupEvents = idSet(4727, 4728, 4729, 4730, 4731, 4732, 4733, 4734, 4735, 4737, 4744, 4745, 4746, 4747,
		4748, 4749, 4750, 4751, 4752, 4753, 4754, 4755, 4756, 4757, 4758, 4759, 4760, 4761, 4762, 4763, 4764, 4799)
	// computerEvents: the target is a computer account.
	computerEvents = idSet(4741, 4742, 4743)
	// commonFields: ProcessId/ProcessName, IpAddress/IpPort and
	// WorkstationName are the caller's process and address.
	commonFields = idSet(1100, 1101, 1102, 1103, 1104, 1105, 1106, 1107, 1108, 4624, 4625, 4648, 4656, 4658,
		4659, 4660, 4661, 4662, 4663, 4664, 4670, 4673, 4674, 4689, 4697, 4719, 4720, 4722, 4723, 4724, 4725,
		4726, 4727, 4728, 4729, 4730, 4731, 4732, 4733, 4734, 4735, 4737, 4738, 4739, 4740, 4741, 4742, 4743,
		4744, 4745, 4746, 4747, 4748, 4749, 4750, 4751, 4752, 4753, 4754, 4755, 4756, 4757, 4758, 4759, 4760,
		4761, 4762, 4763, 4764, 4765, 4766, 4767, 4768, 4769, 4770, 4771, 4798, 4799, 4817, 4904, 4905,
		4907, 4912, 5140, 5145)
	// targetLogon: TargetLogonId is the session (else SubjectLogonId).
	targetLogon = idSet(4624, 4634, 4647, 4964)
	// privilegeLists: PrivilegeList is a list.
	privilegeLists = idSet(4672, 4673, 4674, 4741, 4742, 4743)
)

func idSet(ids ...uint32) map[uint32]bool {
	m := make(map[uint32]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// logonTypes names winlog.logon.type as Elastic does, with the types
// Microsoft defines that Elastic leaves out.
var logonTypes = map[string]string{
	"0": "System", "2": "Interactive", "3": "Network", "4": "Batch", "5": "Service", "7": "Unlock",
	"8": "NetworkCleartext", "9": "NewCredentials", "10": "RemoteInteractive", "11": "CachedInteractive",
	"12": "CachedRemoteInteractive", "13": "CachedUnlock",
}

// logonFailures describes the NTSTATUS codes of 4625 and 4776 Status
// and SubStatus, keyed in lower case as EventData writes them.
var logonFailures = map[string]string{
	"0xc0000064": "User logon with misspelled or bad user account",
	"0xc000006a": "User logon with misspelled or bad password",
	"0xc000006d": "This is either due to a bad username or authentication information",
	"0xc000006e": "Unknown user name or bad password",
	"0xc000006f": "User logon outside authorized hours",
	"0xc0000070": "User logon from unauthorized workstation",
	"0xc0000071": "User logon with expired password",
	"0xc0000072": "User logon to account disabled by administrator",
	"0xc0000193": "User logon with expired account",
	"0xc0000224": "User is required to change password at next logon",
	"0xc0000234": "Account locked out",
	"0xc000015b": "The user has not been granted the requested logon type at this machine",
	"0xc000005e": "There are currently no logon servers available to service the logon request",
	"0xc0000133": "Clocks between DC and other computer too far out of sync",
	"0xc000018c": "The logon request failed because the trust relationship between the primary domain and the trusted domain failed",
	"0xc0000192": "An attempt was made to logon, but the Netlogon service was not started",
	"0xc00000dc": "Indicates the Sam Server was in the wrong state to perform the desired operation",
	"0xc00002ee": "Failure Reason: An Error occurred during Logon",
	"0xc0000413": "Logon Failure: The machine you are logging onto is protected by an authentication firewall",
	"0xc0000371": "The local account store does not contain secret material for the specified account",
	"0xc0000225": "Evidently a bug in Windows and not a risk",
	"0x0":        "Status OK",
}

// serviceTypes names 4697 ServiceType as Elastic does.
var serviceTypes = map[string]string{
	"0x1": "Kernel Driver", "0x2": "File System Driver", "0x8": "Recognizer Driver",
	"0x10": "Win32 Own Process", "0x20": "Win32 Share Process",
	"0x110": "Interactive Own Process", "0x120": "Interactive Share Process",
}

// securityTasks names the Security log's tasks (the audit
// subcategories) in English, as the Event Log renders them, for events
// that come without RenderingInfo.
var securityTasks = map[uint16]string{
	12288: "Security State Change", 12289: "Security System Extension", 12290: "System Integrity",
	12291: "IPsec Driver", 12292: "Other System Events",
	12544: "Logon", 12545: "Logoff", 12546: "Account Lockout", 12547: "IPsec Main Mode",
	12548: "Special Logon", 12549: "IPsec Quick Mode", 12550: "IPsec Extended Mode",
	12551: "Other Logon/Logoff Events", 12552: "Network Policy Server", 12553: "User / Device Claims",
	12554: "Group Membership",
	12800: "File System", 12801: "Registry", 12802: "Kernel Object", 12803: "SAM",
	12804: "Other Object Access Events", 12805: "Certification Services", 12806: "Application Generated",
	12807: "Handle Manipulation", 12808: "File Share", 12809: "Filtering Platform Packet Drop",
	12810: "Filtering Platform Connection", 12811: "Detailed File Share", 12812: "Removable Storage",
	12813: "Central Policy Staging",
	13056: "Sensitive Privilege Use", 13057: "Non Sensitive Privilege Use", 13058: "Other Privilege Use Events",
	13312: "Process Creation", 13313: "Process Termination", 13314: "DPAPI Activity", 13315: "RPC Events",
	13316: "Plug and Play Events", 13317: "Token Right Adjusted Events",
	13568: "Audit Policy Change", 13569: "Authentication Policy Change", 13570: "Authorization Policy Change",
	13571: "MPSSVC Rule-Level Policy Change", 13572: "Filtering Platform Policy Change",
	13573: "Other Policy Change Events",
	13824: "User Account Management", 13825: "Computer Account Management", 13826: "Security Group Management",
	13827: "Distribution Group Management", 13828: "Application Group Management",
	13829: "Other Account Management Events",
	14080: "Directory Service Access", 14081: "Directory Service Changes", 14082: "Directory Service Replication",
	14083: "Detailed Directory Service Replication",
	14336: "Credential Validation", 14337: "Kerberos Service Ticket Operations", 14338: "Other Account Logon Events",
	14339: "Kerberos Authentication Service",
}

// uacFlags names the bits of the SAM account control value 4720, 4738
// and 4741-4743 write as NewUacValue (MS-SAMR USER_ACCOUNT codes), as
// Elastic names them, in bit order.
var uacFlags = [...]string{
	"USER_ACCOUNT_DISABLED", "USER_HOME_DIRECTORY_REQUIRED", "USER_PASSWORD_NOT_REQUIRED", "USER_TEMP_DUPLICATE_ACCOUNT",
	"USER_NORMAL_ACCOUNT", "USER_MNS_LOGON_ACCOUNT", "USER_INTERDOMAIN_TRUST_ACCOUNT", "USER_WORKSTATION_TRUST_ACCOUNT",
	"USER_SERVER_TRUST_ACCOUNT", "USER_DONT_EXPIRE_PASSWORD", "USER_ACCOUNT_AUTO_LOCKED", "USER_ENCRYPTED_TEXT_PASSWORD_ALLOWED",
	"USER_SMARTCARD_REQUIRED", "USER_TRUSTED_FOR_DELEGATION", "USER_NOT_DELEGATED", "USER_USE_DES_KEY_ONLY",
	"USER_DONT_REQUIRE_PREAUTH", "USER_PASSWORD_EXPIRED", "USER_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION",
	"USER_NO_AUTH_DATA_REQUIRED", "USER_PARTIAL_SECRETS_ACCOUNT", "USER_USE_AES_KEYS",
}
