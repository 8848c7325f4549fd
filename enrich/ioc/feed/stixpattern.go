package feed

import (
	"errors"
	"fmt"
	"strings"
)

// stixComparison is one supported comparison of a STIX pattern:
// `<type>:value = '<literal>'`, or ISSUBSET '<cidr>' for addresses.
type stixComparison struct {
	objectType string // ipv4-addr, ipv6-addr, domain-name or url
	value      string
	subset     bool
}

// The STIX pattern subset read here is any OR of comparisons between an
// observable's value and a string: within one observation
// ([a:value = 'x' OR b:value = 'y']), across observations
// ([a:value = 'x'] OR [b:value = 'y']) and in parentheses. Each
// comparison matches on its own, so each becomes one indicator. AND,
// FOLLOWEDBY, NOT, qualifiers (WITHIN, START/STOP, REPEATS), other
// operators and other object paths need several facts at once, or facts
// the database does not hold, and are refused with the reason.
func parseSTIXPattern(s string) ([]stixComparison, error) {
	toks, err := stixTokens(s)
	if err != nil {
		return nil, err
	}
	p := &stixParser{toks: toks}
	if err := p.pattern(); err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.unexpected(t, "end of pattern")
	}
	return p.out, nil
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokLBracket
	tokRBracket
	tokLParen
	tokRParen
	tokString // a '...' literal, unescaped
	tokWord   // keywords and object paths
	tokOp     // = != < > <= >=
	tokOther  // numbers, commas, t'...', b'...', h'...'
)

type token struct {
	kind tokKind
	text string
	pos  int
}

// errUnsupported marks patterns that are valid STIX but beyond the
// subset read here.
var errUnsupported = errors.New("unsupported")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUnsupported, fmt.Sprintf(format, args...))
}

func stixTokens(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '[':
			toks = append(toks, token{tokLBracket, "[", i})
			i++
		case c == ']':
			toks = append(toks, token{tokRBracket, "]", i})
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokOther, ",", i})
			i++
		case c == '\'':
			lit, end, err := stixString(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokString, lit, i})
			i = end
		case c == '=' || c == '!' || c == '<' || c == '>':
			j := i + 1
			if j < len(s) && s[j] == '=' {
				j++
			}
			if s[i:j] == "!" {
				return nil, fmt.Errorf("pattern syntax: '!' at offset %d is not an operator", i)
			}
			toks = append(toks, token{tokOp, s[i:j], i})
			i = j
		case isWordByte(c):
			j := i
			for j < len(s) {
				if isWordByte(s[j]) {
					j++
					continue
				}
				// A quoted path component: file:hashes.'SHA-256'.
				if s[j] == '\'' && j > i && s[j-1] == '.' {
					_, end, err := stixString(s, j)
					if err != nil {
						return nil, err
					}
					j = end
					continue
				}
				break
			}
			word := s[i:j]
			if (word == "t" || word == "b" || word == "h") && j < len(s) && s[j] == '\'' {
				_, end, err := stixString(s, j)
				if err != nil {
					return nil, err
				}
				toks = append(toks, token{tokOther, s[i:end], i})
				i = end
				continue
			}
			kind := tokWord
			if c >= '0' && c <= '9' || c == '-' {
				kind = tokOther
			}
			toks = append(toks, token{kind, word, i})
			i = j
		default:
			return nil, fmt.Errorf("pattern syntax: unexpected %q at offset %d", c, i)
		}
	}
	return append(toks, token{tokEOF, "", len(s)}), nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == ':' || c == '.' || c == '+' || c == '*'
}

// stixString reads the quoted string literal that starts at s[i], in
// which a backslash escapes a quote or a backslash.
func stixString(s string, i int) (string, int, error) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && (s[j+1] == '\'' || s[j+1] == '\\') {
				b.WriteByte(s[j+1])
				j++
				continue
			}
			return "", 0, fmt.Errorf("pattern syntax: bad escape in the string at offset %d", i)
		case '\'':
			return b.String(), j + 1, nil
		default:
			b.WriteByte(s[j])
		}
	}
	return "", 0, fmt.Errorf("pattern syntax: string at offset %d is not closed", i)
}

type stixParser struct {
	toks  []token
	i     int
	depth int
	out   []stixComparison
}

