package winevent

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/lineartest"
	"github.com/siem-go/siem/parser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unlimited parses inputs of any size: the checks below scale them past
// the default event limit on purpose.
var unlimited = Options{MaxEventBytes: 1 << 30}

func parseOp(t *testing.T, opt Options, wantErr string) func([]byte) {
	p := NewParser(opt)
	var e Event
	return func(b []byte) {
		err := p.Parse(b, &e)
		if wantErr == "" && err != nil {
			t.Fatal(err)
		}
		if wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)) {
			t.Fatalf("got %v, want an error with %q", err, wantErr)
		}
	}
}

// readOp reads a whole stream; RecordErrors are expected of hostile
// input, other errors are not.
func readOp(t *testing.T, opt Options) func([]byte) {
	return func(b []byte) {
		r := NewReader(bytes.NewReader(b), opt)
		for {
			_, err := r.Next()
			if err == io.EOF {
				return
			}
			if _, ok := parser.AsRecordError(err); !ok && err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestLinearParse(t *testing.T) {
	t.Run("thousands of data items", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			var b strings.Builder
			b.WriteString(`<Event><System><EventID>1</EventID></System><EventData>`)
			for i := range n {
				fmt.Fprintf(&b, `<Data Name='Field%d'>value %d</Data>`, i, i)
			}
			b.WriteString(`</EventData></Event>`)
			return []byte(b.String())
		}, parseOp(t, unlimited, ""))
	})
	t.Run("unnamed data items", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(wrap(`<EventData>` + strings.Repeat(`<Data>v</Data><Data/>`, n) + `</EventData>`))
		}, parseOp(t, unlimited, ""))
	})
	t.Run("user data nested to the limit", func(t *testing.T) {
		// <Event><UserData> and 30 levels: depth 32.
		chain := strings.Repeat("<Level>", 30) + "leaf" + strings.Repeat("</Level>", 30)
		lineartest.Check(t, 100, func(n int) []byte {
			return []byte(`<Event><UserData>` + strings.Repeat(chain, n) + `</UserData></Event>`)
		}, parseOp(t, unlimited, ""))
	})
	t.Run("user data nested past the limit", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(`<Event><UserData>` + strings.Repeat("<a>", n) + strings.Repeat("</a>", n) + `</UserData></Event>`)
		}, parseOp(t, unlimited, "nested deeper than 32 levels"))
	})
	t.Run("long text with entities", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(wrap(`<EventData><Data Name='x'>` + strings.Repeat("&amp;&lt;&#x41;&#66;&quot;\r\n", n) + `</Data></EventData>`))
		}, parseOp(t, unlimited, ""))
	})
	t.Run("entities in attributes", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(wrap(`<EventData><Data Name='` + strings.Repeat("&amp;&#x41;", n) + `'>v</Data></EventData>`))
		}, parseOp(t, unlimited, ""))
	})
	t.Run("elements at the attribute limit", func(t *testing.T) {
		// In System, where attributes are looked up but not kept: the
		// output does not grow with the input, so cache effects do not
		// blur the measure (UserData keeps one pair per attribute).
		var attrs strings.Builder
		for i := range DefaultMaxAttrs {
			fmt.Fprintf(&attrs, ` a%d='%d'`, i, i)
		}
		lineartest.Check(t, 100, func(n int) []byte {
			return []byte(`<Event><System>` + strings.Repeat(`<Provider`+attrs.String()+`/>`, n) + `</System></Event>`)
		}, parseOp(t, unlimited, ""))
	})
	t.Run("huge attribute count", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(`<Event><System><Provider` + strings.Repeat(` a=''`, n) + `/></System></Event>`)
		}, parseOp(t, unlimited, "more than 64 attributes"))
	})
	t.Run("comments and markup", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return []byte(wrap(`<EventData><Data>` + strings.Repeat("<!-- < -->a<![CDATA[<]]><?p ?>", n) + `</Data></EventData>`))
		}, parseOp(t, unlimited, ""))
	})
}

func TestLinearReader(t *testing.T) {
	t.Run("many events", func(t *testing.T) {
		lineartest.Check(t, 100, func(n int) []byte { return manyEvents(t, n) }, readOp(t, Options{}))
	})
	t.Run("many events, framing only", func(t *testing.T) {
		lineartest.Check(t, 500, func(n int) []byte { return manyEvents(t, n) }, readOp(t, Options{FrameOnly: true}))
	})
	t.Run("many tiny events", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte { return bytes.Repeat([]byte("<Event/>"), n) }, readOp(t, Options{}))
	})
	t.Run("many cut events", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte { return bytes.Repeat([]byte("<Event "), n) }, readOp(t, Options{}))
	})
	t.Run("junk full of markup", func(t *testing.T) {
		lineartest.Check(t, 5000, func(n int) []byte { return bytes.Repeat([]byte("<Even<a</Events x<!"), n) }, readOp(t, Options{}))
	})
	t.Run("one huge event past the limit", func(t *testing.T) {
		lineartest.Check(t, 5000, func(n int) []byte {
			return []byte("<Event>" + strings.Repeat("<a b='>'>x</a><!-- c -->", n) + "</Event>")
		}, readOp(t, Options{MaxEventBytes: 4096}))
	})
	t.Run("wrapper tags", func(t *testing.T) {
		lineartest.Check(t, 2000, func(n int) []byte {
			return bytes.Repeat([]byte("\xef\xbb\xbf<?xml version='1.0'?><Events a='>'></Events >\r\n"), n)
		}, readOp(t, Options{}))
	})
}

// TestHostileMemory checks that the limits are enforced before
// encoding/xml allocates for what they refuse.
func TestHostileMemory(t *testing.T) {
	var p Parser
	var e Event
	for name, in := range map[string]string{
		"attributes": `<Event><System><Provider` + strings.Repeat(` a=''`, 200_000) + `/></System></Event>`,
		"depth":      `<Event>` + strings.Repeat("<a>", 200_000) + strings.Repeat("</a>", 200_000) + `</Event>`,
	} {
		data := []byte(in)
		require.Error(t, p.Parse(data, &e), name)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		allocs := testing.AllocsPerRun(10, func() { p.Parse(data, &e) })
		runtime.ReadMemStats(&after)
		perRun := (after.TotalAlloc - before.TotalAlloc) / 11
		t.Logf("%s: %d bytes of input, %.0f allocations and %d bytes a parse", name, len(data), allocs, perRun)
		assert.Less(t, allocs, 10.0, name)
		assert.Less(t, perRun, uint64(4096), name)
	}
}
