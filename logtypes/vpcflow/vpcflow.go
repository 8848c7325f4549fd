package vpcflow

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/parquet"
)

// New returns the vpcflow log type: Amazon VPC Flow Logs and Transit
// Gateway Flow Logs in plain text, default or custom format.
func New() siem.LogType { return logType{} }

type logType struct{}

var info = siem.Info{
	Name:        "vpcflow",
	Description: "Amazon VPC and Transit Gateway flow logs (text, default or custom format, header line naming the fields; or Parquet)",
	Dataset:     "aws.vpcflow",
	// VPC and Transit Gateway flow logs are both delivered under
	// AWSLogs/<account>/vpcflowlogs/<region>/ (or aws-service=vpcflowlogs/
	// with Hive-compatible prefixes), in files named
	// <account>_vpcflowlogs_<region>_<flow-log-id>_<time>_<hash>.log.gz.
	KeyPattern: regexp.MustCompile(`vpcflowlogs`),
	SampleKeys: []string{
		"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log.gz",
		"AWSLogs/123456789012/vpcflowlogs/eu-central-1/2026/11/27/11/123456789012_vpcflowlogs_eu-central-1_fl-0123456789abcdef0_20261127T1105Z_5e6f7a8b.log.gz",
		"AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=eu-central-1/year=2026/month=11/day=27/123456789012_vpcflowlogs_eu-central-1_fl-0123456789abcdef0_20261127T1005Z_9c0d1e2f.log.gz",
		"AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=eu-central-1/year=2026/month=11/day=27/hour=10/123456789012_vpcflowlogs_eu-central-1_fl-0123456789abcdef0_20261127T1005Z_9c0d1e2f.log.parquet",
	},
	Vendor: vendorSchema,
}

func (logType) Info() siem.Info { return info }

func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	var lines parser.Reader
	if magic, _ := br.Peek(4); string(magic) == "PAR1" {
		pl, err := openParquet(br)
		if err != nil {
			return nil, err
		}
		lines = pl
	} else {
		lines = parser.NewLineReader(br, parser.LineOptions{})
	}
	return &reader{lines: lines, key: parseKey(obj.Key)}, nil
}

// parquetLines reads a flow log delivered in Parquet as the text lines AWS
// writes for the same flows: first a header naming the file's columns,
// then each row's values in that order ("-" for null). The text path then
// reads it unchanged, so a flow gives the same document either way.
type parquetLines struct {
	rows   *parquet.Reader
	header []byte
}

func openParquet(r io.Reader) (*parquetLines, error) {
	rows, err := parquet.NewReader(r, parquet.Options{})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, c := range rows.Columns() {
		if !c.Primitive() {
			rows.Close()
			return nil, fmt.Errorf("column %s of the Parquet flow log is %s, not a flow log field; is this object really a VPC flow log?", c.Name, c.Type)
		}
		names = append(names, c.Name)
	}
	if err := rows.RowText(names); err != nil {
		rows.Close()
		return nil, err
	}
	return &parquetLines{rows: rows, header: []byte(strings.Join(names, " "))}, nil
}

func (p *parquetLines) Next() (parser.Record, error) {
	if p.header != nil {
		h := p.header
		p.header = nil
		return parser.Record{Data: h}, nil
	}
	return p.rows.Next()
}

// reader frames an object into records and normalizes them. The layout is
// built from the first line by the first Next and never changes afterwards,
// so Normalize may read it from any goroutine.
//
// It decides itself whether the first line is a header, because a flow
// log without one (records exported from CloudWatch Logs or Firehose)
// must keep its first line as a record.
type reader struct {
	// lines yields the header (when there is one) and the records: text
	// lines, or a Parquet file's rows rendered as them.
	lines  parser.Reader
	key    keyInfo
	layout *layout
	// header is the header line, nil for an object without one. A later
	// line equal to it is where delivered files were concatenated, and is
	// not a record.
	header []byte
	// number counts records, so that neither header lines nor blank lines
	// take a record number.
	number int64
	// err is why the first line could not be made sense of; every later
	// Next returns it again.
	err error
}

func (r *reader) Next() (parser.Record, error) {
	if r.layout == nil {
		if r.err != nil {
			return parser.Record{}, r.err
		}
		return r.first()
	}
	for {
		rec, err := r.lines.Next()
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				r.number++
				re.Number = r.number
			}
			return rec, err
		}
		if r.header != nil && bytes.Equal(rec.Data, r.header) {
			continue
		}
		r.number++
		rec.Number = r.number
		return rec, nil
	}
}

