package kv

import (
	"fmt"
	"testing"
)

func benchLines(n int, format func(i int) string) [][]byte {
	lines := make([][]byte, n)
	for i := range lines {
		lines[i] = []byte(format(i))
	}
	return lines
}

// fortiLines look like a FortiGate traffic log's key=value part, about
// 400 bytes and 25 pairs each.
var fortiLines = benchLines(1024, func(i int) string {
	return fmt.Sprintf(`date=2026-11-27 time=10:%02d:%02d devname="FGT-%02d" devid="FG100F%07d" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=198.51.100.%d srcport=%d srcintf="port1" dstip=203.0.113.%d dstport=443 dstintf="wan1" sessionid=%d proto=6 action="%s" policyid=%d service="HTTPS" trandisp="snat" duration=%d sentbyte=%d rcvdbyte=%d msg="session closed: \"idle\""`,
		i%60, (i*7)%60, i%10, i, i%250, 1024+i, i%250, 100000+i, []string{"accept", "deny"}[i%2], i%50, i%300, i*13, i*17)
})

// cefLines are CEF extensions: unquoted values with spaces and escapes.
var cefLines = benchLines(1024, func(i int) string {
	return fmt.Sprintf(`rt=Nov 27 2026 10:%02d:%02d src=10.0.%d.%d spt=%d dst=192.0.2.%d dpt=443 act=blocked by policy %d msg=Path C:\\Temp\\file%d.exe matched rule\=high cs1Label=Rule Name cs1=Block all outbound suser=CORP\\user%d`,
		i%60, (i*7)%60, i%250, i%200, 1024+i, i%250, i%50, i, i%50)
})

func benchParse(b *testing.B, lines [][]byte, opt Options) {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	dst := make([]Pair, 0, 64)
	var buf []byte
	records := 0
	for b.Loop() {
		var err error
		dst, err = opt.Parse(lines[records%len(lines)], dst)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range dst {
			buf = p.AppendValue(buf[:0])
		}
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkParse reads FortiGate-style lines with the default dialect and
// decodes every value.
func BenchmarkParse(b *testing.B) { benchParse(b, fortiLines, Options{}) }

// BenchmarkParseValuesToNextKey reads CEF extensions, whose values run to
// the next key and hold escapes.
func BenchmarkParseValuesToNextKey(b *testing.B) {
	benchParse(b, cefLines, Options{ValuesToNextKey: true, Escapes: EscapesEverywhere, NoQuotes: true})
}
