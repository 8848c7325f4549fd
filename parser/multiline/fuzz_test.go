package multiline_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/siem-go/siem/parser/multiline"
)

// refLine is a non-blank line of the input, cut to the limit.
type refLine struct {
	text           string
	number, offset int64
	tooLong        bool
}

// referenceLines splits input into its non-blank lines the slow, obvious
// way.
func referenceLines(input []byte, limit int) []refLine {
	var out []refLine
	off := 0
	if bytes.HasPrefix(input, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	var number int64
	for off < len(input) {
		start := off
		content := input[off:]
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			content = content[:i]
			off += i + 1
		} else {
			off = len(input)
		}
		number++
		content = bytes.TrimSuffix(content, []byte("\r"))
		if len(bytes.Trim(content, " \t\r")) == 0 {
			continue
		}
		l := refLine{text: string(content), number: number, offset: int64(start)}
		if len(content) > limit {
			l.text, l.tooLong = l.text[:limit], true
		}
		out = append(out, l)
	}
	return out
}

// reference groups the lines the obvious way: decide for every line
// whether it opens a group, then build each group's record.
func reference(input []byte, opt multiline.Options) []event {
	limit := opt.MaxRecordBytes
	if limit <= 0 {
		limit = multiline.DefaultMaxRecordBytes
	}
	matches := func(re *regexp.Regexp, s string) bool { return re != nil && re.MatchString(s) }
	var groups [][]refLine
	started, leadOnly := false, false
	for _, l := range referenceLines(input, limit) {
		var opens bool
		if opt.Continue != nil {
			opens = len(groups) == 0 || !matches(opt.Continue, l.text)
		} else {
			isLead := matches(opt.Lead, l.text)
			isStart := !isLead && matches(opt.Start, l.text)
			switch {
			case isLead:
				opens = true
			case isStart:
				opens = !leadOnly
			default:
				opens = !started
			}
			started = started || isLead || isStart
			leadOnly = isLead
		}
		if opens {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], l)
	}
	var out []event
	for i, g := range groups {
		var data strings.Builder
		reason := ""
		for j, l := range g {
			if j > 0 {
				data.WriteString(strings.Repeat("\n", int(l.number-g[j-1].number)))
			}
			data.WriteString(l.text)
			switch {
			case reason != "":
			case l.tooLong || data.Len() > limit:
				reason = fmt.Sprintf("record longer than %d bytes", limit)
			case opt.MaxLines > 0 && l.number-g[0].number+1 > int64(opt.MaxLines):
				reason = fmt.Sprintf("record longer than %d lines", opt.MaxLines)
			}
		}
		if reason != "" {
			out = append(out, recErr(int64(i+1), g[0].number, g[0].offset, reason, data.String()[:min(data.Len(), limit)]))
			continue
		}
		out = append(out, rec(int64(i+1), g[0].number, g[0].offset, data.String()))
	}
	return out
}

var fuzzOptions = []multiline.Options{
	{Start: regexp.MustCompile(`^S`)},
	{Start: regexp.MustCompile(`^S`), Lead: regexp.MustCompile(`^L`)},
	{Continue: regexp.MustCompile(`^\s`)},
	{Start: regexp.MustCompile(`^\d{2}`)},
	{Start: regexp.MustCompile(`^(S|L)`), Lead: regexp.MustCompile(`^L`)},
	{Continue: regexp.MustCompile(`^(\s|c)`)},
}

var seeds = []string{
	"",
	"a\nS1\nb\n\nc\nS2\n",
	"L1\nS1\nx\nL2\n\nS2\nS3\nL3\nL4\nS4\n",
	"\xef\xbb\xbfS1\r\n c\r\n\r\nS2",
	" x\n y\nA\n\tb\n \n c\nD",
	"12 a\nb\n34 c\n5\n",
	"S\n\n\n\n\n\n\n\nc\n",
	"S123456789\nc\nS\n",
}

func FuzzReader(f *testing.F) {
	for _, s := range seeds {
		for mode := range len(fuzzOptions) {
			f.Add([]byte(s), uint8(mode), uint16(0), uint8(0))
			f.Add([]byte(s), uint8(mode), uint16(6), uint8(2))
		}
	}
	f.Fuzz(func(t *testing.T, input []byte, mode uint8, maxRecord uint16, maxLines uint8) {
		opt := fuzzOptions[int(mode)%len(fuzzOptions)]
		opt.MaxRecordBytes = int(maxRecord)
		opt.MaxLines = int(maxLines % 8)
		r, err := multiline.NewReader(bytes.NewReader(input), opt)
		if err != nil {
			t.Fatal(err)
		}
		got := collect(t, r)
		// The invariants, whatever the reference says: records numbered
		// 1, 2, 3..., each starting with its first line's bytes at its
		// offset, on its line.
		for i, e := range got {
			if e.Err != "" {
				t.Fatalf("stream error on an in-memory input: %s", e.Err)
			}
			if e.Number != int64(i+1) {
				t.Fatalf("event %v: want number %d", e, i+1)
			}
			data := e.Data
			if e.Reason != "" {
				data = e.Raw
			}
			first, _, _ := strings.Cut(data, "\n")
			if !bytes.HasPrefix(input[e.Offset:], []byte(first)) {
				t.Fatalf("event %v: not at its offset", e)
			}
			if want := int64(1 + bytes.Count(input[:e.Offset], []byte("\n"))); e.Line != want {
				t.Fatalf("event %v: line %d, want %d", e, e.Line, want)
			}
		}
		checkEvents(t, got, reference(input, opt))
		r, _ = multiline.NewReader(iotest.OneByteReader(bytes.NewReader(input)), opt)
		checkEvents(t, collect(t, r), got)
	})
}
