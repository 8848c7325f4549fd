package multiline_test

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/readertest"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

func mustReader(t testing.TB, r io.Reader, opt multiline.Options) *multiline.Reader {
	t.Helper()
	ml, err := multiline.NewReader(r, opt)
	require.NoError(t, err)
	return ml
}

// records reads every record's data, failing on any error.
func records(t testing.TB, input string, opt multiline.Options) []string {
	t.Helper()
	var out []string
	for _, e := range collect(t, mustReader(t, strings.NewReader(input), opt)) {
		if e.Reason != "" || e.Err != "" {
			t.Fatalf("unexpected %v", e)
		}
		out = append(out, e.Data)
	}
	return out
}

// An RDS PostgreSQL log (log_line_prefix %t:%r:%u@%d:[%p]:): statements
// span lines, and a download ends with an "END OF LOG" marker.
const postgresLog = `2024-05-01 10:15:02 UTC:10.0.1.25(51234):app@orders:[4242]:LOG:  statement: SELECT o.id, o.total
	FROM orders o
	WHERE o.customer_id = 42

	ORDER BY o.created_at DESC;
2024-05-01 10:15:02 UTC:10.0.1.25(51234):app@orders:[4242]:LOG:  duration: 12.345 ms
2024-05-01 10:15:07 UTC::@:[312]:LOG:  checkpoint starting: time
2024-05-01 10:15:09 UTC:10.0.1.25(51240):app@orders:[4250]:ERROR:  relation "order" does not exist at character 15
2024-05-01 10:15:09 UTC:10.0.1.25(51240):app@orders:[4250]:STATEMENT:  SELECT * FROM order
	WHERE id = 1;
----------------------- END OF LOG ----------------------
`

var postgresStart = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} |-+ END OF LOG -+$)`)

func TestPostgreSQL(t *testing.T) {
	r := mustReader(t, strings.NewReader(postgresLog), multiline.Options{Start: postgresStart})
	lines := strings.Split(postgresLog, "\n")
	want := []struct {
		line  int64
		lines int
	}{{1, 5}, {6, 1}, {7, 1}, {8, 1}, {9, 2}, {11, 1}}
	for i, w := range want {
		rec, err := r.Next()
		require.NoError(t, err)
		assert.Equal(t, int64(i+1), rec.Number)
		assert.Equal(t, w.line, rec.Line)
		assert.Equal(t, int64(len(strings.Join(lines[:w.line-1], "\n")))+min(1, w.line-1), rec.Offset)
		// The record is its lines, the blank one inside included.
		assert.Equal(t, strings.Join(lines[w.line-1:w.line-1+int64(w.lines)], "\n"), string(rec.Data))
	}
	_, err := r.Next()
	assert.Equal(t, io.EOF, err)
}

// A MySQL slow query log as RDS writes it: a server header block at the
// start and again after a restart, and "# Time:" lines before some
// entries only (MySQL 5.6 writes one when the second changes).
const mysqlSlowLog = `/rdsdbbin/mysql/bin/mysqld, Version: 8.0.35 (Source distribution). started with:
Tcp port: 3306  Unix socket: /tmp/mysql.sock
Time                 Id Command    Argument
# Time: 2024-05-01T10:20:31.123456Z
# User@Host: app[app] @  [10.0.1.25]  Id:    17
# Query_time: 2.500113  Lock_time: 0.000012 Rows_sent: 1  Rows_examined: 1200000
use orders;
SET timestamp=1714558831;
SELECT COUNT(*) FROM orders WHERE status = 'open';
# User@Host: report[report] @  [10.0.1.30]  Id:    18
# Query_time: 3.100000  Lock_time: 0.000020 Rows_sent: 10  Rows_examined: 2500000
SET timestamp=1714558831;
SELECT customer_id, SUM(total)
  FROM orders
 GROUP BY customer_id
 ORDER BY 2 DESC
 LIMIT 10;
