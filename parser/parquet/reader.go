package parquet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/siem-go/siem/parser"
)

// Defaults for the zero values of Options.
const (
	// DefaultMaxSpoolBytes bounds an object spooled to disk: 1 GiB, well
	// above the Parquet objects AWS writes (Firehose buffers at most
	// 128 MiB before conversion; Security Lake and VPC Flow Logs files are
	// smaller still).
	DefaultMaxSpoolBytes = 1 << 30
	// DefaultMaxPageBytes bounds one page and the footer: 64 MiB. Writers
	// cut pages at about 1 MiB (parquet-mr, Arrow, Spark, parquet-go).
	DefaultMaxPageBytes = 64 << 20
	// DefaultBatchRows is how many rows are decoded at a time.
	DefaultBatchRows = 256
)

// batchValues bounds the values of one batch: rows with long lists are
// decoded fewer at a time, so a batch stays near 3 MiB of values whatever
// the rows hold.
const batchValues = 1 << 17

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// TempDir is where a stream without random access is spooled; ""
	// means os.TempDir().
	TempDir string
	// MaxSpoolBytes bounds an object that has to be spooled. A larger one
	// is an ErrTooLarge error. 0 means DefaultMaxSpoolBytes.
	MaxSpoolBytes int64
	// MaxPageBytes bounds what one page may need: its compressed and
	// uncompressed sizes, 8 bytes per value it declares and, for
	// delta-encoded strings, their decoded size. The footer must fit in it
	// too. More is an ErrTooLarge error. 0 means DefaultMaxPageBytes.
	MaxPageBytes int64
	// MaxRecordBytes bounds one rendered record. A longer row is reported
	// as a *parser.RecordError holding its first MaxRecordBytes bytes, and
	// reading goes on. 0 means parser.DefaultMaxRecordBytes.
	MaxRecordBytes int
	// BatchRows is the most rows decoded at once. 0 means
	// DefaultBatchRows.
	BatchRows int
}

func (o *Options) setDefaults() {
	if o.MaxSpoolBytes <= 0 {
		o.MaxSpoolBytes = DefaultMaxSpoolBytes
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = DefaultMaxPageBytes
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = parser.DefaultMaxRecordBytes
	}
	if o.BatchRows <= 0 {
		o.BatchRows = DefaultBatchRows
	}
}

// Reader reads the rows of a Parquet file as records. It is a
// parser.Reader; see the package documentation for what a record holds.
// Call Close when done with it.
type Reader struct {
	opt  Options
	ra   io.ReaderAt
	size int64
	// spool is the temporary file holding a spooled stream; spoolName is
	// set when it could not be removed at once.
	spool     *os.File
	spoolName string

	file   *pq.File
	meta   *format.FileMetaData
	root   *node
	leaves []*node
	cols   []Column
	// dataEnd is where the footer begins: column chunks lie before it.
	dataEnd int64

	// The row group being read: its index, rows reader, how many of its
	// rows were read, whether its columns ran out, its byte offset, and
	// the number of rows in the groups before it.
	group     int
	groupDone bool
	rows      pq.Rows
	read      int64
	exhausted bool
	offset    int64
	before    int64
	// single is set after a batch failed: rows are then read one at a
	// time, so every row before the damage is delivered.
	single bool

	batch          []pq.Row
	batchLen, next int
	batchSize      int

	// The pages of the row group being read (see pages.go), the first
	// damaged one met, and buffers and decoders for checking them.
	pages      []pageInfo
	pageErr    *Error
	scratch    []byte
	raw, plain []byte
	zstd       *zstd.Decoder
	gzip       *gzip.Reader
	brotli     *brotli.Reader

	number int64
	w      *renderer
	text   []*node
	err    error
}

// NewReader opens the Parquet file r holds. It reads the footer, so a
// file that is not Parquet, truncated or with a damaged footer fails here
// with an *Error.
//
// When r is an io.ReaderAt of known size (*os.File on a regular file,
// *bytes.Reader, *strings.Reader, *io.SectionReader or any io.ReaderAt
// with a Size() int64 method) it is read in place. Any other reader is
// first copied to a temporary file in Options.TempDir, at most
// Options.MaxSpoolBytes of it: Parquet puts its footer at the end, so the
// file cannot be read front to back. The temporary file is removed from
// its directory as soon as it is created (where the system allows; else
// by Close) and closed at the end of reading or by Close.
func NewReader(r io.Reader, opt Options) (*Reader, error) {
	opt.setDefaults()
	pr := &Reader{opt: opt, group: -1, groupDone: true, batchSize: opt.BatchRows}
	if err := pr.source(r); err != nil {
		pr.Close()
		return nil, err
	}
	if err := pr.open(); err != nil {
		pr.Close()
		return nil, err
	}
	pr.w = newRenderer(pr.root, len(pr.leaves), opt.MaxRecordBytes)
	return pr, nil
}

