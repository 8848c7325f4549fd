package parser_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem/parser"
)

func ExampleDecompress() {
	var object bytes.Buffer
	zw := gzip.NewWriter(&object)
	zw.Write([]byte("first line\nsecond line\n"))
	zw.Close()

	r, compression, err := parser.Decompress(&object)
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := io.ReadAll(r)
	fmt.Printf("%s, %q, %v\n", compression, text, err)
	// Output: gzip, "first line\nsecond line\n", <nil>
}

// Each record carries its position, so a record that fails later can be
// traced to its line in the object. A line over the limit is reported and
// skipped, and reading goes on.
func ExampleLineReader() {
	input := "alpha\r\n\nbravo\n" + strings.Repeat("x", 20) + "\ncharlie"
	lines := parser.NewLineReader(strings.NewReader(input), parser.LineOptions{MaxLineBytes: 10})
	for {
		rec, err := lines.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Printf("dead letter: %v (raw %q)\n", re, re.Raw)
			continue
		}
		if err != nil {
			fmt.Println("object failed:", err)
			break
		}
		fmt.Printf("record %d, line %d, offset %d: %s\n", rec.Number, rec.Line, rec.Offset, rec.Data)
	}
	// Output:
	// record 1, line 1, offset 0: alpha
	// record 2, line 3, offset 8: bravo
	// dead letter: record 3 (line 4): line longer than 10 bytes (raw "xxxxxxxxxx")
	// record 4, line 5, offset 35: charlie
}

func ExampleJSONRecordsReader() {
	input := `{"Records":[
  {"eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com"},
  {"eventName":"PutObject","requestParameters":{"key":"a \"quoted\" {name}"}}
]}`
	records := parser.NewJSONRecordsReader(strings.NewReader(input), "Records", parser.JSONOptions{})
	for {
		rec, err := records.Next()
		if err != nil {
			break
		}
		fmt.Printf("line %d: %s\n", rec.Line, rec.Data)
	}
	// Output:
	// line 2: {"eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com"}
	// line 3: {"eventName":"PutObject","requestParameters":{"key":"a \"quoted\" {name}"}}
}

// Values written back to back, as Firehose delivers them, and a line that
// is not JSON, which is reported without losing the values after it.
func ExampleJSONValueReader() {
	input := "{\"a\":1}{\"b\":2}\nnot json\n{\"c\":3}"
	values := parser.NewJSONValueReader(strings.NewReader(input), parser.JSONOptions{})
	for {
		rec, err := values.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Printf("dead letter: %v (raw %q)\n", re, re.Raw)
			continue
		}
		fmt.Printf("record %d: %s\n", rec.Number, rec.Data)
	}
	// Output:
	// record 1: {"a":1}
	// record 2: {"b":2}
	// dead letter: record 3 (line 2): not JSON: invalid literal (raw "not json")
	// record 4: {"c":3}
}

func ExampleSplitQuoted() {
	line := []byte(`https 2024-05-01T12:00:00.186641Z app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/8.5.0 \"beta\""`)
	fields, err := parser.SplitQuoted(line, nil)
	fmt.Println(len(fields), err)
	fmt.Println(string(fields[12]))
	fmt.Println(string(fields[13]))

	_, err = parser.SplitQuoted([]byte(`http "GET / HTTP/1.1`), nil)
	fmt.Println(err)
	// Output:
	// 14 <nil>
	// GET https://www.example.com:443/ HTTP/1.1
	// curl/8.5.0 \"beta\"
	// column 2: quoted field has no closing quote
}
