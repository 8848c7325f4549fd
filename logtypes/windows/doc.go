// Package windows holds three log types of Windows events in the event
// XML the Event Log renders, sharing one normalizer:
//
//   - windows-event (Event): any channel (Security, System, Application,
//     Sysmon...) from the CloudWatch agent (event_format xml) through a
//     CloudWatch Logs subscription filter and Firehose to S3, or event
//     XML files such as a wevtutil export. Key rule /[Ww]indows.*[Ee]vent
//     (the reference system's; its prefix AWSLogs/<account>/EC2/Windows/Event/).
//     Dataset windows.event.
//   - directory-service (DirectoryService): AWS Managed Microsoft AD
//     domain controller security logs, forwarded to a CloudWatch Logs
//     log group (/aws/directoryservice/<directory-id> by convention) and
//     on through a subscription filter and Firehose. Key rule
//     /DirectoryService/MicrosoftAD/. Dataset windows.directory_service.
//   - fsx-windows (FSx): Amazon FSx for Windows File Server file access
//     audit logs, delivered by a Firehose stream (whose name must begin
//     with aws-fsx, so that its objects' names hold /aws-fsx-) as events
//     back to back, or through a /aws/fsx/ log group. Key rule /aws-fsx-.
//     Dataset windows.fsx.
//
// The three share the vendor namespace winlog, Winlogbeat's and Elastic's
// Windows and System integrations' (it is no ECS field set), with one
// vendor schema, so that an index pattern over them sees one mapping.
// Each has its own Dataset, so that their documents stay apart.
//
// # What is read
//
// Objects are read with parser/winevent: events one after another (one
// per line or not), or a wevtutil <Events> export, framed only
// (FrameOnly) and parsed in Normalize, so that parsing runs on the
// pipeline's workers. CloudWatch Logs subscription payloads (the
// envelope CloudWatchLogs) carry one event per message. A message in
// the CloudWatch agent's text format (event_format text) is not event
// XML and is dead-lettered with a reason that says so. Only well-formed
// XML is read: the FSx sample AWS documents with "< /EventID>" is
// dead-lettered as malformed XML, with its bytes, never half-read.
//
// # Fields
//
// Every event:
//
//   - @timestamp and winlog.time_created: System/TimeCreated, with its
//     100 ns precision. When it is absent or not a time (AWS documents an
//     FSx 4659 with "2021-0603T..."), @timestamp is the CloudWatch Logs
//     event's time when the event came through CloudWatch Logs, else the
//     ingestion time; error.message says which and quotes the bad value,
//     and tags holds _winlog_invalid_time_created. The event is kept.
//     A SystemTime without a zone is read as UTC, as Windows writes it.
//   - event.kind event; event.code and winlog.event_id: the EventID (a
//     string, as Elastic); event.provider and winlog.provider_name,
//     winlog.provider_guid, winlog.event_source_name; winlog.channel;
//     host.name and winlog.computer_name: Computer; winlog.record_id
//     (a string, as Elastic); winlog.version, winlog.qualifiers (when not
//     0); winlog.process.pid and winlog.process.thread.id (Execution);
//     winlog.activity_id, winlog.related_activity_id (Correlation);
//     winlog.user.identifier (Security/@UserID).
//   - log.level and winlog.level: Level 0 (LogAlways, which the Security
//     log writes) and 4 are "information", 1 critical, 2 error, 3
//     warning, 5 verbose.
//   - winlog.task, winlog.opcode, winlog.keywords: the rendered names
//     from RenderingInfo when present; else the Security log's task names
//     (its audit subcategories, and Log clear for 1102) and opcode 0 "Info", 1 "Start", 2 "Stop",
//     and the standard keyword bits by their English names ("Audit
//     Success", "Audit Failure", "Classic"...); other numbers as written.
//   - message: RenderingInfo's message, when rendered.
//   - event.outcome and winlog.outcome: success or failure from the Audit
//     Success (0x0020000000000000) and Audit Failure (0x0010000000000000)
//     keyword bits, as Winlogbeat decides; none without them (System,
//     Application and Sysmon events).
//   - winlog.event_data: every EventData item by its Name (param1,
//     param2... for a classic provider's unnamed items, as Winlogbeat),
//     trimmed, without empty and "-" values. A name that is not a field
//     name has its other characters replaced by "_"; a repeated name
//     keeps its first value; at most 256 items are kept (tags then holds
//     _winlog_event_data_truncated). AccessList, and the PrivilegeList
//     of 4672-4674 and 4741-4743, are lists. EventData/Binary is
//     winlog.event_data.Binary.
//   - winlog.user_data: UserData's values by their path below the
//     provider's root element (joined with "_"), and the root element's
//     name as winlog.user_data.xml_name (1102 LogFileCleared).
//   - the document id: Computer|Channel|EventRecordID, unique per
//     computer and log, so that a re-read event overwrites its document.
//
// Where the event came from: cloud.instance.id from an EC2 instance id in
// the CloudWatch Logs stream name (the agent's default stream name is the
// instance id; the reference system's rule); the envelope's
// aws.cloudwatch.*, cloud.provider aws and cloud.account.id. Objects of
// directory-service and fsx-windows read directly (Firehose) get
// cloud.provider aws and cloud.account.id from an AWSLogs/<account>/ key;
// both set cloud.service.name (directoryservice, fsx). windows-event read
// from a file sets no cloud field: the event need not come from AWS.
//
// # The Security log
//
// Events of Microsoft-Windows-Security-Auditing and
// Microsoft-Windows-Eventlog (1100-1108) are mapped as Elastic's System
// integration maps them (security/standard.yml), with Elastic's
// event.action names and categories for 1102, 4624, 4625, 4634, 4647,
// 4648, 4672, 4688, 4689, 4697-4702, 4719, 4720-4767 (account, group,
// computer and distribution group management; 4765/4766 SID history are
// not in Elastic's table and use the reference system's names), 4768-4771,
// 4776, 4778, 4779 and 4781. The other events of the reference system's
// table (Appendix B, 145 rows) get its event.action, with its spelling
// corrected (objcet, archieved, actived) and no category, except the
// object-access and share events FSx writes, categorized file (4656,
// 4658, 4659, 4660, 4663, 4664, 4670, 5140, 5145; only when ObjectType is
// File, or, from fsx-windows, which audits only files and folders, when
// there is none, as in 4660), share configuration (5142-5144), directory object changes
// (5136) and Windows Filtering Platform events (5152, 5154-5159:
// network, with connection or start, and allowed or denied).
// 5145 is not in either table: its action is network-share-object-checked.
//
// Accounts, in Elastic's order of rules:
//
//   - user.*: the target account (TargetUserSid else TargetSid,
//     TargetUserName cut at "@", TargetDomainName) for logons and
//     Kerberos (4624, 4625, 4634, 4647, 4648, 4768-4771, 4776, 4964);
//     the subject (SubjectUserSid, SubjectUserName, SubjectDomainName)
//     for the events Elastic lists (4648, 4672, 4688, 4697-4702, 4719,
//     4720-4767, 4781...), and also for the object-access events
//     (4656-4664), whose only account is the subject; 1102 from its
//     UserData subject; 4778/4779 AccountName and AccountDomain.
//   - user.target.*: the target account for account management (4670,
//     4720, 4722-4726, 4738, 4740, 4765-4767, 4798, 4817, 4907); for
//     group membership events (4727-4737, 4744-4764, 4799) the member
//     (MemberSid, and MemberName's first RDN as its name and its DC
//     components as its domain), the group going to group.* and
//     user.target.group.*; for 4741-4743 the computer account goes to
//     winlog.computer_object.*; 4781 OldTargetUserName, with
//     NewTargetUserName in user.changes.name.
//   - user.effective.*: the target account of 4648 (the explicit
//     credentials) and 4688 (the new process's token).
//   - related.user: every user name above, once.
//
// A SID wrapped onto two lines (as in AWS's documented 5145) is joined.
//
// Processes and addresses: for the events of Elastic's list (logons,
// account management, object access...) ProcessId (hex) is process.pid
// (0, "no process", is left out), ProcessName process.executable and
// process.name; IpAddress is source.ip and IpPort source.port (when not
// 0), WorkstationName (4776: Workstation) source.domain. "-" is none;
// "::ffff:a.b.c.d" is the IPv4 address; a zone is dropped; "::1" and
// 127.0.0.1 are kept, as they mean a logon from the machine itself; a
// value that is not an address (AWS's 5140 sample has 172.45.6.789) is
// kept only in winlog.event_data. 4778/4779 ClientAddress and ClientName are the
// source. 4688: NewProcessId, NewProcessName, CommandLine (and
// process.args, split at whitespace outside double quotes, quotes kept, as
// Elastic), ParentProcessName and ProcessId as the parent. related.ip
// holds source.ip and destination.ip; related.hosts the Computer,
// source.domain and destination.domain.
//
// Windows Filtering Platform (5152-5159): Windows writes the local end
// as SourceAddress and SourcePort and the remote end as DestAddress and
// DestPort, whatever the direction; source.* is the end that opened the
// connection: the local end when Direction is %%14593 (network.direction
// outbound, relative to the host), the remote end when it is %%14592
// (inbound). Protocol is network.iana_number (and network.transport for
// ICMP, TCP, UDP and ICMPv6); network.community_id is the flow's for TCP
// and UDP with both ends and ports (Sysmon 3 too); ProcessID and
// Application (a device path) are process.pid and process.executable.
// Blocked packets and
// connections are event.kind event, as every other event here: a host
// firewall drops many, and they are not findings.
//
// Files: the object-access events on files set file.path (ObjectName,
// the NT path as written: \Device\HarddiskVolume8\share\event.txt),
// file.name, file.directory and file.extension; 5145 builds the path from
// ShareLocalPath (without its \??\ prefix) and RelativeTargetName.
//
// Account control: NewUacValue (4720, 4738, 4741-4743) is also named
// flag by flag in winlog.event_data.NewUACList (USER_NORMAL_ACCOUNT,
// USER_DONT_REQUIRE_PREAUTH..., the MS-SAMR names, as Elastic).
//
// Sessions and failures: winlog.logon.id is TargetLogonId for 4624,
// 4634, 4647 and 4964, else SubjectLogonId; winlog.logon.type is
// LogonType's name (Interactive, Network, Batch, Service, Unlock,
// NetworkCleartext, NewCredentials, RemoteInteractive, CachedInteractive,
// and System, CachedRemoteInteractive and CachedUnlock, which Elastic
// leaves out); for 4625 and 4776, winlog.logon.failure.status and
// sub_status describe the NTSTATUS codes and reason the FailureReason
// code (%%2313...). 4697: service.name and service.type (ServiceType's
// name).
//
// # Other providers
//
// Service Control Manager 7045 (a service was installed):
// service-installed, configuration/change, service.name; ImagePath and
// the rest stay in winlog.event_data. User32 1074: system-shutdown,
// host/end. Sysmon (Microsoft-Windows-Sysmon) 1, 3 and 11 as Elastic's
// Windows integration maps them: process creation (process.*,
// process.parent.*, process.pe.*, process.hash.* and
// process.pe.imphash from Hashes, lower-cased, each also in
// related.hash), network connection
// (source.*, destination.*, host names as .domain, network.transport,
// network.direction from Initiated, network.type) and file creation
// (file.*); the user from User (DOMAIN\name); the zero GUID and "-" are
// none. Every other event, of any provider, is indexed with its System
// fields and its EventData in winlog.event_data, without event.action.
//
// # Dead letters and exclusions
//
// Dead-lettered, with the parser's reason: XML that is not well-formed,
// a document type declaration, UTF-16 text, an event over 1 MiB or
// nested too deep; a message that is not event XML (the agent's text
// format); an event without System/EventID; an event without a valid
// TimeCreated when there is no time to fall back to. Nothing is excluded
// by this package (CloudWatch Logs control messages are excluded by the
// envelope).
//
// # Where we differ from Elastic, on purpose
//
//   - Values Windows writes as "-" (none) and empty values are left out of
//     winlog.event_data; Elastic keeps "-". Items mapped to ECS fields
//     stay in winlog.event_data as written (Elastic moves some out, such
//     as 4689's ProcessId).
//   - host.name is the Computer that logged the event (as the reference
//     system does); Elastic's is the shipping agent's host.
//   - The outcome comes from the keyword bits only: an event without
//     Audit Success/Failure has none (Winlogbeat may set one).
//   - The %% message codes (AccessList, ImpersonationLevel...), 4719's
//     audit policy GUIDs, UserAccountControl's %% codes, Kerberos ticket
//     options, encryption types and status names are kept as written:
//     Elastic decodes about 900 of them into more winlog.* fields. A
//     later change may add them. NewUacValue is decoded, as Elastic does.
//   - Sysmon's UtcTime is not used for @timestamp: TimeCreated is, for
//     every event alike (they differ by milliseconds).
//   - Group member domain: the DC components of MemberName joined with
//     dots (corp.example.com); Elastic takes the fourth comma-separated
//     part, which is the domain only for a DN of that exact depth.
//   - 4740's TargetDomainName is, per Microsoft, the caller computer's
//     name; like Elastic we still map it to user.target.domain (it stays
//     in winlog.event_data).
//   - winlog.event_data is a flat_object, so that no provider's item
//     names can add mappings or conflict; Elastic maps them as keywords.
//
// # Where we differ from the reference system, on purpose
//
//   - Actions and categories follow Elastic (the reference system's
//     table has its own names, typos and outcomes such as
//     workstation-locked/failure); its names are used only for events
//     Elastic does not name, spelling corrected. Outcomes come from the
//     keyword bits, not from a per-event table.
//   - event.module is not the channel: the pipeline sets it from the
//     Dataset; the channel is winlog.channel.
//   - user.* is the target account for logons (the reference takes the
//     subject first, which for 4624 is the machine account), and the
//     subject for account management, with the target in user.target.*.
//   - An XML syntax error dead-letters the event instead of retrying with
//     control characters removed; events one per line or not, a wevtutil
//     export, and IPv6 addresses are read.
//   - The document id is the event's own (Computer, Channel, record id).
package windows