type sizedReaderAt interface {
	io.ReaderAt
	Size() int64
}

// source finds random access to r, spooling it when it has none.
func (r *Reader) source(src io.Reader) error {
	switch s := src.(type) {
	case sizedReaderAt:
		r.ra, r.size = s, s.Size()
		return nil
	case *os.File:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			r.ra, r.size = s, fi.Size()
			return nil
		}
	}
	return r.spoolFrom(src)
}

func (r *Reader) spoolFrom(src io.Reader) error {
	f, err := os.CreateTemp(r.opt.TempDir, "siem-parquet-*")
	if err != nil {
		return fileError(ErrSpool, "cannot create a temporary file", "set Options.TempDir to a writable directory with room for the object", err)
	}
	r.spool = f
	if os.Remove(f.Name()) != nil {
		// Systems that cannot remove an open file: Close removes it.
		r.spoolName = f.Name()
	}
	buf := make([]byte, spoolBufferBytes)
	var n int64
	for {
		m, rerr := src.Read(buf)
		if m > 0 {
			if n+int64(m) > r.opt.MaxSpoolBytes {
				return fileError(ErrTooLarge, fmt.Sprintf("the object is larger than Options.MaxSpoolBytes (%d bytes)", r.opt.MaxSpoolBytes),
					"raise Options.MaxSpoolBytes, or pass an io.ReaderAt (such as an *os.File) so that the object is read in place", nil)
			}
			if _, err := f.Write(buf[:m]); err != nil {
				return fileError(ErrSpool, "cannot write the temporary file", "set Options.TempDir to a directory with room for the object", err)
			}
			n += int64(m)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return fileError(ErrTruncated, fmt.Sprintf("reading the object failed after %d bytes", n), "the object could not be read whole; retry it", rerr)
		}
	}
	r.ra, r.size = f, n
	return nil
}

// spoolBufferBytes is the size of the reads that spool a stream.
const spoolBufferBytes = 256 << 10

// open reads and checks the footer and builds the schema.
func (r *Reader) open() error {
	if err := r.checkEnds(); err != nil {
		return err
	}
	var tail [8]byte
	if _, err := r.ra.ReadAt(tail[:], r.size-8); err != nil {
		return fileError(ErrTruncated, "reading the footer", adviceTruncated, err)
	}
	footerLen := int64(uint32(tail[0]) | uint32(tail[1])<<8 | uint32(tail[2])<<16 | uint32(tail[3])<<24)
	if footerLen > r.size-12 {
		return fileError(ErrCorrupt, fmt.Sprintf("the footer claims %d bytes but the file holds only %d", footerLen, r.size), adviceCorrupt, nil)
	}
	if footerLen > r.opt.MaxPageBytes {
		return fileError(ErrTooLarge, fmt.Sprintf("the footer is %d bytes, over Options.MaxPageBytes (%d)", footerLen, r.opt.MaxPageBytes), "raise Options.MaxPageBytes", nil)
	}
	r.dataEnd = r.size - 8 - footerLen
	footer := make([]byte, footerLen)
	if _, err := r.ra.ReadAt(footer, r.dataEnd); err != nil {
		return fileError(ErrTruncated, "reading the footer", adviceTruncated, err)
	}
	meta, err := decodeFooter(footer)
	if err != nil {
		return err
	}
	r.meta = meta
	if r.root, err = r.checkMeta(); err != nil {
		return err
	}
	r.leaves = r.root.leafNodes(nil)
	r.cols = r.root.columns()
	return r.openFile()
}

