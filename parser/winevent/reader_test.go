package winevent

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/readertest"
	"github.com/siem-go/siem/parser"
)

// outcome is one result of Next: a record (Data) or a RecordError (Reason,
// Raw, Size).
type outcome struct {
	Number, Line, Offset int64
	Data                 string
	Reason               string
	Raw                  string
	Size                 int64
}

// readAll reads r to its end and returns its outcomes and the error that
// ended it (io.EOF when all went well). It checks that Event is set for
// every record when parsing.
func readAll(t testing.TB, r *Reader) ([]outcome, error) {
	t.Helper()
	var out []outcome
	for range 1_000_000 {
		rec, err := r.Next()
		if re, ok := parser.AsRecordError(err); ok {
			if r.Event() != nil {
				t.Fatal("Event after a RecordError")
			}
			out = append(out, outcome{Number: re.Number, Line: re.Line, Offset: re.Offset, Reason: re.Reason, Raw: string(re.Raw), Size: re.Size})
			continue
		}
		if err != nil {
			if rec.Data != nil {
				t.Fatalf("record with data and error %v", err)
			}
			return out, err
		}
		if (r.Event() == nil) != r.opt.FrameOnly {
			t.Fatalf("record %d: Event() = %v with FrameOnly %v", rec.Number, r.Event(), r.opt.FrameOnly)
		}
		out = append(out, outcome{Number: rec.Number, Line: rec.Line, Offset: rec.Offset, Data: string(rec.Data)})
	}
	t.Fatal("the reader does not stop")
	return nil, nil
}

func TestReaderWevtutilExport(t *testing.T) {
	input := readSample(t, "wevtutil-export.xml")
	r := NewReader(bytes.NewReader(input), Options{})
	var ids []uint32
	var got []outcome
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		got = append(got, outcome{Number: rec.Number, Line: rec.Line, Offset: rec.Offset, Data: string(rec.Data)})
		ids = append(ids, r.Event().System.EventID)
		// The record is the element, as Parse reads it.
		e, err := Parse(rec.Data)
		require.NoError(t, err)
		assert.Equal(t, e.System, r.Event().System)
	}
	assert.Equal(t, []uint32{4768, 1102, 7045}, ids)
	samples := []string{"4768-kerberos-tgt.xml", "1102-log-cleared.xml", "7045-service-installed.xml"}
	// The declaration and <Events> take two lines; each event one.
	offset := int64(len("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n"))
	for i, name := range samples {
		data := string(readSample(t, name))
		assert.Equal(t, outcome{Number: int64(i + 1), Line: int64(i + 3), Offset: offset, Data: data}, got[i], name)
		offset += int64(len(data)) + 2
	}
	_, err := r.Next()
	assert.Equal(t, io.EOF, err, "EOF again")
}

// ev is a small valid event.
func ev(id string) string { return `<Event><System><EventID>` + id + `</EventID></System></Event>` }

func TestReaderBetweenEvents(t *testing.T) {
	input := "\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\r\n" +
		"<!-- wevtutil qe Security /e:Events -->\r\n" +
		"<Events a='>' b=\"/>\">\r\n" + ev("1") + "\r\n" + ev("2") + ev("3") + "\n</Events >\n" +
		"\xef\xbb\xbf<?xml version='1.0'?><Events/>\n" +
		"<Events>\t" + ev("4") + "</Events>" + "\n \t\n" +
		`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'/>` +
		"<Event a='>' b=\"/>\"><System><EventID>6</EventID></System></Event >" +
		"<Event><!-- </Event> <Event> --><?pi </Event> ?><System><EventID>7</EventID></System><EventData><Data><![CDATA[<Event></Event>]]></Data></EventData></Event>" +
		"<Event><Eventual/><UserData><Events/><EventsX/></UserData></Event>\n"
	r := NewReader(strings.NewReader(input), Options{})
	got, err := readAll(t, r)
	assert.Equal(t, io.EOF, err)
	var data []string
	for _, o := range got {
		require.Empty(t, o.Reason, "%+v", o)
		data = append(data, o.Data)
	}
	assert.Equal(t, []string{
		ev("1"), ev("2"), ev("3"), ev("4"),
		`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'/>`,
		"<Event a='>' b=\"/>\"><System><EventID>6</EventID></System></Event >",
		"<Event><!-- </Event> <Event> --><?pi </Event> ?><System><EventID>7</EventID></System><EventData><Data><![CDATA[<Event></Event>]]></Data></EventData></Event>",
		"<Event><Eventual/><UserData><Events/><EventsX/></UserData></Event>",
	}, data)
	assert.Equal(t, []int64{4, 5, 5, 8, 10, 10, 10, 10}, lines(got))
	for i, o := range got {
		assert.Equal(t, int64(i+1), o.Number)
		assert.Equal(t, o.Data, input[o.Offset:o.Offset+int64(len(o.Data))])
	}
}

