package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/siem-go/siem/enrich/ioc"
)

// Result is what a parser read from one feed.
type Result struct {
	Indicators []ioc.Indicator
	// Warnings lists what was read but not turned into indicators, each
	// with where it is and why: malformed lines, values that are no
	// address, domain or URL, unsupported STIX patterns, indicator types
	// the database does not hold.
	Warnings []Warning
}

// Warning is an entry of a feed that was skipped.
type Warning struct {
	// Line is the 1-based line of a line-oriented feed, else 0.
	Line int
	// Object names the entry in a structured feed: a STIX id, an array
	// index such as "[12]", or a file in a directory.
	Object string
	Reason string
}

func (w Warning) String() string {
	var b strings.Builder
	if w.Object != "" {
		b.WriteString(w.Object)
	}
	if w.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "line %d", w.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(w.Reason)
	return b.String()
}

// ByType counts the indicators by ECS type name ("ipv4-addr", ...).
func (r Result) ByType() map[string]int {
	m := map[string]int{}
	for _, ind := range r.Indicators {
		m[ind.Type.String()]++
	}
	return m
}

// Summary describes the result in one line, such as
// "1200 indicators (domain-name 200, ipv4-addr 1000), 3 warnings".
func (r Result) Summary() string {
	by := r.ByType()
	parts := make([]string, 0, len(by))
	for _, t := range slices.Sorted(maps.Keys(by)) {
		parts = append(parts, fmt.Sprintf("%s %d", t, by[t]))
	}
	s := count(len(r.Indicators), "indicator")
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if len(r.Warnings) > 0 {
		s += ", " + count(len(r.Warnings), "warning")
	}
	return s
}

// count writes n and the noun, plural unless n is 1: "1 pulse", "2 pulses".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (r *Result) warn(line int, object, format string, args ...any) {
	r.Warnings = append(r.Warnings, Warning{Line: line, Object: object, Reason: fmt.Sprintf(format, args...)})
}

// timeLayouts are the forms feeds write times in. Times without a zone
// are UTC, as every feed here documents.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05 MST",
	"2006-01-02",
}

// parseTime reads a feed timestamp; ok is false for text that is none.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// jsonSyntaxError explains why data is not JSON, with the line and
// column, which the fast parser does not report.
func jsonSyntaxError(data []byte, fastErr error) error {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	if se, ok := err.(*json.SyntaxError); ok {
		line := 1 + bytes.Count(data[:se.Offset], []byte{'\n'})
		col := int(se.Offset) - bytes.LastIndexByte(data[:se.Offset], '\n') - 1
		return fmt.Errorf("not valid JSON at line %d column %d: %v", line, col, se)
	}
	if err != nil {
		return fmt.Errorf("not valid JSON: %v", err)
	}
	return fmt.Errorf("not valid JSON: %v", fastErr)
}

// truncate shortens text quoted in warnings.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
