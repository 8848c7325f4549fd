package s3accesslog

import (
	"fmt"
	"math"
	"net/netip"
	"time"

	"github.com/siem-go/siem/parser"
)

// The fields of a record, in the order AWS documents them. The first 18
// are the original format; the rest were appended over the years, and
// AWS says more may be appended at any time.
const (
	colBucketOwner = iota
	colBucket
	colTime
	colRemoteIP
	colRequester
	colRequestID
	colOperation
	colKey
	colRequestURI
	colHTTPStatus
	colErrorCode
	colBytesSent
	colObjectSize
	colTotalTime
	colTurnAroundTime
	colReferer
	colUserAgent
	colVersionID
	colHostID
	colSignatureVersion
	colCipherSuite
	colAuthenticationType
	colHostHeader
	colTLSVersion
	colAccessPointARN
	colACLRequired
	colSourceRegion
	knownFields
)

// minFields is the original format, up to the version id.
const minFields = colVersionID + 1

// maxFields bounds the fields of a record. AWS has appended nine fields
// in fifteen years; a line with many more is not an access log record, and
// keeping its tail would make a document of thousands of values.
const maxFields = 64

var fieldNames = [knownFields]string{
	"Bucket Owner", "Bucket", "Time", "Remote IP", "Requester", "Request ID",
	"Operation", "Key", "Request-URI", "HTTP status", "Error Code", "Bytes Sent",
	"Object Size", "Total Time", "Turn-Around Time", "Referer", "User-Agent",
	"Version Id", "Host Id", "Signature Version", "Cipher Suite",
	"Authentication Type", "Host Header", "TLS version", "Access Point ARN",
	"aclRequired", "Source Region",
}

// FieldError reports a field of a record that does not have its
// documented form. The record is dead-lettered with it as its reason.
type FieldError struct {
	// Column is the 1-based position of the field in the record.
	Column int
	// Field is the field's name in the AWS documentation, e.g. "HTTP status".
	Field string
	// Value is the field as found, cut to 128 bytes.
	Value string
	// Reason says what is wrong and what was expected.
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("s3accesslog record: field %d (%s) = %q: %s", e.Column, e.Field, e.Value, e.Reason)
}

const maxErrorValue = 128

// fieldError builds the FieldError of column col (0-based).
func fieldError(col int, v []byte, reason string) error {
	name := "unnamed trailing field"
	if col < knownFields {
		name = fieldNames[col]
	}
	if len(v) > maxErrorValue {
		v = v[:maxErrorValue]
	}
	return &FieldError{Column: col + 1, Field: name, Value: string(v), Reason: reason}
}

// record is one line cut into fields.
type record struct {
	fields [][]byte
	quoted uint64
}

// value returns field col, or nil when the record is shorter or the field
// holds the "-" S3 writes for an unknown, unavailable or inapplicable
// value. Quoted fields are returned with their escapes decoded.
func (r *record) value(col int) []byte {
	if col >= len(r.fields) {
		return nil
	}
	v := r.fields[col]
	if len(v) == 0 || len(v) == 1 && v[0] == '-' {
		return nil
	}
	if col < maxQuotedColumns && r.quoted&(1<<col) != 0 {
		return unescape(nil, v)
	}
	return v
}

// time parses the bracketed time, "06/Feb/2019:00:00:38 +0000" once the
// brackets are gone (strftime "%d/%b/%Y:%H:%M:%S %z").
func (r *record) time() (time.Time, error) {
	v := r.fields[colTime]
	t, ok := parseTime(v)
	if !ok {
		return time.Time{}, fieldError(colTime, v, "not a time such as [06/Feb/2019:00:00:38 +0000]")
	}
	return t, nil
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func parseTime(b []byte) (time.Time, bool) {
	if len(b) != 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' || b[20] != ' ' ||
		(b[21] != '+' && b[21] != '-') {
		return time.Time{}, false
	}
	month := 0
	for i, m := range months {
		if string(b[3:6]) == m {
			month = i + 1
			break
		}
	}
	day, ok1 := digits(b[0:2])
	year, ok2 := digits(b[7:11])
	hour, ok3 := digits(b[12:14])
	minute, ok4 := digits(b[15:17])
	sec, ok5 := digits(b[18:20])
	oh, ok6 := digits(b[22:24])
	om, ok7 := digits(b[24:26])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || month == 0 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 60 || oh > 23 || om > 59 {
		return time.Time{}, false
	}
	// Second 60 is a leap second: the start of the next second, as in
	// parser.ParseRFC3339.
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	off := time.Duration(oh)*time.Hour + time.Duration(om)*time.Minute
	if b[21] == '+' {
		off = -off
	}
	t = t.Add(off)
	if y := t.Year(); y < 1 || y > 9999 {
		// Outside what RFC 3339 and the index can hold.
		return time.Time{}, false
	}
	return t, true
}

// digits reads a fixed-width run of decimal digits.
func digits(b []byte) (int, bool) {
	n, ok := parser.ParseUint(b)
	return int(n), ok
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ip parses field col as an IP address; an absent field gives the zero
// address.
func (r *record) ip(col int) (netip.Addr, error) {
	v := r.value(col)
	if v == nil {
		return netip.Addr{}, nil
	}
	ip, ok := parser.ParseAddrDropZone(v)
	if !ok {
		return netip.Addr{}, fieldError(col, v, "not an IP address")
	}
	return ip, nil
}

// optInt is a number that may be absent.
type optInt struct {
	v  int64
	ok bool
}

// count parses field col as a non-negative integer.
func (r *record) count(col int) (optInt, error) {
	v := r.value(col)
	if v == nil {
		return optInt{}, nil
	}
	n, ok := parser.ParseUint(v)
	if !ok || n > math.MaxInt64 {
		return optInt{}, fieldError(col, v, "not a non-negative integer")
	}
	return optInt{int64(n), true}, nil
}

// status parses the HTTP status code.
func (r *record) status() (optInt, error) {
	v := r.value(colHTTPStatus)
	if v == nil {
		return optInt{}, nil
	}
	n, ok := parser.ParseUint(v)
	if !ok || len(v) != 3 || n < 100 {
		return optInt{}, fieldError(colHTTPStatus, v, "not a three-digit HTTP status code")
	}
	return optInt{int64(n), true}, nil
}

// aclRequired parses the aclRequired field: "Yes" when an access control
// list was needed to authorize the request, "-" when not.
func (r *record) aclRequired() (v, ok bool, err error) {
	b := r.value(colACLRequired)
	switch string(b) {
	case "":
		return false, false, nil
	case "Yes", "yes", "YES":
		return true, true, nil
	case "No", "no", "NO":
		return false, true, nil
	}
	return false, false, fieldError(colACLRequired, b, `not "Yes" or "-"`)
}