func lines(out []outcome) []int64 {
	var l []int64
	for _, o := range out {
		l = append(l, o.Line)
	}
	return l
}

// rec and fail build expected outcomes; their positions are filled in by
// TestReaderRecovery from where their bytes are in the input.
func rec(data string) outcome { return outcome{Data: data} }
func fail(reason, raw string) outcome {
	return outcome{Reason: reason, Raw: raw}
}

func TestReaderRecovery(t *testing.T) {
	big := `<Event><System><EventID>3</EventID></System><EventData><Data>` + strings.Repeat("x", 100) + `</Data></EventData></Event>`
	tests := []struct {
		name  string
		in    string
		max   int
		want  []outcome
		final error
	}{{
		name: "text between events",
		in:   ev("1") + "\ngarbage here\n" + ev("2"),
		want: []outcome{rec(ev("1")), fail(`not a Windows event: found text "garbage here\n" where an <Event> element should start`, "garbage here\n"), rec(ev("2"))},
	}, {
		name: "text at the end",
		in:   ev("1") + "\ntrailing",
		want: []outcome{rec(ev("1")), fail(`not a Windows event: found text "trailing" where an <Event> element should start`, "trailing")},
	}, {
		name: "json instead",
		in:   `{"EventID":4624}` + "\n",
		want: []outcome{fail(`not a Windows event: found text "{\"EventID\":4624}\n" where an <Event> element should start`, `{"EventID":4624}`+"\n")},
	}, {
		name: "other element",
		in:   `<Foo>bar<Eventual/></Foo>` + ev("1"),
		want: []outcome{fail("not a Windows event: found the element <Foo> where an <Event> element should start", `<Foo>bar<Eventual/></Foo>`), rec(ev("1"))},
	}, {
		name: "doctype",
		in:   `<!DOCTYPE Events [<!ENTITY a "aaaa">]>` + ev("1"),
		want: []outcome{fail(`not a Windows event: found the declaration "<!DOCTYPE" where an <Event> element should start`, `<!DOCTYPE Events [<!ENTITY a "aaaa">]>`), rec(ev("1"))},
	}, {
		name: "not a byte order mark",
		in:   "\xef\xbbX" + ev("1"),
		want: []outcome{fail(`not a Windows event: found text "\xef\xbbX" where an <Event> element should start`, "\xef\xbbX"), rec(ev("1"))},
	}, {
		name: "mismatched tags",
		in:   `<Event><System><EventID>1</System></Event>` + ev("2"),
		want: []outcome{fail("malformed XML: element <EventID> closed by </System> (at byte 34)", `<Event><System><EventID>1</System></Event>`), rec(ev("2"))},
	}, {
		name: "space in an end tag, as an AWS sample has it",
		in:   ev("1") + "\n" + `<Event><System><EventID>4663< /EventID></System></Event>` + "\n" + ev("2"),
		want: []outcome{rec(ev("1")), fail("malformed XML: expected element name after < (at byte 29)", `<Event><System><EventID>4663< /EventID></System></Event>`), rec(ev("2"))},
	}, {
		name: "bad number",
		in:   `<Event><System><EventID>x</EventID></System></Event>` + ev("2"),
		want: []outcome{fail(`EventID is "x", not a number from 0 to 4294967295 (at byte 35)`, `<Event><System><EventID>x</EventID></System></Event>`), rec(ev("2"))},
	}, {
		name: "cut off by the next event",
		in:   ev("1") + `<Event><System><EventID>2` + "\n" + ev("3"),
		want: []outcome{rec(ev("1")), fail("event cut off: another <Event> starts before it is closed; the data may be truncated", `<Event><System><EventID>2`+"\n"), rec(ev("3"))},
	}, {
		name: "cut off in an attribute",
		in:   `<Event xmlns='http://schemas.micro` + ev("2"),
		want: []outcome{fail("event cut off: another <Event> starts before it is closed; the data may be truncated", `<Event xmlns='http://schemas.micro`), rec(ev("2"))},
	}, {
		name: "cut off in a tag",
		in:   `<Event><System><Provider Name='x' ` + ev("2"),
		want: []outcome{fail("event cut off: another <Event> starts before it is closed; the data may be truncated", `<Event><System><Provider Name='x' `), rec(ev("2"))},
	}, {
		name: "unclosed quote in the start tag",
		in:   `<Event a='x><System/></Event>` + ev("2"),
		want: []outcome{fail("malformed XML: unescaped < inside quoted string (at byte 13)", `<Event a='x><System/></Event>`), rec(ev("2"))},
	}, {
		name: "not closed at the end",
		in:   ev("1") + "\n<Event><System>",
		want: []outcome{rec(ev("1")), fail("event not closed at the end of the data; it may be truncated", "<Event><System>")},
	}, {
		name: "start tag not closed at the end",
		in:   ev("1") + "\n<Event",
		want: []outcome{rec(ev("1")), fail("event not closed at the end of the data; it may be truncated", "<Event")},
	}, {
		name: "end tag not closed at the end",
		in:   "<Event></Event",
		want: []outcome{fail("event not closed at the end of the data; it may be truncated", "<Event></Event")},
	}, {
		name: "end tag broken",
		in:   "<Event></Event x>" + ev("2"),
		want: []outcome{fail("malformed XML: invalid characters between </Event and > (at byte 16)", "<Event></Event x>"), rec(ev("2"))},
	}, {
		name: "end tag cut off by the next event",
		in:   "<Event></Event" + ev("2"),
		want: []outcome{fail("event cut off: another <Event> starts before it is closed; the data may be truncated", "<Event></Event"), rec(ev("2"))},
	}, {
		name: "comment not closed in an event",
		in:   `<Event><!-- ` + ev("2"),
		want: []outcome{fail("event not closed at the end of the data; it may be truncated", `<Event><!-- `+ev("2"))},
	}, {
		name: "too long",
		in:   ev("1") + big + ev("2"),
		max:  60,
		want: []outcome{rec(ev("1")), {Reason: "event longer than 60 bytes", Raw: big[:60], Size: int64(len(big))}, rec(ev("2"))},
	}, {
		name: "too long and not closed",
		in:   ev("1") + big[:90],
		max:  60,
		want: []outcome{rec(ev("1")), {Reason: "event not closed at the end of the data; it may be truncated", Raw: big[:60], Size: 90}},
	}, {
		name: "too long junk",
		in:   strings.Repeat("j", 100) + ev("1"),
		max:  60,
		want: []outcome{{Reason: `not a Windows event: found text "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"... where an <Event> element should start`, Raw: strings.Repeat("j", 60), Size: 100}, rec(ev("1"))},
	}, {
		name: "long comment between events is skipped",
		in:   ev("1") + "<!--" + strings.Repeat("c", 500) + "-->" + ev("2"),
		max:  60,
		want: []outcome{rec(ev("1")), rec(ev("2"))},
	}, {
		name: "comment not closed between events",
		in:   ev("1") + "<!-- never closed " + ev("2"),
		want: []outcome{rec(ev("1")), fail("not a Windows event: found an unterminated comment where an <Event> element should start", "<!-- never closed "+ev("2"))},
	}, {
		name: "processing instruction not closed",
		in:   ev("1") + "<?xml version='1.0'",
		want: []outcome{rec(ev("1")), fail("not a Windows event: found an unterminated processing instruction where an <Event> element should start", "<?xml version='1.0'")},
	}, {
		name: "events tag not closed",
		in:   "<Events a='1'" + ev("1"),
		want: []outcome{fail("not a Windows event: found an unterminated <Events> tag where an <Event> element should start", "<Events a='1'"), rec(ev("1"))},
	}, {
		name: "events end tag broken",
		in:   ev("1") + "</Events x>" + ev("2"),
		want: []outcome{rec(ev("1")), fail("not a Windows event: found a malformed </Events> tag where an <Event> element should start", "</Events x>"), rec(ev("2"))},
	}, {
		name: "an Event nested in user data is taken for a cut",
		in:   `<Event><UserData><Event/></UserData></Event>` + ev("2"),
		want: []outcome{
			fail("event cut off: another <Event> starts before it is closed; the data may be truncated", `<Event><UserData>`),
			rec(`<Event/>`),
			fail("not a Windows event: found the end tag </UserData> where an <Event> element should start", `</UserData></Event>`),
			rec(ev("2")),
		},
	}, {
		name: "empty",
		in:   "",
	}, {
		name: "only whitespace and markup that is not an event",
		in:   "\xef\xbb\xbf \r\n<?xml version='1.0'?><!-- nothing --><Events></Events>\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Fill in the positions: each outcome's bytes follow the
			// previous one's in the input.
			from := 0
			for i := range tt.want {
				w := &tt.want[i]
				w.Number = int64(i + 1)
				b := w.Data + w.Raw
				k := strings.Index(tt.in[from:], b)
				require.GreaterOrEqual(t, k, 0, "outcome %d not in the input", i)
				w.Offset = int64(from + k)
				w.Line = int64(strings.Count(tt.in[:from+k], "\n") + 1)
				from += k + len(b)
			}
			for _, chunk := range []int{1, 3, 7, readBytes} {
				r := newReader(strings.NewReader(tt.in), Options{MaxEventBytes: tt.max}, chunk)
				got, err := readAll(t, r)
				assert.Equal(t, io.EOF, err, "chunk %d", chunk)
				assert.Equal(t, tt.want, got, "chunk %d", chunk)
			}
		})
	}
}

