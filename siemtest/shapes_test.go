package siemtest

import (
	"strings"
	"testing"

	"github.com/siem-go/siem"
)

func TestShapesAcrossDocuments(t *testing.T) {
	info := siem.Info{Name: "acme", Dataset: "acme.fw", Vendor: siem.VendorSchema{Fields: []siem.VendorField{
		{Path: "raw", Type: siem.VendorFlatObject},
	}}}
	sh := shapes{opaque: opaqueFields(info)}
	sh.add([]byte(`{"acme":{"fw":{"rule":"r1","raw":{"a":"x"},"hits":[{"n":"1"}]}},"labels":{"k":"v"}}`), "one")
	sh.add([]byte(`{"acme":{"fw":{"rule":"r2","raw":{"a":{"b":"y"}},"hits":[{"n":"2"}]}}}`), "two")
	if err := sh.err(); err != nil {
		t.Fatalf("documents that agree, inside a flat_object too: %v", err)
	}
	sh.add([]byte(`{"acme":{"fw":{"rule":{"id":"r3"},"hits":"none"}}}`), "three")
	err := sh.err()
	if err == nil {
		t.Fatal("a field that is a value in one document and an object in another passed")
	}
	for _, want := range []string{
		"acme.fw.rule is a value in one but an object in three",
		"acme.fw.hits is an object in one but a value in three",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %q", err, want)
		}
	}
}
