package winevent

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/parser"
)

// fuzzSeeds are the samples and inputs that reach every path of the
// parser and the reader.
func fuzzSeeds(f *testing.F) [][]byte {
	files, err := filepath.Glob("testdata/*.xml")
	if err != nil || len(files) == 0 {
		f.Fatal("no samples", err)
	}
	var seeds [][]byte
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for _, s := range []string{
		"", "<Event/>", ev("1") + ev("2"), "<Events>" + ev("1") + "</Events>",
		"\xef\xbb\xbf<?xml version='1.0'?><!-- c -->" + ev("1") + "\r\n",
		`<Event><System><EventID>1</System></Event>`,
		`<Event><System><EventID>4663< /EventID></System></Event>`,
		`<Event><System><EventID Qualifiers='16384'>7045</EventID><TimeCreated SystemTime='2021-06-03T19:22:55.113783500Z'/><Execution ProcessID='4' ThreadID='5'/></System></Event>`,
		`<Event><UserData><A x='1'><B>b</B><B/><C><D>d</D></C>t</A></UserData></Event>`,
		`<Event><EventData><Data>&lt;&#x41;&amp;<![CDATA[<x>]]><!-- c --></Data><Binary>00</Binary></EventData><RenderingInfo Culture='en-US'><Keywords><Keyword>k</Keyword></Keywords></RenderingInfo></Event>`,
		`<Event><System><EventID>2`, `<Event a='x><S/></Event>`, `<Event></Event x>`, "junk" + ev("1"),
		`<!DOCTYPE x [<!ENTITY a "b">]>` + ev("1"), `<Event><!DOCTYPE x></Event>`, "\xff\xfe<\x00",
		`<e:Event xmlns:e='urn:x'><e:System/></e:Event>`, `<Event><UserData><Event/></UserData></Event>`,
		`<Event><UserData>` + strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40) + `</UserData></Event>`,
		`<Event><System><Provider` + strings.Repeat(` a=''`, 70) + `/></System></Event>`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Parser
		var e Event
		err := p.Parse(data, &e)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		// What Parse accepts, encoding/xml's full decoder (which checks
		// that end tags match) accepts too, up to the end of the root.
		start, err := findRoot(data)
		if err != nil {
			t.Fatal("parsed, yet findRoot fails:", err)
		}
		d := xml.NewDecoder(bytes.NewReader(data[start:]))
		depth := 0
		for {
			tok, err := d.Token()
			if err != nil {
				t.Fatalf("parsed, yet encoding/xml says: %v", err)
			}
			switch tok.(type) {
			case xml.StartElement:
				depth++
			case xml.EndElement:
				depth--
			}
			if depth == 0 {
				if _, ok := tok.(xml.EndElement); ok {
					break
				}
			}
		}
		// Parsing again, into a used Event, gives the same.
		var again Event
		if err := p.Parse(data, &again); err != nil {
			t.Fatal("second parse failed:", err)
		}
		if err := p.Parse(data, &e); err != nil {
			t.Fatal("third parse failed:", err)
		}
		if !sameEvent(&e, &again) {
			t.Fatalf("parses differ:\n%+v\n%+v", e, again)
		}
	})
}

func sameEvent(a, b *Event) bool {
	if a.System != b.System || a.EventData.Binary != b.EventData.Binary ||
		len(a.EventData.Data) != len(b.EventData.Data) || len(a.UserData) != len(b.UserData) ||
		(a.RenderingInfo == nil) != (b.RenderingInfo == nil) {
		return false
	}
	for i := range a.EventData.Data {
		if a.EventData.Data[i] != b.EventData.Data[i] {
			return false
		}
	}
	for i := range a.UserData {
		if a.UserData[i] != b.UserData[i] {
			return false
		}
	}
	if a.RenderingInfo != nil {
		ra, rb := *a.RenderingInfo, *b.RenderingInfo
		if strings.Join(ra.Keywords, "\x00") != strings.Join(rb.Keywords, "\x00") {
			return false
		}
		return ra.Culture == rb.Culture && ra.Message == rb.Message && ra.Level == rb.Level && ra.Task == rb.Task &&
			ra.Opcode == rb.Opcode && ra.Channel == rb.Channel && ra.Provider == rb.Provider
	}
	return true
}

