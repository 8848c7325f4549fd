package cloudhsm

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

// record is one audit record's fields, as text.
type record struct {
	time, usecs                                         string
	version, sequence, reboot                           string
	commandType, commandCode                            string
	opcode, opcodeCode                                  string
	userID, session, response                           string
	logType, logTypeCode                                string
	privKey, pubKey, key                                string
	localTime, localUsec, hostTime, hostUsec, propDelay string
	userName, userType, userTypeCode                    string
	mechanism                                           string
	targetName, targetType, targetTypeCode, targetID    string
	mfa                                                 string
	operation, operationCode, numberOfUsers, userIDs    string
	// other holds lines with a name the type does not know; unparsed
	// the lines without a name.
	other    []pair
	unparsed []string
}

type pair struct{ key, value string }

// maxNameBytes bounds the name of a line kept in aws.cloudhsm.other (a
// flat_object indexes its keys as terms); a line with a longer name is
// kept in aws.cloudhsm.unparsed.
const maxNameBytes = 128

// ErrNotAuditRecord is returned for a record whose first line is not a
// "Time: MM/DD/YY HH:MM:SS.ffffff, usecs:N" line.
var ErrNotAuditRecord = errors.New("not a CloudHSM audit record: the first line is not \"Time: MM/DD/YY HH:MM:SS.ffffff, usecs:N\"")

func normalize(rec siem.Record, ev *ecs.Event, k *keyInfo) error {
	var r record
	if err := r.parse(rec.Data); err != nil {
		return err
	}
	return r.mapTo(rec, ev, k)
}

// parse reads the record's "Name : value" lines.
func (r *record) parse(data []byte) error {
	first := true
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		s := strings.TrimSpace(string(line))
		if s == "" {
			continue
		}
		if first {
			first = false
			// Text ahead of "Time:" (a prefix some forwarders add) is
			// left out, as the reference system's pattern does.
			i := strings.Index(s, "Time")
			if i < 0 {
				return ErrNotAuditRecord
			}
			name, value, ok := strings.Cut(s[i:], ":")
			if !ok || strings.TrimSpace(name) != "Time" {
				return ErrNotAuditRecord
			}
			t, usecs, ok := strings.Cut(value, ",")
			r.time = strings.TrimSpace(t)
			if ok {
				u := strings.TrimSpace(usecs)
				u, ok = strings.CutPrefix(u, "usecs")
				if !ok {
					return ErrNotAuditRecord
				}
				r.usecs = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(u), ":"))
			}
			continue
		}
		name, value, ok := strings.Cut(s, ":")
		if !ok {
			r.unparsed = append(r.unparsed, s)
			continue
		}
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		switch name {
		case "Version No":
			r.version = value
		case "Sequence No":
			r.sequence = value
		case "Reboot counter":
			r.reboot = value
		case "Command Type(hex)", "Command Type":
			r.commandType, r.commandCode = named(value)
		case "Opcode":
			r.opcode, r.opcodeCode = named(value)
		case "User id":
			r.userID = value
		case "Session Handle":
			r.session = value
		case "Response":
			r.response = value
		case "Log type":
			r.logType, r.logTypeCode = named(value)
		case "Priv/Secret Key Handle":
			r.privKey = value
		case "Public Key Handle":
			r.pubKey = value
		case "Key Handle":
			r.key = value
		case "local time":
			r.localTime, r.localUsec = timeUsec(value)
		case "host time":
			r.hostTime, r.hostUsec = timeUsec(value)
		case "propagation delay":
			r.propDelay = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(value, "usec"), ":"))
		case "User Name":
			r.userName = value
		case "User Type":
			r.userType, r.userTypeCode = named(value)
		case "Mechanism":
			r.mechanism = value
		case "Target User Name":
			r.targetName = value
		case "Target User Type":
			r.targetType, r.targetTypeCode = named(value)
		case "Target User id", "Target User Id":
			r.targetID = value
		case "Mfa enabled", "MFA enabled":
			r.mfa = value
		case "Operation":
			r.operation, r.operationCode = named(value)
		case "Number of Users":
			r.numberOfUsers = value
		case "UserIDs", "User IDs":
			r.userIDs = value
		default:
			if name == "" || len(name) > maxNameBytes {
				r.unparsed = append(r.unparsed, s)
				continue
			}
			for i := range r.other {
				if r.other[i].key == name {
					r.other[i].value = value
					goto next
				}
			}
			r.other = append(r.other, pair{name, value})
		next:
		}
	}
	if first {
		return errors.New("empty CloudHSM audit record")
	}
	return nil
}