/rdsdbbin/mysql/bin/mysqld, Version: 8.0.35 (Source distribution). started with:
Tcp port: 3306  Unix socket: /tmp/mysql.sock
Time                 Id Command    Argument
# Time: 2024-05-01T11:02:00.000001Z
# User@Host: app[app] @  [10.0.1.25]  Id:     5
# Query_time: 1.000200  Lock_time: 0.000000 Rows_sent: 0  Rows_examined: 0
SET timestamp=1714561320;
SELECT SLEEP(1);
`

// firstLines returns the first line of each record and its line count.
func firstLines(recs []string) []string {
	var out []string
	for _, r := range recs {
		first, _, _ := strings.Cut(r, "\n")
		out = append(out, first[:min(len(first), 24)]+" +"+itoa(strings.Count(r, "\n")))
	}
	return out
}

func TestMySQLSlowLog(t *testing.T) {
	tests := []struct {
		name string
		opt  multiline.Options
		want []string
	}{{
		// The configuration to use: "# Time:" stays with the entry it
		// dates (its microseconds are finer than SET timestamp), and the
		// server header is a record of its own wherever it appears, for
		// the normalizer to exclude.
		name: "Lead for # Time, header block as a record",
		opt: multiline.Options{
			Start: regexp.MustCompile(`^(# User@Host: |\S+, Version: .* started with:$)`),
			Lead:  regexp.MustCompile(`^# Time: `),
		},
		want: []string{
			"/rdsdbbin/mysql/bin/mysq +2",
			"# Time: 2024-05-01T10:20 +5",
			"# User@Host: report[repo +7",
			"/rdsdbbin/mysql/bin/mysq +2",
			"# Time: 2024-05-01T11:02 +4",
		},
	}, {
		// Elastic's configuration: each "# Time:" line is a record of its
		// own, which its pipeline drops.
		name: "Elastic: # Time as records of their own",
		opt: multiline.Options{
			Start: regexp.MustCompile(`^(# User@Host: |# Time: |\S+, Version: .* started with:$)`),
		},
		want: []string{
			"/rdsdbbin/mysql/bin/mysq +2",
			"# Time: 2024-05-01T10:20 +0",
			"# User@Host: app[app] @  +4",
			"# User@Host: report[repo +7",
			"/rdsdbbin/mysql/bin/mysq +2",
			"# Time: 2024-05-01T11:02 +0",
			"# User@Host: app[app] @  +3",
		},
	}, {
		// Without the header in Start: the leading header lines are one
		// record each (lines before the first start line), but the header
		// written after a restart is glued to the entry before it. This is
		// why the header belongs in Start.
		name: "header not in Start",
		opt: multiline.Options{
			Start: regexp.MustCompile(`^# User@Host: `),
			Lead:  regexp.MustCompile(`^# Time: `),
		},
		want: []string{
			"/rdsdbbin/mysql/bin/mysq +0",
			"Tcp port: 3306  Unix soc +0",
			"Time                 Id  +0",
			"# Time: 2024-05-01T10:20 +5",
			"# User@Host: report[repo +10",
			"# Time: 2024-05-01T11:02 +4",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, firstLines(records(t, mysqlSlowLog, tt.opt)))
		})
	}
}

// An NGINX error log: FastCGI stderr output continues on lines of its own.
func TestNginxError(t *testing.T) {
	input := `2024/05/01 10:30:00 [notice] 1#1: start worker processes
2024/05/01 10:30:05 [error] 29#29: *117 FastCGI sent in stderr: "PHP message: PHP Warning:  Undefined variable $user in /var/www/app/index.php on line 12
PHP message: PHP Warning:  Trying to access array offset on value of type null in /var/www/app/index.php on line 13" while reading response header from upstream, client: 203.0.113.7, server: app.example.com, request: "GET /index.php HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "app.example.com"
2024/05/01 10:30:09 [error] 29#29: *118 open() "/var/www/app/favicon.ico" failed (2: No such file or directory), client: 203.0.113.7, server: app.example.com, request: "GET /favicon.ico HTTP/1.1", host: "app.example.com", referrer: "https://app.example.com/"`
	recs := records(t, input, multiline.Options{Start: regexp.MustCompile(`^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[`)})
	require.Len(t, recs, 3)
	assert.Equal(t, 1, strings.Count(recs[1], "\n"))
	assert.True(t, strings.HasSuffix(recs[1], `host: "app.example.com"`))
}

