package multiline_test

import (
	"io"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

// messageList yields records, then a record error, then EOF.
type messageList struct {
	recs []parser.Record
	errs map[int]error
	i    int
}

func (m *messageList) Next() (parser.Record, error) {
	defer func() { m.i++ }()
	if err, ok := m.errs[m.i]; ok {
		return parser.Record{}, err
	}
	if m.i >= len(m.recs) {
		return parser.Record{}, io.EOF
	}
	return m.recs[m.i], nil
}

func TestJoinMessages(t *testing.T) {
	a := &parser.Delivery{ID: "a"}
	b := &parser.Delivery{ID: "b"}
	msg := func(s string, d *parser.Delivery) parser.Record { return parser.Record{Data: []byte(s), Delivery: d} }
	in := &messageList{recs: []parser.Record{
		msg("2024 start one", a), msg("  at x", a), msg("  at y", a),
		msg("  from another source", b),
		msg("2024 start two", a), msg("0123456789", a),
		msg("2024 three", a),
	}, errs: map[int]error{7: &parser.RecordError{Number: 99, Reason: "broken"}}}
	j := multiline.JoinMessages(in, regexp.MustCompile(`^2024 `), 21)
	var got []string
	var nums []int64
	for {
		rec, err := j.Next()
		if err == io.EOF {
			break
		}
		if re, ok := parser.AsRecordError(err); ok {
			got = append(got, "error: "+re.Reason)
			nums = append(nums, re.Number)
			continue
		}
		require.NoError(t, err)
		got = append(got, string(rec.Data))
		nums = append(nums, rec.Number)
	}
	assert.Equal(t, []string{
		"2024 start one\n  at x", // a third line would pass 21 bytes
		"  at y",
		"  from another source", // another source never continues a record
		"2024 start two",        // 25 bytes with the next: too long
		"0123456789",
		"2024 three",
		"error: broken",
	}, got)
	assert.Equal(t, []int64{1, 2, 3, 4, 5, 6, 7}, nums)
}
