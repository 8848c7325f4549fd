package parser

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestLineReader(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opt   LineOptions
		want  []event
	}{
		{
			name:  "empty",
			input: "",
		},
		{
			name:  "LF",
			input: "a\nbb\nccc\n",
			want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "bb"), rec(3, 3, 5, "ccc")},
		},
		{
			name:  "CRLF",
			input: "a\r\nbb\r\n",
			want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 3, "bb")},
		},
		{
			name:  "last line without newline is a record",
			input: "a\nlast",
			want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "last")},
		},
		{
			name:  "last line ending in CR",
			input: "a\nlast\r",
			want:  []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "last")},
		},
		{
			name:  "lone CR inside a line is data",
			input: "a\rb\n",
			want:  []event{rec(1, 1, 0, "a\rb")},
		},
		{
			name:  "blank lines are not records but count as lines",
			input: "\n\na\n \t \n\r\nb\n\n",
			want:  []event{rec(1, 3, 2, "a"), rec(2, 6, 10, "b")},
		},
		{
			name:  "only blank lines",
			input: "\n  \n\r\n",
		},
		{
			name:  "leading and trailing spaces are kept",
			input: "  a b  \n",
			want:  []event{rec(1, 1, 0, "  a b  ")},
		},
		{
			name:  "byte order mark dropped",
			input: "\xef\xbb\xbfversion x\n1 2\n",
			want:  []event{rec(1, 1, 3, "version x"), rec(2, 2, 13, "1 2")},
		},
		{
			name:  "skip lines",
			input: "#Version: 1.0\n#Fields: a b\nx y\n",
			opt:   LineOptions{SkipLines: 2},
			want:  []event{rec(1, 3, 27, "x y")},
		},
		{
			name:  "skip lines counts blank lines",
			input: "\nheader\nx\n",
			opt:   LineOptions{SkipLines: 1},
			want:  []event{rec(1, 2, 1, "header"), rec(2, 3, 8, "x")},
		},
		{
			name:  "skip more lines than there are",
			input: "a\nb",
			opt:   LineOptions{SkipLines: 5},
		},
		{
			name:  "over-long line is an error and reading goes on",
			input: "12345\n123456\n1234567890\nok\n",
			opt:   LineOptions{MaxLineBytes: 6},
			want: []event{
				rec(1, 1, 0, "12345"),
				rec(2, 2, 6, "123456"),
				recErr(3, 3, 13, "line longer than 6 bytes", "123456"),
				rec(4, 4, 24, "ok"),
			},
		},
		{
			name:  "CRLF does not count toward the limit",
			input: "123456\r\n1234567\r\n",
			opt:   LineOptions{MaxLineBytes: 6},
			want: []event{
				rec(1, 1, 0, "123456"),
				recErr(2, 2, 8, "line longer than 6 bytes", "123456"),
			},
		},
		{
			name:  "over-long last line without newline",
			input: "ok\n1234567",
			opt:   LineOptions{MaxLineBytes: 6},
			want: []event{
				rec(1, 1, 0, "ok"),
				recErr(2, 2, 3, "line longer than 6 bytes", "123456"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, NewLineReader(strings.NewReader(tt.input), tt.opt))
			checkEvents(t, got, tt.want)
			// Reads of one byte cross every buffer boundary.
			got = collect(t, NewLineReader(oneByteReader{strings.NewReader(tt.input)}, tt.opt))
			checkEvents(t, got, tt.want)
		})
	}
}

// Lines longer than the reader's buffer take the slow path; they must come
// out the same as short ones.
func TestLineReaderLinesLongerThanBuffer(t *testing.T) {
	long := strings.Repeat("x", 3*lineBufferBytes+17)
	input := "a\n" + long + "\r\nb\n" + long + "y\n" + long
	got := collect(t, NewLineReader(strings.NewReader(input), LineOptions{}))
	off2 := int64(2)
	off3 := off2 + int64(len(long)) + 2
	off4 := off3 + 2
	off5 := off4 + int64(len(long)) + 2
	checkEvents(t, got, []event{
		rec(1, 1, 0, "a"),
		rec(2, 2, off2, long),
		rec(3, 3, off3, "b"),
		rec(4, 4, off4, long+"y"),
		rec(5, 5, off5, long),
	})

	// The same lines over the limit: the raw bytes are cut to it.
	limit := len(long) - 1
	got = collect(t, NewLineReader(strings.NewReader(input), LineOptions{MaxLineBytes: limit}))
	reason := "line longer than " + itoa(limit) + " bytes"
	checkEvents(t, got, []event{
		rec(1, 1, 0, "a"),
		recErr(2, 2, off2, reason, long[:limit]),
		rec(3, 3, off3, "b"),
		recErr(4, 4, off4, reason, long[:limit]),
		recErr(5, 5, off5, reason, long[:limit]),
	})

	// Exactly at the limit, with "\r\n" past it.
	got = collect(t, NewLineReader(strings.NewReader(long+"\r\n"+long), LineOptions{MaxLineBytes: len(long)}))
	checkEvents(t, got, []event{rec(1, 1, 0, long), rec(2, 2, int64(len(long))+2, long)})
}

