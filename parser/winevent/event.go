package winevent

import (
	"strconv"
	"time"
)

// Event is one Windows event as the Event Log renders it in XML:
// <Event><System>...</System><EventData>...</EventData>
// <RenderingInfo>...</RenderingInfo></Event>.
//
// Parts missing from the XML are absent here: empty strings, nil slices,
// a nil RenderingInfo, and System fields whose Field bit is not set.
type Event struct {
	System    System
	EventData EventData
	// UserData is the <UserData> part, flattened; nil when absent.
	UserData UserData
	// RenderingInfo is nil when the event was not rendered (it is added
	// by the collector that rendered it, in its own language).
	RenderingInfo *RenderingInfo

	// rendering backs RenderingInfo, and data, user and keywords the
	// slices, so that an Event parsed into again reuses their memory.
	rendering RenderingInfo
	data      []Data
	user      []Pair
	keywords  []string
}

// System is the <System> part, common to every event.
type System struct {
	Provider Provider
	// EventID is the event's identifier. Classic (pre-Vista) providers
	// put the high 16 bits of their 32-bit identifier in Qualifiers.
	EventID    uint32
	Qualifiers uint16
	Version    uint8
	// Level is the severity: 0 LogAlways, 1 Critical, 2 Error,
	// 3 Warning, 4 Information, 5 Verbose.
	Level uint8
	// Task is the provider's task; for the Security log, the audit
	// subcategory (12544 Logon).
	Task   uint16
	Opcode uint8
	// Keywords is the keyword mask as written, in hex ("0x8020000000000000").
	// See KeywordBits.
	Keywords string
	// TimeCreated is TimeCreated/@SystemTime in UTC, with all its
	// precision (Windows writes 100 ns). It is zero when the attribute
	// is absent or not a valid time; SystemTime tells which, and
	// ParseSystemTime says what is wrong with it.
	TimeCreated time.Time
	// SystemTime is TimeCreated/@SystemTime as written.
	SystemTime    string
	EventRecordID uint64
	Correlation   Correlation
	Execution     Execution
	Channel       string
	Computer      string
	Security      Security

	// Present tells which of the numeric fields above were in the XML,
	// since 0 is a meaningful value for most of them.
	Present Field
}

// Has reports whether the numeric field f was in the XML.
func (s *System) Has(f Field) bool { return s.Present&f != 0 }

// KeywordBits returns Keywords as a number, and false when it is absent
// or not a hex number.
func (s *System) KeywordBits() (uint64, bool) {
	k := s.Keywords
	if len(k) > 2 && k[0] == '0' && (k[1] == 'x' || k[1] == 'X') {
		k = k[2:]
	}
	v, err := strconv.ParseUint(k, 16, 64)
	return v, err == nil
}

// The keyword bits that tell the outcome of a Security audit event.
const (
	KeywordAuditFailure uint64 = 0x0010000000000000
	KeywordAuditSuccess uint64 = 0x0020000000000000
)

// Field names a numeric System field, for System.Present and System.Has.
type Field uint16

const (
	FieldEventID Field = 1 << iota
	FieldQualifiers
	FieldVersion
	FieldLevel
	FieldTask
	FieldOpcode
	FieldEventRecordID
	FieldProcessID
	FieldThreadID
)

// Provider is System/Provider.
type Provider struct {
	Name string
	GUID string
	// EventSourceName is the legacy event source, set by providers that
	// also log as a classic source.
	EventSourceName string
}

// Correlation is System/Correlation.
type Correlation struct {
	ActivityID        string
	RelatedActivityID string
}

// Execution is System/Execution: the process and thread that logged the
// event.
type Execution struct {
	ProcessID uint32
	ThreadID  uint32
}

// Security is System/Security.
type Security struct {
	// UserID is the SID of the user the event was logged as, when the
	// provider records one.
	UserID string
}

// EventData is the <EventData> part: the event's own fields.
type EventData struct {
	// Data holds the <Data> items in document order. A classic provider's
	// items have no Name: they are known by their index here (Key names
	// them param1, param2...).
	Data []Data
	// Binary is the <Binary> item, hex as written.
	Binary string
}

// Data is one <Data> item.
type Data struct {
	// Name is the Name attribute, "" when the item has none.
	Name string
	// Value is the item's text, with entities decoded and line ends
	// normalized to "\n" as XML requires. It is not trimmed.
	Value string
}

// Get returns the value of the first item named name.
func (d *EventData) Get(name string) (string, bool) {
	for i := range d.Data {
		if d.Data[i].Name == name {
			return d.Data[i].Value, true
		}
	}
	return "", false
}

// Key returns the name of item i, or "param" followed by i+1 when it has
// none (as Winlogbeat names them).
func (d *EventData) Key(i int) string {
	if n := d.Data[i].Name; n != "" {
		return n
	}
	return "param" + strconv.Itoa(i+1)
}

// UserData is the <UserData> part flattened into (path, value) pairs in
// document order: every element without child elements is a pair whose
// path is the local names of its ancestors below <UserData> and its own,
// joined by dots ("LogFileCleared.SubjectUserName"), and every attribute
// but namespace declarations is a pair whose path ends with ".@" and its
// name. A repeated element gives one pair per occurrence.
type UserData []Pair

// Pair is one flattened UserData value.
type Pair struct {
	Path  string
	Value string
}

// Get returns the value of the first pair at path.
func (u UserData) Get(path string) (string, bool) {
	for i := range u {
		if u[i].Path == path {
			return u[i].Value, true
		}
	}
	return "", false
}

// RenderingInfo is the <RenderingInfo> part: the event's strings in the
// culture of the machine that rendered it. Never key logic on it.
type RenderingInfo struct {
	// Culture is the Culture attribute, such as "en-US".
	Culture  string
	Message  string
	Level    string
	Task     string
	Opcode   string
	Channel  string
	Provider string
	// Keywords holds the <Keyword> items, such as "Audit Success".
	Keywords []string
}

// reset empties e for reuse, keeping the backing arrays of its slices.
func (e *Event) reset() {
	data, user, kw := e.data[:0], e.user[:0], e.keywords[:0]
	*e = Event{}
	e.data, e.user, e.keywords = data, user, kw
}

// settle points the exported slices at what parsing appended, leaving
// them nil when empty.
func (e *Event) settle() {
	if len(e.data) > 0 {
		e.EventData.Data = e.data
	}
	if len(e.user) > 0 {
		e.UserData = e.user
	}
	if e.RenderingInfo != nil && len(e.keywords) > 0 {
		e.rendering.Keywords = e.keywords
	}
}