// A Java stack trace read in Continue mode: indented lines and "Caused by"
// continue the line before them.
func TestStackTraceContinue(t *testing.T) {
	input := "2024-05-01 10:00:00,123 INFO  [main] c.e.App - starting\n" +
		"2024-05-01 10:00:01,456 ERROR [main] c.e.App - request failed\n" +
		"java.lang.IllegalStateException: boom\n" +
		"\tat com.example.App.handle(App.java:42)\n" +
		"\tat com.example.App.main(App.java:10)\n" +
		"Caused by: java.io.IOException: disk full\n" +
		"\tat com.example.Store.write(Store.java:7)\n" +
		"\t... 2 more\n" +
		"2024-05-01 10:00:02,000 INFO  [main] c.e.App - stopping\n"
	// Continue: the exception line is not indented, so it opens a record.
	recs := records(t, input, multiline.Options{Continue: regexp.MustCompile(`^(\s|Caused by: )`)})
	assert.Equal(t, []string{
		"2024-05-01 10:00:00,123  +0",
		"2024-05-01 10:00:01,456  +0",
		"java.lang.IllegalStateEx +5",
		"2024-05-01 10:00:02,000  +0",
	}, firstLines(recs))
	// Start on the timestamp keeps the exception with its log line.
	recs = records(t, input, multiline.Options{Start: regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `)})
	assert.Equal(t, []string{
		"2024-05-01 10:00:00,123  +0",
		"2024-05-01 10:00:01,456  +6",
		"2024-05-01 10:00:02,000  +0",
	}, firstLines(recs))
}

func TestReaderEvents(t *testing.T) {
	start := regexp.MustCompile(`^S`)
	tests := []struct {
		name  string
		input string
		opt   multiline.Options
		want  []event
	}{{
		name:  "empty",
		input: "",
		opt:   multiline.Options{Start: start},
	}, {
		name:  "lines before the first start are records of their own",
		input: "a\nb\nS1\nc\nS2",
		opt:   multiline.Options{Start: start},
		want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "b"), rec(3, 3, 4, "S1\nc"), rec(4, 5, 9, "S2")},
	}, {
		name:  "blank lines inside a record are kept, between records dropped",
		input: "S1\n\n  \nc\n\nS2\nd\n \n\n",
		opt:   multiline.Options{Start: start},
		want:  []event{rec(1, 1, 0, "S1\n\n\nc"), rec(2, 6, 10, "S2\nd")},
	}, {
		name:  "CRLF and BOM",
		input: "\xef\xbb\xbfS1\r\nc\r\nS2\r\n",
		opt:   multiline.Options{Start: start},
		want:  []event{rec(1, 1, 3, "S1\nc"), rec(2, 3, 10, "S2")},
	}, {
		name:  "continue mode",
		input: " orphan\n  more\nA\n b\n\n c\nD\n",
		opt:   multiline.Options{Continue: regexp.MustCompile(`^\s`)},
		want:  []event{rec(1, 1, 0, " orphan\n  more"), rec(2, 3, 15, "A\n b\n\n c"), rec(3, 7, 24, "D")},
	}, {
		name:  "lead",
		input: "T1\nS1\nx\nS2\nT2\n\nS3\nT3\nT4\nS4\nT5\nz\nS5\n",
		opt:   multiline.Options{Start: start, Lead: regexp.MustCompile(`^T`)},
		want: []event{
			rec(1, 1, 0, "T1\nS1\nx"), rec(2, 4, 8, "S2"), rec(3, 5, 11, "T2\n\nS3"),
			rec(4, 8, 18, "T3"), rec(5, 9, 21, "T4\nS4"), rec(6, 11, 27, "T5\nz"), rec(7, 13, 32, "S5"),
		},
	}, {
		name:  "record over the byte limit",
		input: "S1\n123\n456\nS2\n12345678\nS3\n",
		opt:   multiline.Options{Start: start, MaxRecordBytes: 8},
		want: []event{
			recErr(1, 1, 0, "record longer than 8 bytes", "S1\n123\n4"),
			recErr(2, 4, 11, "record longer than 8 bytes", "S2\n12345"),
			rec(3, 6, 23, "S3"),
		},
	}, {
		name:  "record exactly at the byte limit",
		input: "S1\n12345\nS2\n",
		opt:   multiline.Options{Start: start, MaxRecordBytes: 8},
		want:  []event{rec(1, 1, 0, "S1\n12345"), rec(2, 3, 9, "S2")},
	}, {
		name:  "first line over the limit",
		input: "S123456789\nc\nS2\n",
		opt:   multiline.Options{Start: start, MaxRecordBytes: 8},
		want:  []event{recErr(1, 1, 0, "record longer than 8 bytes", "S1234567"), rec(2, 3, 13, "S2")},
	}, {
		name:  "long line before the first start",
		input: "123456789\nS1\n",
		opt:   multiline.Options{Start: start, MaxRecordBytes: 8},
		want:  []event{recErr(1, 1, 0, "record longer than 8 bytes", "12345678"), rec(2, 2, 10, "S1")},
	}, {
		name:  "blank lines count against the byte limit",
		input: "S1\n\n\n\n\n\n\nc\nS2",
		opt:   multiline.Options{Start: start, MaxRecordBytes: 8},
		want:  []event{recErr(1, 1, 0, "record longer than 8 bytes", "S1\n\n\n\n\n\n"), rec(2, 9, 11, "S2")},
	}, {
		name:  "line limit",
		input: "S1\na\nb\nS2\na\n\nb\nS3\na",
		opt:   multiline.Options{Start: start, MaxLines: 3},
		want: []event{
			rec(1, 1, 0, "S1\na\nb"),
			recErr(2, 4, 7, "record longer than 3 lines", "S2\na\n\nb"),
			rec(3, 8, 15, "S3\na"),
		},
	}, {
		name:  "no terminator at the end",
		input: "S1\nc",
		opt:   multiline.Options{Start: start},
		want:  []event{rec(1, 1, 0, "S1\nc")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEvents(t, collect(t, mustReader(t, strings.NewReader(tt.input), tt.opt)), tt.want)
			checkEvents(t, collect(t, mustReader(t, iotest.OneByteReader(strings.NewReader(tt.input)), tt.opt)), tt.want)
		})
	}
}

func TestReadError(t *testing.T) {
	broken := errors.New("connection reset by peer")
	start := multiline.Options{Start: regexp.MustCompile(`^S`)}
	tests := []struct {
		name  string
		input string
		want  []event
	}{{
		name:  "inside a line",
		input: "S1\nc\nS2\nc",
		want: []event{
			rec(1, 1, 0, "S1\nc"),
			recErr(2, 3, 5, "record cut off by a read error: connection reset by peer", "S2\nc"),
			{Err: broken.Error()},
		},
	}, {
		name:  "between lines",
		input: "S1\nc\nS2\nc\n",
		want: []event{
			rec(1, 1, 0, "S1\nc"),
			recErr(2, 3, 5, "record cut off by a read error: connection reset by peer", "S2\nc"),
			{Err: broken.Error()},
		},
	}, {
		name:  "start line cut",
		input: "S1\nc\nS2",
		want: []event{
			rec(1, 1, 0, "S1\nc"),
			recErr(2, 3, 5, "record cut off by a read error: connection reset by peer", "S2"),
			{Err: broken.Error()},
		},
	}, {
		name:  "before the first start line",
		input: "a\nb\n",
		want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "b"), {Err: broken.Error()}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustReader(t, readertest.Failing([]byte(tt.input), broken), start)
			checkEvents(t, collect(t, r), tt.want)
			_, err := r.Next()
			assert.Equal(t, broken, err, "the error sticks")
		})
	}
}

func TestNewReaderOptions(t *testing.T) {
	re := regexp.MustCompile(`^x`)
	for _, opt := range []multiline.Options{{}, {Start: re, Continue: re}, {Lead: re}, {Continue: re, Lead: re}} {
		_, err := multiline.NewReader(strings.NewReader(""), opt)
		assert.Error(t, err, "%+v", opt)
	}
}

// On a stream still being written, a record comes out as soon as the first
// line of the next one has arrived: the reader never waits for more than
// one line.
func TestReadsOneLineAhead(t *testing.T) {
	pr, pw := io.Pipe()
	r := mustReader(t, pr, multiline.Options{Start: regexp.MustCompile(`^S`)})
	type result struct {
		rec parser.Record
		err error
	}
	results := make(chan result)
	next := func() {
		rec, err := r.Next()
		results <- result{parser.Record{Data: []byte(string(rec.Data)), Number: rec.Number}, err}
	}
	receive := func() result {
		select {
		case res := <-results:
			return res
		case <-time.After(10 * time.Second):
			t.Fatal("Next did not return")
		}
		return result{}
	}
	go next()
	pw.Write([]byte("head\n"))
	// A line before the first start line needs no look-ahead.
	assert.Equal(t, "head", string(receive().rec.Data))

	go next()
	pw.Write([]byte("S1\n"))
	pw.Write([]byte("  c\n"))
	pw.Write([]byte("S2\n"))
	assert.Equal(t, "S1\n  c", string(receive().rec.Data))

	go next()
	pw.Write([]byte("  d\n"))
	pw.Close()
	assert.Equal(t, "S2\n  d", string(receive().rec.Data))
	go next()
	assert.Equal(t, io.EOF, receive().err)
}

func TestNextAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	input := strings.Repeat(postgresLog, 200)
	allocs := testing.AllocsPerRun(5, func() {
		r := mustReader(t, strings.NewReader(input), multiline.Options{Start: postgresStart})
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	})
	assert.Less(t, allocs, 30.0, "allocations per object of 1200 records")
}
