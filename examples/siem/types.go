package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
)

// types prints one block per registered type, in detection order: its
// name, its description, the pattern its S3 keys match and a sample key,
// so that a user can see why a file was or was not recognised and what
// to give --key. Descriptions are wrapped for a terminal; patterns and
// keys are not, so that they can be copied.
//
//	vpcflow
//	    Amazon VPC and Transit Gateway flow logs (...)
//	    key pattern  vpcflowlogs
//	    sample key   AWSLogs/123456789012/vpcflowlogs/us-east-1/...
func types(w io.Writer) error {
	return printTypes(w, registry())
}

func printTypes(w io.Writer, reg *siem.Registry) error {
	var b strings.Builder
	for i, t := range reg.Types() {
		info := t.Info()
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(info.Name + "\n")
		for _, line := range wrap(info.Description, 76) {
			fmt.Fprintf(&b, "    %s\n", line)
		}
		if info.KeyPattern == nil {
			b.WriteString("    key pattern  (none: used only when named with --type " + info.Name + ")\n")
			continue
		}
		fmt.Fprintf(&b, "    key pattern  %s\n", info.KeyPattern)
		if len(info.SampleKeys) > 0 {
			fmt.Fprintf(&b, "    sample key   %s\n", info.SampleKeys[0])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrap breaks s into lines of at most width bytes at spaces; a word
// longer than width gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
