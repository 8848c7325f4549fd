// Command samplegen writes a large synthetic object of one log type to
// standard output, for measuring memory and throughput on objects of any
// size without storing them:
//
//	go run ./internal/samplegen/cmd/samplegen -type alb -mb 1024 | siem normalize --type alb -o /dev/null -
//
// It generates a few megabytes of varied records once and repeats them,
// keeping the object valid: a header line is written once, CloudTrail's
// and Config's records stay inside one array (samplegen.Repeat). Parquet
// objects do not grow that way and are not offered.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/siem-go/siem/internal/samplegen"
)

func main() {
	name := flag.String("type", "", "what to write: a kind of internal/samplegen (a log type, or a type and a form)")
	mb := flag.Int("mb", 1024, "approximate size in MiB (uncompressed)")
	logType := flag.Bool("logtype", false, "print the log type that reads the kind, and exit")
	list := flag.Bool("list", false, "print the kinds it can write, one a line, and exit")
	flag.Parse()
	var k samplegen.Kind
	var names []string
	for _, c := range samplegen.Kinds() {
		if c.Repeat == samplegen.Never {
			continue
		}
		names = append(names, c.Name)
		if c.Name == *name {
			k = c
		}
	}
	if *list {
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	if k.Gen == nil {
		fmt.Fprintf(os.Stderr, "samplegen: -type must be one of %v\n", names)
		os.Exit(2)
	}
	if *logType {
		fmt.Println(k.Type)
		return
	}
	// A few megabytes of varied records, repeated.
	chunk := k.Gen(k.N / 4)
	var head, body, tail []byte
	sep := []byte{}
	switch k.Repeat {
	case samplegen.InArray:
		open, close := bytes.IndexByte(chunk, '['), bytes.LastIndexByte(chunk, ']')
		head, body, tail, sep = chunk[:open+1], bytes.TrimSpace(chunk[open+1:close]), chunk[close:], []byte(",")
	case samplegen.AfterFirstLine:
		head, body = firstLine(chunk)
	case samplegen.AfterHashLines:
		head, body = hashLines(chunk)
	default:
		body = chunk
	}
	if len(body) > 0 && body[len(body)-1] != '\n' && k.Repeat != samplegen.InArray {
		body = append(body, '\n')
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	w.Write(head)
	want := int64(*mb) << 20
	for written := int64(0); written < want; written += int64(len(body)) {
		if written > 0 {
			w.Write(sep)
		}
		w.Write(body)
	}
	w.Write(tail)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "samplegen:", err)
		os.Exit(1)
	}
}

func firstLine(b []byte) (head, body []byte) {
	i := bytes.IndexByte(b, '\n')
	return b[:i+1], b[i+1:]
}

// hashLines splits off the leading '#' lines of a W3C log.
func hashLines(b []byte) (head, body []byte) {
	i := 0
	for i < len(b) && b[i] == '#' {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return b[:i], b[i:]
}
