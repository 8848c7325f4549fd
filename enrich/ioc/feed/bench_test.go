package feed

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// benchParser runs parse over data and reports indicators per second.
func benchParser(b *testing.B, data []byte, parse func(io.Reader) (Result, error)) {
	b.SetBytes(int64(len(data)))
	n := 0
	for b.Loop() {
		res, err := parse(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Indicators)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

const benchEntries = 5000

func BenchmarkTor(b *testing.B) {
	var buf bytes.Buffer
	for i := range benchEntries {
		fmt.Fprintf(&buf, "ExitNode %040X\nPublished 2024-01-10 06:29:59\nLastStatus 2024-01-10 07:00:00\nExitAddress 10.%d.%d.%d 2024-01-10 07:01:33\n", i, i>>16&255, i>>8&255, i&255)
	}
	benchParser(b, buf.Bytes(), Tor)
}

func BenchmarkFeodo(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i := range benchEntries {
		if i > 0 {
			buf.WriteString(",")
		}
		fmt.Fprintf(&buf, `{"ip_address":"10.%d.%d.%d","port":443,"status":"online","hostname":null,"as_number":64500,"as_name":"EXAMPLE","country":"NL","first_seen":"2023-11-02 14:20:05","last_online":"2024-01-10","malware":"QakBot"}`, i>>16&255, i>>8&255, i&255)
	}
	buf.WriteString("]")
	benchParser(b, buf.Bytes(), Feodo)
}

func BenchmarkOTX(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"id":"p","name":"pulse","indicators":[`)
	for i := range benchEntries {
		if i > 0 {
			buf.WriteString(",")
		}
		if i%2 == 0 {
			fmt.Fprintf(&buf, `{"indicator":"10.%d.%d.%d","type":"IPv4","created":"2024-01-05T10:00:00","expiration":null,"title":"","description":"","is_active":1}`, i>>16&255, i>>8&255, i&255)
		} else {
			fmt.Fprintf(&buf, `{"indicator":"host%d.evil.example","type":"hostname","created":"2024-01-05T10:00:00","expiration":null,"title":"","description":"","is_active":1}`, i)
		}
	}
	buf.WriteString("]}")
	benchParser(b, buf.Bytes(), OTX)
}

func BenchmarkText(b *testing.B) {
	var buf bytes.Buffer
	for i := range benchEntries {
		if i%2 == 0 {
			fmt.Fprintf(&buf, "10.%d.%d.%d # comment\n", i>>16&255, i>>8&255, i&255)
		} else {
			fmt.Fprintf(&buf, "host%d.evil.example\n", i)
		}
	}
	benchParser(b, buf.Bytes(), func(r io.Reader) (Result, error) { return Text(r, "list") })
}

func BenchmarkSTIX(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"type":"bundle","id":"bundle--1","objects":[{"type":"identity","id":"identity--1","name":"CERT"}`)
	for i := range benchEntries {
		fmt.Fprintf(&buf, `,{"type":"indicator","spec_version":"2.1","id":"indicator--%d","created_by_ref":"identity--1","name":"n","pattern":"[ipv4-addr:value = '10.%d.%d.%d' OR domain-name:value = 'h%d.evil.example']","pattern_type":"stix","valid_from":"2024-01-05T10:00:00Z","confidence":80}`, i, i>>16&255, i>>8&255, i&255, i)
	}
	buf.WriteString("]}")
	benchParser(b, buf.Bytes(), STIX)
}
