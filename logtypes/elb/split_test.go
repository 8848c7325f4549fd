package elb

import (
	"bytes"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/parser"
)

// checkSplitLine compares splitLine with parser.SplitQuoted, whose
// fields and errors it must reproduce exactly, and checks each claim of
// plainness: a plain field escapes to itself, and a quoted plain field's
// span in the line is its JSON string.
func checkSplitLine(t *testing.T, line []byte) {
	t.Helper()
	var buf, want [8][]byte
	var starts [len(buf)]int32
	got, plain, err := splitLine(line, buf[:0], starts[:])
	wantFields, wantErr := parser.SplitQuoted(line, want[:0])
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%q: error %v, SplitQuoted's %v", line, err, wantErr)
	}
	if len(got) != len(wantFields) {
		t.Fatalf("%q: %d fields %q, SplitQuoted gives %d %q", line, len(got), got, len(wantFields), wantFields)
	}
	e := entry{fields: got, line: line, starts: starts[:], plain: plain}
	for i := range got {
		if !bytes.Equal(got[i], wantFields[i]) {
			t.Fatalf("%q: field %d is %q, SplitQuoted's %q", line, i, got[i], wantFields[i])
		}
		if i < len(starts) && !bytes.Equal(line[starts[i]:int(starts[i])+len(got[i])], got[i]) {
			t.Fatalf("%q: field %d starts at %d, which holds %q", line, i, starts[i], line[starts[i]:])
		}
		escaped := ecs.AppendStringBytes(nil, got[i])
		if e.isPlain(i) && !bytes.Equal(escaped[1:len(escaped)-1], got[i]) {
			t.Fatalf("%q: field %d %q is called plain but escapes to %s", line, i, got[i], escaped)
		}
		if e.isPlain(i) && !isPlainText(got[i]) {
			t.Fatalf("%q: field %d %q is called plain", line, i, got[i])
		}
		if !e.isPlain(i) && i < len(starts) && i < 64 && isPlainText(got[i]) {
			t.Errorf("%q: field %d %q is plain but not marked so", line, i, got[i])
		}
		var ev ecs.Event
		e.setKeyword(&ev, "f", i)
		var want ecs.Event
		want.KeywordBytes("f", e.value(i))
		if g, w := ev.AppendJSON(nil), want.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Fatalf("%q: field %d sets %s, KeywordBytes %s", line, i, g, w)
		}
		for _, sep := range []byte{',', ' '} {
			var list, wantList ecs.Event
			e.setList(&list, "l", i, sep)
			setList(&wantList, "l", e.value(i), sep, "")
			if g, w := list.AppendJSON(nil), wantList.AppendJSON(nil); !bytes.Equal(g, w) {
				t.Fatalf("%q: field %d as a list sets %s, setList %s", line, i, g, w)
			}
		}
	}
}

func isPlainText(b []byte) bool {
	for _, c := range b {
		if !plainByte[c] {
			return false
		}
	}
	return true
}

func TestSplitLine(t *testing.T) {
	for _, line := range []string{
		``,
		` `,
		`a`,
		`a b`,
		`a  b`,
		`a `,
		`"" `,
		`"q" `,
		`"q"`,
		`"q"x`,
		`"unterminated`,
		`"ends in backslash\`,
		`"esc \" quote" next`,
		`"esc \\" next`,
		`"tab	inside" x`,
		`"ü non-ASCII" x`,
		`un"quoted mid`,
		`back\slash "and a quoted field long enough for words"`,
		`"exactly8" "exactly8"`,
		`12345678 1234567 123456789 "1234567" "12345678" "123456789"`,
		`"\u0001" "ctl` + "\x01" + `" ` + "\x7f" + ` "` + "\xff" + `"`,
		`a "b" c "d e f" - "-"`,
		albHTTPLine,
	} {
		checkSplitLine(t, []byte(line))
	}
	for _, line := range bytes.Split(samplegen.ALB(50), []byte("\n")) {
		checkSplitLine(t, line)
	}
}

func FuzzSplitLine(f *testing.F) {
	for _, line := range bytes.Split(samplegen.ALB(10), []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`"esc \" quote" "ü" un"q` + "\x01" + ` "tail\`))
	f.Fuzz(func(t *testing.T, line []byte) {
		checkSplitLine(t, line)
	})
}

// TestEndpointSetIP checks that copying an address's text gives what
// formatting it does, for every form an endpoint accepts.
func TestEndpointSetIP(t *testing.T) {
	for _, v := range []string{
		"10.0.0.1:80", "255.255.255.255:0", "0.0.0.0:1", "[2001:db8::1]:443", "2001:db8::1:443",
		"[::ffff:10.0.0.1]:80", "[fe80::1%eth0]:80", "[2001:DB8:0:0:0:0:0:1]:80",
	} {
		e := entry{kind: kindALB, fields: [][]byte{[]byte(v)}}
		p, err := e.endpoint(0)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		var got, want ecs.Event
		p.setIP(&got, "ip")
		want.IP("ip", p.ip)
		if g, w := got.AppendJSON(nil), want.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Errorf("%s: setIP gives %s, IP %s", v, g, w)
		}
	}
}

// TestSetIntCopiesOnlyCanonicalText checks that a number set from its
// text reads as the number formatted would.
func TestSetIntCopiesOnlyCanonicalText(t *testing.T) {
	for _, v := range []string{"0", "7", "200", "0200", "00", "010", "65535", "9223372036854775807"} {
		e := entry{kind: kindALB, fields: [][]byte{[]byte(v)}}
		n, err := e.count(0)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		var got, want ecs.Event
		setInt(&got, "n", n)
		want.Long("n", n.v)
		if g, w := got.AppendJSON(nil), want.AppendJSON(nil); !bytes.Equal(g, w) {
			t.Errorf("%s: setInt gives %s, Long %s", v, g, w)
		}
	}
}
