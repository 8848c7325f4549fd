package w3c_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/readertest"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// The CloudFront standard log fields, in the order the developer guide
// lists them; the 26-field layout of older files is the first 26.
var cloudFront33 = strings.Fields(`date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem
	sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id
	x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher
	x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port
	time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end`)

var cloudFront26 = cloudFront33[:26]

func fieldsLine(names []string) string { return "#Fields: " + strings.Join(names, " ") }

// cfLine is a CloudFront standard log line of n fields (26 or 33), varied
// by i.
func cfLine(i, n int) string {
	f := []string{
		"2024-05-01", fmt.Sprintf("12:%02d:%02d", i/60%60, i%60), "FRA56-P1", fmt.Sprint(5213 + i), fmt.Sprintf("203.0.113.%d", i%250),
		"GET", "d1abcdef012345.cloudfront.net", fmt.Sprintf("/images/logo-%d.png", i), "200", "https://www.example.org/",
		"Mozilla/5.0%20(X11;%20Linux%20x86_64;%20rv:125.0)%20Gecko/20100101%20Firefox/125.0", "-", "-", "Hit",
		fmt.Sprintf("Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7CDeFgHiJk%012d==", i), "www.example.org", "https", "412", "0.002", "-",
		"TLSv1.3", "TLS_AES_128_GCM_SHA256", "Hit", "HTTP/2.0", "-", "-",
		fmt.Sprint(50000 + i%15000), "0.002", "Hit", "image/png", "4821", "-", "-",
	}
	return strings.Join(f[:n], "\t")
}

// A CloudFront standard log as delivered: directives, then 33 fields per
// line, tab-separated, with "-" for empty values.
func TestCloudFrontStandardLog(t *testing.T) {
	input := "#Version: 1.0\n" + fieldsLine(cloudFront33) + "\n" + cfLine(1, 33) + "\n" + cfLine(2, 33) + "\n"
	r := w3c.NewReader(strings.NewReader(input), w3c.Options{})
	var fields [][]byte
	for i := 1; i <= 2; i++ {
		rec, err := r.Next()
		require.NoError(t, err)
		assert.Equal(t, int64(i), rec.Number)
		assert.Equal(t, int64(i+2), rec.Line)
		assert.Equal(t, cfLine(i, 33), string(rec.Data))
		assert.Equal(t, int64(strings.Index(input, cfLine(i, 33))), rec.Offset)

		f := r.Fields(rec)
		require.NotNil(t, f)
		assert.Equal(t, 33, f.Len())
		assert.Equal(t, int64(2), f.Line())
		fields = r.Split(rec.Data, fields)
		require.Len(t, fields, 33)
		assert.Equal(t, fmt.Sprintf("203.0.113.%d", i), string(fields[f.Index("c-ip")]))
		assert.Equal(t, "HTTP/2.0", string(fields[f.Index("cs-protocol-version")]))
		assert.True(t, w3c.IsEmpty(fields[f.Index("cs-uri-query")]))
		assert.Nil(t, w3c.Value(fields[f.Index("cs(Cookie)")]))
		assert.Equal(t, "https://www.example.org/", string(w3c.Value(fields[f.Index("cs(Referer)")])))
		assert.Equal(t, -1, f.Index("no-such-field"))
	}
	_, err := r.Next()
	assert.Equal(t, io.EOF, err)
}

