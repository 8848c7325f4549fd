package xff_test

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/xff"
)

func FuzzParseChain(f *testing.F) {
	for _, s := range []string{
		"", "203.0.113.7", "203.0.113.7, 10.0.0.1,10.0.0.2", "[2001:db8::1]:443, 192.0.2.1:80",
		`"203.0.113.7", for="[2001:db8:cafe::17]:4711"`, "unknown, garbage, _hidden", "fe80::1%eth0",
		"::ffff:192.0.2.1", "1.2.3.4:99999", "[", "for=", "\"", "%", ",,, \t",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, header []byte) {
		got, sk := xff.AppendChain(nil, header)
		entries := 1 + bytes.Count(header, []byte(",")) + bytes.Count(header, []byte(" ")) + bytes.Count(header, []byte("\t"))
		if len(got)+sk.Unknown+sk.Malformed > entries {
			t.Fatalf("%d addresses and %d skipped from %d entries", len(got), sk.Unknown+sk.Malformed, entries)
		}
		if (sk.Malformed > 0) != (len(sk.FirstMalformed) > 0) {
			t.Fatalf("malformed %d, first %q", sk.Malformed, sk.FirstMalformed)
		}
		if len(sk.FirstMalformed) > 0 && !bytes.Contains(header, sk.FirstMalformed) {
			t.Fatalf("first malformed %q is not from the header", sk.FirstMalformed)
		}
		parts := make([]string, len(got))
		for i, ip := range got {
			if !ip.IsValid() || ip.Is4In6() || ip.Zone() != "" {
				t.Fatalf("address %v (from %q) is not plain", ip, header)
			}
			parts[i] = ip.String()
		}
		// What came out parses back the same, with nothing skipped.
		again, sk2 := xff.AppendChain(nil, []byte(strings.Join(parts, ", ")))
		if sk2.Unknown+sk2.Malformed != 0 || len(again) != len(got) {
			t.Fatalf("round trip of %v: %v, %+v", got, again, sk2)
		}
		for i := range got {
			if again[i] != got[i] {
				t.Fatalf("round trip of %v: %v", got, again)
			}
		}
	})
}

// FuzzEnrichField feeds arbitrary JSON values as the header field: the
// event must stay a valid document.
func FuzzEnrichField(f *testing.F) {
	for _, s := range []string{`"203.0.113.7, 10.0.0.1"`, `["203.0.113.7", "10.0.0.1"]`, `[1, {"a":["x,]"]}, "203.0.113.7"]`, `42`, `"\"203.0.113.7\""`, `[]`, `[[["1.2.3.4"]]]`, `{"a":"1.2.3.4"}`} {
		f.Add(s)
	}
	proxies, _ := xff.ParseTrustedProxies("10.0.0.0/8")
	e, err := xff.New(xff.Config{TrustedProxies: proxies, Fields: enrich.Fields{Default: []string{headerField}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, value string) {
		if !json.Valid([]byte(value)) {
			return
		}
		var ev ecs.Event
		ev.IP("source.ip", netip.MustParseAddr("10.0.0.5"))
		ev.RawJSON(headerField, []byte(value))
		e.Enrich("any", &ev)
		if doc := ev.AppendJSON(nil); !json.Valid(doc) {
			t.Fatalf("invalid document %s", doc)
		}
		if _, ok := ev.Lookup("client.ip"); ok {
			if _, ok := ev.Lookup("network.forwarded_ip"); !ok {
				t.Fatal("client.ip set without network.forwarded_ip")
			}
		}
	})
}
