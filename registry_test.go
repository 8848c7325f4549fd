package siem_test

import (
	"io"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// namedType is a log type that only describes itself.
type namedType struct{ info siem.Info }

func (n namedType) Info() siem.Info { return n.info }

func (namedType) Open(siem.Object, io.Reader) (siem.ObjectReader, error) { return nil, nil }

func typ(name, pattern string, samples ...string) namedType {
	var re *regexp.Regexp
	if pattern != "" {
		re = regexp.MustCompile(pattern)
	}
	return namedType{siem.Info{Name: name, Dataset: "test." + name, KeyPattern: re, SampleKeys: samples}}
}

func TestRegistryDetectsByTheOneMatchingPattern(t *testing.T) {
	reg := siem.NewRegistry()
	require.NoError(t, reg.Register(typ("special", `_special_\d+\.log$`, "a/b_special_12.log")))
	require.NoError(t, reg.Register(typ("plain", `/plain/[^/]+\.log$`, "x/plain/b.log")))
	require.NoError(t, reg.Register(typ("byname", "")))

	for key, want := range map[string]string{
		"a/b_special_12.log": "special",
		"x/plain/b.log":      "plain",
		"a/b.txt":            "",
		"x/plain/":           "", // a folder marker is never an object
	} {
		lt, err := reg.Detect(siem.Object{Bucket: "bkt", Key: key})
		if want == "" {
			var ue *siem.UnknownTypeError
			require.ErrorAs(t, err, &ue, key)
			assert.Contains(t, err.Error(), "s3://bkt/"+key)
			assert.NotContains(t, err.Error(), "siem types", "library errors give library advice")
			continue
		}
		require.NoError(t, err, key)
		assert.Equal(t, want, lt.Info().Name, key)
	}

	// A key unlike every sample that two patterns match is refused, not
	// guessed.
	_, err := reg.Detect(siem.Object{Key: "x/plain/b_special_1.log"})
	var ae *siem.AmbiguousTypeError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"special", "plain"}, ae.Types)

	lt, ok := reg.Lookup("byname")
	require.True(t, ok)
	assert.Equal(t, "byname", lt.Info().Name)
	var names []string
	for _, lt := range reg.Types() {
		names = append(names, lt.Info().Name)
	}
	assert.Equal(t, []string{"special", "plain", "byname"}, names)
}

// envelopedType declares an envelope; whether it can read messages
// depends on the embedding.
type envelopedType struct{ namedType }

type envelopedReader struct{ envelopedType }

func (envelopedReader) OpenMessages(siem.Object, parser.Reader) (siem.ObjectReader, error) {
	return nil, nil
}

func TestRegisterRefuses(t *testing.T) {
	reg := siem.NewRegistry()
	require.NoError(t, reg.Register(typ("first", `/first/`, "logs/first/a.log")))

	bad := typ("ecsns", "")
	bad.info.Vendor.Namespace = "source"
	below := typ("below", "")
	below.info.Vendor.Namespace = "user.details"
	schema := typ("schema", "")
	schema.info.Vendor.Fields = []siem.VendorField{{Path: "n", Type: "integer-ish"}}
	enveloped := typ("enveloped", "")
	enveloped.info.Envelopes = []siem.Envelope{testEnvelope{}}
	unnamedEmbed := typ("unnamedembed", "")
	unnamedEmbed.info.Embedded = []siem.VendorSchema{{}}
	ecsEmbed := typ("ecsembed", "")
	ecsEmbed.info.Embedded = []siem.VendorSchema{{Namespace: "http.extra"}}
	badEmbed := typ("badembed", "")
	badEmbed.info.Embedded = []siem.VendorSchema{{Namespace: "apache.access", Fields: []siem.VendorField{{Path: "n", Type: "int"}}}}
	upperRoute := typ("upperroute", "")
	upperRoute.info.Routes = []string{"Linux-Secure"}
	emptyRoute := typ("emptyroute", "")
	emptyRoute.info.Routes = []string{""}

	for _, tt := range []struct {
		lt   siem.LogType
		want string
	}{
		{nil, "nil log type"},
		{typ("", ""), "empty name"},
		{typ("first", ""), "already registered"},
		{namedType{siem.Info{Name: "nodataset"}}, "no vendor namespace"},
		{bad, `vendor namespace "source" lies in the ECS field set "source"`},
		{below, `lies in the ECS field set "user"`},
		{schema, `unknown type "integer-ish"`},
		{envelopedType{enveloped}, "does not implement MessageOpener"},
		{unnamedEmbed, "embedded vendor schema has no namespace"},
		{ecsEmbed, `lies in the ECS field set "http"`},
		{badEmbed, `embedded vendor schema apache.access: `},
		{upperRoute, `route "Linux-Secure": must be lower case letters, digits and dashes`},
		{emptyRoute, `route "": is empty`},
		{typ("nosamples", `\.x$`), "no SampleKeys"},
		{typ("wrongsample", `\.x$`, "a.y"), `does not match its own sample key "a.y"`},
		// Its pattern claims the first type's sample.
		{typ("greedy", `\.log$`, "other/z.log"), `"greedy"'s key pattern \.log$ matches "first"'s sample key "logs/first/a.log"`},
		// The first type's pattern claims its sample.
		{typ("shadowed", `/first/x/`, "logs/first/x/b.log"), `"first"'s key pattern /first/ matches "shadowed"'s sample key`},
	} {
		err := reg.Register(tt.lt)
		require.Error(t, err, tt.want)
		assert.Contains(t, err.Error(), tt.want)
	}
	assert.NoError(t, reg.Register(envelopedReader{envelopedType{enveloped}}))
	assert.Len(t, reg.Types(), 2, "refused types are not registered")

	// Every ECS field set is refused as a vendor namespace.
	for _, f := range ecs.Fields() {
		lt := typ("x", "")
		lt.info.Vendor.Namespace = f.Name
		assert.Error(t, siem.NewRegistry().Register(lt), f.Name)
	}
}

func TestRegisterPanicsOnlyInTheDefaultRegistry(t *testing.T) {
	assert.PanicsWithError(t, "siem: cannot register a nil log type", func() { siem.Register(nil) })
}

// TestEmbeddedVendorSchemas: a type that normalizes another format's
// records (a container line as Apache) declares that format's schema, and
// its documents are checked against it like its own.
func TestEmbeddedVendorSchemas(t *testing.T) {
	lt := typ("container", "")
	lt.info.Embedded = []siem.VendorSchema{{Namespace: "apache.access", Fields: []siem.VendorField{{Path: "bytes", Type: siem.VendorLong}}}}
	require.NoError(t, siem.NewRegistry().Register(lt))
	schemas := lt.Info().VendorSchemas()
	require.Len(t, schemas, 2)
	assert.Equal(t, "apache.access", schemas[1].Namespace)
	doc := `{"@timestamp":"2026-11-27T10:00:00Z","apache":{"access":{"bytes":12}},"test":{"container":{"x":"y"}}}`
	assert.NoError(t, lt.Info().CheckDocument([]byte(doc)))
	wrong := `{"@timestamp":"2026-11-27T10:00:00Z","apache":{"access":{"bytes":"twelve"}}}`
	assert.Error(t, lt.Info().CheckDocument([]byte(wrong)), "a value the embedded schema does not take")
	undeclared := `{"@timestamp":"2026-11-27T10:00:00Z","nginx":{"access":{"x":"y"}}}`
	assert.Error(t, lt.Info().CheckDocument([]byte(undeclared)), "a namespace nobody declared")
}