const maxPatternDepth = 50

func (p *stixParser) peek() token { return p.toks[p.i] }

func (p *stixParser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func isWord(t token, w string) bool { return t.kind == tokWord && strings.EqualFold(t.text, w) }

func (p *stixParser) unexpected(t token, want string) error {
	got := t.text
	if t.kind == tokEOF {
		got = "end of pattern"
	}
	return fmt.Errorf("pattern syntax: want %s, got %q at offset %d", want, got, t.pos)
}

func (p *stixParser) enter() error {
	p.depth++
	if p.depth > maxPatternDepth {
		return fmt.Errorf("pattern syntax: nested deeper than %d", maxPatternDepth)
	}
	return nil
}

// pattern reads observation expressions joined by OR.
func (p *stixParser) pattern() error {
	for {
		if err := p.observation(); err != nil {
			return err
		}
		t := p.peek()
		switch {
		case isWord(t, "OR"):
			p.next()
		case isWord(t, "AND"), isWord(t, "FOLLOWEDBY"):
			return unsupported("observations joined by %s must all occur", strings.ToUpper(t.text))
		case isWord(t, "WITHIN"), isWord(t, "START"), isWord(t, "REPEATS"):
			return unsupported("the %s qualifier", strings.ToUpper(t.text))
		default:
			return nil
		}
	}
}

// observation reads [comparisons] or (pattern).
func (p *stixParser) observation() error {
	switch t := p.next(); t.kind {
	case tokLBracket:
		if err := p.comparisons(); err != nil {
			return err
		}
		if t := p.next(); t.kind != tokRBracket {
			return p.unexpected(t, "']'")
		}
		return nil
	case tokLParen:
		if err := p.enter(); err != nil {
			return err
		}
		if err := p.pattern(); err != nil {
			return err
		}
		p.depth--
		if t := p.next(); t.kind != tokRParen {
			return p.unexpected(t, "')'")
		}
		return nil
	default:
		return p.unexpected(t, "'[' to start an observation")
	}
}

// comparisons reads comparisons joined by OR.
func (p *stixParser) comparisons() error {
	for {
		if err := p.comparison(); err != nil {
			return err
		}
		t := p.peek()
		switch {
		case isWord(t, "OR"):
			p.next()
		case isWord(t, "AND"):
			return unsupported("comparisons joined by AND must all hold at once")
		default:
			return nil
		}
	}
}

var stixTypes = map[string]bool{"ipv4-addr": true, "ipv6-addr": true, "domain-name": true, "url": true}

func (p *stixParser) comparison() error {
	t := p.next()
	switch {
	case t.kind == tokLParen:
		if err := p.enter(); err != nil {
			return err
		}
		if err := p.comparisons(); err != nil {
			return err
		}
		p.depth--
		if t := p.next(); t.kind != tokRParen {
			return p.unexpected(t, "')'")
		}
		return nil
	case isWord(t, "NOT"):
		return unsupported("NOT")
	case t.kind != tokWord:
		return p.unexpected(t, "an object path such as ipv4-addr:value")
	}
	objType, prop, ok := strings.Cut(t.text, ":")
	if !ok {
		return p.unexpected(t, "an object path such as ipv4-addr:value")
	}
	if !stixTypes[objType] || prop != "value" {
		return unsupported("the object path %s (only ipv4-addr, ipv6-addr, domain-name and url values are matched)", t.text)
	}
	op := p.next()
	subset := false
	switch {
	case op.kind == tokOp && op.text == "=":
	case isWord(op, "ISSUBSET") && (objType == "ipv4-addr" || objType == "ipv6-addr"):
		subset = true
	case isWord(op, "NOT"):
		return unsupported("NOT")
	case op.kind == tokOp || op.kind == tokWord:
		return unsupported("the operator %s on %s", op.text, t.text)
	default:
		return p.unexpected(op, "an operator")
	}
	lit := p.next()
	if lit.kind != tokString {
		if lit.kind == tokLParen {
			return unsupported("a set of values in %s", t.text)
		}
		return p.unexpected(lit, "a quoted string")
	}
	p.out = append(p.out, stixComparison{objectType: objType, value: lit.text, subset: subset})
	return nil
}
