package leef

import "testing"

// benchRecords are the realistic records of the table tests: QRadar's
// Exchange example, StealthWatch, Deep Security (two forms) and Carbon
// Black App Control, 100 to 600 bytes each.
var benchRecords = [][]byte{
	[]byte(qradarExchange), []byte(stealthWatch), []byte(deepSecurityLEEF),
	[]byte(deepSecurityFirewall), []byte(carbonBlack),
}

func BenchmarkParse(b *testing.B) {
	size := 0
	for _, rec := range benchRecords {
		size += len(rec)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var r Record
	records := 0
	for b.Loop() {
		for _, rec := range benchRecords {
			if err := Parse(rec, &r); err != nil {
				b.Fatal(err)
			}
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkParseAndLookup adds what a normalizer does next: a dozen
// lookups and a custom label.
func BenchmarkParseAndLookup(b *testing.B) {
	names := []string{"src", "dst", "srcPort", "dstPort", "proto", "usrName", "cat", "act", "dvchost", "msg", "srcBytes", "devTime"}
	size := 0
	for _, rec := range benchRecords {
		size += len(rec)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var r Record
	records := 0
	for b.Loop() {
		for _, rec := range benchRecords {
			if err := Parse(rec, &r); err != nil {
				b.Fatal(err)
			}
			for _, name := range names {
				r.Get(name)
			}
			r.ByLabel("Host ID")
			r.SeverityLevel()
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