// TestReaderChunking reads inputs through every buffer size and through
// readers that return little at a time: the outcomes must not change.
func TestReaderChunking(t *testing.T) {
	inputs := []string{
		string(readSample(t, "wevtutil-export.xml")),
		string(manyEvents(t, 7)),
		ev("1") + "junk<Event><System>" + ev("2") + "<!-- c -->\xef\xbb\xbf<Events>" + ev("3") + "</Events>" + `<Event a='x><S/></Event>` + "<Event/>",
	}
	for i, in := range inputs {
		for _, max := range []int{0, 50, 100, 1500} {
			opt := Options{MaxEventBytes: max}
			want, err := readAll(t, NewReader(strings.NewReader(in), opt))
			require.Equal(t, io.EOF, err)
			for chunk := 1; chunk <= 70; chunk++ {
				got, err := readAll(t, newReader(strings.NewReader(in), opt, chunk))
				require.Equal(t, io.EOF, err)
				require.Equal(t, want, got, "input %d, max %d, chunk %d", i, max, chunk)
			}
			for name, src := range map[string]io.Reader{
				"one byte": iotest.OneByteReader(strings.NewReader(in)),
				"half":     iotest.HalfReader(strings.NewReader(in)),
				"data+EOF": iotest.DataErrReader(strings.NewReader(in)),
			} {
				got, err := readAll(t, NewReader(src, opt))
				require.Equal(t, io.EOF, err)
				require.Equal(t, want, got, "input %d, max %d, %s", i, max, name)
			}
		}
	}
}

