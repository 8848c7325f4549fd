package cef

import "testing"

// benchRecords are the realistic records of the table tests: Deep Security
// (intrusion prevention, anti-malware, system, log inspection), FortiGate
// and Check Point, 250 to 750 bytes each.
var benchRecords = [][]byte{
	[]byte(deepSecurityIPS), []byte(deepSecurityMalware), []byte(deepSecuritySystem),
	[]byte(deepSecurityLogInspection), []byte(fortigate), []byte(checkPoint),
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
// lookups by full name and a custom label.
func BenchmarkParseAndLookup(b *testing.B) {
	names := []string{"sourceAddress", "destinationAddress", "sourcePort", "destinationPort", "transportProtocol",
		"deviceAction", "deviceHostName", "sourceUserName", "message", "bytesIn", "bytesOut", "deviceReceiptTime"}
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