// checkEnds looks for the magic bytes at both ends.
func (r *Reader) checkEnds() error {
	if r.size == 0 {
		return fileError(ErrNotParquet, "the object is empty", "a Parquet file holds at least 12 bytes; check which object this is", nil)
	}
	var head [4]byte
	n, err := r.ra.ReadAt(head[:], 0)
	if n < len(head) && err != nil && err != io.EOF {
		return fileError(ErrTruncated, "reading the start of the object", "retry the object", err)
	}
	switch {
	case string(head[:n]) == "PARE":
		return fileError(ErrUnsupported, "the file is encrypted (its magic bytes are \"PARE\")", "encrypted Parquet files are not read; decrypt the file first", nil)
	case n < 4 || string(head[:]) != "PAR1":
		if n < 4 && strings.HasPrefix("PAR1", string(head[:n])) {
			return fileError(ErrTruncated, fmt.Sprintf("the object holds only %d bytes", r.size), adviceTruncated, nil)
		}
		return fileError(ErrNotParquet, fmt.Sprintf("it starts with %q, not \"PAR1\"", head[:n]), notParquetAdvice(head[:n]), nil)
	case r.size < 12:
		return fileError(ErrTruncated, fmt.Sprintf("it starts with \"PAR1\" but holds only %d bytes", r.size), adviceTruncated, nil)
	}
	var end [4]byte
	if _, err := r.ra.ReadAt(end[:], r.size-4); err != nil {
		return fileError(ErrTruncated, "reading the end of the object", "retry the object", err)
	}
	switch string(end[:]) {
	case "PAR1":
		return nil
	case "PARE":
		return fileError(ErrUnsupported, "the footer is encrypted (the file ends with \"PARE\")", "encrypted Parquet files are not read; decrypt the file first", nil)
	}
	return fileError(ErrTruncated, fmt.Sprintf("it starts with \"PAR1\" but ends with %q, not \"PAR1\": the footer is missing", end[:]), adviceTruncated, nil)
}

func notParquetAdvice(head []byte) string {
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return "it is gzip-compressed: decompress it first (parser.Decompress)"
	case len(head) >= 4 && string(head) == "\x28\xb5\x2f\xfd":
		return "it is zstd-compressed: decompress it first (parser.Decompress)"
	case len(head) >= 2 && string(head[:2]) == "PK":
		return "it is a zip archive: decompress it first (parser.Decompress)"
	}
	return "check the object's log type: this framing reads Parquet files only"
}

// checkMeta checks the decoded footer for what parquet-go does not check
// before it allocates, and builds the schema tree.
func (r *Reader) checkMeta() (*node, error) {
	m := r.meta
	if m.EncryptionAlgorithm.Value != nil {
		return nil, fileError(ErrUnsupported, "the file has encrypted columns", "encrypted Parquet files are not read; decrypt the file first", nil)
	}
	root, leaves, err := buildSchema(m.Schema)
	if err != nil {
		return nil, fileError(ErrCorrupt, "the schema in the footer is invalid", adviceCorrupt, err)
	}
	// parquet-go opens every row group when it opens the file, so they
	// must all have their column chunks; checkGroup checks the rest of a
	// row group when it is reached.
	for g := range m.RowGroups {
		if n := len(m.RowGroups[g].Columns); n != leaves {
			return nil, &Error{Kind: ErrCorrupt, RowGroup: g, Reason: fmt.Sprintf("the row group has %d column chunks but the schema has %d columns", n, leaves), Advice: adviceCorrupt}
		}
	}
	return root, nil
}

// checkGroup checks the metadata of row group g before it is read.
func (r *Reader) checkGroup(g int) error {
	m := r.meta
	rg := &m.RowGroups[g]
	if rg.NumRows < 0 {
		return &Error{Kind: ErrCorrupt, RowGroup: g, Reason: fmt.Sprintf("the row group claims %d rows", rg.NumRows), Advice: adviceCorrupt}
	}
	for i := range rg.Columns {
		c := &rg.Columns[i]
		fail := func(kind error, reason, advice string) error {
			return &Error{Kind: kind, RowGroup: g, Column: r.root.path(i), Reason: reason, Advice: advice}
		}
		if c.FilePath != "" {
			return fail(ErrUnsupported, fmt.Sprintf("the column chunk is stored in another file (%q)", c.FilePath), "read a file that holds its own data")
		}
		if c.CryptoMetadata.Value != nil || len(c.EncryptedColumnMetadata) > 0 {
			return fail(ErrUnsupported, "the column chunk is encrypted", "encrypted Parquet files are not read; decrypt the file first")
		}
		codec := c.MetaData.Codec
		if !supportedCodec(codec) {
			return fail(ErrUnsupported, fmt.Sprintf("the column chunk is compressed with %s, which is not supported", codec), "rewrite the file with SNAPPY, GZIP, ZSTD, LZ4_RAW or BROTLI compression")
		}
		// parquet-go decodes every chunk of a column with the codec of its
		// chunk in row group 0.
		if first := m.RowGroups[0].Columns[i].MetaData.Codec; codec != first {
			return fail(ErrUnsupported, fmt.Sprintf("the column is compressed with %s here but with %s in row group 0, which parquet-go cannot read", codec, first), "rewrite the file with one codec per column")
		}
	}
	return nil
}

