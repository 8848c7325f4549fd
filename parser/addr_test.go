package parser_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/siem-go/siem/parser"
)

func TestParseAddr(t *testing.T) {
	valid := []string{
		"0.0.0.0", "10.0.1.25", "255.255.255.255", "1.128.0.0",
		"::", "::1", "1::", "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A", "fe80::1:2:3:4:5:6",
		"2001:db8:1234:a102:3304:8879:34cf:4071", "::ffff:10.0.0.1", "64:ff9b::192.0.2.33",
		"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "0:0:0:0:0:0:0:0",
	}
	invalid := []string{
		"", "-", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4.",
		".1.2.3", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4", "1.2.3.1000", "1.2.3.4\x00", ":", ":::", "1:2",
		"1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "::g", "1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7::8",
		"::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "::01.2.3.4", "1:", ":1",
		"1:2:3:4:5:6:7:8:", "eni-0123", "[::1]", "1.2.3.4:80",
		// Zones are refused although netip accepts them.
		"fe80::1%eth0", "::1%1", "::ffff:1.2.3.4%x",
	}
	for _, s := range valid {
		got, ok := parser.ParseAddr([]byte(s))
		want := netip.MustParseAddr(s)
		if !ok || got != want {
			t.Errorf("ParseAddr(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range invalid {
		if got, ok := parser.ParseAddr([]byte(s)); ok {
			t.Errorf("ParseAddr(%q) = %v, want an error", s, got)
		}
		if want, err := netip.ParseAddr(s); err == nil && want.Zone() == "" {
			t.Errorf("netip accepts %q: the table is wrong", s)
		}
	}
}

// TestParseAddrKeepsFamily pins what callers rely on: a dotted quad comes
// back as IPv4 (Is4), anything written in IPv6 form as IPv6, mapped
// addresses included.
func TestParseAddrKeepsFamily(t *testing.T) {
	for _, tt := range []struct {
		in        string
		is4, map4 bool
	}{
		{"192.0.2.1", true, false},
		{"::ffff:192.0.2.1", false, true},
		{"::ffff:c000:201", false, true},
		{"::192.0.2.1", false, false},
		{"2001:db8::1", false, false},
	} {
		ip, ok := parser.ParseAddr([]byte(tt.in))
		if !ok || ip.Is4() != tt.is4 || ip.Is4In6() != tt.map4 {
			t.Errorf("ParseAddr(%q) = %v, %v: Is4 %v, Is4In6 %v; want %v, %v", tt.in, ip, ok, ip.Is4(), ip.Is4In6(), tt.is4, tt.map4)
		}
	}
}

func TestParseAddrDoesNotAllocate(t *testing.T) {
	inputs := [][]byte{
		[]byte("203.0.113.7"), []byte("2001:db8:1234:a102:3304:8879:34cf:4071"), []byte("::ffff:10.0.0.1"),
		[]byte("::"), []byte("fe80::1%eth0"), []byte("01.2.3.4"), []byte("not an address"),
	}
	var sink netip.Addr
	allocs := testing.AllocsPerRun(100, func() {
		for _, b := range inputs {
			ip, _ := parser.ParseAddr(b)
			sink = ip
		}
	})
	if allocs != 0 {
		t.Errorf("ParseAddr allocates %.1f times per run, want 0", allocs)
	}
	if sink.IsValid() {
		t.Errorf("last input parsed as %v", sink)
	}
}

// FuzzParseAddr checks ParseAddr against net/netip, which defines what an
// address is; zones are the one deliberate difference.
func FuzzParseAddr(f *testing.F) {
	for _, s := range []string{
		"10.0.1.25", "2001:db8::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "::", "01.2.3.4",
		"1::2::3", "fe80::1%eth0", "1:2:3:4:5:6:1.2.3.4", "255.255.255.256", "::1.2.3.4:5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parser.ParseAddr([]byte(s))
		want, err := netip.ParseAddr(s)
		if err == nil && want.Zone() != "" {
			if ok {
				t.Fatalf("ParseAddr(%q) accepted a zone", s)
			}
			return
		}
		if ok != (err == nil) || (ok && got != want) {
			t.Fatalf("ParseAddr(%q) = %v, %v; netip says %v, %v", s, got, ok, want, err)
		}
	})
}

var benchAddrs = [][]byte{
	[]byte("10.0.1.25"), []byte("203.0.113.7"), []byte("172.31.16.139"),
	[]byte("2001:db8:1234:a102:3304:8879:34cf:4071"), []byte("fe80::1ff:fe23:4567:890a"),
}

func BenchmarkParseAddr(b *testing.B) {
	size := 0
	for _, a := range benchAddrs {
		size += len(a)
	}
	run := func(b *testing.B, parse func([]byte) (netip.Addr, bool)) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range benchAddrs {
				if _, ok := parse(a); !ok {
					b.Fatalf("%s did not parse", a)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(benchAddrs))/b.Elapsed().Seconds(), "addrs/s")
	}
	b.Run("ParseAddr", func(b *testing.B) { run(b, parser.ParseAddr) })
	// What ParseAddr saves: netip needs a string, and the conversion
	// allocates.
	b.Run("netip", func(b *testing.B) {
		run(b, func(a []byte) (netip.Addr, bool) {
			ip, err := netip.ParseAddr(string(a))
			return ip, err == nil
		})
	})
}

func ExampleParseAddr() {
	line := []byte("2 123456789012 eni-0a1b2c3d 10.0.1.25 2001:db8::7 443")
	for _, field := range parser.SplitFields(line, nil)[3:5] {
		ip, ok := parser.ParseAddr(field)
		fmt.Println(ip, ok)
	}
	_, ok := parser.ParseAddr([]byte("eni-0a1b2c3d"))
	fmt.Println(ok)
	// Output:
	// 10.0.1.25 true
	// 2001:db8::7 true
	// false
}

func TestParseAddrDropZone(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":     "192.0.2.1",
		"fe80::1%eth0":  "fe80::1",
		"2001:db8::1%3": "2001:db8::1",
		"fe80::1%":      "",
		"192.0.2.1%eth": "",
		"not-an-ip%x":   "",
	} {
		got, ok := parser.ParseAddrDropZone([]byte(in))
		if want == "" {
			if ok {
				t.Errorf("ParseAddrDropZone(%q) = %v, want refusal", in, got)
			}
			continue
		}
		if !ok || got != netip.MustParseAddr(want) {
			t.Errorf("ParseAddrDropZone(%q) = %v, %v; want %s", in, got, ok, want)
		}
		// netip agrees on what is an address; only the zone is dropped.
		if nip, err := netip.ParseAddr(in); err != nil || nip.WithZone("") != got {
			t.Errorf("netip.ParseAddr(%q) = %v, %v", in, nip, err)
		}
	}
}
