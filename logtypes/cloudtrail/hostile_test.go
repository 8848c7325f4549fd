package cloudtrail

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/lineartest"
	"github.com/siem-go/siem/parser"
)

// Hostile records: valid CloudTrail events shaped to make a normalizer
// spend time or memory out of proportion to their size.

// escapeKinds are the escapes a hostile string repeats.
var escapeKinds = []struct{ name, escape string }{
	{"newline", `\n`},
	{"control", `\u0001`},
	{"letter", `\u00e9`},
	{"surrogate pair", `\ud83d\ude00`},
	{"lone surrogate", `\ud800`},
	{"quote", `\"`},
	{"backslash", `\\`},
}

// escapePlaces put a string of escapes (s, JSON text without quotes) in a
// record.
var escapePlaces = []struct {
	name   string
	member func(s string) string
}{
	{"requestParameters", func(s string) string { return `"requestParameters":{"userName":"bob","policyDocument":"` + s + `"}` }},
	{"responseElements", func(s string) string { return `"responseElements":{"description":"` + s + `"}` }},
	{"userAgent", func(s string) string { return `"userAgent":"` + s + `"` }},
	{"nested object", func(s string) string {
		return `"requestParameters":{"a":{"b":[1,{"c":{"d":"` + s + `"}}]}},"additionalEventData":{"x":["` + s + `"]}`
	}},
	{"key", func(s string) string { return `"requestParameters":{"` + s + `":1,"userName":"bob"}` }},
	{"eventName", func(s string) string { return `"eventName":"` + s + `"` }},
}

// hostileRecord is an IAM event, so that every lookup into the free-form
// members runs, with the given members added.
func hostileRecord(members ...string) []byte {
	return []byte(rec(append([]string{ssoRole, common, `"eventSource":"iam.amazonaws.com","eventName":"DeleteUser","sourceIPAddress":"198.51.100.7"`}, members...)...))
}

func normalizeBytes(tb testing.TB, ev *ecs.Event, data []byte) {
	ev.Reset()
	if err := Normalize(siem.Record{Record: parser.Record{Data: data, Number: 1}}, ev); err != nil {
		tb.Fatalf("Normalize: %v", err)
	}
}

// TestNormalizeLinearInEscapes checks that a record's cost grows linearly
// with the escapes its strings hold, whatever the escape and wherever the
// string is. Quoting the free-form members used to search the rest of the
// text again after every backslash: 400000 escapes took 9 s.
func TestNormalizeLinearInEscapes(t *testing.T) {
	for _, place := range escapePlaces {
		for _, kind := range escapeKinds {
			t.Run(place.name+"/"+kind.name, func(t *testing.T) {
				ev := &ecs.Event{}
				lineartest.Check(t, 2000,
					func(n int) []byte { return hostileRecord(place.member(strings.Repeat(kind.escape, n))) },
					func(data []byte) { normalizeBytes(t, ev, data) })
			})
		}
	}
}

// TestObjectLinearInEscapes checks the whole path a record takes, from the
// object's bytes through the framing (which finds where strings end) to
// the document, on an object of one escape-heavy record.
func TestObjectLinearInEscapes(t *testing.T) {
	for _, kind := range escapeKinds {
		t.Run(kind.name, func(t *testing.T) {
			ev := &ecs.Event{}
			var out []byte
			lineartest.Check(t, 2000,
				func(n int) []byte {
					return []byte(`{"Records":[` + string(hostileRecord(escapePlaces[0].member(strings.Repeat(kind.escape, n)))) + `]}`)
				},
				func(data []byte) {
					r := parser.NewJSONRecordsReader(bytes.NewReader(data), "Records", parser.JSONOptions{})
					for {
						rec, err := r.Next()
						if err == io.EOF {
							return
						}
						if err != nil {
							t.Fatal(err)
						}
						normalizeBytes(t, ev, rec.Data)
						out = ev.AppendJSON(out[:0])
					}
				})
		})
	}
}

// TestNormalizeLinearInStructure checks the cost of records with many
// values, many resources (repeats among them used to be found by
// comparing every pair), and deep nesting.
func TestNormalizeLinearInStructure(t *testing.T) {
	shapes := []struct {
		name   string
		member func(n int) string
	}{
		{"many members", func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, `"k%d":%d,`, i, i)
			}
			return `"requestParameters":{` + b.String() + `"userName":"bob"}`
		}},
		{"many resources", func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, `{"ARN":"arn:aws:s3:::b/%d","type":"AWS::S3::Object"},{"ARN":"arn:aws:s3:::b/%d"},`, i, i/2)
			}
			return `"resources":[` + b.String() + `{}]`
		}},
		{"deep nesting", func(n int) string {
			nest := strings.Repeat(`{"a":[`, 140) + `"x"` + strings.Repeat(`]}`, 140)
			return `"requestParameters":[` + strings.Repeat(nest+",", n/100) + `0]`
		}},
	}
	for _, shape := range shapes {
		t.Run(shape.name, func(t *testing.T) {
			ev := &ecs.Event{}
			lineartest.Check(t, 2000,
				func(n int) []byte { return hostileRecord(shape.member(n)) },
				func(data []byte) { normalizeBytes(t, ev, data) })
		})
	}
}

// maxAllocRatio bounds what Normalize allocates, as a multiple of the
// record's size, the event's own growth included; maxAllocRatioControl
// for records whose strings hold raw control characters. doc.go states
// both.
const (
	maxAllocRatio        = 8
	maxAllocRatioControl = 24
)

