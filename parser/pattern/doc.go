// Package pattern parses text lines described by a regular expression with
// named groups: web server access and error logs (Apache, NGINX), database
// audit logs (RDS MySQL), and any line format a grok pattern would
// describe.
//
// # Use
//
// A Pattern is compiled once, typically into a package variable, and names
// the format it describes. The hot path does no string lookups: resolve
// each group's index once with Group, then, per line, call Match with a
// Match reused from line to line and read groups by index with Bytes:
//
//	var combined = pattern.MustCompile("Apache combined log format", `^(?P<client>\S+) ...`)
//	var client = combined.Group("client")
//
//	var m pattern.Match
//	if !combined.Match(line, &m) {
//		return combined.NoMatch() // "line does not match the Apache combined log format"
//	}
//	ip := m.Bytes(client)
//
// Patterns tries several patterns in order (Apache's combined, then common,
// then vhost_combined access log) and reports which one matched; its group
// indexes name the same group whichever pattern matched.
//
// A Pattern is a parser, not a framing: it reads the records a framing
// cut, lines from parser.LineReader or multi-line records from package
// multiline (write (?s) for a group that may span lines).
//
// # Cost and limits
//
// Patterns are Go regular expressions (RE2 syntax, package regexp), which
// run in time linear in the line whatever the pattern and the input: no
// backtracking blow-up, so a hostile line cannot stall a reader (the
// package's tests check this anyway). The line's length is bounded by the
// framing that cut it. An anchored pattern (^ and $) is both stricter and
// faster: an unanchored one is tried from every position of a line that
// does not match.
//
// Match reuses the caller's Match and allocates nothing of its own; a
// matched line still costs one allocation, the submatch positions package
// regexp returns (it has no variant that fills a caller's slice), and a
// line that does not match costs none. Groups alias the line.
//
// # Errors
//
// NoMatch returns a *NoMatchError naming the format, built once, so that
// reporting a line that does not match costs nothing: "line does not match
// the Apache combined log format", or for a Patterns "line does not match
// the Apache access log format (tried the Apache combined log format, the
// Apache common log format, ...)". A normalizer returns it to dead-letter
// the record.
//
// # Choices
//
// Patterns are not anchored implicitly, because some formats are matched
// on their prefix on purpose (Elastic matches NGINX access lines without
// the end anchor, so that extra fields at the end do not fail a line). A
// group name may repeat in the branches of an alternation; Bytes returns
// the first such group that took part in the match. The package ships no
// format's pattern: those belong to the log types that read them.
package pattern
