package feed

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem/enrich/ioc"
)

// Text reads a plain list with one indicator per line: an IP address, a
// CIDR network, a domain name or a URL. Everything from a '#' or ';' to
// the end of a line is a comment, and blank lines are skipped, so lists
// like
//
//	# bad hosts, 2024-01
//	192.0.2.10
//	198.51.100.0/24   ; whole range
//	evil.example
//
// read as they are. A URL holding '#' or ';' is cut there; list such URLs
// in a STIX bundle instead. Every indicator gets the provider given.
func Text(r io.Reader, provider string) (Result, error) {
	var res Result
	if provider == "" {
		return res, fmt.Errorf("text list: no provider name given")
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if i := strings.IndexAny(text, "#;"); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if strings.ContainsAny(text, " \t") {
			res.warn(line, "", "%q holds more than one value; want one IP, CIDR, domain or URL per line", truncate(text, 80))
			continue
		}
		ind, err := ioc.Parse(text)
		if err != nil {
			res.warn(line, "", "%v; skipped", err)
			continue
		}
		ind.Provider = provider
		res.Indicators = append(res.Indicators, ind)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return res, fmt.Errorf("text list: line %d is longer than %d bytes; this is not a list of indicators", line+1, maxLine)
		}
		return res, fmt.Errorf("text list: reading line %d: %w", line+1, err)
	}
	return res, nil
}