// Concatenated files: a 26-field file, then 33-field files whose
// directives repeat. Every record keeps the list it was read under, even
// when asked after the reader has read everything.
func TestConcatenatedFieldLists(t *testing.T) {
	input := strings.Join([]string{
		"#Version: 1.0", fieldsLine(cloudFront26), cfLine(1, 26), cfLine(2, 26),
		"#Version: 1.0", fieldsLine(cloudFront33), cfLine(3, 33),
		"#Version: 1.0", fieldsLine(cloudFront33), cfLine(4, 33),
	}, "\n")
	r := w3c.NewReader(strings.NewReader(input), w3c.Options{})
	var recs []parser.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		recs = append(recs, rec)
	}
	require.Len(t, recs, 4)
	want := []struct {
		n    int
		line int64
	}{{26, 2}, {26, 2}, {33, 6}, {33, 6}}
	for i, rec := range recs {
		f := r.Fields(rec)
		require.NotNil(t, f, "record %d", rec.Number)
		assert.Equal(t, want[i].n, f.Len(), "record %d", rec.Number)
		assert.Equal(t, want[i].line, f.Line(), "record %d", rec.Number)
	}
	// Repeated identical directives keep one list, so normalizers can cache
	// by pointer.
	assert.Same(t, r.Fields(recs[0]), r.Fields(recs[1]))
	assert.Same(t, r.Fields(recs[2]), r.Fields(recs[3]))
	assert.Nil(t, r.Fields(parser.Record{Number: 0}))
	assert.Equal(t, cloudFront26, r.Fields(recs[0]).Names())
}

// An IIS W3C log: space-separated, its directive block written again when
// the server restarts.
func TestIISLog(t *testing.T) {
	const iis = `#Software: Microsoft Internet Information Services 10.0
#Version: 1.0
#Date: 2024-05-01 00:00:00
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
2024-05-01 00:00:01 10.0.0.5 GET /default.htm - 80 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/124.0.0.0+Safari/537.36 - 200 0 0 15
2024-05-01 00:00:02 10.0.0.5 POST /login.aspx ReturnUrl=%2Fadmin 443 CONTOSO\jdoe 198.51.100.23 Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+14_4) https://intranet.example.com/ 302 0 0 31
#Software: Microsoft Internet Information Services 10.0
#Version: 1.0
#Date: 2024-05-01 06:12:40
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
2024-05-01 06:12:41 10.0.0.5 GET /favicon.ico - 443 - 198.51.100.23 Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+14_4) - 404 0 2 0
`
	r := w3c.NewReader(strings.NewReader(strings.ReplaceAll(iis, "\n", "\r\n")), w3c.Options{Separator: ' '})
	var fields [][]byte
	var users, statuses []string
	var lists []*w3c.Fields
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		f := r.Fields(rec)
		fields = r.Split(rec.Data, fields)
		require.Equal(t, 15, len(fields))
		users = append(users, string(fields[f.Index("cs-username")]))
		statuses = append(statuses, string(fields[f.Index("sc-status")]))
		lists = append(lists, f)
	}
	assert.Equal(t, []string{"-", `CONTOSO\jdoe`, "-"}, users)
	assert.Equal(t, []string{"200", "302", "404"}, statuses)
	assert.Same(t, lists[0], lists[2])
}

// CloudFront real-time logs reach the reader as bare lines: the field list
// is the real-time log configuration's.
func TestRealtimeLog(t *testing.T) {
	config := []string{"timestamp", "c-ip", "time-to-first-byte", "sc-status", "sc-bytes", "cs-method", "cs-uri-stem", "x-edge-location", "cs-user-agent", "asn"}
	lines := "1714564801.123\t203.0.113.10\t0.002\t200\t5213\tGET\t/index.html\tFRA56-P1\tMozilla/5.0%20(X11)\t64496\n" +
		"1714564802.456\t2001:db8::7\t0.010\t404\t388\tGET\t/missing\tFRA56-P1\t-\t64497\n"
	r := w3c.NewReader(strings.NewReader(lines), w3c.Options{Fields: config})
	var fields [][]byte
	var got []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		f := r.Fields(rec)
		assert.Equal(t, int64(0), f.Line())
		fields = r.Split(rec.Data, fields)
		got = append(got, string(fields[f.Index("c-ip")])+" "+string(fields[f.Index("sc-status")]))
	}
	assert.Equal(t, []string{"203.0.113.10 200", "2001:db8::7 404"}, got)
}