// named splits "CN_LOGIN (0xd)" into its name and the code in brackets.
func named(v string) (name, code string) {
	if i := strings.LastIndexByte(v, '('); i >= 0 && strings.HasSuffix(v, ")") {
		return strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1 : len(v)-1])
	}
	return v, ""
}

// timeUsec splits "<time>, usec:<n>" (local time) and "<time> usec:<n>"
// (host time).
func timeUsec(v string) (t, usec string) {
	i := strings.LastIndex(v, "usec")
	if i < 0 {
		return v, ""
	}
	t = strings.TrimRight(strings.TrimSpace(v[:i]), ",")
	usec = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v[i+len("usec"):]), ":"))
	return strings.TrimSpace(t), usec
}

// User-management opcodes: in the records AWS's client SDK 3 HSMs write,
// their User Name and User Type name the user acted upon, not the actor
// (who is known by the session handle only).
var userManagement = map[string][]string{
	"CN_CREATE_USER":           {"user", "creation"},
	"CN_CREATE_CO":             {"user", "creation"},
	"CN_CREATE_APPLIANCE_USER": {"user", "creation"},
	"CN_DELETE_USER":           {"user", "deletion"},
	"CN_SET_M_VALUE":           {"user", "change"},
	"CN_CHANGE_PSWD":           {"user", "change"},
	"CN_APPROVE_TOKEN":         {"user", "change"},
}

// keyOpcodes categorises key management: configuration of the HSM's
// objects.
var keyOpcodes = map[string]string{
	"CN_GENERATE_KEY":               "creation",
	"CN_GENERATE_KEY_PAIR":          "creation",
	"CN_CREATE_OBJECT":              "creation",
	"CN_UNWRAP_KEY":                 "creation",
	"CN_INSERT_MASKED_OBJECT_USER":  "creation",
	"CN_INSERT_MASKED_OBJECT":       "creation",
	"CN_DESTROY_OBJECT":             "deletion",
	"CN_SHARE_OBJECT":               "change",
	"CN_MODIFY_OBJECT":              "change",
	"CN_WRAP_KEY":                   "access",
	"CN_NIST_AES_WRAP":              "access",
	"CN_EXTRACT_MASKED_OBJECT_USER": "access",
	"CN_EXTRACT_MASKED_OBJECT":      "access",
	"CN_INIT_TOKEN":                 "change",
	"CN_INIT_DONE":                  "change",
	"CN_GEN_PSWD_ENC_KEY":           "change",
}

var (
	catAuthentication = []string{"authentication"}
	catSession        = []string{"session"}
	catIAM            = []string{"iam"}
	catConfiguration  = []string{"configuration"}
	typeStart         = []string{"start"}
	typeEnd           = []string{"end"}
)

