// Command samplegen writes a large synthetic object of one log type to
// standard output, for measuring memory and throughput on objects of any
// size without storing them:
//
//	go run ./internal/samplegen/cmd/samplegen -type alb -mb 1024 | siem normalize --type alb -o /dev/null -
//
// It generates a few megabytes of varied records once and repeats them,
// keeping the object valid: a header line is written once, CloudTrail's
// records stay inside one {"Records":[...]} array.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/siem-go/siem/internal/samplegen"
)

// kinds are the types it can write: a generator and how its output
// repeats.
var kinds = map[string]struct {
	gen    func(n int) []byte
	n      int
	header func(b []byte) (head, body []byte)
	wrap   bool // CloudTrail: records inside one array
}{
	"cloudtrail":      {gen: samplegen.CloudTrail, n: 5000, wrap: true},
	"vpcflow":         {gen: samplegen.VPCFlow, n: 50000, header: firstLine},
	"alb":             {gen: samplegen.ALB, n: 20000},
	"nlb":             {gen: samplegen.NLB, n: 20000},
	"clb":             {gen: samplegen.CLB, n: 20000},
	"waf":             {gen: samplegen.WAF, n: 5000},
	"s3accesslog":     {gen: samplegen.S3AccessLog, n: 20000},
	"route53resolver": {gen: samplegen.Route53Resolver, n: 20000},
	"apache-access":   {gen: samplegen.ApacheAccess, n: 20000},
	"nginx-access":    {gen: samplegen.NginxAccess, n: 20000},
	"linux-secure":    {gen: samplegen.LinuxSecure, n: 20000},
	"guardduty":       {gen: samplegen.GuardDuty, n: 2000},
	"cloudfront":      {gen: samplegen.CloudFront, n: 20000, header: hashLines},
	"networkfirewall": {gen: samplegen.NetworkFirewall, n: 20000},
}

func main() {
	typ := flag.String("type", "", "log type to write")
	mb := flag.Int("mb", 1024, "approximate size in MiB (uncompressed)")
	flag.Parse()
	k, ok := kinds[*typ]
	if !ok {
		var names []string
		for n := range kinds {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "samplegen: -type must be one of %v\n", names)
		os.Exit(2)
	}
	chunk := k.gen(k.n)
	var head, body, tail []byte
	sep := []byte{}
	switch {
	case k.wrap:
		open, close := bytes.IndexByte(chunk, '['), bytes.LastIndexByte(chunk, ']')
		head, body, tail, sep = chunk[:open+1], bytes.TrimSpace(chunk[open+1:close]), chunk[close:], []byte(",")
	case k.header != nil:
		head, body = k.header(chunk)
	default:
		body = chunk
	}
	if len(body) > 0 && body[len(body)-1] != '\n' && !k.wrap {
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
