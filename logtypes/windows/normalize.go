package windows

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser/winevent"
)

const (
	providerSecurity = "Microsoft-Windows-Security-Auditing"
	providerEventlog = "Microsoft-Windows-Eventlog"
	providerSysmon   = "Microsoft-Windows-Sysmon"
	providerSCM      = "Service Control Manager"

	// maxDataItems bounds the EventData items kept in winlog.event_data
	// (Windows events have a few dozen at most); the rest stay in
	// event.original.
	maxDataItems = 256
	// maxKeyLen bounds the length of an item's name as a field name.
	maxKeyLen = 128
)

// instanceID finds an EC2 instance id in a log stream name, as the
// CloudWatch agent names streams by default ({instance_id}).
var instanceID = regexp.MustCompile(`(?:^|[^0-9A-Za-z])(i-(?:[0-9a-f]{17}|[0-9a-f]{8}))(?:[^0-9A-Za-z]|$)`)

// accountKey finds the account in an AWSLogs/<account>/ key.
var accountKey = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/`)

// account is one account an event names.
type account struct{ id, name, domain string }

func (a account) empty() bool { return a.id == "" && a.name == "" && a.domain == "" }

// fields holds what an event maps, gathered before it is written, since
// Elastic's rules overwrite one another.
type fields struct {
	user, target, effective, group, computer account
	changesName                              string
	srcIP, dstIP                             netip.Addr
	srcDomain, dstDomain                     string
	tags                                     []string
}

// data returns EventData item name, trimmed, with Windows' "-" for
// "none" read as empty.
func data(e *winevent.Event, name string) string {
	v, _ := e.EventData.Get(name)
	return clean(v)
}

// sid returns a SID item without the whitespace a SID never holds (a
// line break wrapped into one is dropped).
func sid(e *winevent.Event, name string) string {
	v := data(e, name)
	if strings.IndexFunc(v, unicode.IsSpace) < 0 {
		return v
	}
	return strings.Join(strings.Fields(v), "")
}

func clean(v string) string {
	v = strings.TrimSpace(v)
	if v == "-" {
		return ""
	}
	return v
}

// userName cuts a user@domain name at "@", as Elastic does.
func userName(s string) string {
	if i := strings.IndexByte(s, '@'); i > 0 {
		return s[:i]
	}
	return s
}

func normalize(rec siem.Record, ev *ecs.Event, k kind, p *winevent.Parser, e *winevent.Event) error {
	raw := bytes.TrimRight(bytes.TrimSpace(rec.Data), "\x00")
	if err := p.Parse(raw, e); err != nil {
		if len(raw) == 0 || raw[0] != '<' {
			return fmt.Errorf("not Windows event XML (the CloudWatch agent must send event_format xml): %v", err)
		}
		return fmt.Errorf("not a readable Windows event: %v", err)
	}
	s := &e.System
	if !s.Has(winevent.FieldEventID) {
		return errors.New("the event has no System/EventID")
	}

	var f fields
	// Time: TimeCreated, else the delivery's time, else this run's.
	if !s.TimeCreated.IsZero() {
		ev.Date("@timestamp", s.TimeCreated)
		ev.Date("winlog.time_created", s.TimeCreated)
	} else {
		ts := rec.Ingested
		from := "ingestion"
		if rec.Delivery != nil && !rec.Delivery.Time.IsZero() {
			ts, from = rec.Delivery.Time, "delivery"
		}
		if ts.IsZero() {
			return fmt.Errorf("the event has no valid TimeCreated (SystemTime %q) and no delivery time to fall back to", s.SystemTime)
		}
		ev.Date("@timestamp", ts)
		f.tags = append(f.tags, "_winlog_invalid_time_created")
		if s.SystemTime == "" {
			ev.Keyword("error.message", "the event has no TimeCreated SystemTime; @timestamp is its "+from+" time")
		} else {
			ev.Keyword("error.message", fmt.Sprintf("invalid TimeCreated SystemTime %q; @timestamp is its %s time", s.SystemTime, from))
		}
	}

	id := s.EventID
	code := strconv.FormatUint(uint64(id), 10)
	ev.Keyword("event.kind", "event")
	ev.Keyword("event.code", code)
	ev.Keyword("event.provider", s.Provider.Name)
	ev.Keyword("winlog.event_id", code)
	ev.Keyword("winlog.provider_name", s.Provider.Name)
	ev.Keyword("winlog.provider_guid", s.Provider.GUID)
	ev.Keyword("winlog.event_source_name", s.Provider.EventSourceName)
	ev.Keyword("winlog.channel", s.Channel)
	ev.Keyword("winlog.computer_name", s.Computer)
	ev.Keyword("host.name", s.Computer)
	if s.Has(winevent.FieldEventRecordID) {
		ev.Keyword("winlog.record_id", strconv.FormatUint(s.EventRecordID, 10))
	}
	if s.Has(winevent.FieldVersion) {
		ev.Long("winlog.version", int64(s.Version))
	}
	if s.Has(winevent.FieldQualifiers) && s.Qualifiers != 0 {
		ev.Long("winlog.qualifiers", int64(s.Qualifiers))
	}
	if s.Has(winevent.FieldProcessID) {
		ev.Long("winlog.process.pid", int64(s.Execution.ProcessID))
	}
	if s.Has(winevent.FieldThreadID) {
		ev.Long("winlog.process.thread.id", int64(s.Execution.ThreadID))
	}
	ev.Keyword("winlog.activity_id", s.Correlation.ActivityID)
	ev.Keyword("winlog.related_activity_id", s.Correlation.RelatedActivityID)
	ev.Keyword("winlog.user.identifier", s.Security.UserID)
	ri := e.RenderingInfo
	if s.Has(winevent.FieldLevel) {
		if lvl := levelName(s.Level); lvl != "" {
			ev.Keyword("log.level", lvl)
			ev.Keyword("winlog.level", lvl)
		}
	}
	if ri != nil && ri.Task != "" {
		ev.Keyword("winlog.task", ri.Task)
	} else if name := taskName(s.Provider.Name, s.Task); name != "" {
		ev.Keyword("winlog.task", name)
	} else if s.Has(winevent.FieldTask) && s.Task != 0 {
		ev.Keyword("winlog.task", strconv.Itoa(int(s.Task)))
	}
	if ri != nil && ri.Opcode != "" {
		ev.Keyword("winlog.opcode", ri.Opcode)
	} else if s.Has(winevent.FieldOpcode) {
		ev.Keyword("winlog.opcode", opcodeName(s.Opcode))
	}
	if ri != nil {
		ev.Keyword("message", strings.TrimSpace(ri.Message))
	}
	bits, hasBits := s.KeywordBits()
	if ri != nil && len(ri.Keywords) > 0 {
		ev.Keywords("winlog.keywords", ri.Keywords...)
	} else if hasBits {
		ev.Keywords("winlog.keywords", keywordNames(bits)...)
	}
	var outcome string
	switch {
	case hasBits && bits&winevent.KeywordAuditFailure != 0:
		outcome = "failure"
	case hasBits && bits&winevent.KeywordAuditSuccess != 0:
		outcome = "success"
	}
	ev.Keyword("event.outcome", outcome)
	ev.Keyword("winlog.outcome", outcome)

	eventData(ev, e, id, &f)
	userData(ev, e)

	security := s.Provider.Name == providerSecurity || s.Provider.Name == providerEventlog ||
		(s.Channel == "Security" && s.Provider.Name == "")
	switch {
	case security:
		mapSecurity(ev, e, id, k, &f)
	case s.Provider.Name == providerSysmon:
		mapSysmon(ev, e, id, &f)
	case s.Provider.Name == providerSCM && id == 7045:
		ev.Keyword("event.action", "service-installed")
		ev.Keywords("event.category", "configuration")
		ev.Keywords("event.type", "change")
		ev.Keyword("service.name", data(e, "ServiceName"))
	case s.Provider.Name == "User32" && id == 1074:
		ev.Keyword("event.action", "system-shutdown")
		ev.Keywords("event.category", "host")
		ev.Keywords("event.type", "end")
	}
	writeGathered(ev, &f, s.Computer)

	// Where the event came from.
	if rec.Delivery != nil {
		if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
			if sm := instanceID.FindStringSubmatch(m.LogStream); sm != nil {
				ev.Keyword("cloud.instance.id", sm[1])
			}
		}
	} else if k != kindEvent {
		// Directory Service and FSx logs come from AWS whatever the key.
		ev.Keyword("cloud.provider", "aws")
		if sm := accountKey.FindStringSubmatch(rec.Object.Key); sm != nil {
			ev.Keyword("cloud.account.id", sm[1])
		}
	}
	switch k {
	case kindDirectoryService:
		ev.Keyword("cloud.service.name", "directoryservice")
	case kindFSx:
		ev.Keyword("cloud.service.name", "fsx")
	}

	// The document id: the event's own, unique per computer and channel.
	if s.Has(winevent.FieldEventRecordID) && s.Computer != "" && s.Channel != "" && len(s.Computer)+len(s.Channel) < 400 {
		ev.SetID(s.Computer + "|" + s.Channel + "|" + strconv.FormatUint(s.EventRecordID, 10))
	}
	return nil
}

// taskName names the tasks of the Security log's providers, for events that
// come without RenderingInfo.
func taskName(provider string, task uint16) string {
	switch provider {
	case providerSecurity:
		return securityTasks[task]
	case providerEventlog:
		if task == 104 {
			return "Log clear" // 1102, the audit log was cleared
		}
	}
	return ""
}

func levelName(l uint8) string {
	switch l {
	case 0, 4:
		return "information"
	case 1:
		return "critical"
	case 2:
		return "error"
	case 3:
		return "warning"
	case 5:
		return "verbose"
	}
	return ""
}

func opcodeName(o uint8) string {
	switch o {
	case 0:
		return "Info"
	case 1:
		return "Start"
	case 2:
		return "Stop"
	}
	return strconv.Itoa(int(o))
}

// keywordNames names the standard keyword bits, as the Event Log
// renders them in English.
func keywordNames(bits uint64) []string {
	var out []string
	for _, k := range []struct {
		bit  uint64
		name string
	}{
		{0x0001000000000000, "Response Time"}, {0x0004000000000000, "WDI Diag"},
		{0x0008000000000000, "SQM"}, {winevent.KeywordAuditFailure, "Audit Failure"},
		{winevent.KeywordAuditSuccess, "Audit Success"}, {0x0040000000000000, "Correlation Hint"},
		{0x0080000000000000, "Classic"},
	} {
		if bits&k.bit != 0 {
			out = append(out, k.name)
		}
	}
	return out
}

// eventData writes the EventData items under winlog.event_data, by name
// (param1, param2... for unnamed ones), leaving out empty and "-"
// values and repeated names.
func eventData(ev *ecs.Event, e *winevent.Event, id uint32, f *fields) {
	items := e.EventData.Data
	var keys [maxDataItems]string
	n := 0
	for i := range items {
		if n == maxDataItems {
			f.tags = append(f.tags, "_winlog_event_data_truncated")
			break
		}
		v := clean(items[i].Value)
		if v == "" {
			continue
		}
		key := e.EventData.Key(i)
		path, ok := knownPaths[key]
		if !ok {
			key = fieldName(key)
			path = "winlog.event_data." + key
		}
		dup := false
		for _, k := range keys[:n] {
			if k == key {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		keys[n] = key
		n++
		if key == "AccessList" || key == "PrivilegeList" && privilegeLists[id] {
			ev.Keywords(path, strings.Fields(v)...)
			continue
		}
		ev.Keyword(path, v)
	}
	if b := strings.TrimSpace(e.EventData.Binary); b != "" {
		ev.Keyword("winlog.event_data.Binary", b)
	}
}

// fieldName makes an item's name a single field name: letters, digits,
// '_' and '-' are kept, anything else becomes '_'.
func fieldName(s string) string {
	if len(s) > maxKeyLen {
		s = s[:maxKeyLen]
	}
	ok := true
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if !nameByte(c) {
			b[i] = '_'
		}
	}
	return string(b)
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// userData writes UserData under winlog.user_data: each value by its
// path below the provider's root element, joined with '_' (attributes
// marked by their '@' dropped), and the root element's name as
// winlog.user_data.xml_name, as Winlogbeat names it.
func userData(ev *ecs.Event, e *winevent.Event) {
	if len(e.UserData) == 0 {
		return
	}
	root, _, _ := strings.Cut(e.UserData[0].Path, ".")
	ev.Keyword("winlog.user_data.xml_name", fieldName(root))
	var seen []string
	for _, pr := range e.UserData {
		if len(seen) == maxDataItems {
			break
		}
		v := clean(pr.Value)
		if v == "" {
			continue
		}
		_, rest, ok := strings.Cut(pr.Path, ".")
		if !ok {
			continue
		}
		key := fieldName(strings.ReplaceAll(strings.ReplaceAll(rest, ".@", "_"), ".", "_"))
		if key == "xml_name" || slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		ev.Keyword("winlog.user_data."+key, v)
	}
}

// mapSecurity maps the Security log's events as Elastic's System
// integration does.
func mapSecurity(ev *ecs.Event, e *winevent.Event, id uint32, k kind, f *fields) {
	if c, ok := securityEvents[id]; ok {
		ev.Keyword("event.action", c.action)
		cats, types := c.categories, c.types
		if fileEvents[id] && !onFile(e, k) {
			cats, types = nil, nil
		}
		ev.Keywords("event.category", cats...)
		ev.Keywords("event.type", types...)
	} else if a, ok := referenceActions[id]; ok {
		ev.Keyword("event.action", a)
	}
	subject := account{sid(e, "SubjectUserSid"), data(e, "SubjectUserName"), data(e, "SubjectDomainName")}
	targetSid := sid(e, "TargetUserSid")
	if targetSid == "" {
		targetSid = sid(e, "TargetSid")
	}
	target := account{targetSid, userName(data(e, "TargetUserName")), data(e, "TargetDomainName")}

	if targetAsUser[id] {
		f.user = target
	}
	switch {
	case groupEvents[id]:
		f.group = account{sid(e, "TargetSid"), data(e, "TargetUserName"), data(e, "TargetDomainName")}
		if f.group.id == "" {
			f.group.id = sid(e, "TargetUserSid")
		}
		name, domain := memberDN(data(e, "MemberName"))
		f.target = account{sid(e, "MemberSid"), name, domain}
	case computerEvents[id]:
		f.computer = target
	}
	if subjectAsUser[id] && !subject.empty() {
		f.user = subject
	}
	if id == 1102 {
		f.user = account{}
		f.user.id = userDataValue(e, "SubjectUserSid")
		f.user.name = userDataValue(e, "SubjectUserName")
		f.user.domain = userDataValue(e, "SubjectDomainName")
	}
	if targetAsTarget[id] {
		f.target = target
	}
	if id == 4648 || id == 4688 {
		f.effective = target
	}
	switch id {
	case 4781:
		f.target = account{name: data(e, "OldTargetUserName")}
		f.changesName = data(e, "NewTargetUserName")
	case 4778, 4779:
		f.user = account{name: data(e, "AccountName"), domain: data(e, "AccountDomain")}
		f.srcIP, _ = parseIP(data(e, "ClientAddress"))
		f.srcDomain = data(e, "ClientName")
	case 4776:
		// The computer the logon attempt came from (NTLM).
		f.srcDomain = data(e, "Workstation")
	case 4697:
		ev.Keyword("service.name", data(e, "ServiceName"))
		ev.Keyword("service.type", serviceTypes[strings.ToLower(data(e, "ServiceType"))])
	case 4688:
		pid(ev, "process.pid", data(e, "NewProcessId"))
		executable(ev, "process.executable", "process.name", data(e, "NewProcessName"))
		executable(ev, "process.parent.executable", "process.parent.name", data(e, "ParentProcessName"))
		pid(ev, "process.parent.pid", data(e, "ProcessId"))
		if cl := data(e, "CommandLine"); cl != "" {
			ev.Keyword("process.command_line", cl)
			ev.Keywords("process.args", splitArgs(cl)...)
		}
	}

	if commonFields[id] {
		pid(ev, "process.pid", data(e, "ProcessId"))
		executable(ev, "process.executable", "process.name", data(e, "ProcessName"))
		f.srcIP, _ = parseIP(data(e, "IpAddress"))
		writePort(ev, "source.port", parsePort(data(e, "IpPort")))
		f.srcDomain = data(e, "WorkstationName")
	}

	// Windows Filtering Platform events: the connection.
	if id >= 5152 && id <= 5159 {
		wfp(ev, e, f)
	}

	// Files the object-access events name.
	if fileEvents[id] && onFile(e, k) {
		path := data(e, "ObjectName")
		if id == 5145 {
			// The share's folder on the server, as a local path
			// ("\??\D:\share" is D:\share), and the file below it.
			if local, rel := data(e, "ShareLocalPath"), data(e, "RelativeTargetName"); local != "" && rel != "" {
				local = strings.TrimPrefix(local, `\??\`)
				path = strings.TrimRight(local, `\`) + `\` + rel
			}
		}
		filePath(ev, path)
	}

	// Account control flags, by name, beside the value as written.
	if v := data(e, "NewUacValue"); v != "" {
		if _, taken := e.EventData.Get("NewUACList"); !taken {
			ev.Keywords("winlog.event_data.NewUACList", uacNames(v)...)
		}
	}

	// Sessions and logon failures.
	logon := "SubjectLogonId"
	if targetLogon[id] {
		logon = "TargetLogonId"
	}
	ev.Keyword("winlog.logon.id", data(e, logon))
	if lt := data(e, "LogonType"); lt != "" {
		if name, ok := logonTypes[lt]; ok {
			ev.Keyword("winlog.logon.type", name)
		} else {
			ev.Keyword("winlog.logon.type", lt)
		}
	}
	if id == 4625 || id == 4776 {
		ev.Keyword("winlog.logon.failure.status", failure(data(e, "Status")))
		ev.Keyword("winlog.logon.failure.sub_status", failure(data(e, "SubStatus")))
		ev.Keyword("winlog.logon.failure.reason", failureReasons[data(e, "FailureReason")])
	}
}

// uacNames names the flags of an account control value ("0x210"); a
// value that is not a hex number has none.
func uacNames(v string) []string {
	h, ok := strings.CutPrefix(strings.ToLower(v), "0x")
	if !ok {
		return nil
	}
	bits, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return nil
	}
	var names []string
	for i, name := range uacFlags {
		if bits&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return names
}

// onFile tells whether an object-access event is about a file or
// folder: its ObjectType is File, or, from FSx, which audits nothing
// else, it names no ObjectType (4660 writes none).
func onFile(e *winevent.Event, k kind) bool {
	switch data(e, "ObjectType") {
	case "File":
		return true
	case "":
		return k == kindFSx
	}
	return false
}

// failure describes an NTSTATUS code, or returns it as written.
func failure(code string) string {
	if code == "" {
		return ""
	}
	if d, ok := logonFailures[strings.ToLower(code)]; ok {
		return d
	}
	return code
}

// failureReasons are the %% message codes of 4625 FailureReason.
var failureReasons = map[string]string{
	"%%2304": "An Error occurred during Logon.",
	"%%2305": "The specified user account has expired.",
	"%%2306": "The NetLogon component is not active.",
	"%%2307": "Account locked out.",
	"%%2308": "The user has not been granted the requested logon type at this machine.",
	"%%2309": "The specified account's password has expired.",
	"%%2310": "Account currently disabled.",
	"%%2311": "Account logon time restriction violation.",
	"%%2312": "User not allowed to logon at this computer.",
	"%%2313": "Unknown user name or bad password.",
}

func userDataValue(e *winevent.Event, name string) string {
	for _, pr := range e.UserData {
		if strings.HasSuffix(pr.Path, "."+name) {
			return clean(pr.Value)
		}
	}
	return ""
}

// memberDN reads a member's name and domain from its distinguished name
// (CN=Jane Doe,OU=Users,DC=corp,DC=example,DC=org): the first RDN's
// value, and the DC components joined with dots.
func memberDN(dn string) (name, domain string) {
	if dn == "" {
		return "", ""
	}
	var dcs []string
	for i, part := range splitDN(dn) {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		if i == 0 {
			name = v
		}
		if strings.EqualFold(k, "DC") && v != "" {
			dcs = append(dcs, v)
		}
	}
	return name, strings.Join(dcs, ".")
}

// splitDN splits a DN at the commas that are not escaped.
func splitDN(dn string) []string {
	var out []string
	start := 0
	for i := 0; i < len(dn); i++ {
		switch dn[i] {
		case '\\':
			i++
		case ',':
			out = append(out, dn[start:i])
			start = i + 1
		}
	}
	return append(out, dn[start:])
}

// pid writes a process id written in hex (0x1a4) or decimal. 0 is
// Windows' "no process" (a network logon) and is left out.
func pid(ev *ecs.Event, path, v string) {
	if v == "" {
		return
	}
	var n uint64
	var err error
	if h, ok := strings.CutPrefix(strings.ToLower(v), "0x"); ok {
		n, err = strconv.ParseUint(h, 16, 32)
	} else {
		n, err = strconv.ParseUint(v, 10, 32)
	}
	if err == nil && n != 0 {
		ev.Long(path, int64(n))
	}
}

// executable writes a Windows path and its last segment.
func executable(ev *ecs.Event, pathField, nameField, v string) {
	if v == "" {
		return
	}
	ev.Keyword(pathField, v)
	if i := strings.LastIndexAny(v, `\/`); i >= 0 {
		v = v[i+1:]
	}
	ev.Keyword(nameField, v)
}

// filePath writes file.path with its name, directory and extension.
func filePath(ev *ecs.Event, p string) {
	if p == "" {
		return
	}
	ev.Keyword("file.path", p)
	name, dir := p, ""
	if i := strings.LastIndexAny(p, `\/`); i >= 0 {
		name, dir = p[i+1:], p[:i]
	}
	ev.Keyword("file.name", name)
	ev.Keyword("file.directory", dir)
	if i := strings.LastIndexByte(name, '.'); i > 0 && i < len(name)-1 {
		ev.Keyword("file.extension", strings.ToLower(name[i+1:]))
	}
}

// parseIP reads an address Windows wrote: "-" (already cleaned away)
// and empty are none, "::ffff:a.b.c.d" is the IPv4 address, a zone is
// dropped, and anything else that is not an address is none (it stays
// in winlog.event_data).
func parseIP(v string) (netip.Addr, bool) {
	if v == "" {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(v)
	if err != nil {
		return netip.Addr{}, false
	}
	return ip.Unmap().WithZone(""), true
}

// splitArgs splits a command line on whitespace outside double quotes,
// keeping the quotes, as Elastic does.
func splitArgs(cl string) []string {
	var out []string
	start, quoted := -1, false
	for i := 0; i < len(cl); i++ {
		c := cl[i]
		switch {
		case c == '"':
			quoted = !quoted
			if start < 0 {
				start = i
			}
		case (c == ' ' || c == '\t' || c == '\n' || c == '\r') && !quoted:
			if start >= 0 {
				out = append(out, cl[start:i])
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, cl[start:])
	}
	return out
}

// writeGathered writes the accounts, addresses and host names gathered,
// and related.user, related.ip and related.hosts (with the computer that
// logged the event).
func writeGathered(ev *ecs.Event, f *fields, computer string) {
	ev.Keyword("user.id", f.user.id)
	ev.Keyword("user.name", f.user.name)
	ev.Keyword("user.domain", f.user.domain)
	ev.Keyword("user.target.id", f.target.id)
	ev.Keyword("user.target.name", f.target.name)
	ev.Keyword("user.target.domain", f.target.domain)
	ev.Keyword("user.effective.id", f.effective.id)
	ev.Keyword("user.effective.name", f.effective.name)
	ev.Keyword("user.effective.domain", f.effective.domain)
	ev.Keyword("user.changes.name", f.changesName)
	ev.Keyword("group.id", f.group.id)
	ev.Keyword("group.name", f.group.name)
	ev.Keyword("group.domain", f.group.domain)
	ev.Keyword("user.target.group.id", f.group.id)
	ev.Keyword("user.target.group.name", f.group.name)
	ev.Keyword("user.target.group.domain", f.group.domain)
	ev.Keyword("winlog.computer_object.id", f.computer.id)
	ev.Keyword("winlog.computer_object.name", f.computer.name)
	ev.Keyword("winlog.computer_object.domain", f.computer.domain)
	ev.Keywords("related.user", f.user.name, f.target.name, f.effective.name, f.changesName)
	ev.IP("source.ip", f.srcIP)
	ev.IP("destination.ip", f.dstIP)
	ev.IPs("related.ip", f.srcIP, f.dstIP)
	ev.Keyword("source.domain", f.srcDomain)
	ev.Keyword("destination.domain", f.dstDomain)
	ev.Keywords("related.hosts", computer, f.srcDomain, f.dstDomain)
	ev.Keywords("tags", f.tags...)
}

// wfp maps the Windows Filtering Platform events (5152-5159): the
// addresses and ports, the protocol, the direction and the application.
// Windows writes the local end as SourceAddress and SourcePort and the
// remote end as DestAddress and DestPort whatever the direction, so an
// inbound connection's initiator, the remote end, is source.*.
func wfp(ev *ecs.Event, e *winevent.Event, f *fields) {
	local, _ := parseIP(data(e, "SourceAddress"))
	remote, _ := parseIP(data(e, "DestAddress"))
	localPort, remotePort := parsePort(data(e, "SourcePort")), parsePort(data(e, "DestPort"))
	srcPort, dstPort := localPort, remotePort
	f.srcIP, f.dstIP = local, remote
	switch data(e, "Direction") {
	case "%%14592":
		ev.Keyword("network.direction", "inbound")
		f.srcIP, f.dstIP = remote, local
		srcPort, dstPort = remotePort, localPort
	case "%%14593":
		ev.Keyword("network.direction", "outbound")
	}
	writePort(ev, "source.port", srcPort)
	writePort(ev, "destination.port", dstPort)
	if p, err := strconv.ParseUint(data(e, "Protocol"), 10, 8); err == nil {
		ev.Keyword("network.iana_number", strconv.FormatUint(p, 10))
		switch p {
		case 1:
			ev.Keyword("network.transport", "icmp")
		case 6:
			ev.Keyword("network.transport", "tcp")
		case 17:
			ev.Keyword("network.transport", "udp")
		case 58:
			ev.Keyword("network.transport", "ipv6-icmp")
		}
		communityID(ev, f.srcIP, f.dstIP, uint8(p), srcPort, dstPort)
	}
	pid(ev, "process.pid", data(e, "ProcessID"))
	executable(ev, "process.executable", "process.name", data(e, "Application"))
}

// parsePort reads a port; 0, Windows' "none" (a logon without a network
// address, a listen or bind event of a protocol without ports), is
// returned for anything that is not a port.
func parsePort(v string) uint16 {
	n, _ := strconv.ParseUint(v, 10, 16)
	return uint16(n)
}

// writePort writes a port other than 0.
func writePort(ev *ecs.Event, path string, p uint16) {
	if p > 0 {
		ev.Long(path, int64(p))
	}
}

// communityID writes network.community_id for a connection between two
// known ends over TCP, UDP or SCTP with both ports. ICMP is left out:
// these events do not carry its type and code.
func communityID(ev *ecs.Event, src, dst netip.Addr, proto uint8, srcPort, dstPort uint16) {
	switch proto {
	case communityid.ProtoTCP, communityid.ProtoUDP, communityid.ProtoSCTP:
	default:
		return
	}
	if srcPort == 0 || dstPort == 0 {
		return
	}
	var buf [communityid.Len]byte
	if id, ok := communityid.Append(buf[:0], 0, communityid.Flow{Src: src, Dst: dst, SrcPort: srcPort, DstPort: dstPort, Proto: proto}); ok {
		ev.KeywordBytes("network.community_id", id)
	}
}
