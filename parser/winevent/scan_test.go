package winevent

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser"
)

// windowsSamples returns the Windows event XML of the repository's
// testdata and of the shared conformance samples: every file (gunzipped
// when it is gzip) that holds "<Event", cut into events: the strings of
// its JSON values (CloudWatch Logs payloads) or else the records a Reader
// frames, and the file itself when it is small.
func windowsSamples(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	roots := []string{"testdata", filepath.Join("..", "..", "testdata")}
	for _, sub := range []string{"windows_event_xml", "aws_fsx_windows_audit"} {
		roots = append(roots, filepath.Join("..", "..", "..", "shared", "conformance", "raw", sub))
	}
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.Contains(path, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
				return err
			}
			if info, err := d.Info(); err != nil || info.Size() > 16<<20 {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
				zr, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					break
				}
				if b, err = io.ReadAll(io.LimitReader(zr, 64<<20)); err != nil {
					break
				}
			}
			if !bytes.Contains(b, []byte("<Event")) {
				return nil
			}
			out = append(out, eventsIn(b)...)
			return nil
		})
		require.NoError(tb, err)
	}
	require.NotEmpty(tb, out)
	return out
}

// eventsIn cuts b into the events it holds.
func eventsIn(b []byte) [][]byte {
	var out [][]byte
	if len(b) <= 32<<10 {
		out = append(out, b)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if strings.Contains(v, "<Event") {
				out = append(out, []byte(v))
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	d := json.NewDecoder(bytes.NewReader(b))
	values := 0
	for {
		var v any
		if d.Decode(&v) != nil {
			break
		}
		values++
		walk(v)
	}
	if values > 0 {
		return out
	}
	r := NewReader(bytes.NewReader(b), Options{FrameOnly: true})
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err == nil {
			out = append(out, bytes.Clone(rec.Data))
		} else if _, ok := parser.AsRecordError(err); !ok {
			return out
		}
	}
}

// limitsOf makes Options with small limits out of a fuzzed byte, or the
// defaults for 0.
func limitsOf(k uint8) Options {
	if k == 0 {
		return Options{}
	}
	return Options{MaxDepth: 1 + int(k&7), MaxAttrs: 1 + int(k>>3&7), MaxEventBytes: 64 << (k >> 6)}
}

// FuzzScanner checks the byte scanner against encoding/xml: Parse gives
// the same event, or the same error, whether the scanner reads the event
// or encoding/xml alone does.
func FuzzScanner(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, uint8(0))
		f.Add(s, uint8(0x5b))
	}
	for _, s := range windowsSamples(f) {
		f.Add(s, uint8(0))
	}
	for _, s := range scannerSeeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(0x5b))
	}
	f.Fuzz(func(t *testing.T, data []byte, limits uint8) {
		opt := limitsOf(limits)
		fast, slow := NewParser(opt), NewParser(opt)
		var ef, es Event
		errF := fast.parseWith(data, &ef, true)
		errS := slow.parseWith(data, &es, false)
		sameParse(t, data, &ef, errF, &es, errS)
		// A used Parser and Event give the same again.
		errF = fast.parseWith(data, &ef, true)
		sameParse(t, data, &ef, errF, &es, errS)
	})
}

// sameParse fails unless the scanner's outcome (ef, errF) is encoding/xml's
// (es, errS).
func sameParse(t *testing.T, data []byte, ef *Event, errF error, es *Event, errS error) {
	t.Helper()
	if (errF == nil) != (errS == nil) {
		t.Fatalf("scanner: %v, encoding/xml: %v\n%q", errF, errS, data)
	}
	if errF != nil {
		if !reflect.DeepEqual(errF, errS) {
			t.Fatalf("errors differ:\nscanner:      %#v\nencoding/xml: %#v\n%q", errF, errS, data)
		}
		return
	}
	if !reflect.DeepEqual(exported(ef), exported(es)) {
		t.Fatalf("events differ:\nscanner:      %+v\nencoding/xml: %+v\n%q", exported(ef), exported(es), data)
	}
}

// exported is what an Event shows.
func exported(e *Event) any {
	var r *RenderingInfo
	if e.RenderingInfo != nil {
		c := *e.RenderingInfo
		r = &c
	}
	return struct {
		System        System
		EventData     EventData
		UserData      UserData
		RenderingInfo *RenderingInfo
	}{e.System, e.EventData, e.UserData, r}
}