func supportedCodec(c format.CompressionCodec) bool {
	switch c {
	case format.Uncompressed, format.Snappy, format.Gzip, format.Brotli, format.Zstd, format.Lz4Raw:
		return true
	}
	return false
}

// openFile opens the file with parquet-go, turning a panic on a damaged
// footer into an error, and checks that it sees the schema as buildSchema
// did.
func (r *Reader) openFile() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fileError(ErrCorrupt, "the footer cannot be read", adviceCorrupt, fmt.Errorf("%v", p))
		}
	}()
	f, err := pq.OpenFile(guard{r}, r.size, pq.SkipPageIndex(true), pq.SkipBloomFilters(true))
	if err != nil {
		return fileError(ErrCorrupt, "the footer cannot be read", adviceCorrupt, err)
	}
	var leaves []*pq.Column
	var walk func(c *pq.Column)
	walk = func(c *pq.Column) {
		if c.Leaf() {
			leaves = append(leaves, c)
			return
		}
		for _, k := range c.Columns() {
			walk(k)
		}
	}
	walk(f.Root())
	if len(leaves) != len(r.leaves) {
		return fileError(ErrCorrupt, fmt.Sprintf("the schema has %d or %d leaf columns depending on how it is read", len(leaves), len(r.leaves)), adviceCorrupt, nil)
	}
	for i, c := range leaves {
		n := r.leaves[i]
		if c.Index() != i || c.MaxDefinitionLevel() != n.def || c.MaxRepetitionLevel() != n.rep {
			return fileError(ErrCorrupt, fmt.Sprintf("column %q is not where its schema puts it", r.root.path(i)), adviceCorrupt, nil)
		}
	}
	// parquet-go decoded the footer again and keeps its copy for the
	// whole read; keeping ours too would hold two copies of metadata
	// that grows with the row groups (some 165 KB each for Security
	// Lake's 90 columns). Ours was only needed to check the footer
	// before parquet-go allocated by it: from here on, use parquet-go's,
	// which decoded the same bytes.
	pm := f.Metadata()
	if pm.NumRows != r.meta.NumRows || len(pm.RowGroups) != len(r.meta.RowGroups) {
		return fileError(ErrCorrupt, "the footer reads differently twice", adviceCorrupt, nil)
	}
	r.meta = pm
	r.file = f
	return nil
}

// Columns describes the file's top-level columns in schema order, for
// callers that map rows to their own layout. Groups that hold no column
// are left out.
func (r *Reader) Columns() []Column {
	return append([]Column(nil), r.cols...)
}

// NumRows is the number of rows the footer declares.
func (r *Reader) NumRows() int64 { return r.meta.NumRows }

// RowText makes every later record a line of text instead of a JSON
// object: the values of the named top-level columns in that order,
// separated by single spaces, with "-" for a null or empty value, as AWS
// writes VPC Flow Logs and its other space-separated logs. Numbers are
// written in decimal, strings as they are (whitespace inside one becomes
// '_', so the line splits back into one field per column), other types as
// in the JSON records but unquoted. A row of a VPC Flow Logs Parquet file
// read with the columns of its log format thus gives the line AWS writes
// for the same flow in text.
//
// Every name must be a primitive, non-repeated top-level column (see
// Column.Primitive); otherwise RowText returns an error and the records
// stay as they were. RowText(nil) goes back to JSON.
func (r *Reader) RowText(columns []string) error {
	if columns == nil {
		r.text = nil
		return nil
	}
	cols := make([]*node, len(columns))
	for i, name := range columns {
		for j, c := range r.root.children {
			if c.name == name {
				if !r.cols[j].Primitive() {
					return fmt.Errorf("parquet: column %q is a %s, not a primitive column, so it has no text form", name, r.cols[j].Type)
				}
				cols[i] = c
				break
			}
		}
		if cols[i] == nil {
			names := make([]string, len(r.cols))
			for j, c := range r.cols {
				names[j] = c.Name
			}
			return fmt.Errorf("parquet: no column %q in the file (its columns: %s)", name, strings.Join(names, " "))
		}
	}
	if len(cols) == 0 {
		return errors.New("parquet: RowText needs at least one column")
	}
	r.text = cols
	return nil
}