func TestLineReaderReadErrorMidLine(t *testing.T) {
	r := &failingReader{data: []byte("one\ntwo\nthr"), err: errNetwork}
	got := collect(t, NewLineReader(r, LineOptions{}))
	checkEvents(t, got, []event{
		rec(1, 1, 0, "one"),
		rec(2, 2, 4, "two"),
		recErr(3, 3, 8, "record cut off by a read error: connection reset by peer", "thr"),
		{Err: "connection reset by peer"},
	})

	// At a line boundary there is nothing to dead-letter: just the error.
	r = &failingReader{data: []byte("one\n"), err: errNetwork}
	got = collect(t, NewLineReader(r, LineOptions{}))
	checkEvents(t, got, []event{rec(1, 1, 0, "one"), {Err: "connection reset by peer"}})
}

// A truncated gzip object: every record before the break is delivered, then
// the partial line for the dead-letter sink, then the stream error naming the
// compression.
func TestLineReaderTruncatedGzip(t *testing.T) {
	var plain bytes.Buffer
	for i := range 5000 {
		plain.WriteString("2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 " + itoa(i) + " 6 10 840 1620000000 1620000060 ACCEPT OK\n")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain.Bytes())
	zw.Close()
	truncated := gz.Bytes()[:gz.Len()/2]

	dr, comp, err := Decompress(bytes.NewReader(truncated))
	if err != nil || comp != Gzip {
		t.Fatalf("Decompress = %v, %v", comp, err)
	}
	lr := NewLineReader(dr, LineOptions{})
	var records int64
	var cut *RecordError
	var streamErr error
	for {
		rec, err := lr.Next()
		if re, ok := AsRecordError(err); ok {
			if cut != nil {
				t.Fatalf("second RecordError %v", re)
			}
			cut = re
			continue
		}
		if err != nil {
			streamErr = err
			break
		}
		if cut != nil {
			t.Fatalf("record %d after the cut", rec.Number)
		}
		records++
		if !bytes.HasPrefix(rec.Data, []byte("2 123456789012 ")) || !bytes.HasSuffix(rec.Data, []byte(" ACCEPT OK")) {
			t.Fatalf("record %d is damaged: %q", rec.Number, rec.Data)
		}
	}
	if records < 1000 {
		t.Errorf("only %d records before the break", records)
	}
	if cut == nil || !strings.HasPrefix(cut.Reason, "record cut off by a read error: gzip: unexpected EOF") ||
		cut.Number != records+1 || len(cut.Raw) == 0 || !bytes.HasPrefix(plain.Bytes()[cut.Offset:], cut.Raw) {
		t.Errorf("cut line = %+v", cut)
	}
	if streamErr == io.EOF || !errors.Is(streamErr, io.ErrUnexpectedEOF) ||
		streamErr.Error() != "gzip: unexpected EOF: object is truncated or corrupt" {
		t.Errorf("stream error = %v", streamErr)
	}
	// The error stays.
	if _, err := lr.Next(); err != streamErr {
		t.Errorf("next error = %v", err)
	}
}

func TestLineReaderSteadyStateDoesNotAllocate(t *testing.T) {
	line := "2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 1620000000 1620000060 ACCEPT OK\n"
	input := strings.Repeat(line, 20000)
	lr := NewLineReader(strings.NewReader(input), LineOptions{})
	lr.Next() // allocate the first buffer fill
	allocs := testing.AllocsPerRun(10000, func() {
		if _, err := lr.Next(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per line", allocs)
	}
}

// NewLineReader reads straight from the buffer Decompress returns.
func TestLineReaderReusesDecompressBuffer(t *testing.T) {
	r, _, err := Decompress(strings.NewReader("a\nb\n"))
	if err != nil {
		t.Fatal(err)
	}
	lr := NewLineReader(r, LineOptions{})
	if lr.br != r {
		t.Errorf("LineReader wrapped Decompress's bufio.Reader in another")
	}
	checkEvents(t, collect(t, lr), []event{rec(1, 1, 0, "a"), rec(2, 2, 2, "b")})
}
