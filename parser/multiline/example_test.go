package multiline_test

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

// A PostgreSQL log: a record starts with the timestamp of log_line_prefix,
// and a statement's other lines continue it.
func ExampleReader() {
	input := `2024-05-01 10:15:02 UTC::@:[312]:LOG:  checkpoint starting: time
2024-05-01 10:15:09 UTC:10.0.1.25(51240):app@orders:[4250]:STATEMENT:  SELECT *
	FROM orders
	WHERE id = 1;
2024-05-01 10:15:10 UTC::@:[312]:LOG:  checkpoint complete
`
	r, err := multiline.NewReader(strings.NewReader(input), multiline.Options{
		Start: regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} `),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Println("dead letter:", re)
			continue
		}
		if err != nil {
			fmt.Println("object failed:", err)
			return
		}
		fmt.Printf("record %d, line %d, %d lines: %.40q\n", rec.Number, rec.Line, strings.Count(string(rec.Data), "\n")+1, rec.Data)
	}
	// Output:
	// record 1, line 1, 1 lines: "2024-05-01 10:15:02 UTC::@:[312]:LOG:  c"
	// record 2, line 2, 3 lines: "2024-05-01 10:15:09 UTC:10.0.1.25(51240)"
	// record 3, line 5, 1 lines: "2024-05-01 10:15:10 UTC::@:[312]:LOG:  c"
}

// The MySQL slow query log: an entry starts at "# User@Host:", preceded by
// a "# Time:" line when the time changed, which Lead keeps with its entry.
// The server's header block, written at the start and after each restart,
// is a record of its own, for the normalizer to exclude.
func ExampleOptions_lead() {
	input := `/rdsdbbin/mysql/bin/mysqld, Version: 8.0.35 (Source distribution). started with:
Tcp port: 3306  Unix socket: /tmp/mysql.sock
Time                 Id Command    Argument
# Time: 2024-05-01T10:20:31.123456Z
# User@Host: app[app] @  [10.0.1.25]  Id:    17
# Query_time: 2.500113  Lock_time: 0.000012 Rows_sent: 1  Rows_examined: 1200000
SET timestamp=1714558831;
SELECT COUNT(*) FROM orders WHERE status = 'open';
# User@Host: report[report] @  [10.0.1.30]  Id:    18
# Query_time: 3.100000  Lock_time: 0.000020 Rows_sent: 10  Rows_examined: 2500000
SET timestamp=1714558831;
SELECT 1;
`
	r, _ := multiline.NewReader(strings.NewReader(input), multiline.Options{
		Start: regexp.MustCompile(`^(# User@Host: |\S+, Version: .* started with:$)`),
		Lead:  regexp.MustCompile(`^# Time: `),
	})
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		first, _, _ := strings.Cut(string(rec.Data), "\n")
		fmt.Printf("line %d, %d lines: %.36s\n", rec.Line, strings.Count(string(rec.Data), "\n")+1, first)
	}
	// Output:
	// line 1, 3 lines: /rdsdbbin/mysql/bin/mysqld, Version:
	// line 4, 5 lines: # Time: 2024-05-01T10:20:31.123456Z
	// line 9, 4 lines: # User@Host: report[report] @  [10.0
}

// A stack trace read in Continue mode: indented lines and "Caused by:"
// lines continue the record before them.
func ExampleOptions_continue() {
	input := "Exception in thread \"main\" java.lang.IllegalStateException: boom\n" +
		"\tat com.example.App.handle(App.java:42)\n" +
		"Caused by: java.io.IOException: disk full\n" +
		"\t... 1 more\n" +
		"next message\n"
	r, _ := multiline.NewReader(strings.NewReader(input), multiline.Options{
		Continue: regexp.MustCompile(`^(\s|Caused by: )`),
	})
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		fmt.Printf("record %d: %d lines\n", rec.Number, strings.Count(string(rec.Data), "\n")+1)
	}
	// Output:
	// record 1: 4 lines
	// record 2: 1 lines
}

// A record over the limit is dead-lettered with its first bytes, and
// reading goes on with the next record.
func ExampleOptions_maxRecordBytes() {
	input := "2024-05-01 a\n" + strings.Repeat("\tmore\n", 100) + "2024-05-01 b\n"
	r, _ := multiline.NewReader(strings.NewReader(input), multiline.Options{
		Start:          regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `),
		MaxRecordBytes: 20,
	})
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			fmt.Printf("dead letter: %v, raw %q\n", re, re.Raw)
			continue
		}
		fmt.Printf("record %d: %q\n", rec.Number, rec.Data)
	}
	// Output:
	// dead letter: record 1 (line 1): record longer than 20 bytes, raw "2024-05-01 a\n\tmore\n\t"
	// record 2: "2024-05-01 b"
}