// Next returns the next row, and io.EOF after the last. A row that cannot
// be rendered is a *parser.RecordError, and Next may be called again; any
// other error is an *Error that ends the object (or, after Close, says the
// reader is closed), returned again by every later call.
func (r *Reader) Next() (parser.Record, error) {
	if r.err != nil {
		return parser.Record{}, r.err
	}
	for r.next >= r.batchLen {
		if err := r.fill(); err != nil {
			r.finish(err)
			return parser.Record{}, err
		}
	}
	row := r.batch[r.next]
	r.next++
	r.number++
	var data []byte
	if r.text != nil {
		data = r.w.text(row, r.text)
	} else if len(r.leaves) == 0 {
		data = append(r.w.buf[:0], '{', '}')
	} else {
		data = r.w.json(row)
	}
	if cap(row) > batchValues {
		// Do not keep a huge row's buffer for the rest of the file.
		r.batch[r.next-1] = nil
	}
	rec := parser.Record{Data: data, Number: r.number, Offset: r.offset}
	switch {
	case r.w.over:
		return parser.Record{}, &parser.RecordError{Number: r.number, Offset: r.offset,
			Reason: fmt.Sprintf("row longer than %d bytes as a record", r.opt.MaxRecordBytes),
			Raw:    append([]byte(nil), data[:min(len(data), r.opt.MaxRecordBytes)]...)}
	case r.w.bad:
		return parser.Record{}, &parser.RecordError{Number: r.number, Offset: r.offset,
			Reason: fmt.Sprintf("the row's repetition and definition levels do not fit the schema (row group %d): the file is damaged", r.group),
			Raw:    append([]byte(nil), data...)}
	}
	return rec, nil
}

// fill reads the next batch of rows, moving on to the next row group when
// the current one is done. It returns io.EOF after the last row group.
func (r *Reader) fill() error {
	r.next, r.batchLen = 0, 0
	for {
		if r.groupDone {
			if r.group+1 >= len(r.meta.RowGroups) {
				return io.EOF
			}
			if r.group >= 0 {
				r.before += r.meta.RowGroups[r.group].NumRows
			}
			r.group++
			if err := r.openGroup(); err != nil {
				return err
			}
		}
		total := r.meta.RowGroups[r.group].NumRows
		left := total - r.read
		if left == 0 {
			r.closeRows()
			r.groupDone = true
			continue
		}
		n := int(min(int64(r.batchSize), left))
		if r.single {
			n = 1
		}
		if cap(r.batch) < n {
			r.batch = append(r.batch[:cap(r.batch)], make([]pq.Row, n-cap(r.batch))...)
		}
		if len(r.leaves) == 0 {
			// A schema without columns: every row is empty.
			for i := range n {
				r.batch[i] = r.batch[i][:0]
			}
			r.read += int64(n)
			r.batchLen = n
			return nil
		}
		if r.exhausted {
			return r.groupError(ErrCorrupt, fmt.Sprintf("the row group declares %d rows but its column chunks hold only %d", total, r.read), nil)
		}
		got, err := r.readRows(r.batch[:n])
		switch {
		case err == nil && got == 0:
			return r.groupError(ErrCorrupt, "reading rows made no progress", nil)
		case err == nil || err == io.EOF:
			r.exhausted = err == io.EOF
			if got == 0 {
				continue
			}
			r.read += int64(got)
			r.batchLen = got
			r.adapt(got)
			return nil
		case !r.single && n > 1:
			// The batch failed as a whole: read it again one row at a
			// time, so the rows before the damage are still delivered.
			if err := r.restartSingle(); err != nil {
				return err
			}
		default:
			return r.readError(r.read, err)
		}
	}
}