func (r *record) mapTo(rec siem.Record, ev *ecs.Event, k *keyInfo) error {
	ts, err := parseTime(r.time)
	if err != nil {
		return fmt.Errorf("CloudHSM audit record: Time %q: %w", clip(r.time), err)
	}
	usecs, err := decimal("usecs", r.usecs)
	if err != nil {
		return err
	}
	if ts.IsZero() && usecs >= 0 {
		ts = time.UnixMicro(usecs).UTC()
	}
	if ts.IsZero() {
		return errors.New("CloudHSM audit record has no time")
	}
	seq, err := hex("Sequence No", r.sequence)
	if err != nil {
		return err
	}
	reboot, err := hex("Reboot counter", r.reboot)
	if err != nil {
		return err
	}
	logTypeCode, err := decimal("Log type", r.logTypeCode)
	if err != nil {
		return err
	}
	localUsec, err := decimal("local time usec", r.localUsec)
	if err != nil {
		return err
	}
	hostUsec, err := decimal("host time usec", r.hostUsec)
	if err != nil {
		return err
	}
	propDelay, err := decimal("propagation delay", r.propDelay)
	if err != nil {
		return err
	}
	numberOfUsers, err := decimal("Number of Users", r.numberOfUsers)
	if err != nil {
		return err
	}
	// Response: "<code>:HSM Return: <text>" or "<code>:HSM Error: <text>".
	var code int64 = -1
	var hsmReturn, hsmError string
	if r.response != "" {
		c, rest, ok := strings.Cut(r.response, ":")
		if !ok {
			return fmt.Errorf("CloudHSM audit record: Response %q is not \"<code>:HSM Return: <text>\" or \"<code>:HSM Error: <text>\"", clip(r.response))
		}
		code, err = decimal("Response code", strings.TrimSpace(c))
		if err != nil {
			return err
		}
		rest = strings.TrimSpace(rest)
		if v, ok := cutLabel(rest, "HSM Return"); ok {
			hsmReturn = v
		} else if v, ok := cutLabel(rest, "HSM Error"); ok {
			hsmError = v
		} else {
			hsmError = rest
		}
	}
	localTime, localErr := parseTime(r.localTime)
	hostTime, hostErr := parseTime(r.hostTime)
	other := r.other
	if localErr != nil {
		other = append(other, pair{"local time", r.localTime})
	}
	if hostErr != nil {
		other = append(other, pair{"host time", r.hostTime})
	}

	cluster, hsm, account := k.cluster, k.hsm, k.account
	if rec.Delivery != nil {
		switch m := rec.Delivery.Meta.(type) {
		case *envelope.CloudWatchLogsMeta:
			if m.Owner != "" {
				account = "" // the envelope maps the log group's owner
			}
			if c := clusterOf(m.LogGroup); c != "" {
				cluster = c
			}
			if strings.HasPrefix(m.LogStream, "hsm-") {
				hsm = m.LogStream
			}
		case *envelope.CloudWatchLogsExportMeta:
			if c := clusterOf(m.LogGroup); c != "" {
				cluster = c
			}
			if strings.HasPrefix(m.LogStream, "hsm-") && !strings.Contains(m.LogStream, "/") {
				hsm = m.LogStream
			}
		}
	}

	// Who acted and who was acted upon.
	actor, actorType, target, targetType, targetID := r.userName, r.userType, r.targetName, r.targetType, r.targetID
	cats, types := []string(nil), []string(nil)
	if t, ok := userManagement[r.opcode]; ok {
		cats, types = catIAM, t
		if target == "" && targetType == "" && targetID == "" {
			target, targetType, actor, actorType = actor, actorType, "", ""
		}
	} else if t, ok := keyOpcodes[r.opcode]; ok {
		cats, types = catConfiguration, []string{t}
	} else {
		switch r.opcode {
		case "CN_LOGIN":
			cats, types = catAuthentication, typeStart
		case "CN_LOGOUT":
			cats, types = catAuthentication, typeEnd
		case "CN_APP_FINALIZE", "CN_CLOSE_SESSION", "CN_SESSION_CLOSE":
			cats, types = catSession, typeEnd
		case "CN_OPEN_SESSION", "CN_SESSION_OPEN":
			cats, types = catSession, typeStart
		}
	}

	ev.Date("@timestamp", ts)
	ev.Keyword("aws.cloudhsm.cluster_id", cluster)
	ev.Keyword("aws.cloudhsm.command_type", r.commandType)
	ev.Keyword("aws.cloudhsm.command_type_hex", r.commandCode)
	ev.Date("aws.cloudhsm.host_time", hostTime)
	if hostUsec >= 0 {
		ev.Long("aws.cloudhsm.host_time_usec", hostUsec)
	}
	ev.Keyword("aws.cloudhsm.hsm_error", hsmError)
	ev.Keyword("aws.cloudhsm.hsm_id", hsm)
	ev.Keyword("aws.cloudhsm.hsm_return", hsmReturn)
	ev.Keyword("aws.cloudhsm.key_handle", r.key)
	ev.Date("aws.cloudhsm.local_time", localTime)
	if localUsec >= 0 {
		ev.Long("aws.cloudhsm.local_time_usec", localUsec)
	}
	ev.Keyword("aws.cloudhsm.log_type", r.logType)
	if logTypeCode >= 0 {
		ev.Long("aws.cloudhsm.log_type_code", logTypeCode)
	}
	ev.Keyword("aws.cloudhsm.mechanism", r.mechanism)
	ev.Keyword("aws.cloudhsm.mfa_enabled", r.mfa)
	if numberOfUsers >= 0 {
		ev.Long("aws.cloudhsm.number_of_users", numberOfUsers)
	}
	ev.Keyword("aws.cloudhsm.opcode", r.opcode)
	ev.Keyword("aws.cloudhsm.opcode_hex", r.opcodeCode)
	ev.Keyword("aws.cloudhsm.operation", r.operation)
	ev.Keyword("aws.cloudhsm.operation_code", r.operationCode)
	ev.RawJSON("aws.cloudhsm.other", otherJSON(other))
	ev.Keyword("aws.cloudhsm.priv_secret_key_handle", r.privKey)
	if propDelay >= 0 {
		ev.Long("aws.cloudhsm.propagation_delay", propDelay)
	}
	ev.Keyword("aws.cloudhsm.public_key_handle", r.pubKey)
	ev.Keyword("aws.cloudhsm.reboot_counter_hex", r.reboot)
	if reboot >= 0 {
		ev.Long("aws.cloudhsm.reboot_counter", reboot)
	}
	ev.Keyword("aws.cloudhsm.response", r.response)
	if code >= 0 {
		ev.Long("aws.cloudhsm.response_code", code)
	}
	if seq >= 0 {
		ev.Long("aws.cloudhsm.sequence_no", seq)
	}
	ev.Keyword("aws.cloudhsm.sequence_no_hex", r.sequence)
	ev.Keyword("aws.cloudhsm.session_handle", r.session)
	ev.Keyword("aws.cloudhsm.target_user_type_code", r.targetTypeCode)
	if usecs >= 0 {
		ev.Long("aws.cloudhsm.timestamp_usec", usecs)
	}
	if len(r.unparsed) > 0 {
		ev.Keyword("aws.cloudhsm.unparsed", strings.Join(r.unparsed, "\n"))
	}
	ev.Keyword("aws.cloudhsm.user_ids", r.userIDs)
	ev.Keyword("aws.cloudhsm.user_type_code", r.userTypeCode)
	ev.Keyword("aws.cloudhsm.version_no", r.version)

	ev.Keyword("cloud.account.id", account)
	ev.Keyword("cloud.instance.id", hsm)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", k.region)
	ev.Keyword("cloud.service.name", "cloudhsm")

	if hsmError != "" {
		ev.Keyword("error.code", strconv.FormatInt(code, 10))
		ev.Keyword("error.message", hsmError)
	}

	ev.Keyword("event.action", r.opcode)
	ev.Keywords("event.category", cats...)
	ev.Keyword("event.kind", "event")
	switch {
	case hsmError != "" || code > 0:
		ev.Keyword("event.outcome", "failure")
	case hsmReturn != "" || code == 0:
		ev.Keyword("event.outcome", "success")
	}
	ev.Keywords("event.type", types...)

	ev.Keywords("related.hosts", cluster, hsm)
	ev.Keywords("related.user", actor, target)

	ev.Keyword("user.id", r.userID)
	ev.Keyword("user.name", actor)
	ev.Keywords("user.roles", actorType)
	ev.Keyword("user.target.id", targetID)
	ev.Keyword("user.target.name", target)
	ev.Keywords("user.target.roles", targetType)

	if hsm != "" && seq >= 0 && usecs >= 0 {
		ev.SetID(hsm + "-" + strconv.FormatInt(seq, 10) + "-" + strconv.FormatInt(usecs, 10))
	}
	return nil
}