// scannerSeeds reach the corners where the scanner and encoding/xml could
// part: each is read by both in TestScannerCorners and seeds FuzzScanner.
var scannerSeeds = []string{
	// Names.
	`<Event><System><e:EventID xmlns:e='u'>1</e:EventID></System></Event>`,
	`<Event><System><:EventID>1</:EventID><EventID:>2</EventID:></System></Event>`,
	`<Event><System><a:b:EventID>1</a:b:EventID></System></Event>`,
	`<Event><System><EventID>1</EventID ></System ></Event>`,
	`<Event><System><EventID>1</EventIDx></System></Event>`,
	`<Event><System><EventID>1</EventID x></System></Event>`,
	"<Event><System><Computer>é</Computer><Ordinateur\u00e9>x</Ordinateur\u00e9></System></Event>",
	`<Event><System><1a/></System></Event>`, `<Event><System><-a/></System></Event>`, `<Event><System><.a/></System></Event>`,
	`<Event><System><_a.b-c:d/></System></Event>`, `<Event:x/>`, `<x:Event/>`, `<Event></Event>`, `<Event ></Event>`,
	`<Event><System/></Event>`, `<Event/>`, `<Event a='1'/>`,
	// Attributes.
	`<Event><System><Provider Name='a'Guid="b"/></System></Event>`,
	`<Event><System><Provider Name = 'a' Guid= "b" EventSourceName ="c" /></System></Event>`,
	`<Event><System><Provider Name='a' Name='b'/></System></Event>`,
	`<Event><System><Provider e:Name='a' Name='b' :Name='c'/></System></Event>`,
	`<Event><System><Provider Name/></System></Event>`, `<Event><System><Provider Name=a/></System></Event>`,
	`<Event><System><Provider Name='a/></System></Event>`, `<Event><System><Provider Name='<'/></System></Event>`,
	`<Event><System><Provider Name='>"]]>'/></System></Event>`,
	"<Event><System><Provider Name='a\r\nb\rc\n\td' Guid='&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x0043;'/></System></Event>",
	`<Event><System><Provider Name='&#xD800;&#xdfff;&#x10FFFF;&#x110000;'/></System></Event>`,
	`<Event><System><Provider Name='&#0;'/></System></Event>`, `<Event><System><Provider Name='&#X41;'/></System></Event>`,
	`<Event><System><Provider Name='&#;&#x;'/></System></Event>`, `<Event><System><Provider Name='&amp'/></System></Event>`,
	`<Event><System><Provider Name='&nbsp;'/></System></Event>`, `<Event><System><Provider Name='&'/></System></Event>`,
	"<Event><System><Provider Name='\x01'/></System></Event>", "<Event><System><Provider Name='\xff'/></System></Event>",
	"<Event><System><Provider Name='\xef\xbf\xbe'/></System></Event>", "<Event><System><Provider Name='\xef\xbf\xbd'/></System></Event>",
	`<Event><System><Provider/ ></System></Event>`, `<Event><System><Provider / ></System></Event>`,
	`<Event><UserData><A xmlns='u' xmlns:b='v' b:c='w' d='x'><B/></A></UserData></Event>`,
	// Text.
	"<Event><EventData><Data>a\r\nb\rc\r\r\nd&#13;\ne&#10;f</Data></EventData></Event>",
	"<Event><EventData><Data>]]></Data></EventData></Event>", "<Event><EventData><Data>]]&gt;]>]</Data></EventData></Event>",
	"<Event><EventData><Data>]<![CDATA[]]]]>]]></Data></EventData></Event>",
	"<Event><EventData><Data><![CDATA[]]]]>]></Data></EventData></Event>",
	"<Event><EventData><Data><![CDATA[<&\r\n\x01]]></Data></EventData></Event>",
	"<Event><EventData><Data><![CDATA[x</Data></EventData></Event>",
	"<Event><EventData><Data>\xc3<![CDATA[\xa9]]></Data></EventData></Event>",
	"<Event><EventData><Data>\xc3&#xa9;</Data></EventData></Event>",
	"<Event><EventData><Data>\x7f\u0085\ufffd\U0010ffff\ufeff</Data></EventData></Event>",
	"<Event><EventData><Data>&#x1F600;&#128512;&#000065;&#xFFFE;</Data></EventData></Event>",
	"<Event><EventData><Data>&#99999999999999999999999;</Data></EventData></Event>",
	"<Event> <EventData>\t<Data>x</Data>\r\n</EventData> </Event>  \r\n<!-- after --><?pi?>",
	// Comments and other markup.
	"<Event><EventData><Data>a<!-- b -->c</Data></EventData></Event>",
	"<Event><EventData><Data>a<!---->c<!-- - -->d</Data></EventData></Event>",
	"<Event><EventData><Data>a<!-->--></Data></EventData></Event>",
	"<Event><EventData><Data>a<!--->--></Data></EventData></Event>",
	"<Event><EventData><Data>a<!-- -- --></Data></EventData></Event>",
	"<Event><EventData><Data>a<!-- --->b</Data></EventData></Event>",
	"<Event><UserData><!--><a x='1' y='2' z='3'><b/></a>--></UserData></Event>",
	"<Event><EventData><Data>a<?pi x?>c</Data></EventData></Event>",
	"<Event><EventData><Data>a<?xml version='1.0' encoding='latin1'?>c</Data></EventData></Event>",
	"<Event><!- x -></Event>", "<Event><![CDAT[x]]></Event>", "<Event><!ELEMENT x></Event>",
	"<Event/><!--><a x='1' y='2' z='3'/>-->", "<Event></Event><!--><a x='1' y='2' z='3'/>-->",
	// Ends.
	"<Event><System>", "<Event><System><EventID>1", "<Event><System><EventID", "<Event><System></", "<Event><System><",
	"<Event><System><Provider Name='a", "<Event><System></System></Event", "<Event></Event><Event/>", "<Event></Event>x",
	// Semantics.
	`<Event><System><EventID>x</EventID></System></Event>`, `<Event><System><EventID> 7 </EventID><EventID/></System></Event>`,
	`<Event><System><TimeCreated SystemTime='2021-06-03T19:22:55Z'/><TimeCreated/></System></Event>`,
	`<Event><System><TimeCreated SystemTime='2021-0603T19:22:55Z'/></System></Event>`,
	`<Event><System><Execution ProcessID='1' ThreadID='x'/></System></Event>`,
	`<Event><RenderingInfo Culture='a'><Keywords><Keyword>k1</Keyword><Keyword>k<b>2</b></Keyword></Keywords><Keyword>no</Keyword></RenderingInfo><RenderingInfo/></Event>`,
	`<Event><EventData><Data Name='a'>1<x>2</x>3</Data><Binary> 0A </Binary><Data/></EventData></Event>`,
	`<Event><UserData><A x='1'><B>b</B><B/><C><D>d</D></C>t</A><E>e</E></UserData></Event>`,
}

