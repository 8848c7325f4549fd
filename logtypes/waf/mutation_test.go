package waf_test

import (
	"math/rand/v2"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
	"github.com/siem-go/siem/logtypes/waf"
	"github.com/siem-go/siem/parser"
)

// TestMutations normalizes randomly damaged samplegen records (bytes
// changed, cut, repeated, odd members inserted): each must give an error
// or a valid document. It found a scalar written to a flat_object field.
func TestMutations(t *testing.T) {
	lines := splitLines(samplegen.WAF(200))
	r := rand.New(rand.NewPCG(1, 2))
	info := waf.New().Info()
	var ev ecs.Event
	ok := 0
	for i := 0; i < 20000; i++ {
		b := append([]byte(nil), lines[r.IntN(len(lines))]...)
		for range 1 + r.IntN(4) {
			switch r.IntN(5) {
			case 0:
				b[r.IntN(len(b))] = byte(r.IntN(256))
			case 1:
				b = b[:r.IntN(len(b))+1]
			case 2:
				j := r.IntN(len(b))
				k := j + r.IntN(len(b)-j)
				b = append(b[:k:k], b[j:]...)
			case 3:
				b[r.IntN(len(b))] = "{}[],:\"\\0-e."[r.IntN(12)]
			case 4:
				j := r.IntN(len(b))
				b = append(b[:j:j], append([]byte(`"a.b":[null,NaN,{"":{}}],`), b[j:]...)...)
			}
			if len(b) == 0 {
				b = []byte("{")
			}
		}
		ev.Reset()
		err := waf.Normalize(siem.Record{Record: parser.Record{Data: b, Number: 1}}, &ev)
		if err != nil {
			continue
		}
		ok++
		if err := ev.Err(); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s\n%s", err, b, doc)
		}
	}
	if ok < 1000 {
		t.Errorf("only %d of the damaged records gave documents", ok)
	}
}
