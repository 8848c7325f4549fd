// Package readertest holds what tests of parser.Reader framings share:
// records flattened so a table can spell them out, a reader run to its
// end, and a comparison that shows every difference.
package readertest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/siem-go/siem/parser"
)

// Event is one result of Next.
type Event struct {
	Data   string
	Number int64
	Line   int64
	Offset int64
	Reason string // a RecordError's reason
	Raw    string // a RecordError's raw bytes
	Err    string // any other error: the last event
}

func (e Event) String() string {
	switch {
	case e.Err != "":
		return fmt.Sprintf("error %q", e.Err)
	case e.Reason != "":
		return fmt.Sprintf("#%d line %d @%d RecordError %q raw %q", e.Number, e.Line, e.Offset, e.Reason, e.Raw)
	}
	return fmt.Sprintf("#%d line %d @%d %q", e.Number, e.Line, e.Offset, e.Data)
}

// Rec is a record.
func Rec(number, line, offset int64, data string) Event {
	return Event{Data: data, Number: number, Line: line, Offset: offset}
}

// RecErr is a *parser.RecordError.
func RecErr(number, line, offset int64, reason, raw string) Event {
	return Event{Number: number, Line: line, Offset: offset, Reason: reason, Raw: raw}
}

// Collect reads r to io.EOF or to its first stream error, which becomes
// the last event.
func Collect(t testing.TB, r parser.Reader) []Event {
	t.Helper()
	var out []Event
	for range 10_000_000 {
		record, err := r.Next()
		if err == io.EOF {
			return out
		}
		if re, ok := parser.AsRecordError(err); ok {
			out = append(out, RecErr(re.Number, re.Line, re.Offset, re.Reason, string(re.Raw)))
			continue
		}
		if err != nil {
			return append(out, Event{Err: err.Error()})
		}
		out = append(out, Rec(record.Number, record.Line, record.Offset, string(record.Data)))
	}
	t.Fatalf("reader did not reach the end")
	return nil
}

// Check fails t, listing every event side by side, when got is not want.
func Check(t testing.TB, got, want []Event) {
	t.Helper()
	same := len(got) == len(want)
	for i := 0; same && i < len(got); i++ {
		same = got[i] == want[i]
	}
	if same {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "got %d events, want %d\n", len(got), len(want))
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i].String()
		}
		if i < len(want) {
			w = want[i].String()
		}
		mark := "  "
		if g != w {
			mark = "! "
		}
		fmt.Fprintf(&b, "%sgot  %s\n  want %s\n", mark, g, w)
	}
	t.Error(b.String())
}

// Failing yields data, then err: a source that breaks part way.
func Failing(data []byte, err error) io.Reader {
	return io.MultiReader(bytes.NewReader(data), iotest.ErrReader(err))
}
