package winevent

import (
	"bytes"
	"io"
	"os"
	"testing"
)

func readSample(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.TrimRight(b, "\r\n")
}

// BenchmarkParse4624 parses a typical logon event (about 2.4 KB with its
// RenderingInfo) into a reused Event.
func BenchmarkParse4624(b *testing.B) {
	data := readSample(b, "4624-logon.xml")
	var p Parser
	var e Event
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if err := p.Parse(data, &e); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// manyEvents is an FSx-style payload: n events of the samples back to
// back, one per line.
func manyEvents(tb testing.TB, n int) []byte {
	names := []string{"4624-logon.xml", "4625-logon-failed.xml", "4688-process-created.xml", "sysmon-3-network.xml", "fsx-audit-4663.xml"}
	var samples [][]byte
	for _, name := range names {
		samples = append(samples, readSample(tb, name))
	}
	var buf bytes.Buffer
	for i := range n {
		buf.Write(samples[i%len(samples)])
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func benchReader(b *testing.B, opt Options) {
	payload := manyEvents(b, 10_000)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		r := NewReader(bytes.NewReader(payload), opt)
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkReader frames and parses a payload of 10,000 events.
func BenchmarkReader(b *testing.B) { benchReader(b, Options{}) }

// BenchmarkReaderFrameOnly only frames them.
func BenchmarkReaderFrameOnly(b *testing.B) { benchReader(b, Options{FrameOnly: true}) }
