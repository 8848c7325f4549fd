package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/siem-go/siem"
)

// types prints one line per registered type, in detection order.
func types(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDESCRIPTION\tKEY PATTERN")
	for _, t := range siem.Default().Types() {
		info := t.Info()
		pattern := "(by name only)"
		if info.KeyPattern != nil {
			pattern = info.KeyPattern.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", info.Name, info.Description, pattern)
	}
	return tw.Flush()
}
