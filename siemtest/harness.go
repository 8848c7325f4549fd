package siemtest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/parser"
)

// UpdateEnv names the environment variable that, set to 1, makes every
// Harness rewrite its golden files instead of comparing them.
const UpdateEnv = "SIEMTEST_UPDATE"

// Harness is the one conformance test of a log type. Fill in what the type
// has and call Test from a test function, Fuzz from a fuzz function.
type Harness struct {
	// Type is the log type under test.
	Type siem.LogType
	// Others are registered beside Type when checking detection, so that
	// an overlap with them fails (pass the built-in types, or your
	// registry's).
	Others []siem.LogType
	// Options drive the pipeline for goldens and fixtures.
	Options Options
	// Goldens are sample objects with their expected rendering.
	Goldens []Golden
	// Fixtures are inputs with another normalizer's expected output,
	// compared field by field on Compare.
	Fixtures []Fixture
	// Compare lists the dotted fields compared with the fixtures'
	// expected documents.
	Compare []string
	// Differences are the compared fields where the type differs from
	// the fixtures on purpose, each with its reason; every other
	// disagreement fails. An entry that never matches a disagreement
	// fails too, so that the list stays true.
	Differences []Difference
	// Update rewrites golden files instead of comparing them (as does the
	// environment variable SIEMTEST_UPDATE=1).
	Update bool
}

// Golden is one sample object and the file holding its expected result.
type Golden struct {
	// Name names the subtest.
	Name string
	// Key is the object's key; it must be detected as the type.
	Key string
	// Input is the sample object's path (compressed or not).
	Input string
	// File is the golden file's path.
	File string
	// Indexed, Excluded and DeadLettered pin the outcome, so that a
	// golden file rewritten by mistake cannot hide a lost record.
	Indexed, Excluded, DeadLettered int64
	// Check makes further assertions on the result, when set.
	Check func(t *testing.T, res *Result)
}

// Fixture is one input with another normalizer's expected documents.
type Fixture struct {
	// Input is the input file's path.
	Input string
	// Expected is the expected-output file's path: {"expected":[...]}
	// or a bare array, one entry per input record. It must exist.
	Expected string
	// Key is the object key the input is run as; empty means the input's
	// file name.
	Key string
	// Read turns the input file into the object's bytes; nil uses the
	// file as it is.
	Read func(data []byte) ([]byte, error)
	// Prepare adjusts each expected document before comparison, for a
	// documented quirk of the other normalizer; nil for none.
	Prepare func(doc map[string]any)
}

// Test runs detection, the goldens and the fixtures as subtests.
func (h Harness) Test(t *testing.T) {
	t.Helper()
	if h.Type == nil {
		t.Fatal("siemtest.Harness: Type is nil")
	}
	t.Run("detection", h.testDetection)
	sh := shapes{opaque: opaqueFields(h.Type.Info())}
	for _, g := range h.Goldens {
		t.Run("golden/"+g.Name, func(t *testing.T) { h.testGolden(t, g, &sh) })
	}
	if len(h.Fixtures) > 0 || len(h.Compare) > 0 {
		t.Run("conformance", h.testConformance)
	}
	// Documents of one type share its index: across every golden, a
	// field is an object everywhere or a value everywhere.
	t.Run("one-mapping", func(t *testing.T) {
		if err := sh.err(); err != nil {
			t.Error(err)
		}
	})
}

// testDetection registers the type among the others and checks that its
// sample keys and golden keys are detected as it.
func (h Harness) testDetection(t *testing.T) {
	reg := siem.NewRegistry()
	for _, lt := range h.Others {
		if lt.Info().Name == h.Type.Info().Name {
			continue
		}
		if err := reg.Register(lt); err != nil {
			t.Fatalf("registering the other types: %v", err)
		}
	}
	if err := reg.Register(h.Type); err != nil {
		t.Fatal(err)
	}
	info := h.Type.Info()
	keys := append([]string(nil), info.SampleKeys...)
	for _, g := range h.Goldens {
		keys = append(keys, g.Key)
	}
	if info.KeyPattern == nil {
		t.Logf("%s has no key pattern: it is used by name only", info.Name)
		return
	}
	for _, key := range keys {
		lt, err := reg.Detect(siem.Object{Key: key})
		switch {
		case err != nil:
			t.Errorf("%s: %v", key, err)
		case lt.Info().Name != info.Name:
			t.Errorf("%s: detected as %s, want %s", key, lt.Info().Name, info.Name)
		}
	}
}

// update reports whether golden files are to be rewritten.
func (h Harness) update() bool { return h.Update || os.Getenv(UpdateEnv) == "1" }

