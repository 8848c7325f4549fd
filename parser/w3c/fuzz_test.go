package w3c_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/w3c"
)

// referenceReader frames input the slow, obvious way: the whole input in
// memory, one line at a time, keeping the field list of every record.
func referenceReader(input []byte, opt w3c.Options) (events []event, lists [][]string) {
	limit := opt.MaxLineBytes
	if limit <= 0 {
		limit = parser.DefaultMaxLineBytes
	}
	sep := opt.Separator
	if sep == 0 {
		sep = '\t'
	}
	sepName := map[byte]string{'\t': "tab-separated", ' ': "space-separated", ',': "comma-separated"}[sep]
	if sepName == "" {
		sepName = fmt.Sprintf("%q-separated", rune(sep))
	}
	current := slices.Clone(opt.Fields)
	source := "Options.Fields"
	missing := "no field list: the line comes before any #Fields line and Options.Fields is empty; " +
		"for a log written without directives (such as a CloudFront real-time log) set Options.Fields to its configured field list"
	if len(current) == 0 {
		current = nil
	}
	off := 0
	if bytes.HasPrefix(input, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	var number, line int64
	for off < len(input) {
		start := off
		content := input[off:]
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			content = content[:i]
			off += i + 1
		} else {
			off = len(input)
		}
		line++
		content = bytes.TrimSuffix(content, []byte("\r"))
		if len(bytes.Trim(content, " \t\r")) == 0 {
			continue
		}
		if len(content) > limit {
			// The reader sees only the first limit bytes, which may or may
			// not be those of a #Fields line (after a byte order mark).
			head := string(content[:limit])
			if strings.HasPrefix(head, "\xef\xbb\xbf") {
				head = head[3:]
			} else if strings.HasPrefix("\xef\xbb\xbf", head) {
				head = "" // all of it may be the start of a byte order mark
			}
			n := min(len(head), 8)
			isFields := strings.EqualFold(head[:n], "#Fields:"[:n])
			number++
			reason := fmt.Sprintf("line longer than %d bytes", limit)
			events = append(events, recErr(number, line, int64(start), reason, string(content[:limit])))
			lists = append(lists, nil)
			if isFields {
				current = nil
				missing = fmt.Sprintf("no field list: the #Fields line on line %d could not be read (%s)", line, reason)
			}
			continue
		}
		if bytes.HasPrefix(content, []byte("\xef\xbb\xbf")) {
			content, start = content[3:], start+3
			if len(bytes.Trim(content, " \t\r")) == 0 {
				continue
			}
		}
		if content[0] == '#' {
			if len(content) < 8 || !strings.EqualFold(string(content[:8]), "#Fields:") {
				continue
			}
			names := strings.FieldsFunc(string(content[8:]), func(r rune) bool { return r == ' ' || r == '\t' })
			if len(names) == 0 {
				current = nil
				missing = fmt.Sprintf("no field list: the #Fields line on line %d names no fields", line)
			} else if !slices.Equal(names, current) {
				current, source = names, fmt.Sprintf("the #Fields line on line %d", line)
			}
			continue
		}
		number++
		lists = append(lists, nil)
		if current == nil {
			events = append(events, recErr(number, line, int64(start), missing, string(content)))
			continue
		}
		fields := strings.Split(string(content), string(sep))
		for len(fields) > len(current) && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		if len(fields) != len(current) {
			n := bytes.Count(content, []byte{sep}) + 1
			events = append(events, recErr(number, line, int64(start), fmt.Sprintf("line has %d %s fields, %s names %d", n, sepName, source, len(current)), string(content)))
			continue
		}
		events = append(events, rec(number, line, int64(start), string(content)))
		lists[number-1] = current
	}
	return events, lists
}

var seeds = []string{
	"",
	"#Version: 1.0\n#Fields: a b c\n1\t2\t3\n",
	"#Fields: a b\n1\t2\n#Fields: a b c\n1\t2\t3\n1\t2\n#Fields: a b\n3\t4\t\n",
	"1\t2\n#fields:\n1\n#FIELDS: x\n\n  \r\n-\r\n",
	"\xef\xbb\xbf#Software: IIS\r\n#Fields: date time c-ip\r\n2024-05-01 00:00:01 203.0.113.7\r\n",
	"#Fields: a  b\t c\n1 2 3\n1;2;3\n1\t2\t3\t\t\n",
	"#\n#Fields:a\nx\n#Remark\ny\tz",
	"#Fields: aaaaaaaaaaaaaaaaaaaaaaaa\nx\n",
	"\xef\xbb\xbf#Fields: a\r\nx\r\n\xef\xbb\xbf#Version: 1.0\r\n\xef\xbb\xbf#Fields: a b\r\n1 2\r\n\xef\xbb\xbf \r\n\xef\xbb\xbfy z\n",
}

func FuzzReader(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0), uint16(0), false)
		f.Add([]byte(s), uint8(1), uint16(12), true)
		f.Add([]byte(s), uint8(2), uint16(5), false)
	}
	f.Fuzz(func(t *testing.T, input []byte, sepChoice uint8, maxLine uint16, configured bool) {
		opt := w3c.Options{
			Separator:         [...]byte{0, ' ', ';', '\t'}[sepChoice%4],
			MaxLineBytes:      int(maxLine),
			MaxFieldListBytes: 1 << 40,
		}
		if configured {
			opt.Fields = []string{"a", "b"}
		}
		want, lists := referenceReader(input, opt)
		r := w3c.NewReader(bytes.NewReader(input), opt)
		var got []event
		var recs []parser.Record
		for {
			record, err := r.Next()
			if err != nil {
				if re, ok := parser.AsRecordError(err); ok {
					got = append(got, recErr(re.Number, re.Line, re.Offset, re.Reason, string(re.Raw)))
					continue
				}
				if err.Error() != "EOF" {
					got = append(got, event{Err: err.Error()})
				}
				break
			}
			got = append(got, rec(record.Number, record.Line, record.Offset, string(record.Data)))
			recs = append(recs, record)

			// Split agrees with the obvious split, and the line has as many
			// fields as its list (bar trailing empty ones).
			fields := r.Split(record.Data, nil)
			sep := "\t"
			if opt.Separator != 0 {
				sep = string(opt.Separator)
			}
			plain := strings.Split(string(record.Data), sep)
			if len(fields) != len(plain) {
				t.Fatalf("record %d: Split gives %d fields, strings.Split %d", record.Number, len(fields), len(plain))
			}
			for i := range fields {
				if string(fields[i]) != plain[i] {
					t.Fatalf("record %d: field %d = %q, want %q", record.Number, i, fields[i], plain[i])
				}
			}
		}
		checkEvents(t, got, want)
		checkEvents(t, collect(t, w3c.NewReader(iotest.OneByteReader(bytes.NewReader(input)), opt)), want)
		// Every record still gets the list it was read under, now that the
		// reader has read everything.
		for _, record := range recs {
			f := r.Fields(record)
			if f == nil || !slices.Equal(f.Names(), lists[record.Number-1]) {
				t.Fatalf("record %d: list %v, want %q", record.Number, f, lists[record.Number-1])
			}
		}
	})
}