// TestScannerCorners reads scannerSeeds both ways.
func TestScannerCorners(t *testing.T) {
	for _, s := range scannerSeeds {
		for _, k := range []uint8{0, 0x5b, 0x09} {
			opt := limitsOf(k)
			var ef, es Event
			errF := NewParser(opt).parseWith([]byte(s), &ef, true)
			errS := NewParser(opt).parseWith([]byte(s), &es, false)
			sameParse(t, []byte(s), &ef, errF, &es, errS)
		}
	}
}

// TestScannerReadsSamples checks that the scanner itself reads every
// sample that parses: falling back to encoding/xml would be right, but
// several times slower.
func TestScannerReadsSamples(t *testing.T) {
	n := 0
	for _, data := range windowsSamples(t) {
		var e Event
		var p Parser
		if err := p.Parse(data, &e); err != nil {
			continue
		}
		start, err := findRoot(data)
		require.NoError(t, err)
		p.begin()
		e.reset()
		ok := p.scan(data, start, &e, p.opt.withDefaults())
		if bytes.Contains(data[start:], []byte("<?")) {
			continue // processing instructions, left to encoding/xml
		}
		assert.True(t, ok, "the scanner gives up on %q", data)
		n++
	}
	t.Logf("%d samples", n)
	assert.Greater(t, n, 50)
}

// TestParseAllocs checks that a typical event costs a single allocation
// (its strings) once the Parser and the Event are warm.
func TestParseAllocs(t *testing.T) {
	data := readSample(t, "4624-logon.xml")
	var p Parser
	var e Event
	allocs := testing.AllocsPerRun(20, func() {
		if err := p.Parse(data, &e); err != nil {
			t.Fatal(err)
		}
	})
	assert.Equal(t, 1.0, allocs)
}
