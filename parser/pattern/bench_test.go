package pattern_test

import (
	"testing"

	"github.com/siem-go/siem/parser/pattern"
)

// benchLines matches lines in turn, reading a few groups by index as a
// normalizer does.
func benchLines(b *testing.B, p matcher, lines [][]byte) {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	client, status := p.Group("client"), p.Group("status")
	var m pattern.Match
	records := 0
	for b.Loop() {
		line := lines[records%len(lines)]
		if !p.Match(line, &m) {
			b.Fatalf("no match: %s", line)
		}
		if len(m.Bytes(client)) == 0 || len(m.Bytes(status)) != 3 {
			b.Fatal("groups missing")
		}
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func combinedLines(n int) [][]byte {
	lines := make([][]byte, n)
	for i := range lines {
		lines[i] = []byte(combinedLine(i))
	}
	return lines
}

func BenchmarkPattern(b *testing.B) {
	benchLines(b, apacheCombined, combinedLines(1000))
}

// BenchmarkPatterns measures a set whose first pattern matches, and one
// where two patterns fail before the third matches.
func BenchmarkPatterns(b *testing.B) {
	b.Run("first", func(b *testing.B) { benchLines(b, apacheAccess, combinedLines(1000)) })
	b.Run("third", func(b *testing.B) {
		lines := combinedLines(1000)
		for i, l := range lines {
			lines[i] = append([]byte("www.example.org:443 "), l...)
		}
		benchLines(b, apacheAccess, lines)
	})
}
