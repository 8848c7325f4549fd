package cloudtrail

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// TestValidateAcceptsAsFastjson checks validate on the edges of the
// grammar against the parser it replaces.
func TestValidateAcceptsAsFastjson(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{}`, ` {} `, `{`, `}`, `[]`, `[`, `[1,]`, `[,1]`, `{"a":1,}`, `{"a":1 "b":2}`, `{"a" 1}`, `{1:2}`, `{"a":}`,
		`"x"`, `"x`, `"\"`, `"\\"`, `"\\\"`, `"a\"b"`, "\"\x01\t\"", `"\x\u12\uZZZZ\ud800"`,
		`true`, `tru`, `truex`, `false`, `null`, `nul`, `nan`, `NaN`, `nAn`, `-nan`, `inf`, `+Inf`, `-infinity`, `nullnull`,
		`1`, `-`, `+`, `--`, `.`, `e`, `1e`, `1.`, `01`, `-0.`, `1+2`, `[-]`, `[-,1]`, `[1 2]`, `[.]`, `x`, `[x]`, `[-x]`, `[+i]`,
		`{"a":1}x`, `{"a":1} `, "\t\n\r {\"a\"\t:\n[ 1 , 2 ]\r}\n", "\u00a0{}", "\v{}",
		strings.Repeat("[", 299) + strings.Repeat("]", 299),
		strings.Repeat("[", 300) + strings.Repeat("]", 300),
		strings.Repeat("[", 301) + strings.Repeat("]", 301),
		strings.Repeat("[", 299) + "1" + strings.Repeat("]", 299),
		strings.Repeat("[", 300) + "1" + strings.Repeat("]", 300),
		strings.Repeat(`{"a":`, 299) + "1" + strings.Repeat("}", 299),
		strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 300),
	} {
		_, err := validate([]byte(in))
		var p fastjson.Parser
		_, ferr := p.Parse(in)
		if (err == nil) != (ferr == nil) {
			t.Errorf("validate(%.60q) error %v, fastjson error %v", in, err, ferr)
		}
	}
}

// FuzzRawJSON checks validate, the member walks, unescape and jsonWriter
// against fastjson and the writer this package used before: the same
// records accepted, the same members, strings and numbers read, the same
// compact text written.
func FuzzRawJSON(f *testing.F) {
	for _, s := range []string{
		`{"a":[1,2,{"b":"c\"\\\n\u0041\ud83d\ude00\ud800x"}],"":null,"a":true}`,
		`{"k\u00e9y":NaN,"x":[-Inf,1.,01,1e,--,.],"y":{"..":1,"a":{"a":1,"a":2}}}`,
		"{\"s\":\"\x01\xff\u2028\"}",
		`[{},[],"",0,-0.5e+3]`,
		`{"userIdentity":{"sessionContext":{"attributes":{"creationDate":1,"x":[1,{"a":{}}]},"sessionIssuer":"s"},"sessionContext":{}},"requestParameters":{"userName":"a","userName":"b"}}`,
		`{"userIdentity":{"sessionContext":{"attributes":{"creationDate":1,]}}}`,
		strings.Repeat(`{"a":`, 100) + `"z"` + strings.Repeat("}", 100),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, serr := validate(data)
		var p fastjson.Parser
		fv, ferr := p.ParseBytes(data)
		if (serr == nil) != (ferr == nil) {
			t.Fatalf("validate error %v, fastjson error %v", serr, ferr)
		}
		// Normalize checks objects with walk, which must agree.
		if i := skipSpace(data, 0); i < len(data) && data[i] == '{' {
			st := newState()
			end, werr := st.walk(data, i, 0, topFields)
			if werr == nil && skipSpace(data, end) != len(data) {
				werr = &syntaxErr{skipSpace(data, end), "tail", false}
			}
			if (werr == nil) != (serr == nil) || werr != nil && werr.offset != serr.offset {
				t.Fatalf("walk error %+v, validate error %+v", werr, serr)
			}
		}
		if serr != nil {
			if serr.offset < 0 || serr.offset > len(data) || serr.reason == "" {
				t.Fatalf("error %+v does not place the problem", serr)
			}
			return
		}
		if len(v) == 0 || !bytes.Contains(data, v) {
			t.Fatalf("value %q is not part of the record", v)
		}
		sameValue(t, v, fv, "$")

		got := newJSONWriter().encodeTo(nil, v)
		ref := newRefWriter()
		want := ref.encodeTo(nil, fv)
		if !bytes.Equal(got, want) {
			t.Fatalf("encoded\n%s\nwant\n%s", got, want)
		}
		if !json.Valid(got) {
			t.Fatalf("encoding %s is not JSON", got)
		}
		w := newJSONWriter()
		w.encodeTo(nil, v)
		// Repeated keys are compared as written, the old writer compared
		// them decoded; the two differ only where invalid UTF-8 is
		// written as U+FFFD (which the pipeline repairs first).
		if utf8.Valid(data) && len(got) <= maxFlattenedBytes && w.indexable != ref.indexable {
			t.Fatalf("indexable %v, the old writer says %v, for %s", w.indexable, ref.indexable, got)
		}
		// A value canonical accepts is used as it stands: it must be
		// exactly what encodeTo writes, with the same verdict on indexing.
		if c := newJSONWriter(); c.canonical(v) {
			if !bytes.Equal(got, v) {
				t.Fatalf("canonical value %s is encoded as %s", v, got)
			}
			if c.indexable != w.indexable {
				t.Fatalf("indexable: canonical says %v, encodeTo %v, for %s", c.indexable, w.indexable, v)
			}
		}
		// A plain string is written as it stands, between quotes.
		if ecs.IsPlain(data) {
			if enc := ecs.AppendStringBytes(nil, data); !bytes.Equal(enc[1:len(enc)-1], data) {
				t.Fatalf("plain %q is encoded as %s", data, enc)
			}
		}
		quoted := appendQuotedJSON(nil, got)
		var back string
		if err := json.Unmarshal(quoted, &back); err != nil || back != string(got) {
			t.Fatalf("quoted form %s does not read back as %s (%v)", quoted, got, err)
		}
	})
}

// sameValue compares what the member walks read with fastjson's tree.
func sameValue(t *testing.T, v value, fv *fastjson.Value, path string) {
	t.Helper()
	want := fv.Type().String()
	if got := v.typ().String(); got != want {
		t.Fatalf("%s: type %s, fastjson says %s", path, got, want)
	}
	switch v.typ() {
	case typeObject:
		o, _ := fv.Object()
		var keys [][]byte
		var vals []*fastjson.Value
		o.Visit(func(k []byte, fv *fastjson.Value) {
			keys = append(keys, slices.Clone(k))
			vals = append(vals, fv)
		})
		i := 0
		for m := v.members(); m.next(); i++ {
			if i >= len(keys) {
				t.Fatalf("%s: more members than fastjson reads", path)
			}
			if k := unescape(nil, m.key); !bytes.Equal(k, keys[i]) {
				t.Fatalf("%s: key %q, fastjson reads %q", path, k, keys[i])
			}
			sameValue(t, m.val, vals[i], path+"."+string(keys[i]))
		}
		if i != len(keys) {
			t.Fatalf("%s: %d members, fastjson reads %d", path, i, len(keys))
		}
		if v.empty() != (len(keys) == 0) {
			t.Fatalf("%s: empty() is %v with %d members", path, v.empty(), len(keys))
		}
	case typeArray:
		a, _ := fv.Array()
		i := 0
		for e := v.elements(); e.next(); i++ {
			if i >= len(a) {
				t.Fatalf("%s: more elements than fastjson reads", path)
			}
			sameValue(t, e.val, a[i], path+"[]")
		}
		if i != len(a) {
			t.Fatalf("%s: %d elements, fastjson reads %d", path, i, len(a))
		}
	case typeString:
		s := &state{}
		if got, want := s.str(v), fv.GetStringBytes(); !bytes.Equal(got, want) {
			t.Fatalf("%s: string %q, fastjson reads %q", path, got, want)
		}
	case typeNumber:
		if got, want := string(v), string(fv.MarshalTo(nil)); got != want {
			t.Fatalf("%s: number %q, fastjson reads %q", path, got, want)
		}
	}
}

// refWriter is the fastjson-based writer this package used before
// validate and the byte-walking jsonWriter, kept to check that they read
// and write every record as it did. It writes parsed values back as compact JSON that is always
// valid. fastjson's own MarshalTo is not used because it quotes unusual
// strings the Go way (\x01) and passes through number-like tokens such as
// NaN that it accepted while parsing; either would put invalid JSON into
// a document.
//
// Objects are walked with Object.Visit, which takes a callback: the
// callback is built once per writer and the per-level "first member"
// state lives in the writer, so walking allocates nothing.
//
// It also notes whether the value can be indexed as a field of an
// OpenSearch document: OpenSearch rejects a document holding an empty key,
// a key with an empty dotted segment (".a", "a..b") or a key repeated in
// its object, and such values are only written in string form.
type refWriter struct {
	buf   []byte
	first bool
	visit func(key []byte, v *fastjson.Value)
	// indexable is cleared by a key OpenSearch would reject.
	indexable bool
	// keys holds the keys of the objects being written, the innermost
	// object's from levelStart on, to find repeats.
	keys       [][]byte
	levelStart int
}

func newRefWriter() *refWriter {
	w := &refWriter{}
	w.visit = func(key []byte, v *fastjson.Value) {
		if !w.first {
			w.buf = append(w.buf, ',')
		}
		w.first = false
		if w.indexable {
			if badKey(key) {
				w.indexable = false
			} else {
				w.keys = append(w.keys, key)
			}
		}
		w.buf = ecs.AppendStringBytes(w.buf, key)
		w.buf = append(w.buf, ':')
		w.value(v)
	}
	return w
}

// encodeTo appends the encoding of v to dst.
func (w *refWriter) encodeTo(dst []byte, v *fastjson.Value) []byte {
	w.buf = dst
	w.indexable = true
	w.keys = w.keys[:0]
	w.levelStart = 0
	w.value(v)
	out := w.buf
	w.buf = nil
	return out
}

// closeLevel checks the keys of the object just written for repeats and
// forgets them. Sorting finds repeats in n log n whatever the object's
// size, without a map.
func (w *refWriter) closeLevel() {
	level := w.keys[w.levelStart:]
	if w.indexable && len(level) > 1 {
		slices.SortFunc(level, bytes.Compare)
		for i := 1; i < len(level); i++ {
			if bytes.Equal(level[i-1], level[i]) {
				w.indexable = false
				break
			}
		}
	}
	w.keys = w.keys[:w.levelStart]
}

func (w *refWriter) value(v *fastjson.Value) {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		w.buf = append(w.buf, '{')
		outerFirst, outerStart := w.first, w.levelStart
		w.first, w.levelStart = true, len(w.keys)
		o.Visit(w.visit)
		w.closeLevel()
		w.first, w.levelStart = outerFirst, outerStart
		w.buf = append(w.buf, '}')
	case fastjson.TypeArray:
		a, _ := v.Array()
		w.buf = append(w.buf, '[')
		for i, e := range a {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.value(e)
		}
		w.buf = append(w.buf, ']')
	case fastjson.TypeString:
		w.buf = ecs.AppendStringBytes(w.buf, v.GetStringBytes())
	case fastjson.TypeNumber:
		start := len(w.buf)
		w.buf = v.MarshalTo(w.buf)
		if !parser.IsJSONNumber(w.buf[start:]) {
			w.quoteFrom(start)
		}
	case fastjson.TypeTrue:
		w.buf = append(w.buf, "true"...)
	case fastjson.TypeFalse:
		w.buf = append(w.buf, "false"...)
	default:
		w.buf = append(w.buf, "null"...)
	}
}

// quoteFrom turns the token written from start on into a JSON string. It
// is only used for number-like tokens, which hold no quote or backslash.
func (w *refWriter) quoteFrom(start int) {
	n := len(w.buf) - start
	w.buf = append(w.buf, 0, 0)
	copy(w.buf[start+1:], w.buf[start:start+n])
	w.buf[start] = '"'
	w.buf[start+n+1] = '"'
}