func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, uint16(0), uint8(0))
		f.Add(s, uint16(40), uint8(3))
	}
	f.Fuzz(func(t *testing.T, input []byte, maxEvent uint16, chunk uint8) {
		opt := Options{MaxEventBytes: int(maxEvent)}
		want := checkReader(t, input, newReader(bytes.NewReader(input), opt, readBytes))
		// The outcomes do not depend on how the stream is read.
		got := checkReader(t, input, newReader(fiveBytes{bytes.NewReader(input)}, opt, 1+int(chunk%64)))
		if !sameOutcomes(want, got) {
			t.Fatalf("outcomes depend on the buffer size:\n%+v\n%+v", want, got)
		}
		// Framing only cuts the same spans; what fails to parse was a
		// record.
		opt.FrameOnly = true
		framed := checkReader(t, input, NewReader(bytes.NewReader(input), opt))
		if len(framed) != len(want) {
			t.Fatalf("FrameOnly gives %d outcomes, parsing %d", len(framed), len(want))
		}
		for i, fo := range framed {
			w := want[i]
			switch {
			case fo.Reason != "":
				if fo != w {
					t.Fatalf("outcome %d: FrameOnly %+v, parsing %+v", i, fo, w)
				}
			case w.Reason != "":
				if w.Raw != fo.Data || w.Offset != fo.Offset || w.Number != fo.Number || w.Line != fo.Line {
					t.Fatalf("outcome %d: FrameOnly %+v, parsing %+v", i, fo, w)
				}
			default:
				if fo != w {
					t.Fatalf("outcome %d: FrameOnly %+v, parsing %+v", i, fo, w)
				}
			}
		}
	})
}

// fiveBytes returns at most 5 bytes a read.
type fiveBytes struct{ r io.Reader }

func (s fiveBytes) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), 5)]) }

func sameOutcomes(a, b []outcome) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkReader reads r over input to its end and checks what every reader
// keeps: it stops, numbers its outcomes 1, 2, 3..., reports each one's
// bytes exactly where they are in the input, in order and without
// overlap, within the limit, with the right line; and every record it
// returns parses.
func checkReader(t *testing.T, input []byte, r *Reader) []outcome {
	t.Helper()
	var out []outcome
	next := int64(0) // no outcome may start before this
	var p Parser
	p.opt = r.opt
	var e Event
	for i := 0; ; i++ {
		if i > len(input)+1 {
			t.Fatal("more outcomes than bytes")
		}
		rec, err := r.Next()
		if err == io.EOF || err == ErrUTF16 && len(out) == 0 && isUTF16(input) {
			if _, err2 := r.Next(); err2 != err {
				t.Fatalf("%v after %v", err2, err)
			}
			return out
		}
		var o outcome
		var span []byte
		re, isErr := parser.AsRecordError(err)
		switch {
		case isErr:
			o = outcome{Number: re.Number, Line: re.Line, Offset: re.Offset, Reason: re.Reason, Raw: string(re.Raw), Size: re.Size}
			span = re.Raw
			if re.Reason == "" || len(re.Raw) > r.opt.MaxEventBytes {
				t.Fatalf("bad RecordError %+v", re)
			}
			if re.Size != 0 && (re.Size <= int64(len(re.Raw)) || re.Offset+re.Size > int64(len(input))) {
				t.Fatalf("bad Size in %+v", re)
			}
			if r.Event() != nil {
				t.Fatal("Event after a RecordError")
			}
		case err != nil:
			t.Fatalf("unexpected error %v", err)
		default:
			o = outcome{Number: rec.Number, Line: rec.Line, Offset: rec.Offset, Data: string(rec.Data)}
			span = rec.Data
			// A framed record may end in what stands where its end tag's
			// '>' should be ("</Event\n" before the next '<'): framing
			// leaves that for the parser to report, so only a parsed
			// record is sure to end in '>'.
			if !bytes.HasPrefix(span, []byte("<Event")) || (!r.opt.FrameOnly && !bytes.HasSuffix(span, []byte(">"))) || len(span) > r.opt.MaxEventBytes {
				t.Fatalf("record %d is not an element within the limit: %q", rec.Number, span)
			}
			if !r.opt.FrameOnly {
				if err := p.Parse(span, &e); err != nil {
					t.Fatalf("record %d does not parse: %v\n%q", rec.Number, err, span)
				}
				if !sameEvent(&e, r.Event()) {
					t.Fatalf("record %d: Event() differs from Parse", rec.Number)
				}
			} else if r.Event() != nil {
				t.Fatal("Event with FrameOnly")
			}
		}
		if o.Number != int64(len(out)+1) {
			t.Fatalf("outcome %d numbered %d", len(out)+1, o.Number)
		}
		if o.Offset < next || o.Offset+int64(len(span)) > int64(len(input)) ||
			!bytes.Equal(input[o.Offset:o.Offset+int64(len(span))], span) {
			t.Fatalf("outcome %d is not the input's bytes at %d (after %d): %q", o.Number, o.Offset, next, span)
		}
		if isErr && len(span) == 0 && re.Size == 0 {
			t.Fatalf("empty RecordError %+v", re)
		}
		if want := int64(bytes.Count(input[:o.Offset], []byte("\n")) + 1); o.Line != want {
			t.Fatalf("outcome %d on line %d, want %d", o.Number, o.Line, want)
		}
		next = o.Offset + max(int64(len(span)), o.Size)
		out = append(out, o)
	}
}
