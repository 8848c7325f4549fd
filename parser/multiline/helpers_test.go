package multiline_test

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"

	"github.com/siem-go/siem/parser"
)

// event is one result of Next, flattened so tables can spell it out.
type event struct {
	Data   string
	Number int64
	Line   int64
	Offset int64
	Reason string // RecordError reason
	Raw    string // RecordError raw bytes
	Err    string // any other error, the last event
}

func (e event) String() string {
	switch {
	case e.Err != "":
		return fmt.Sprintf("error %q", e.Err)
	case e.Reason != "":
		return fmt.Sprintf("#%d line %d @%d RecordError %q raw %q", e.Number, e.Line, e.Offset, e.Reason, e.Raw)
	}
	return fmt.Sprintf("#%d line %d @%d %q", e.Number, e.Line, e.Offset, e.Data)
}

func rec(number, line, offset int64, data string) event {
	return event{Data: data, Number: number, Line: line, Offset: offset}
}

func recErr(number, line, offset int64, reason, raw string) event {
	return event{Number: number, Line: line, Offset: offset, Reason: reason, Raw: raw}
}

// collect reads r to io.EOF or to its first stream error, which becomes
// the last event.
func collect(t testing.TB, r parser.Reader) []event {
	t.Helper()
	var out []event
	for range 10_000_000 {
		record, err := r.Next()
		if err == io.EOF {
			return out
		}
		if re, ok := parser.AsRecordError(err); ok {
			out = append(out, recErr(re.Number, re.Line, re.Offset, re.Reason, string(re.Raw)))
			continue
		}
		if err != nil {
			return append(out, event{Err: err.Error()})
		}
		out = append(out, rec(record.Number, record.Line, record.Offset, string(record.Data)))
	}
	t.Fatalf("reader did not reach the end")
	return nil
}

func checkEvents(t testing.TB, got, want []event) {
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

// oneByteReader yields one byte per Read, to cross every buffer boundary.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// failingReader yields data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// conformanceDir returns the shared conformance folder's sub, skipping
// the test when it is absent (failing when SIEM_REQUIRE_SHARED is set).
func conformanceDir(t *testing.T, sub string) string {
	return shared.Dir(t, filepath.Join("conformance", sub))
}

func itoa(n int) string { return strconv.Itoa(n) }