// hostileShape is a record made to cost the most of one kind. control
// tells that its strings hold raw control characters.
type hostileShape struct {
	name    string
	data    []byte
	control bool
}

// hostileShapes are records of about size bytes.
func hostileShapes(size int) []hostileShape {
	fill := func(unit string, n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }
	var members strings.Builder
	for i := 0; members.Len() < size; i++ {
		members.WriteString(`"k` + strconv.Itoa(i) + `":0,`)
	}
	shapes := []hostileShape{
		{name: "huge requestParameters object", data: hostileRecord(`"requestParameters":{` + members.String() + `"userName":"bob"}`)},
		{name: "array of zeros", data: hostileRecord(`"requestParameters":[` + fill("0,", size) + `0]`)},
		{name: "array of empty objects", data: hostileRecord(`"responseElements":[` + fill("{},", size) + `{}]`)},
		{name: "empty keys", data: hostileRecord(`"requestParameters":{` + fill(`"":{},`, size) + `"a":1}`)},
		{name: "deep nesting, refused", data: hostileRecord(`"requestParameters":` + fill("[", size))},
		{name: "deep nesting, repeated", data: hostileRecord(`"requestParameters":[` + fill(strings.Repeat("[", 290)+strings.Repeat("]", 290)+",", size) + `0]`)},
		{name: "many resources", data: hostileRecord(`"resources":[` + fill(`{"ARN":"a"},{"type":"b"},`, size) + `{}]`)},
		{name: "many distinct resources", data: hostileRecord(`"resources":[` + fill(`{"ARN":"\u0061"},`, size/2) + fill(`{"type":"\"b"},`, size/2) + `{}]`)},
		{name: "raw control characters", data: hostileRecord(`"requestParameters":{"s":"` + fill("\x01", size) + `"}`), control: true},
		{name: "raw control characters in keys", data: hostileRecord(`"requestParameters":{` + fill(`"\x01\x02\x03":0,`, size) + `"a":1}`), control: true},
	}
	for _, kind := range escapeKinds {
		shapes = append(shapes,
			hostileShape{name: "escapes " + kind.name, data: hostileRecord(`"requestParameters":{"s":"` + fill(kind.escape, size) + `"}`)},
			hostileShape{name: "escapes in userAgent " + kind.name, data: hostileRecord(`"userAgent":"` + fill(kind.escape, size) + `"`)},
		)
	}
	return shapes
}

// TestNormalizeMemoryBound checks what Normalize allocates for a record
// of the pipeline's largest size (siem.DefaultMaxRecordBytes) of each
// hostile shape, counting the growth of a new event: at most
// maxAllocRatio times the record (maxAllocRatioControl with raw control
// characters). A tree of parsed values used to take up to 270 times.
func TestNormalizeMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds records of 4 MiB")
	}
	for _, shape := range hostileShapes(siem.DefaultMaxRecordBytes) {
		t.Run(shape.name, func(t *testing.T) {
			limit := maxAllocRatio
			if shape.control {
				limit = maxAllocRatioControl
			}
			fresh := allocatedBytes(t, shape.data, false)
			reused := allocatedBytes(t, shape.data, true)
			ratio := float64(fresh) / float64(len(shape.data))
			t.Logf("%d bytes: %.1f MB allocated with a new event (%.2f times the record), %.1f MB with a reused one (%.2f times)",
				len(shape.data), float64(fresh)/1e6, ratio, float64(reused)/1e6, float64(reused)/float64(len(shape.data)))
			if ratio > float64(limit) {
				t.Errorf("Normalize allocated %d bytes for a record of %d, %.1f times its size; the bound is %d times", fresh, len(shape.data), ratio, limit)
			}
		})
	}
}

// allocatedBytes returns the bytes one Normalize of data allocates,
// averaged over a few runs (the way testing.AllocsPerRun counts
// allocations): with a new event each time, or with one event reused
// (as a pipeline worker does), whose growth is then not counted.
func allocatedBytes(t *testing.T, data []byte, reuse bool) uint64 {
	t.Helper()
	const runs = 3
	rec := siem.Record{Record: parser.Record{Data: data, Number: 1}}
	ev := &ecs.Event{}
	// A warm-up run, whose error (a refused record) is as good as
	// success.
	_ = Normalize(rec, ev)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		if reuse {
			ev.Reset()
		} else {
			ev = &ecs.Event{}
		}
		_ = Normalize(rec, ev)
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// BenchmarkHostileObject reads an object of ten records of 400000 escapes
// each (2.4 to 4.8 MB per record), from its bytes to the documents, and
// reports its speed. It took over ten minutes when quoting was quadratic.
func BenchmarkHostileObject(b *testing.B) {
	var obj bytes.Buffer
	obj.WriteString(`{"Records":[`)
	for i := range 10 {
		if i > 0 {
			obj.WriteByte(',')
		}
		kind := escapeKinds[i%len(escapeKinds)]
		place := escapePlaces[i%len(escapePlaces)]
		obj.Write(hostileRecord(place.member(strings.Repeat(kind.escape, 400000))))
	}
	obj.WriteString(`]}`)
	data := obj.Bytes()
	ev := &ecs.Event{}
	var out []byte
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		r := parser.NewJSONRecordsReader(bytes.NewReader(data), "Records", parser.JSONOptions{})
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			normalizeBytes(b, ev, rec.Data)
			out = ev.AppendJSON(out[:0])
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
