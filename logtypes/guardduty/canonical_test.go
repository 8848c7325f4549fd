package guardduty

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/logtypes/internal/freeform"
)

// randomObject writes a random JSON object with what the encoder drops
// or rewrites: whitespace, escapes, non-ASCII, nulls, empty members,
// repeated and dotted keys, odd numbers.
func randomObject(r *rand.Rand, b *strings.Builder, depth int) {
	b.WriteByte('{')
	for i, n := 0, r.Intn(5); i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		if r.Intn(15) == 0 {
			b.WriteByte(' ')
		}
		b.WriteString(randomKey(r))
		b.WriteByte(':')
		switch k := r.Intn(9); {
		case k < 2 && depth < 4:
			randomObject(r, b, depth+1)
		case k < 3 && depth < 4:
			b.WriteByte('[')
			for j, m := 0, r.Intn(3); j < m; j++ {
				if j > 0 {
					b.WriteByte(',')
				}
				randomObject(r, b, depth+1)
			}
			b.WriteByte(']')
		default:
			b.WriteString([]string{`"x"`, `""`, `null`, `1`, `1e999`, `-2.5`, `true`, `"a\nb"`, `"\u0041"`, `"é"`, `[]`, `{}`, `["a",null]`}[r.Intn(13)])
		}
	}
	b.WriteByte('}')
}

func randomKey(r *rand.Rand) string {
	return []string{`"a"`, `"b"`, `"ipAddressV4"`, `"a.b"`, `".a"`, `"a."`, `"a..b"`, `""`, `"\"q"`, `"é"`}[r.Intn(10)]
}

// TestCanonicalMatchesEncoder checks that what freeForm takes as it
// stands from the record (freeform.Canonical, and AppendCompact's
// flags) is what the encoder writes, and indexable as it says.
func TestCanonicalMatchesEncoder(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var e encoder
	accepted := 0
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		randomObject(r, &b, 0)
		raw := []byte(b.String())
		var p fastjson.Parser
		v, err := p.ParseBytes(raw)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		want := e.encode(v)
		sh := freeform.Canonical(raw, false)
		if !sh.OK {
			continue
		}
		accepted++
		if !bytes.Equal(raw, want) || sh.Bad == e.indexable {
			t.Fatalf("%s: canonical (bad key %v), encoder writes %s (indexable %v)", raw, sh.Bad, want, e.indexable)
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d canonical objects: the test checks too little", accepted)
	}
}
