package siem_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/siem-go/siem"
)

var testInfo = siem.Info{
	Name:    "test",
	Dataset: "acme.fw",
	Vendor: siem.VendorSchema{Fields: []siem.VendorField{
		{Path: "bytes", Type: siem.VendorLong},
		{Path: "octets", Type: siem.VendorUnsignedLong},
		{Path: "ratio", Type: siem.VendorDouble},
		{Path: "blocked", Type: siem.VendorBoolean},
		{Path: "peer.ip", Type: siem.VendorIP},
		{Path: "seen", Type: siem.VendorDate},
		{Path: "where", Type: siem.VendorGeoPoint},
		{Path: "details", Type: siem.VendorFlatObject},
		{Path: "counters.*", Type: siem.VendorLong},
		{Path: "extra", Type: siem.VendorObjectDisabled},
	}},
}

func TestCheckVendorFields(t *testing.T) {
	tests := []struct {
		name, doc string
		// problems are substrings of the error, one per problem; none
		// means the document fits.
		problems []string
	}{
		{name: "fits", doc: `{"acme":{"fw":{
			"bytes": 12, "octets": 18446744073709551615, "ratio": 0.5, "blocked": true, "peer": {"ip": "2001:db8::1", "name": "gw"},
			"seen": "2026-11-27T10:00:00.123Z", "where": {"lat": 48.1, "lon": 11.5},
			"details": {"a": {"b": [1, "x"]}}, "counters": {"in": 1, "out": {"tcp": 2}},
			"extra": [null, {"z": 1}], "tags": ["a", "b"], "nested": {"note": "free text"}}},
			"source": {"port": 443}}`},
		{name: "outside the namespace is not checked", doc: `{"acme":{"other":{"n":1}},"x":1}`},
		{name: "undeclared number", doc: `{"acme":{"fw":{"rule":{"id":7}}}}`, problems: []string{
			"acme.fw.rule.id: holds the number 7 but is not declared"}},
		{name: "undeclared boolean in an array", doc: `{"acme":{"fw":{"flags":["a",true]}}}`, problems: []string{
			"acme.fw.flags: holds the boolean true but is not declared"}},
		{name: "wrong kinds", doc: `{"acme":{"fw":{"bytes":"12","blocked":"yes","details":"{}"}}}`, problems: []string{
			`acme.fw.blocked: declared boolean, but holds the string "yes"`,
			`acme.fw.bytes: declared long, but holds the string "12"`,
			`acme.fw.details: declared flat_object, but holds the string "{}"`}},
		{name: "bad values", doc: `{"acme":{"fw":{"bytes":1.5,"octets":-1,"peer":{"ip":"10.0.0.300"},"seen":"27/11/2026","where":{"lat":91,"lon":0}}}}`, problems: []string{
			"acme.fw.bytes: declared long, but holds the number 1.5: not a 64-bit integer",
			"acme.fw.octets: declared unsigned_long, but holds the number -1: not an integer from 0 to 2^64-1",
			"acme.fw.peer.ip: declared ip",
			"acme.fw.seen: declared date",
			"acme.fw.where: declared geo_point, but holds an object: latitude out of range"}},
		{name: "wildcard declaration covers its kind only", doc: `{"acme":{"fw":{"counters":{"in":"many"}}}}`},
		{name: "null", doc: `{"acme":{"fw":{"bytes":null}}}`, problems: []string{
			"acme.fw.bytes: declared long, but holds null"}},
		{name: "namespace not an object", doc: `{"acme":{"fw":"x"}}`, problems: []string{
			"acme.fw: the vendor namespace holds the string"}},
		{name: "not JSON", doc: `{"acme":`, problems: []string{"document is not JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := testInfo.CheckVendorFields([]byte(tt.doc))
			if len(tt.problems) == 0 {
				if err != nil {
					t.Fatalf("unexpected problems:\n%v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no problem found, want %q", tt.problems)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.problems) {
				t.Errorf("%d problems, want %d:\n%v", len(lines), len(tt.problems), err)
			}
			for _, want := range tt.problems {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("problems do not mention %q:\n%v", want, err)
				}
			}
		})
	}
}

func TestVendorSchemaValidate(t *testing.T) {
	tests := []struct {
		fields []siem.VendorField
		want   string
	}{
		{[]siem.VendorField{{Path: "a", Type: "text"}}, `unknown type "text"`},
		{[]siem.VendorField{{Path: "a..b", Type: siem.VendorLong}}, "a path is dotted names"},
		{[]siem.VendorField{{Path: ".*", Type: siem.VendorLong}}, "a path is dotted names"},
		{[]siem.VendorField{{Path: "a*", Type: siem.VendorLong}}, "a path is dotted names"},
		{[]siem.VendorField{{Path: "a", Type: siem.VendorLong}, {Path: "a", Type: siem.VendorLong}}, "declared twice"},
		{[]siem.VendorField{{Path: "a", Type: siem.VendorFlatObject}, {Path: "a.b", Type: siem.VendorLong}}, `"a.b" lies below "a"`},
		{[]siem.VendorField{{Path: "a.*", Type: siem.VendorFlatObject}, {Path: "a.b", Type: siem.VendorLong}}, ""},
	}
	for _, tt := range tests {
		err := siem.VendorSchema{Fields: tt.fields}.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: unexpected error %v", tt.fields, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: error %v, want one containing %q", tt.fields, err, tt.want)
		}
	}
}

func TestVendorNamespace(t *testing.T) {
	if got := (siem.Info{Dataset: "aws.elb"}).VendorNamespace(); got != "aws.elb" {
		t.Errorf("namespace %q, want the dataset", got)
	}
	if got := (siem.Info{Dataset: "okta.system", Vendor: siem.VendorSchema{Namespace: "okta"}}).VendorNamespace(); got != "okta" {
		t.Errorf("namespace %q, want the declared one", got)
	}
}

// A type declares the vendor fields that are not strings; a test then
// checks its outputs against the declaration, here catching a count the
// declaration misses.
func ExampleInfo_CheckVendorFields() {
	info := siem.Info{
		Name:    "acmefw",
		Dataset: "acme.firewall",
		Vendor: siem.VendorSchema{Fields: []siem.VendorField{
			{Path: "rule.hits", Type: siem.VendorLong},
			{Path: "nat.ip", Type: siem.VendorIP},
		}},
	}
	doc := `{"acme":{"firewall":{"rule":{"name":"allow-dns","hits":12},"nat":{"ip":"192.0.2.1"},"dropped":3}}}`
	fmt.Println(info.CheckVendorFields([]byte(doc)))
	// Output:
	// acme.firewall.dropped: holds the number 3 but is not declared in the type's VendorSchema; undeclared fields are mapped as keywords
}