// first reads the first line and decides what it is: a header naming the
// fields, or the first record of an object without a header.
func (r *reader) first() (parser.Record, error) {
	rec, err := r.lines.Next()
	if err != nil {
		if re, ok := parser.AsRecordError(err); ok {
			return r.fail(fmt.Errorf("the first line of a VPC flow log must be its header, but line %d could not be read (%s); is this object really a text flow log?", re.Line, re.Reason))
		}
		return rec, err
	}
	names := parser.SplitFields(rec.Data, nil)
	if looksLikeHeader(names) {
		l, err := headerLayout(names)
		if err != nil {
			return r.fail(err)
		}
		r.layout = l
		r.header = bytes.Clone(rec.Data)
		return r.Next()
	}
	// No header: records delivered to CloudWatch Logs or Firehose and
	// exported from there have none. The column count tells which
	// documented default format the object uses.
	l, ok := headerlessLayouts[len(names)]
	if !ok {
		return r.fail(fmt.Errorf("the first line is neither a flow log header (field names such as \"version account-id interface-id\") nor a record of a default format (14 columns for VPC, 36 for Transit Gateway; also 29 or 40 for all VPC fields in documented order): it has %d columns. Deliver the flow log to S3, which writes the header, or prepend the header line of the flow log's format", len(names)))
	}
	r.layout = l
	r.number = 1
	rec.Number = 1
	return rec, nil
}

func (r *reader) fail(err error) (parser.Record, error) {
	r.err = err
	return parser.Record{}, err
}

// looksLikeHeader reports whether every token of the first line is a
// field name and at least one is a documented field. A record always has
// a token that is not a name: a digit, an address, or '-'.
func looksLikeHeader(tokens [][]byte) bool {
	known := false
	for _, t := range tokens {
		if !isName(t) {
			return false
		}
		if lookupField(string(t)) != fieldUnknown {
			known = true
		}
	}
	return known
}

func isName(t []byte) bool {
	if len(t) == 0 || !isLetter(t[0]) {
		return false
	}
	for _, c := range t[1:] {
		if !isLetter(c) && (c < '0' || c > '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// layout says which column holds which field, for one object.
type layout struct {
	// col is the column of each documented field, -1 when absent.
	col     [numFields]int16
	columns []column
	// vendor lists the columns kept under aws.vpcflow, ordered by path.
	vendor []int16
	// describe names the format in messages.
	describe string
}

type column struct {
	// name is the header name as written.
	name string
	// path is where the value is kept under aws.vpcflow.
	path string
	// arrayPath is the decoded flags' path, for tcp-flags only.
	arrayPath string
	field     field
	kind      fieldKind
}

func newLayout(names []string, describe string) *layout {
	l := &layout{columns: make([]column, len(names)), describe: describe}
	for i := range l.col {
		l.col[i] = -1
	}
	for i, name := range names {
		f := lookupField(name)
		c := column{name: name, field: f}
		if f == fieldUnknown {
			c.path = vendorPath(name)
			c.kind = kindKeyword
		} else {
			c.path = vendorPath(fields[f].name)
			c.kind = fields[f].kind
			l.col[f] = int16(i)
		}
		if c.kind == kindTCPFlags {
			c.arrayPath = c.path + "_array"
		}
		l.columns[i] = c
		if c.kind != kindMapped {
			l.vendor = append(l.vendor, int16(i))
		}
	}
	// Paths under aws.vpcflow hold no further dots, so plain string order
	// is the order the event sorts them in.
	slices.SortStableFunc(l.vendor, func(a, b int16) int {
		return strings.Compare(l.columns[a].path, l.columns[b].path)
	})
	return l
}

// maxColumns bounds the header: the documented fields number about sixty,
// and column indexes are kept in int16.
const maxColumns = 512

func headerLayout(tokens [][]byte) (*layout, error) {
	if len(tokens) > maxColumns {
		return nil, fmt.Errorf("the header names %d fields; flow logs have at most %d, so this is not a flow log header", len(tokens), maxColumns)
	}
	names := make([]string, len(tokens))
	seen := make(map[string]int, len(tokens))
	for i, t := range tokens {
		names[i] = string(t)
		canonical := vendorPath(strings.ReplaceAll(names[i], "-", "_"))
		if prev, dup := seen[canonical]; dup {
			return nil, fmt.Errorf("the header names field %q twice (columns %d and %d), so its values cannot be told apart; fix the header line", names[i], prev+1, i+1)
		}
		seen[canonical] = i
	}
	describe := strings.Join(names, " ")
	if len(describe) > 200 {
		describe = describe[:200] + "…"
	}
	return newLayout(names, "header \""+describe+"\""), nil
}

var headerlessLayouts = func() map[int]*layout {
	m := make(map[int]*layout, len(headerlessFormats))
	for n, fs := range headerlessFormats {
		names := make([]string, len(fs))
		for i, f := range fs {
			names[i] = fields[f].name
		}
		what := map[int]string{
			14: "default VPC format (version 2)",
			29: "all VPC fields of versions 2 to 5 in documented order",
			36: "default Transit Gateway format",
			40: "all VPC fields of versions 2 to 8 in documented order",
		}[n]
		m[n] = newLayout(names, "no header; read as the "+what)
	}
	return m
}()