func TestReaderEvents(t *testing.T) {
	three := "#Fields: a b c\n"
	tests := []struct {
		name  string
		input string
		opt   w3c.Options
		want  []event
	}{{
		name:  "field count",
		input: "#Version: 1.0\n" + fieldsLine(cloudFront33) + "\n" + cfLine(1, 33)[:strings.LastIndex(cfLine(1, 33), "\t-\t-")] + "\n" + cfLine(2, 33) + "\n",
		want: []event{
			recErr(1, 3, int64(len(fieldsLine(cloudFront33))+15), "line has 31 tab-separated fields, the #Fields line on line 2 names 33",
				cfLine(1, 33)[:strings.LastIndex(cfLine(1, 33), "\t-\t-")]),
			rec(2, 4, int64(len(fieldsLine(cloudFront33))+15+len(cfLine(1, 33))-3), cfLine(2, 33)),
		},
	}, {
		name:  "too many fields",
		input: three + "1\t2\t3\t4\n1\t2\t3\n",
		want: []event{
			recErr(1, 2, 15, "line has 4 tab-separated fields, the #Fields line on line 1 names 3", "1\t2\t3\t4"),
			rec(2, 3, 23, "1\t2\t3"),
		},
	}, {
		name:  "trailing separators add empty fields",
		input: three + "1\t2\t3\t\n1\t2\t3\t\t\t\n1\t2\t\t\n",
		want:  []event{rec(1, 2, 15, "1\t2\t3\t"), rec(2, 3, 22, "1\t2\t3\t\t\t"), rec(3, 4, 31, "1\t2\t\t")},
	}, {
		name:  "empty fields",
		input: three + "\t-\t\n-\t-\t-\n",
		want:  []event{rec(1, 2, 15, "\t-\t"), rec(2, 3, 19, "-\t-\t-")},
	}, {
		name:  "no field list",
		input: "1\t2\t3\n" + three + "1\t2\t3\n",
		want: []event{
			recErr(1, 1, 0, "no field list: the line comes before any #Fields line and Options.Fields is empty; for a log written without directives (such as a CloudFront real-time log) set Options.Fields to its configured field list", "1\t2\t3"),
			rec(2, 3, 21, "1\t2\t3"),
		},
	}, {
		name:  "configured list, then a directive",
		input: "1\t2\n#Fields: a b c\n1\t2\t3\n1\t2\n",
		opt:   w3c.Options{Fields: []string{"a", "b"}},
		want: []event{
			rec(1, 1, 0, "1\t2"),
			rec(2, 3, 19, "1\t2\t3"),
			recErr(3, 4, 25, "line has 2 tab-separated fields, the #Fields line on line 2 names 3", "1\t2"),
		},
	}, {
		name:  "configured list, wrong count",
		input: "1\t2\t3\n",
		opt:   w3c.Options{Fields: []string{"a", "b"}},
		want:  []event{recErr(1, 1, 0, "line has 3 tab-separated fields, Options.Fields names 2", "1\t2\t3")},
	}, {
		name:  "empty #Fields",
		input: three + "1\t2\t3\n#Fields:\n1\t2\t3\n#fields: a\nx\n",
		want: []event{
			rec(1, 2, 15, "1\t2\t3"),
			recErr(2, 4, 30, "no field list: the #Fields line on line 3 names no fields", "1\t2\t3"),
			rec(3, 6, 47, "x"),
		},
	}, {
		name:  "#Fields line too long",
		input: "#Fields: aaaa bbbb cccc\n1\t2\t3\n#Fields: a b\n1\t2\n",
		opt:   w3c.Options{MaxLineBytes: 16},
		want: []event{
			recErr(1, 1, 0, "line longer than 16 bytes", "#Fields: aaaa bb"),
			recErr(2, 2, 24, "no field list: the #Fields line on line 1 could not be read (line longer than 16 bytes)", "1\t2\t3"),
			rec(3, 4, 43, "1\t2"),
		},
	}, {
		name:  "long data line",
		input: "#Fields: a b\n1234567890\t1234567890\n1\t2\n",
		opt:   w3c.Options{MaxLineBytes: 16},
		want: []event{
			recErr(1, 2, 13, "line longer than 16 bytes", "1234567890\t12345"),
			rec(2, 3, 35, "1\t2"),
		},
	}, {
		name:  "directives, blank lines, CRLF and BOM",
		input: "\xef\xbb\xbf#Version: 1.0\r\n#Fields: a b\r\n\r\n#Remark: x\r\n  \r\n1\t2\r\n#Date: 2024-05-01\r\n3\t4",
		want:  []event{rec(1, 6, 50, "1\t2"), rec(2, 8, 74, "3\t4")},
	}, {
		name:  "concatenated files that start with a byte order mark",
		input: "\xef\xbb\xbf#Fields: a b\r\n1\t2\r\n\xef\xbb\xbf#Fields: a b c\r\n1\t2\t3\r\n\xef\xbb\xbf\r\n\xef\xbb\xbf4\t5\t6",
		want:  []event{rec(1, 2, 17, "1\t2"), rec(2, 4, 41, "1\t2\t3"), rec(3, 6, 56, "4\t5\t6")},
	}, {
		name:  "space separator",
		input: "#Fields: date time c-ip\n2024-05-01 00:00:01 203.0.113.7\n2024-05-01  203.0.113.7\n2024-05-01 00:00:01\n",
		opt:   w3c.Options{Separator: ' '},
		want: []event{
			rec(1, 2, 24, "2024-05-01 00:00:01 203.0.113.7"),
			rec(2, 3, 56, "2024-05-01  203.0.113.7"),
			recErr(3, 4, 80, "line has 2 space-separated fields, the #Fields line on line 1 names 3", "2024-05-01 00:00:01"),
		},
	}, {
		name:  "other separator",
		input: "#Fields: a b\n1;2;3\n",
		opt:   w3c.Options{Separator: ';'},
		want:  []event{recErr(1, 2, 13, "line has 3 ';'-separated fields, the #Fields line on line 1 names 2", "1;2;3")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkEvents(t, collect(t, w3c.NewReader(strings.NewReader(tt.input), tt.opt)), tt.want)
			checkEvents(t, collect(t, w3c.NewReader(iotest.OneByteReader(strings.NewReader(tt.input)), tt.opt)), tt.want)
		})
	}
}

