package multiline

import (
	"regexp"

	"github.com/siem-go/siem/parser"
)

// JoinMessages reads the messages of an envelope (a CloudWatch Logs
// subscription, FireLens) as records grouped by start: a message that
// start does not match continues the record before it when it came from
// the same source (the same delivery, or deliveries sharing their Meta),
// as a stack trace logged one line per event does. A continuation that
// would make the record longer than maxRecordBytes (counting the "\n"
// joining it) opens a record instead. Records, and record errors from in,
// are renumbered in order; a record's Data stays valid until the next
// call.
func JoinMessages(in parser.Reader, start *regexp.Regexp, maxRecordBytes int) parser.Reader {
	return &joiner{in: in, start: start, max: maxRecordBytes}
}

type joiner struct {
	in    parser.Reader
	start *regexp.Regexp
	max   int
	n     int64
	cur   parser.Record
	buf   []byte
	have  bool
	// A message or error read ahead, due at the next call.
	pRec    parser.Record
	pErr    error
	pending bool
}

func (j *joiner) read() (parser.Record, error) {
	if j.pending {
		j.pending = false
		return j.pRec, j.pErr
	}
	return j.in.Next()
}

func (j *joiner) Next() (parser.Record, error) {
	for {
		rec, err := j.read()
		if err != nil {
			if j.have {
				j.pRec, j.pErr, j.pending = rec, err, true
				return j.flush(), nil
			}
			if re, ok := parser.AsRecordError(err); ok {
				j.n++
				c := *re
				c.Number = j.n
				return parser.Record{}, &c
			}
			return parser.Record{}, err
		}
		if j.have && !j.start.Match(rec.Data) && sameSource(j.cur.Delivery, rec.Delivery) && len(j.buf)+1+len(rec.Data) <= j.max {
			j.buf = append(append(j.buf, '\n'), rec.Data...)
			continue
		}
		if j.have {
			// Its Data stays valid: the source is not read again before
			// it is used.
			j.pRec, j.pErr, j.pending = rec, nil, true
			return j.flush(), nil
		}
		j.cur, j.have = rec, true
		j.buf = append(j.buf[:0], rec.Data...)
	}
}

// flush returns the record being built.
func (j *joiner) flush() parser.Record {
	j.have = false
	j.n++
	r := j.cur
	r.Number = j.n
	r.Data = j.buf
	j.buf = nil // the returned Data stays valid until the next call
	return r
}

func sameSource(a, b *parser.Delivery) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || (a.Meta != nil && a.Meta == b.Meta)
}