// cutLabel reads "<label>: <text>".
func cutLabel(s, label string) (string, bool) {
	rest, ok := strings.CutPrefix(s, label)
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	rest, ok = strings.CutPrefix(rest, ":")
	return strings.TrimSpace(rest), ok
}

// parseTime reads "MM/DD/YY HH:MM:SS.ffffff" in UTC; zero for "".
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("01/02/06 15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, errors.New("not a time of the form MM/DD/YY HH:MM:SS.ffffff")
	}
	return t, nil
}

// hex reads a "0x..." number; -1 when absent.
func hex(name, s string) (int64, error) {
	if s == "" {
		return -1, nil
	}
	h, ok := strings.CutPrefix(s, "0x")
	if !ok {
		h, ok = strings.CutPrefix(s, "0X")
	}
	n, err := strconv.ParseInt(h, 16, 64)
	if !ok || err != nil || n < 0 {
		return 0, fmt.Errorf("CloudHSM audit record: %s %q is not a hexadecimal number (0x...)", name, clip(s))
	}
	return n, nil
}

// decimal reads a decimal count; -1 when absent.
func decimal(name, s string) (int64, error) {
	if s == "" {
		return -1, nil
	}
	n, ok := parser.ParseUint([]byte(s))
	if !ok || n > 1<<63-1 {
		return 0, fmt.Errorf("CloudHSM audit record: %s %q is not a number", name, clip(s))
	}
	return int64(n), nil
}

// otherJSON writes the lines of unknown names as a JSON object of texts
// for aws.cloudhsm.other; nil for none. Names are kept as written, with
// dots (which a flat_object reads as nesting) replaced by '_'.
func otherJSON(ps []pair) []byte {
	var b []byte
	for _, p := range ps {
		if p.value == "" {
			continue
		}
		if len(b) == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = ecs.AppendString(b, strings.ReplaceAll(p.key, ".", "_"))
		b = append(b, ':')
		b = ecs.AppendString(b, clip8k(p.value))
	}
	if len(b) == 0 {
		return nil
	}
	return append(b, '}')
}

func clip8k(s string) string {
	if len(s) > 8<<10 {
		return s[:8<<10]
	}
	return s
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