func (h Harness) testGolden(t *testing.T, g Golden, sh *shapes) {
	data, err := os.ReadFile(g.Input)
	if err != nil {
		t.Fatal(err)
	}
	res := h.Options.Run(t, h.Type, g.Key, data)
	h.checkDocuments(t, res)
	for _, d := range res.Docs {
		sh.add(d.Body, fmt.Sprintf("%s record %d", g.Name, d.Source.Record))
	}
	for _, dl := range res.DeadLetters {
		if strings.Contains(dl.Reason, "internal error") {
			t.Errorf("record %d: %s", dl.Record, dl.Reason)
		}
	}
	c := res.Counts
	if c.Indexed != g.Indexed || c.Excluded != g.Excluded || c.DeadLettered != g.DeadLettered {
		t.Errorf("counts %v; want %d indexed, %d excluded, %d dead-lettered", c, g.Indexed, g.Excluded, g.DeadLettered)
	}
	got := Render(res)
	if h.update() {
		if err := os.MkdirAll(filepath.Dir(g.File), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(g.File, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s: read the diff before committing it", g.File)
	} else {
		want, err := os.ReadFile(g.File)
		if err != nil {
			t.Fatalf("%v (create it with %s=1 go test -run '%s' and read it by eye before committing)", err, UpdateEnv, t.Name())
		}
		if !bytes.Equal(got, want) {
			t.Errorf("output for %s differs from %s; rewrite it with %s=1 go test -run '%s' and review the diff\n%s", g.Input, g.File, UpdateEnv, t.Name(), firstDiff(want, got))
		}
	}
	if g.Check != nil {
		g.Check(t, res)
	}
}

// checkDocuments validates every document against ECS and the vendor
// schemas of the type and its envelopes.
func (h Harness) checkDocuments(t testing.TB, res *Result) {
	t.Helper()
	for _, d := range res.Docs {
		if err := h.Type.Info().CheckDocument(d.Body); err != nil {
			t.Errorf("record %d: %v", d.Source.Record, err)
		}
	}
}

func (h Harness) testConformance(t *testing.T) {
	if len(h.Fixtures) == 0 {
		t.Fatal("Compare lists fields but there are no Fixtures to compare them with")
	}
	if len(h.Compare) == 0 {
		t.Fatal("Fixtures are given but Compare lists no field")
	}
	for _, d := range h.Differences {
		if !strings.Contains(","+strings.Join(h.Compare, ",")+",", ","+d.Field+",") {
			t.Errorf("Differences names %s, which Compare does not list", d.Field)
		}
		if d.Reason == "" {
			t.Errorf("Differences names %s without a reason", d.Field)
		}
	}
	var total Report
	for _, fx := range h.Fixtures {
		name := filepath.Base(fx.Input)
		r, ok := h.compareFixture(t, fx)
		if !ok {
			continue
		}
		t.Logf("%s: %s", name, r.Summary())
		if err := r.Err(); err != nil {
			t.Error(err)
		}
		total.Add(r)
	}
	used := map[string]bool{}
	for _, m := range total.Allowed {
		used[m.Field] = true
	}
	for _, d := range h.Differences {
		if !used[d.Field] {
			t.Errorf("Differences allows %s to differ (%s), but it agrees in every fixture: remove the entry", d.Field, d.Reason)
		}
	}
	var unused []string
	for _, f := range h.Compare {
		if total.PerField[f][1] == 0 {
			unused = append(unused, f)
		}
	}
	if len(unused) > 0 {
		t.Logf("no fixture has a value for %s", strings.Join(unused, ", "))
	}
	t.Logf("all fixtures of %s: %s", h.Type.Info().Name, total)
}

// compareFixture runs one fixture and compares its documents; ok is false
// when the fixture could not be run (already reported).
func (h Harness) compareFixture(t *testing.T, fx Fixture) (Report, bool) {
	name := filepath.Base(fx.Input)
	data, err := os.ReadFile(fx.Input)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return Report{}, false
	}
	if fx.Read != nil {
		if data, err = fx.Read(data); err != nil {
			t.Errorf("%s: %v", name, err)
			return Report{}, false
		}
	}
	if fx.Expected == "" {
		t.Errorf("%s: a fixture without an expected-output file compares nothing", name)
		return Report{}, false
	}
	raw, err := os.ReadFile(fx.Expected)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return Report{}, false
	}
	expected, err := ParseExpected(raw)
	if err != nil {
		t.Errorf("%s: %v", fx.Expected, err)
		return Report{}, false
	}
	key := fx.Key
	if key == "" {
		key = name
	}
	res := h.Options.Run(t, h.Type, key, data)
	if res.Err != nil {
		t.Errorf("%s: object error: %v", name, res.Err)
	}
	for _, dl := range res.DeadLetters {
		if int(dl.Record) <= len(expected) && expected[dl.Record-1] != nil {
			t.Errorf("%s: record %d is dead-lettered, the fixture expects a document: %s", name, dl.Record, dl.Reason)
		}
	}
	h.checkDocuments(t, res)
	for _, doc := range expected {
		if doc != nil && fx.Prepare != nil {
			fx.Prepare(doc)
		}
	}
	return Compare(res.Docs, expected, h.Compare, h.Differences).From(name), true
}

// Fuzz is a fuzz target over whole objects of the type, seeded with the
// goldens' inputs (decompressed, so that mutations reach the records).
// Whatever the input, the run must account for every record, no
// dead letter may come from a panic, and every document must validate.
func (h Harness) Fuzz(f *testing.F) {
	key := ""
	if info := h.Type.Info(); len(info.SampleKeys) > 0 {
		key = info.SampleKeys[0]
	}
	for i, g := range h.Goldens {
		if i == 0 {
			key = g.Key
		}
		data, err := os.ReadFile(g.Input)
		if err != nil {
			f.Fatal(err)
		}
		if r, _, err := parser.Decompress(bytes.NewReader(data)); err == nil {
			if plain, err := io.ReadAll(r); err == nil {
				data = plain
			}
		}
		f.Add(data)
	}
	info := h.Type.Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := h.Options.run(h.Type, key, data, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Counts.Reconciled() {
			t.Fatalf("counts do not reconcile: %v", res.Counts)
		}
		for _, dl := range res.DeadLetters {
			if strings.Contains(dl.Reason, "internal error") {
				t.Fatalf("record %d: %s", dl.Record, dl.Reason)
			}
			if dl.Reason == "" {
				t.Fatalf("record %d dead-lettered without a reason", dl.Record)
			}
		}
		if res.Err != nil && strings.Contains(res.Err.Error(), "internal error") {
			t.Fatal(res.Err)
		}
		for _, d := range res.Docs {
			if err := info.CheckDocument(d.Body); err != nil {
				t.Fatalf("record %d: %v\n%s", d.Source.Record, err, d.Body)
			}
		}
	})
}