func TestReaderReadError(t *testing.T) {
	boom := errors.New("connection reset by peer")

	r := NewReader(readertest.Failing([]byte(ev("1")+"\n<Event><System>"), boom), Options{})
	got, err := readAll(t, r)
	assert.Equal(t, boom, err)
	assert.Equal(t, []outcome{
		{Number: 1, Line: 1, Offset: 0, Data: ev("1")},
		{Number: 2, Line: 2, Offset: int64(len(ev("1")) + 1), Reason: "record cut off by a read error: connection reset by peer", Raw: "<Event><System>"},
	}, got)
	_, err = r.Next()
	assert.Equal(t, boom, err, "the error again")

	// Between events, the error alone.
	r = NewReader(readertest.Failing([]byte(ev("1")+"\n"), boom), Options{})
	got, err = readAll(t, r)
	assert.Equal(t, boom, err)
	assert.Len(t, got, 1)
	_, err = r.Next()
	assert.Equal(t, boom, err)

	// In bytes that are not an event, or a comment, the same.
	for _, tail := range []string{"junk", "<!-- comment"} {
		r = NewReader(readertest.Failing([]byte(ev("1")+"\n"+tail), boom), Options{})
		got, err = readAll(t, r)
		assert.Equal(t, boom, err)
		assert.Equal(t, []outcome{
			{Number: 1, Line: 1, Offset: 0, Data: ev("1")},
			{Number: 2, Line: 2, Offset: int64(len(ev("1")) + 1), Reason: "record cut off by a read error: connection reset by peer", Raw: tail},
		}, got, tail)
	}

	// A reader that returns nothing forever.
	r = NewReader(silentReader{}, Options{})
	_, err = r.Next()
	assert.Equal(t, io.ErrNoProgress, err)
}

