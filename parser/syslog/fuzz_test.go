package syslog

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"
	"unsafe"
)

var fuzzSeeds = []string{
	"",
	"<",
	"<13>",
	"<191>1 - - - - - -",
	"<0>1 - - - - - [a]",
	"Nov 27 10:00:01 bastion-1 sshd[2841]: Accepted password for alice from 198.51.100.23 port 51514 ssh2",
	"Nov  3 04:12:55 web-02 sshd[1202]: Failed password for invalid user admin from 2001:db8::1 port 60111 ssh2",
	"Feb 29 12:00:00 h a: leap",
	"Dec 31 23:59:59 h a: roll-over",
	"Apr 4 03:39:57 --- last message repeated 1 time ---",
	"Dec 13 11:35:57 a-mac Google Chrome[85294]: objc[85294]: __weak",
	"Dec 13 11:45:18 a-mac com.apple.xpc.launchd[1] (com.apple.quicklook[21498]): Endpoint",
	"Nov 27 11:07:00 sshd[12]: Server listening",
	"2026-11-27T10:00:00.123456+01:00 db-1 su[4411]: pam_unix(su-l:session): session opened",
	"2019-06-14T10:40:20.912134 localhost sudo: x",
	"2026-11-27T10:00:00+0100 db-1 systemd[1]: Started.",
	"<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
	`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"][examplePriority@32473 class="high"] ` + "\ufeffAn application event",
	`<38>1 2026-11-27T10:00:00Z h sshd 1 auth [x@1 note="said \"hi\" [ok\]" path="C:\\tmp\x" tail="\\"] msg`,
	`<13>1 - host app 1 id [a b="c\"]`,
	"Nov 27 10:00:00.5 host tag[x]:y",
}

// within reports whether f lies inside line's bytes (an empty f anywhere
// in or at the end of line).
func within(line, f []byte) bool {
	if f == nil {
		return true
	}
	if len(line) == 0 {
		return len(f) == 0
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(line)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(f)))
	return p >= start && p+uintptr(len(f)) <= start+uintptr(len(line)) && cap(f) == len(f)
}

// referenceUnescape is RFC 5424's PARAM-VALUE unescaping, one byte at a
// time.
func referenceUnescape(v []byte) []byte {
	var out []byte
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\' || v[i+1] == ']') {
			i++
		}
		out = append(out, v[i])
	}
	return out
}

func FuzzParse(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint16(i*37), int8(i%5-2), int8(i%3))
	}
	f.Fuzz(func(t *testing.T, line []byte, refDays uint16, zoneHours int8, window int8) {
		loc := time.FixedZone("test", int(zoneHours%15)*3600)
		opt := Options{
			Reference: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(refDays)),
			Location:  loc,
			MaxFuture: time.Duration(window) * 24 * time.Hour,
		}
		m, err := Parse(line, opt)
		m2, err2 := Parse(line, opt)
		if !reflect.DeepEqual(m, m2) || (err == nil) != (err2 == nil) {
			t.Fatalf("two parses differ")
		}
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if pe.Offset < 0 || pe.Offset > len(line) || pe.Expected == "" {
				t.Fatalf("bad error %v for a %d-byte line", err, len(line))
			}
			if !reflect.DeepEqual(m, Message{}) {
				t.Fatalf("error %v with a non-zero message", err)
			}
			return
		}
		for name, f := range map[string][]byte{
			"Hostname": m.Hostname, "AppName": m.AppName, "ProcID": m.ProcID, "MsgID": m.MsgID,
			"StructuredData": m.StructuredData, "Msg": m.Msg,
		} {
			if !within(line, f) {
				t.Fatalf("%s %q does not alias the line", name, f)
			}
		}
		if m.Msg == nil || !within(line, m.Msg) || (len(m.Msg) > 0 && &m.Msg[len(m.Msg)-1] != &line[len(line)-1]) {
			t.Fatalf("message %q is not a suffix of the line", m.Msg)
		}
		if m.HasPriority != (line[0] == '<') || m.Priority > 191 || (!m.HasPriority && m.Priority != 0) {
			t.Fatalf("priority %v %d", m.HasPriority, m.Priority)
		}
		if m.Priority.Facility() > FacilityLocal7 || m.Priority.Severity() > SeverityDebug {
			t.Fatalf("priority %d", m.Priority)
		}
		if m.FracDigits < 0 || m.FracDigits > 9 {
			t.Fatalf("%d fractional digits", m.FracDigits)
		}
		switch m.Format {
		case RFC3164:
			if m.Version != 0 || m.MsgID != nil || m.StructuredData != nil || m.Timestamp.IsZero() {
				t.Fatalf("RFC 3164 message with RFC 5424 fields: %+v", m)
			}
			if bytes.ContainsAny(m.Hostname, " \n") || bytes.ContainsAny(m.ProcID, " []") || bytes.ContainsAny(m.AppName, ":[") {
				t.Fatalf("host %q, app %q, pid %q", m.Hostname, m.AppName, m.ProcID)
			}
		case RFC5424:
			if m.Version != 1 || !m.HasPriority {
				t.Fatalf("RFC 5424 message without version or priority: %+v", m)
			}
			if !m.Timestamp.IsZero() && (!m.HasYear || !m.HasZone) {
				t.Fatalf("RFC 5424 timestamp without year or zone")
			}
			checkStructuredData(t, m.StructuredData)
		default:
			t.Fatalf("format %v", m.Format)
		}
		if !m.Timestamp.IsZero() && !m.HasZone && m.Timestamp.Location() != loc {
			t.Fatalf("zone-less timestamp in %v, not in Options.Location", m.Timestamp.Location())
		}
		if !m.HasYear && !m.Timestamp.IsZero() {
			limit := opt.Reference.Add(max(opt.MaxFuture, 0))
			if opt.MaxFuture == 0 {
				limit = opt.Reference.Add(DefaultMaxFuture)
			}
			if m.Timestamp.After(limit) {
				t.Fatalf("inferred %v, after the limit %v", m.Timestamp, limit)
			}
			if next := m.Timestamp.AddDate(1, 0, 0); next.Day() == m.Timestamp.Day() && !next.After(limit) {
				t.Fatalf("inferred %v, but a year later is not after the limit %v", m.Timestamp, limit)
			}
		}
	})
}

// checkStructuredData rebuilds validated structured data from its
// elements and parameters, which must give back the same bytes, and
// compares the unescaped values with the reference.
func checkStructuredData(t *testing.T, sd StructuredData) {
	var rebuilt []byte
	for e := range sd.Elements() {
		if !within(sd, e.ID) || len(e.ID) == 0 {
			t.Fatalf("SD-ID %q", e.ID)
		}
		rebuilt = append(append(rebuilt, '['), e.ID...)
		for p := range e.Params() {
			if !within(sd, p.Name) || !within(sd, p.RawValue) {
				t.Fatalf("parameter %q=%q does not alias the line", p.Name, p.RawValue)
			}
			rebuilt = append(append(append(append(append(rebuilt, ' '), p.Name...), '=', '"'), p.RawValue...), '"')
			if want, got := referenceUnescape(p.RawValue), p.Value(nil); !bytes.Equal(want, got) {
				t.Fatalf("value %q unescaped to %q, want %q", p.RawValue, got, want)
			}
		}
		rebuilt = append(rebuilt, ']')
	}
	if !bytes.Equal(rebuilt, sd) {
		t.Fatalf("structured data %q rebuilt as %q", sd, rebuilt)
	}
}
