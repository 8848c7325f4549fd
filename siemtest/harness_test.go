package siemtest_test

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// A test package may define its own -update flag: siemtest registers no
// flags, so this does not panic with "flag redefined".
var update = flag.Bool("update", false, "rewrite golden files")

// greetings is a toy log type: lines of "<RFC 3339 time> <user> <action>".
type greetings struct{ pattern string }

func (g greetings) Info() siem.Info {
	p := g.pattern
	if p == "" {
		p = `/greetings/`
	}
	return siem.Info{
		Name: "greetings", Dataset: "example.greetings", Description: "who did what",
		KeyPattern: regexp.MustCompile(p), SampleKeys: []string{"logs/greetings/2026/11/27/a.log"},
		Vendor: siem.VendorSchema{Fields: []siem.VendorField{{Path: "words", Type: siem.VendorLong}}},
	}
}

func (greetings) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		f := strings.Fields(string(rec.Data))
		if len(f) != 3 {
			return fmt.Errorf("want \"<time> <user> <action>\", got %d words", len(f))
		}
		ts, err := time.Parse(time.RFC3339, f[0])
		if err != nil {
			return fmt.Errorf("bad time: %w", err)
		}
		ev.Date("@timestamp", ts)
		ev.Keyword("event.action", f[2])
		ev.Keyword("event.kind", "event")
		ev.Keyword("user.name", f[1])
		ev.Long("example.greetings.words", int64(len(f)))
		return nil
	}), nil
}

func harness() siemtest.Harness {
	return siemtest.Harness{
		Type: greetings{},
		Goldens: []siemtest.Golden{{
			Name: "lines", Key: "logs/greetings/2026/11/27/lines.log",
			Input: "testdata/greetings.log", File: "testdata/greetings.golden",
			Indexed: 3, DeadLettered: 1,
		}},
		Fixtures: []siemtest.Fixture{{Input: "testdata/greetings.log", Expected: "testdata/greetings.expected.json"}},
		Compare:  []string{"@timestamp", "user.name", "event.action"},
		Differences: []siemtest.Difference{
			{Field: "event.action", Reason: "the other normalizer lower-cases actions; we keep them as written"},
		},
		Update: *update,
	}
}

func TestHarness(t *testing.T) { harness().Test(t) }

func FuzzHarness(f *testing.F) { harness().Fuzz(f) }

// TestHarnessFails runs broken harnesses in a child process (a failing
// subtest would fail this one) and checks each fails, saying why.
func TestHarnessFails(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	for name, want := range map[string]string{
		"wrong-value":       `record 2 user.name: expected "bob", got "carol"`,
		"stale-difference":  "Differences allows user.name to differ (made up), but it agrees in every fixture",
		"no-expected-file":  "a fixture without an expected-output file compares nothing",
		"nothing-compared":  "no field was compared",
		"overlapping-type":  `log types "everything" and "greetings" overlap`,
		"golden-counts":     "want 9 indexed",
		"undeclared-vendor": "example.greetings.extra: holds the number 1 but is not declared",
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHarnessCase$", "-test.v")
			cmd.Env = append(os.Environ(), "SIEMTEST_HARNESS_CASE="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the harness passed; want it to fail with %q\n%s", want, out)
			}
			if !strings.Contains(string(out), want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		})
	}
}

// extraField adds an undeclared number to the vendor namespace.
type extraField struct{ greetings }

func (e extraField) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	or, err := e.greetings.Open(obj, r)
	return siem.NewObjectReader(or, func(rec siem.Record, ev *ecs.Event) error {
		ev.Long("example.greetings.extra", 1)
		return or.Normalize(rec, ev)
	}), err
}

// TestHarnessCase is run by TestHarnessFails in a child process.
func TestHarnessCase(t *testing.T) {
	c := os.Getenv("SIEMTEST_HARNESS_CASE")
	if c == "" {
		t.Skip("run by TestHarnessFails")
	}
	h := harness()
	h.Update = false
	switch c {
	case "wrong-value":
		h.Fixtures[0].Expected = "testdata/greetings.wrong.json"
	case "stale-difference":
		h.Differences = append(h.Differences, siemtest.Difference{Field: "user.name", Reason: "made up"})
	case "no-expected-file":
		h.Fixtures[0].Expected = ""
	case "nothing-compared":
		h.Compare, h.Differences = []string{"host.name"}, nil
	case "overlapping-type":
		h.Others = []siem.LogType{everything{}}
	case "golden-counts":
		h.Goldens[0].Indexed = 9
	case "undeclared-vendor":
		h.Type = extraField{}
	}
	h.Test(t)
}

// everything claims every key.
type everything struct{ greetings }

func (everything) Info() siem.Info {
	return siem.Info{Name: "everything", Dataset: "example.everything", KeyPattern: regexp.MustCompile(`.`), SampleKeys: []string{"x"}}
}
