// Package kv parses lines of key=value pairs, such as
//
//	user=alice src=192.0.2.1 msg="login failed: bad \"password\"" action=deny empty= x='single quoted'
//
// into their pairs, in order. It is a value parser: it is given one line
// (or one part of a record, such as a CEF extension or the message of a
// syslog line) and knows nothing of log types.
//
// Parse appends the pairs to a slice the caller gives and reuses, and the
// pairs alias the line, so reading a line allocates nothing once the
// slice is large enough. Values keep their escapes as written
// (Pair.RawValue); Pair.Value and Pair.AppendValue decode them only when
// asked, into a buffer the caller gives. Duplicate keys are all kept, in
// order: whether the first, the last or all of them count is the caller's
// choice (First returns the first).
//
// # Syntax
//
// A line is pairs separated by separators. A key is one or more bytes
// other than blanks (space, tab), the separator, the assign byte, the
// quotes and, with EscapesEverywhere, the backslash; then comes the assign
// byte ("=" by default), then the value,
// possibly empty. A value that starts with a quote runs to the matching
// quote, which must be followed by a separator or the end of the line; a
// value that does not runs to the next separator, or, with
// Options.ValuesToNextKey, to the next separator followed by a key and
// the assign byte. A quote inside an unquoted value is an ordinary byte.
//
// The default separator is any run of spaces and tabs. A single-byte
// Options.Separator (tab, "|", ",", ";") separates pairs on its own, so
// values may hold spaces; blanks before a key and at the end of an
// unquoted value are then dropped ("name=apache, UID=48" with ',' gives
// "name" and "UID"), and empty pairs are skipped.
//
// # Escapes
//
// By default a backslash escapes the byte after it inside quoted values
// only (EscapesInQuotes): `"bad \"password\""` is one value. Unquoted
// values are raw, because producers write Windows paths unescaped
// (`path=C:\Windows\Temp`). EscapesEverywhere also reads escapes in
// unquoted values, as CEF extensions need (`\=`, `\\`, `\n`);
// EscapesNone makes the backslash an ordinary byte everywhere.
//
// Decoding, chosen to keep unescaped Windows paths intact: "\n", "\r"
// and "\t" are a newline, a carriage return and a tab; a backslash before
// a space or ASCII punctuation stands for that byte; a backslash before a
// letter, a digit or a non-ASCII byte is kept with it ("C:\Windows" stays
// as written). Pair.Escaped is set only when a value has a backslash
// that the chosen Escapes mode applies to.
//
// # Errors and limits
//
// A line that does not follow the syntax gives an *Error with the byte
// offset and what was expected: a key ("=x", a quote where a key should
// start), the assign byte after a key (a bare word such as "garbage"), a
// closing quote (reported at the opening quote), or a separator right
// after a closing quote (`k="a"b`). The pairs read before the error are
// returned with it, so a caller may keep them. Parsing never panics and
// runs in time linear in the line's length, even with ValuesToNextKey.
//
// Not covered: quoted keys, multi-byte separators (a separator of ", "
// is read as ',' with the blanks dropped), and values that span lines.
// With ValuesToNextKey, a word followed by the assign byte inside a value
// ("msg=user logged in with role=admin") starts a new pair: the format is
// ambiguous there, and this is what its producers' own parsers do.
package kv
