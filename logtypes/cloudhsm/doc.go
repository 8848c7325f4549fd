// Package cloudhsm reads AWS CloudHSM audit logs.
//
// # What is read
//
// Each HSM of a cluster writes audit records to the CloudWatch Logs log
// group /aws/cloudhsm/<cluster-id>, in a log stream named after the HSM
// (hsm-...). A record is a block of "Name : value" lines (the separator
// may be " : ", ": " or a tab and ": "), its first line
// "Time: MM/DD/YY HH:MM:SS.ffffff, usecs:<microseconds since the epoch>".
// Three ways in:
//
//   - CloudWatch Logs subscription payloads written by Firehose
//     (envelope.CloudWatchLogs) under the reference system's prefix
//     AWSLogs/<account>/CloudHSM/<region>/...: each log event's message is
//     one record; the cluster comes from the log group, the HSM from the
//     log stream.
//   - CloudWatch Logs export task objects (envelope.CloudWatchLogsExport)
//     under cloudhsm-cwl/<account>/<region>/<cluster>/<task>/<hsm>/NNNNNN.gz:
//     the export joins a message's lines back together; cluster and HSM
//     come from the key (\W(cluster-[1-9a-z]{11})\W.*/(hsm-[1-9a-z]{11})\W,
//     the reference system's pattern), account and region from the key.
//   - Audit log files (as AWS documents them: records separated by blank
//     lines) under either prefix, framed by parser/multiline with a record
//     starting at each "Time: dd/dd/dd" line. The reference system's start
//     pattern lacked a backslash (d{2}); this one does not.
//
// A message holding several records (each starting with a Time line) is
// cut into them, each with the message's delivery.
//
// Lines read (Appendix A of the reference, plus the newer client SDK 5
// layout): Time/usecs, Version No, Sequence No, Reboot counter, Opcode
// (before or after Command Type), Command Type(hex), User id, Session
// Handle, Response, Log type, Priv/Secret Key Handle, Public Key Handle,
// Key Handle, local time/usec, host time/usec, propagation delay, User
// Name/User Type, Mechanism, Target User Name/Type/id, Mfa enabled,
// Operation, Number of Users, UserIDs.
//
// # Mapping
//
//	Time (MM/DD/YY HH:MM:SS.ffffff, UTC)  @timestamp (usecs when Time
//	                                      is absent)
//	usecs                                 aws.cloudhsm.timestamp_usec
//	Opcode NAME (0xN)                     event.action and
//	                                      aws.cloudhsm.opcode; opcode_hex
//	Response "C:HSM Return: T"            event.outcome success;
//	                                      aws.cloudhsm.response,
//	                                      response_code (C), hsm_return (T)
//	Response "C:HSM Error: T"             event.outcome failure; error.code
//	                                      (C), error.message (T);
//	                                      aws.cloudhsm.hsm_error
//	Sequence No, Reboot counter (hex)     aws.cloudhsm.sequence_no,
//	                                      reboot_counter (long) and
//	                                      *_hex (as written)
//	Command Type(hex) NAME (0xN)          aws.cloudhsm.command_type,
//	                                      command_type_hex
//	Log type NAME (N)                     aws.cloudhsm.log_type,
//	                                      log_type_code (long)
//	User id                               user.id
//	User Name / User Type NAME (N)        user.name / user.roles [NAME],
//	                                      aws.cloudhsm.user_type_code;
//	                                      but user.target.* (see below)
//	Target User Name/Type/id              user.target.name/roles/id,
//	                                      aws.cloudhsm.target_user_type_code
//	local time, host time (+ usec)        aws.cloudhsm.local_time,
//	                                      host_time (date),
//	                                      local_time_usec, host_time_usec
//	propagation delay usec:N              aws.cloudhsm.propagation_delay
//	                                      (microseconds)
//	Session Handle, key handles, Version No, Mechanism, Mfa enabled,
//	Operation NAME (N), UserIDs           aws.cloudhsm.<snake_case name>
//	                                      (operation_code for N)
//	Number of Users                       aws.cloudhsm.number_of_users
//	a line with another name              aws.cloudhsm.other (flat_object;
//	                                      the name as written, dots
//	                                      replaced by '_'; values as text;
//	                                      a name over 128 bytes goes to
//	                                      unparsed)
//	a line without a name                 aws.cloudhsm.unparsed (wildcard,
//	                                      lines joined by newlines)
//
// Who did what: in the records of user-management opcodes
// (CN_CREATE_USER, CN_CREATE_CO, CN_CREATE_APPLIANCE_USER,
// CN_DELETE_USER, CN_SET_M_VALUE, CN_CHANGE_PSWD, CN_APPROVE_TOKEN),
// User Name and User Type name the user acted upon, so they go to
// user.target.* and the actor (known only by its session handle) is left
// out, unless the record has Target User lines (newer layout), where
// User Name is the actor. For other opcodes User Name is the actor.
// related.user holds both names.
//
// event.kind is "event". event.category and event.type by opcode:
// CN_LOGIN authentication/start; CN_LOGOUT authentication/end;
// CN_APP_FINALIZE and session closes session/end; session opens
// session/start; user management iam with user plus creation, deletion
// or change; key and object operations configuration with creation
// (generate, create, unwrap, insert masked object), deletion (destroy),
// change (share, modify, cluster initialisation) or access (wrap,
// extract masked object). Other opcodes have no category.
//
// aws.cloudhsm.cluster_id and hsm_id, cloud.instance.id (the HSM),
// related.hosts [cluster, HSM], cloud.service.name "cloudhsm",
// cloud.provider "aws", cloud.account.id and cloud.region from the key
// (the subscription envelope's owner also sets the account).
//
// # Document id
//
// "<hsm id>-<sequence no>-<usecs>" (sequence number in decimal), the
// reference system's id, when the HSM is known; otherwise the pipeline's
// content hash. Re-reading a record, through either way in, overwrites
// its document.
//
// # Dead letters and exclusions
//
// A record whose first line is not a Time line, whose Time, usecs,
// Sequence No, Reboot counter, Response, codes or counts cannot be read,
// or that is empty, is dead-lettered with a reason naming the line. An
// unreadable local or host time is kept as text in aws.cloudhsm.other
// rather than losing the record. Records have at most 200 lines.
// CloudWatch Logs control messages are excluded by the envelope
// (cloudwatch-logs-control-message); nothing else is excluded.
//
// # Where we differ from Elastic, on purpose
//
// Elastic has no CloudHSM audit log integration. The reference system
// (es-loader sections cloudhsm and cloudhsm-cwl, index log-aws-cloudhsm)
// differs as follows:
//
//   - Its outcome was success whenever an HSM Return was present; we also
//     use the response code (non-zero is a failure) and set error.code
//     and error.message for HSM errors.
//   - It set user.name only for login, logout, finalize and close-session
//     opcodes; we set it for every opcode whose User Name names the actor
//     and keep the subject of user management in user.target.*.
//   - It kept the times as date_nanos; ECS documents are written with
//     microsecond precision, which is all the records carry.
//   - It set no event.category, event.type or event.action.
//   - It lost lines its pattern did not know (unknown_field_value); we
//     keep them in aws.cloudhsm.other or aws.cloudhsm.unparsed.
package cloudhsm
