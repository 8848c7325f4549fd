package feed

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"github.com/siem-go/siem/enrich/ioc"
)

// TorProvider is the provider of Tor exit indicators.
const TorProvider = "tor"

// maxLine bounds the lines of text feeds; no valid line comes near it.
const maxLine = 64 << 10

// Tor reads the Tor Project's list of exit addresses
// (https://check.torproject.org/exit-addresses), blocks of lines like
//
//	ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
//	Published 2024-01-10 06:29:59
//	LastStatus 2024-01-10 07:00:00
//	ExitAddress 192.0.2.10 2024-01-10 07:01:33
//
// Each ExitAddress becomes an address indicator of provider "tor" whose
// first_seen is the relay's Published time and whose last_seen is the
// later of LastStatus and the time the address was seen exiting. Other
// keywords are ignored, so that additions to the format do not break
// reading it. Lines holding just an address, as in the bulk exit list
// (https://check.torproject.org/torbulkexitlist), are read too, without
// times.
func Tor(r io.Reader) (Result, error) {
	var res Result
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	var (
		node              string
		nodeLine          int
		published, status time.Time
		exits             []torExit
	)
	flush := func() {
		for _, x := range exits {
			ind, err := ioc.NewIP(x.addr.String())
			if err != nil {
				res.warn(x.line, "", "ExitAddress %s: %v; skipped", truncate(x.addr.String(), 60), err)
				continue
			}
			ind.Provider = TorProvider
			ind.Description = "Tor exit node " + node
			if isFingerprint(node) {
				ind.Reference = "https://metrics.torproject.org/rs.html#details/" + node
			}
			ind.FirstSeen = published
			ind.LastSeen = status
			if x.seen.After(ind.LastSeen) {
				ind.LastSeen = x.seen
			}
			if !ind.FirstSeen.IsZero() && ind.LastSeen.Before(ind.FirstSeen) {
				ind.FirstSeen = ind.LastSeen
			}
			res.Indicators = append(res.Indicators, ind)
		}
		exits = exits[:0]
	}
	line, bare := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '@' || text[0] == '#' {
			// Blank lines, annotations and comments.
			continue
		}
		keyword, rest, _ := strings.Cut(text, " ")
		rest = strings.TrimSpace(rest)
		if rest == "" {
			// The bulk exit list (/torbulkexitlist) has bare addresses.
			if a, err := netip.ParseAddr(keyword); err == nil {
				ind, err := ioc.NewIP(a.String())
				if err != nil {
					res.warn(line, "", "%v; skipped", err)
					continue
				}
				ind.Provider = TorProvider
				ind.Description = "Tor exit node"
				res.Indicators = append(res.Indicators, ind)
				bare++
				continue
			}
		}
		switch keyword {
		case "ExitNode":
			flush()
			node, nodeLine = rest, line
			published, status = time.Time{}, time.Time{}
			if !isFingerprint(node) {
				res.warn(line, "", "ExitNode %q is not a 40-digit hex fingerprint", truncate(node, 60))
			}
		case "Published", "LastStatus":
			t, ok := parseTime(rest)
			if !ok {
				res.warn(line, "", "%s time %q is not YYYY-MM-DD HH:MM:SS; the node's addresses are kept without it", keyword, truncate(rest, 60))
			}
			if keyword == "Published" {
				published = t
			} else {
				status = t
			}
		case "ExitAddress":
			if nodeLine == 0 {
				res.warn(line, "", "ExitAddress before any ExitNode line; skipped")
				continue
			}
			addr, when, _ := strings.Cut(rest, " ")
			a, err := netip.ParseAddr(addr)
			if err != nil {
				res.warn(line, "", "ExitAddress %q is not an IP address; skipped", truncate(addr, 60))
				continue
			}
			x := torExit{addr: a, line: line}
			if t, ok := parseTime(when); ok {
				x.seen = t
			} else if strings.TrimSpace(when) != "" {
				res.warn(line, "", "ExitAddress time %q is not YYYY-MM-DD HH:MM:SS; the address is kept without it", truncate(when, 60))
			}
			exits = append(exits, x)
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return res, fmt.Errorf("tor exit list: line %d is longer than %d bytes; this is not an exit-addresses file", line+1, maxLine)
		}
		return res, fmt.Errorf("tor exit list: reading line %d: %w", line+1, err)
	}
	flush()
	if nodeLine == 0 && bare == 0 && line > 0 {
		return res, fmt.Errorf("tor exit list: neither an ExitNode line nor an address in %d lines; this is not an exit list", line)
	}
	return res, nil
}

type torExit struct {
	addr netip.Addr
	line int
	seen time.Time
}

func isFingerprint(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'A' || c > 'F') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
