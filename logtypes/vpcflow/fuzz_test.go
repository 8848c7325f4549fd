package vpcflow_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/vpcflow"
)

// FuzzNormalize feeds an arbitrary first line (a header, or a record of an
// object without one) and an arbitrary record. Whatever they hold, reading
// must not panic, every record must end as a document or an error, and a
// document must be valid ECS JSON with a @timestamp and no "-" values.
func FuzzNormalize(f *testing.F) {
	seeds := [][2]string{
		{v2Header, v2Accept},
		{v2Header, v2NoData},
		{v2Header, "2 123456789012 eni-1 2001:db8::1 ::ffff:10.0.0.1 1 2 58 1 64 1795773600 1795773660 REJECT OK"},
		{"tcp-flags type flow-direction az-id region end unknown-field", "255 EFA sideways use1-az1 us-east-1 1795773660 x"},
		{"version resource-type tgw-id packets-lost-no-route start end", "6 TransitGateway tgw-1 3 1795773600 1795773660"},
		{"reject-reason ecs-cluster-arn ecs-container-id end", "BPA arn:aws:ecs:x c 1"},
		{"srcaddr dstaddr", "10.0.0.1 10.0.0.2"},
		{"end end", "1 2"},
		{"srcport", "99999999999999999999"},
		{v2Accept, v2Reject},
		{"PAR1", ""},
		{"a.b c\"d \\e", "\x00 \xff -"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, first, line string) {
		data := first + "\n" + line + "\n"
		or, err := vpcflow.New().Open(siem.Object{Key: testKey}, bytes.NewReader([]byte(data)))
		if err != nil {
			return
		}
		var ev ecs.Event
		var out []byte
		for range 4 { // at most two lines, plus EOF
			rec, err := or.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				continue // a framing error: a dead letter, or the end of the object
			}
			ev.Reset()
			if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
				if err.Error() == "" {
					t.Fatal("an error without a reason")
				}
				continue
			}
			if ev.Timestamp().IsZero() {
				t.Fatalf("document without @timestamp for %q", rec.Data)
			}
			out = ev.AppendJSON(out[:0])
			if !json.Valid(out) {
				t.Fatalf("invalid JSON %s", out)
			}
			if err := ecs.Validate(out, "aws.vpcflow"); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			if bytes.Contains(out, []byte(`"-"`)) {
				t.Fatalf(`"-" written in %s`, out)
			}
		}
	})
}
