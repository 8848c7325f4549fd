package syslog

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// benchLines returns n lines of one layout, varied so that the branch
// predictor cannot learn a single line.
func benchLines(n int, format func(i int) string) [][]byte {
	lines := make([][]byte, n)
	for i := range lines {
		lines[i] = []byte(format(i))
	}
	return lines
}

var (
	traditionalLines = benchLines(1024, func(i int) string {
		return fmt.Sprintf("Nov %2d %02d:%02d:%02d bastion-%d sshd[%d]: Accepted publickey for user%d from 198.51.100.%d port %d ssh2: ED25519 SHA256:Xn1fB4mJx3RZ0pQe7q2c5bW8yTg9uKdLhVsA6oPiE0M",
			1+i%27, i%24, i%60, (i*7)%60, i%5, 1000+i, i%50, i%250, 1024+i)
	})
	isoLines = benchLines(1024, func(i int) string {
		return fmt.Sprintf("2026-11-27T%02d:%02d:%02d.%06d+01:00 db-%d sudo: pam_unix(sudo:session): session opened for user root(uid=0) by user%d(uid=%d)",
			i%24, i%60, (i*7)%60, i*997%1000000, i%5, i%50, 1000+i)
	})
	rfc5424Lines = benchLines(1024, func(i int) string {
		return fmt.Sprintf(`<38>1 2026-11-27T10:%02d:%02d.%03dZ bastion-%d.example.com sshd %d auth [origin ip="198.51.100.%d" software="OpenSSH"][meta sequenceId="%d"][x@32473 note="said \"hi\""] Accepted publickey for user%d`,
			i%60, (i*7)%60, i%1000, i%5, 1000+i, i%250, i, i%50)
	})
)

func benchParse(b *testing.B, lines [][]byte, walkSD bool) {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	opt := Options{Reference: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Location: time.FixedZone("CET", 3600)}
	var buf []byte
	records := 0
	for b.Loop() {
		m, err := Parse(lines[records%len(lines)], opt)
		if err != nil {
			b.Fatal(err)
		}
		if walkSD {
			for e := range m.StructuredData.Elements() {
				for p := range e.Params() {
					buf = p.AppendValue(buf[:0])
				}
			}
		}
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkParseRFC3164 is the traditional file layout (/var/log/secure).
func BenchmarkParseRFC3164(b *testing.B) { benchParse(b, traditionalLines, false) }

// BenchmarkParseISO is rsyslog's high-precision file layout.
func BenchmarkParseISO(b *testing.B) { benchParse(b, isoLines, false) }

// BenchmarkParseRFC5424 parses and also walks and unescapes every
// structured data parameter.
func BenchmarkParseRFC5424(b *testing.B) { benchParse(b, rfc5424Lines, true) }

// BenchmarkParseLarge is one line with 100 structured data elements.
func BenchmarkParseLarge(b *testing.B) {
	var line bytes.Buffer
	line.WriteString("<13>1 2026-11-27T10:00:00Z host app - - ")
	for i := range 100 {
		fmt.Fprintf(&line, `[e%d a="%d" b="x\"y"]`, i, i)
	}
	line.WriteString(" msg")
	benchParse(b, [][]byte{line.Bytes()}, true)
}
