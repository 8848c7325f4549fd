package w3c_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// Two CloudFront log files concatenated, the second with a field more
// (shortened here to a few fields). Each record is named by the list in
// effect where it was read, even after the reader has moved past the next
// #Fields line, as happens when normalizers run behind Next.
func ExampleReader() {
	input := "#Version: 1.0\n" +
		"#Fields: date time c-ip sc-status\n" +
		"2019-12-04\t21:02:31\t192.0.2.100\t200\n" +
		"#Version: 1.0\n" +
		"#Fields: date time c-ip sc-status c-port\n" +
		"2024-05-01\t12:00:01\t203.0.113.10\t404\t50432\n" +
		"2024-05-01\t12:00:02\t203.0.113.11\t200\n"
	r := w3c.NewReader(strings.NewReader(input), w3c.Options{})
	var records []parser.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Println("dead letter:", re)
			continue
		}
		records = append(records, parser.Record{Number: rec.Number, Data: []byte(string(rec.Data))})
	}
	var fields [][]byte
	for _, rec := range records {
		f := r.Fields(rec)
		fields = r.Split(rec.Data, fields)
		port := "-"
		if i := f.Index("c-port"); i >= 0 {
			port = string(fields[i])
		}
		fmt.Printf("record %d: %d fields, c-ip %s, c-port %s\n", rec.Number, f.Len(), fields[f.Index("c-ip")], port)
	}
	// Output:
	// dead letter: record 3 (line 7): line has 4 tab-separated fields, the #Fields line on line 5 names 5
	// record 1: 4 fields, c-ip 192.0.2.100, c-port -
	// record 2: 5 fields, c-ip 203.0.113.10, c-port 50432
}

// CloudFront real-time logs have no directives: the field list is the one
// configured for the real-time log.
func ExampleOptions_fields() {
	line := "1714564801.123\t203.0.113.10\t200\t-\n"
	r := w3c.NewReader(strings.NewReader(line), w3c.Options{Fields: []string{"timestamp", "c-ip", "sc-status", "cs-referer"}})
	rec, _ := r.Next()
	f := r.Fields(rec)
	fields := r.Split(rec.Data, nil)
	referer := fields[f.Index("cs-referer")]
	fmt.Printf("%s %s referer empty: %v\n", fields[f.Index("c-ip")], fields[f.Index("sc-status")], w3c.IsEmpty(referer))
	// Output: 203.0.113.10 200 referer empty: true
}

func ExampleSplit() {
	fields := w3c.Split([]byte("2024-05-01 00:00:01 GET /default.htm - 200"), ' ', nil)
	fmt.Printf("%d fields, %q, empty: %v\n", len(fields), fields[3], w3c.IsEmpty(fields[4]))
	// Output: 6 fields, "/default.htm", empty: true
}