// adapt sizes the next batch so that it holds about batchValues values.
func (r *Reader) adapt(got int) {
	values := 0
	for _, row := range r.batch[:got] {
		values += len(row)
	}
	perRow := max(1, values/got)
	r.batchSize = max(1, min(r.opt.BatchRows, batchValues/perRow))
}

// openGroup checks the pages of the next row group and opens its rows.
func (r *Reader) openGroup() error {
	g := r.group
	rg := &r.meta.RowGroups[g]
	r.read, r.exhausted, r.single, r.groupDone = 0, false, false, false
	r.offset = 0
	if len(rg.Columns) > 0 {
		r.offset = chunkStart(&rg.Columns[0])
	}
	if err := r.checkGroup(g); err != nil {
		return err
	}
	if rg.NumRows == 0 || len(r.leaves) == 0 {
		return nil
	}
	if err := r.walkPages(g); err != nil {
		return err
	}
	return r.openRows()
}

func (r *Reader) openRows() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = r.groupError(ErrCorrupt, "cannot open the row group", fmt.Errorf("%v", p))
		}
	}()
	r.rows = r.file.RowGroups()[r.group].Rows()
	return nil
}

// restartSingle reopens the current row group, skips the rows already
// delivered and switches to reading one row at a time.
func (r *Reader) restartSingle() error {
	r.closeRows()
	if err := r.openRows(); err != nil {
		return err
	}
	r.single = true
	for done := int64(0); done < r.read; {
		n := int(min(int64(len(r.batch)), r.read-done))
		got, err := r.readRows(r.batch[:n])
		done += int64(got)
		if err != nil && (err != io.EOF || done < r.read) {
			return r.readError(done, err)
		}
	}
	return nil
}

// readRows reads rows from the current row group, turning a panic in
// parquet-go on damaged data into an error.
func (r *Reader) readRows(rows []pq.Row) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, fmt.Errorf("decoding failed: %v", p)
		}
	}()
	return r.rows.ReadRows(rows)
}

func (r *Reader) closeRows() {
	if r.rows != nil {
		func() {
			defer func() { _ = recover() }()
			r.rows.Close()
		}()
		r.rows = nil
	}
}

// readError reports that reading the row group stopped at row i of it:
// at a page found damaged by the checks of pages.go, or with an error from
// parquet-go.
func (r *Reader) readError(i int64, err error) error {
	at := fmt.Sprintf("reading stopped after %d of its %d rows (at row %d of the file)", i, r.meta.RowGroups[r.group].NumRows, r.before+i+1)
	pe := r.pageErr
	errors.As(err, &pe) // the page parquet-go failed on, when it says so
	if pe != nil {
		e := *pe
		e.Reason = at + ": " + e.Reason
		return &e
	}
	return r.groupError(ErrCorrupt, at, err)
}

func (r *Reader) groupError(kind error, reason string, err error) error {
	return &Error{Kind: kind, RowGroup: r.group, Reason: reason, Advice: adviceCorrupt, Err: err}
}

// finish records the error that ends reading and releases the file.
func (r *Reader) finish(err error) {
	r.err = err
	r.closeRows()
	r.release()
	r.batch = nil
}

// release closes the spooled file and drops the buffers.
func (r *Reader) release() {
	if r.zstd != nil {
		r.zstd.Close()
		r.zstd = nil
	}
	r.pages, r.raw, r.plain, r.scratch = nil, nil, nil, nil
	if r.spool != nil {
		r.spool.Close()
		r.spool = nil
	}
	if r.spoolName != "" {
		os.Remove(r.spoolName)
		r.spoolName = ""
	}
}

// Close releases the reader: the rows being read and the spooled copy of
// the object, if any. It does not close the io.Reader given to NewReader.
// Next returns an error after Close.
func (r *Reader) Close() error {
	if r.err == nil {
		r.err = errors.New("parquet: reader closed")
	}
	r.closeRows()
	r.release()
	r.batch = nil
	return nil
}

// chunkStart is the offset of a column chunk's first page, as parquet-go
// reads it.
func chunkStart(c *format.ColumnChunk) int64 {
	if c.MetaData.DictionaryPageOffset != 0 {
		return c.MetaData.DictionaryPageOffset
	}
	return c.MetaData.DataPageOffset
}