func TestReadError(t *testing.T) {
	broken := errors.New("connection reset by peer")
	r := w3c.NewReader(readertest.Failing([]byte("#Fields: a b\n1\t2\n3\t"), broken), w3c.Options{})
	checkEvents(t, collect(t, r), []event{
		rec(1, 2, 13, "1\t2"),
		recErr(2, 3, 17, "record cut off by a read error: connection reset by peer", "3\t"),
		{Err: "connection reset by peer"},
	})
	// The error sticks.
	_, err := r.Next()
	assert.Equal(t, broken, err)
}

// Normalizers ask for a record's list on other goroutines while Next reads
// on, past later #Fields lines. Run with -race.
func TestFieldsConcurrent(t *testing.T) {
	var b strings.Builder
	var wantLen []int
	for file := range 200 {
		n := 26 + file%8 // lists of 26 to 33 fields
		b.WriteString("#Version: 1.0\n" + fieldsLine(cloudFront33[:n]) + "\n")
		for i := range 5 {
			b.WriteString(cfLine(file*5+i, n) + "\n")
			wantLen = append(wantLen, n)
		}
	}
	r := w3c.NewReader(strings.NewReader(b.String()), w3c.Options{})
	type job struct {
		rec  parser.Record
		data string
	}
	jobs := make(chan job, 16)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fields [][]byte
			for j := range jobs {
				f := r.Fields(j.rec)
				fields = r.Split([]byte(j.data), fields)
				if f == nil || f.Len() != wantLen[j.rec.Number-1] || len(fields) != f.Len() {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("record %d: list %v, %d fields", j.rec.Number, f, len(fields)))
					mu.Unlock()
				}
			}
		}()
	}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		jobs <- job{rec, string(rec.Data)}
	}
	close(jobs)
	wg.Wait()
	assert.Empty(t, failures)
}

