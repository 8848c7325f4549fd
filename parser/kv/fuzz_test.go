package kv

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"unsafe"
)

var fuzzSeeds = []string{
	"",
	"a=b",
	"=",
	`user=alice src=192.0.2.1 msg="login failed: bad \"password\"" action=deny empty= x='single quoted'`,
	`a="C:\\" b='it\'s' c=C:\Windows d="\n\t\=" e=`,
	`type=USER_LOGIN msg=audit(1700000000.123:456): pid=1234 msg='op=login exe="/usr/sbin/sshd" res=failed'`,
	"msg=Login failed for admin src=192.0.2.1 empty= note=x  ",
	`act=blocked a \= b msg=Path C:\\Temp\nx cs1=Deny all\`,
	"cat=Login\tusrName=John Smith\tsrc=192.0.2.5\t",
	"name=apache, UID=48, GID=48, home=/usr/share/httpd",
	"a=1||b=x y|c=",
	`a="x"y`,
	`msg="unterminated`,
	`a:"1" b:'2'`,
	`a=x\ ,b=1`,
	`a=x\\  ,b=1\ `,
}

// dialects are the Options the fuzzer picks from.
var dialects = []Options{
	{},
	{ValuesToNextKey: true},
	{Escapes: EscapesEverywhere},
	{Escapes: EscapesNone},
	{ValuesToNextKey: true, Escapes: EscapesEverywhere, NoQuotes: true},
	{Separator: '\t'},
	{Separator: '|', ValuesToNextKey: true},
	{Separator: ',', Escapes: EscapesEverywhere},
	{Separator: ' '},
	{Separator: ';', Quotes: `'`, ValuesToNextKey: true, Escapes: EscapesEverywhere},
	{Assign: ':', Quotes: `"`},
	{Assign: ':', Separator: ',', NoQuotes: true},
	{Separator: ' ', Escapes: EscapesEverywhere, ValuesToNextKey: true},
	{Separator: '\t', Escapes: EscapesEverywhere, Quotes: `"`},
}

func within(line, f []byte) bool {
	if len(line) == 0 {
		return len(f) == 0
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(line)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(f)))
	return p >= start && p+uintptr(len(f)) <= start+uintptr(len(line)) && cap(f) == len(f)
}

// referenceDecode is the decoding AppendValue documents, one byte at a
// time.
func referenceDecode(v []byte) []byte {
	out := []byte{}
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' || i+1 == len(v) {
			out = append(out, v[i])
			continue
		}
		i++
		switch c := v[i]; {
		case c == 'n':
			out = append(out, '\n')
		case c == 'r':
			out = append(out, '\r')
		case c == 't':
			out = append(out, '\t')
		case c == ' ' || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~'):
			out = append(out, c)
		default:
			out = append(out, '\\', c)
		}
	}
	return out
}

// render writes pairs back in the dialect, each value as written.
func render(pairs []Pair, opt Options) []byte {
	sep, assign := opt.Separator, opt.Assign
	if sep == 0 {
		sep = ' '
	}
	if assign == 0 {
		assign = '='
	}
	var out []byte
	for i, p := range pairs {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(append(out, p.Key...), assign)
		if p.Quote != 0 {
			out = append(append(append(out, p.Quote), p.RawValue...), p.Quote)
		} else {
			out = append(out, p.RawValue...)
		}
	}
	return out
}

// oddTrailingBackslash reports an unquoted value that ends with an
// unpaired backslash, which a separator written after it would escape.
func oddTrailingBackslash(v []byte) bool {
	n := 0
	for n < len(v) && v[len(v)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		for d := range dialects {
			f.Add([]byte(s), uint8(d))
		}
	}
	f.Fuzz(func(t *testing.T, line []byte, dialect uint8) {
		opt := dialects[int(dialect)%len(dialects)]
		var s scanner
		if err := s.init(&opt); err != nil {
			t.Fatalf("dialect %+v: %v", opt, err)
		}
		pairs, err := opt.Parse(line, nil)
		again, err2 := opt.Parse(line, make([]Pair, 3))
		if len(pairs) != len(again) || (len(pairs) > 0 && !reflect.DeepEqual(pairs, again)) || (err == nil) != (err2 == nil) {
			t.Fatalf("two parses differ")
		}
		prevEnd := 0
		for _, p := range pairs {
			if len(p.Key) == 0 || !within(line, p.Key) || !within(line, p.RawValue) || p.RawValue == nil {
				t.Fatalf("pair %q=%q does not alias the line", p.Key, p.RawValue)
			}
			for _, c := range p.Key {
				if !s.isKeyByte(c) {
					t.Fatalf("key %q holds %q", p.Key, c)
				}
			}
			keyAt := int(uintptr(unsafe.Pointer(&p.Key[0])) - uintptr(unsafe.Pointer(&line[0])))
			if keyAt < prevEnd {
				t.Fatalf("pair %q overlaps the one before", p.Key)
			}
			prevEnd = keyAt + len(p.Key)
			if p.Quote != 0 && !s.isQuote(p.Quote) {
				t.Fatalf("quote %q is not one of %q", p.Quote, s.quotes)
			}
			if p.Escaped != (bytes.IndexByte(p.RawValue, '\\') >= 0 && (opt.Escapes == EscapesEverywhere || (p.Quote != 0 && opt.Escapes == EscapesInQuotes))) {
				t.Fatalf("pair %q=%q: Escaped %v", p.Key, p.RawValue, p.Escaped)
			}
			want := p.RawValue
			if p.Escaped {
				want = referenceDecode(p.RawValue)
			}
			if got := p.Value(nil); !bytes.Equal(got, want) {
				t.Fatalf("value %q decoded as %q, want %q", p.RawValue, got, want)
			}
		}
		if err != nil {
			var ke *Error
			if !errors.As(err, &ke) || ke.Offset < 0 || ke.Offset > len(line) || ke.Offset < prevEnd {
				t.Fatalf("bad error %v for a %d-byte line after pairs ending at %d", err, len(line), prevEnd)
			}
			return
		}
		if opt.Escapes == EscapesEverywhere {
			for _, p := range pairs[:max(len(pairs)-1, 0)] {
				if p.Quote == 0 && oddTrailingBackslash(p.RawValue) {
					return // a lone backslash at the end of the line; it cannot be written back
				}
			}
		}
		text := render(pairs, opt)
		reparsed, err := opt.Parse(text, nil)
		if err != nil {
			t.Fatalf("re-rendered %q fails: %v", text, err)
		}
		if len(reparsed) != len(pairs) {
			t.Fatalf("re-rendered %q gives %d pairs, not %d", text, len(reparsed), len(pairs))
		}
		for i := range pairs {
			a, b := pairs[i], reparsed[i]
			if !bytes.Equal(a.Key, b.Key) || !bytes.Equal(a.RawValue, b.RawValue) || a.Quote != b.Quote || a.Escaped != b.Escaped {
				t.Fatalf("pair %d: %q=%q (%q) became %q=%q (%q) in %q", i, a.Key, a.RawValue, a.Quote, b.Key, b.RawValue, b.Quote, text)
			}
		}
	})
}
