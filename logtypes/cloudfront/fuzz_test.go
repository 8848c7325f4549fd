package cloudfront_test

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/siemtest"
)

// FuzzLine runs one line as a standard log entry under the 33-field
// #Fields line, as a headerless standard log and as a real-time record:
// whatever the line, every record is accounted for and every document
// validates.
func FuzzLine(f *testing.F) {
	f.Add(line33)
	f.Add(line26)
	f.Add(strings.ReplaceAll(line33, "\t", " "))
	f.Add("1795773600.5\t192.0.2.7\t0.001\t000\t1\tGET\thttps\td1.cloudfront.net\t/%ZZ?a=b\t1")
	withCookie := append([]string(nil), fields33...)
	withCookie[12] = "sid=abc;%20flag;%20=x;;" // cs(Cookie), redacted
	f.Add(strings.Join(withCookie, "\t"))
	std, rt := cloudfront.New(), cloudfront.Realtime()
	f.Fuzz(func(t *testing.T, line string) {
		for _, c := range []struct {
			name, key, input string
		}{
			{"header", stdKey, std33Header + line + "\n"},
			{"headerless", stdKey, line + "\n"},
			{"realtime", "CloudFront/realtime/x", line + "\n"},
		} {
			lt := std
			if c.name == "realtime" {
				lt = rt
			}
			res := siemtest.Run(t, lt, c.key, []byte(c.input))
			if !res.Counts.Reconciled() {
				t.Fatalf("%s: counts do not reconcile: %v", c.name, res.Counts)
			}
			for _, d := range res.Docs {
				if err := lt.Info().CheckDocument(d.Body); err != nil {
					t.Fatalf("%s: %v\n%s", c.name, err, d.Body)
				}
			}
			for _, dl := range res.DeadLetters {
				if dl.Reason == "" || strings.Contains(dl.Reason, "internal error") {
					t.Fatalf("%s: dead letter %q", c.name, dl.Reason)
				}
			}
		}
	})
}