// The lists kept for Fields are bounded: an object that keeps changing its
// list fails rather than growing memory without bound, while repeated
// identical directives cost nothing.
func TestFieldListBudget(t *testing.T) {
	var same strings.Builder
	for range 10_000 {
		same.WriteString("#Fields: a b\n1\t2\n")
	}
	events := collect(t, w3c.NewReader(strings.NewReader(same.String()), w3c.Options{MaxFieldListBytes: 200}))
	assert.Len(t, events, 10_000)
	assert.Empty(t, events[len(events)-1].Err)

	var changing strings.Builder
	for i := range 100 {
		fmt.Fprintf(&changing, "#Fields: a%d b\n1\t2\n", i%2)
	}
	events = collect(t, w3c.NewReader(strings.NewReader(changing.String()), w3c.Options{MaxFieldListBytes: 500}))
	last := events[len(events)-1]
	assert.Equal(t, "w3c: line 12: the field lists of this object take more than 500 bytes (Options.MaxFieldListBytes) after 5 changes; an object that changes its #Fields this often cannot be read with bounded memory", last.Err)
	assert.Len(t, events, 6)

	// Lists no data line was read under are not kept.
	var unused strings.Builder
	for i := range 10_000 {
		fmt.Fprintf(&unused, "#Fields: a%d b\n", i)
	}
	unused.WriteString("1\t2\n")
	events = collect(t, w3c.NewReader(strings.NewReader(unused.String()), w3c.Options{MaxFieldListBytes: 200}))
	assert.Equal(t, []event{rec(1, 10_001, int64(unused.Len()-4), "1\t2")}, events)
}

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		sep  byte
		want []string
	}{
		{"", '\t', []string{""}},
		{"a", '\t', []string{"a"}},
		{"a\tb", '\t', []string{"a", "b"}},
		{"\t", '\t', []string{"", ""}},
		{"a\t\t-\t", '\t', []string{"a", "", "-", ""}},
		{"a b  c", ' ', []string{"a", "b", "", "c"}},
		{"a b\tc", '\t', []string{"a b", "c"}},
	}
	for _, tt := range tests {
		got := w3c.Split([]byte(tt.line), tt.sep, nil)
		var s []string
		for _, f := range got {
			s = append(s, string(f))
			assert.Equal(t, len(f), cap(f), "capacity of %q in %q", f, tt.line)
		}
		assert.Equal(t, tt.want, s, "Split(%q)", tt.line)
	}
	line := []byte(cfLine(7, 33))
	dst := make([][]byte, 0, 40)
	allocs := testing.AllocsPerRun(100, func() { dst = w3c.Split(line, '\t', dst) })
	assert.Zero(t, allocs)
	assert.Len(t, dst, 33)
}

func TestIsEmpty(t *testing.T) {
	for field, want := range map[string]bool{"": true, "-": true, "--": false, "0": false, " ": false, "-1": false} {
		assert.Equal(t, want, w3c.IsEmpty([]byte(field)), "%q", field)
	}
}

func TestNewFields(t *testing.T) {
	names := []string{"timestamp", "c-ip", "c-ip"}
	f := w3c.NewFields(names...)
	names[0] = "changed"
	assert.Equal(t, []string{"timestamp", "c-ip", "c-ip"}, f.Names())
	assert.Equal(t, 1, f.Index("c-ip"))
	assert.Equal(t, "timestamp", f.Name(0))
	assert.Equal(t, 3, f.Len())
	assert.Equal(t, "timestamp c-ip c-ip", f.String())
	got := f.Names()
	got[0] = "changed"
	assert.Equal(t, "timestamp", f.Name(0))
}

// Next reads a long object with a constant, small number of allocations
// per list, none per line.
func TestNextAllocations(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(fieldsLine(cloudFront33) + "\n")
	for i := range 1000 {
		b.WriteString(cfLine(i, 33) + "\n")
	}
	input := b.Bytes()
	allocs := testing.AllocsPerRun(5, func() {
		r := w3c.NewReader(bytes.NewReader(input), w3c.Options{})
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	})
	assert.Less(t, allocs, 60.0, "allocations per object of 1000 lines")
}