func TestReaderUTF16(t *testing.T) {
	for _, in := range []string{"\xff\xfe<\x00E\x00", "\xfe\xff\x00<", "<\x00E\x00v\x00"} {
		r := NewReader(strings.NewReader(in), Options{})
		_, err := r.Next()
		assert.ErrorIs(t, err, ErrUTF16)
		_, err = r.Next()
		assert.ErrorIs(t, err, ErrUTF16)
	}
}

func TestReaderFrameOnly(t *testing.T) {
	in := `<Event><System><EventID>x</System></Event>` + ev("2") + "junk"
	got, err := readAll(t, NewReader(strings.NewReader(in), Options{FrameOnly: true}))
	assert.Equal(t, io.EOF, err)
	assert.Equal(t, []outcome{
		{Number: 1, Line: 1, Offset: 0, Data: `<Event><System><EventID>x</System></Event>`},
		{Number: 2, Line: 1, Offset: 42, Data: ev("2")},
		{Number: 3, Line: 1, Offset: 94, Reason: `not a Windows event: found text "junk" where an <Event> element should start`, Raw: "junk"},
	}, got)
}

// TestReaderMemory reads a stream far larger than the limit, as one event
// and as junk: the buffer stays within the limit plus a chunk.
func TestReaderMemory(t *testing.T) {
	const max = 64 << 10
	huge := "<Event><EventData><Data>" + strings.Repeat("<a>x</a>", 2<<20) + "</Data></EventData></Event>"
	junk := strings.Repeat("not xml ", 2<<20)
	comment := "<!--" + strings.Repeat("-", 16<<20) + "-->"
	in := huge + "\n" + comment + junk + ev("1")
	r := NewReader(strings.NewReader(in), Options{MaxEventBytes: max})
	got, err := readAll(t, r)
	assert.Equal(t, io.EOF, err)
	require.Len(t, got, 3)
	assert.Equal(t, outcome{Number: 1, Line: 1, Reason: "event longer than 65536 bytes", Raw: huge[:max], Size: int64(len(huge))}, got[0])
	assert.Equal(t, int64(len(huge)+1+len(comment)), got[1].Offset)
	assert.Equal(t, int64(len(junk)), got[1].Size)
	assert.Len(t, got[1].Raw, max)
	assert.Equal(t, outcome{Number: 3, Line: 2, Offset: int64(len(in) - len(ev("1"))), Data: ev("1")}, got[2])
	assert.LessOrEqual(t, len(r.buf), max+readBytes)
}

// silentReader returns nothing, and no error, forever.
type silentReader struct{}

func (silentReader) Read([]byte) (int, error) { return 0, nil }
