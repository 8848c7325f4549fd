package parquet

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/lz4"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/siem-go/siem/parser"
)

// flow is a small row type used by several tests.
type flow struct {
	ID    int64   `parquet:"id"`
	Name  string  `parquet:"name"`
	Bytes *int64  `parquet:"bytes,optional"`
	Tags  []int32 `parquet:"tags,list"`
}

func flows(n int) []flow {
	rows := make([]flow, n)
	for i := range rows {
		rows[i] = flow{ID: int64(i), Name: fmt.Sprintf("row-%d", i), Tags: []int32{int32(i % 7)}}
		if i%3 != 0 {
			b := int64(i * 100)
			rows[i].Bytes = &b
		}
	}
	return rows
}

func flowJSON(f flow) string {
	s := fmt.Sprintf(`{"id":%d,"name":%q`, f.ID, f.Name)
	if f.Bytes != nil {
		s += fmt.Sprintf(`,"bytes":%d`, *f.Bytes)
	}
	return s + fmt.Sprintf(`,"tags":[%d]}`, f.Tags[0])
}

var _ parser.Reader = (*Reader)(nil)

func TestRowGroups(t *testing.T) {
	rows := flows(1000)
	data := writeStructs(t, rows, pq.MaxRowsPerRowGroup(128), pq.PageBufferSize(512))
	r := mustOpen(t, data, Options{BatchRows: 50})
	defer r.Close()
	if groups := len(r.meta.RowGroups); groups != 8 {
		t.Fatalf("the file has %d row groups, want 8", groups)
	}
	if r.NumRows() != 1000 {
		t.Errorf("NumRows %d", r.NumRows())
	}
	var offsets []int64
	for i := 0; ; i++ {
		rec, err := r.Next()
		if err == io.EOF {
			if i != len(rows) {
				t.Errorf("read %d rows, want %d", i, len(rows))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Number != int64(i+1) || rec.Line != 0 {
			t.Fatalf("row %d: Number %d Line %d", i, rec.Number, rec.Line)
		}
		if got, want := string(rec.Data), flowJSON(rows[i]); got != want {
			t.Fatalf("row %d: %s, want %s", i, got, want)
		}
		if i%128 == 0 {
			offsets = append(offsets, rec.Offset)
		} else if rec.Offset != offsets[len(offsets)-1] {
			t.Fatalf("row %d: Offset %d differs from its row group's %d", i, rec.Offset, offsets[len(offsets)-1])
		}
	}
	for g, off := range offsets {
		if want := chunkStart(&r.meta.RowGroups[g].Columns[0]); off != want || off < 4 {
			t.Errorf("row group %d: Offset %d, want %d", g, off, want)
		}
	}
	// After the end, Next keeps returning io.EOF.
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end: %v", err)
	}
}

func TestEmptyFile(t *testing.T) {
	data := writeStructs[flow](t, nil)
	r := mustOpen(t, data, Options{})
	defer r.Close()
	if r.NumRows() != 0 || len(r.Columns()) != 4 {
		t.Errorf("NumRows %d, Columns %v", r.NumRows(), r.Columns())
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next: %v, want io.EOF", err)
	}
}

func TestNotParquet(t *testing.T) {
	valid := writeStructs(t, flows(100))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(valid)
	zw.Close()
	cut := valid[:len(valid)-100]
	badLen := bytes.Clone(valid)
	copy(badLen[len(badLen)-8:], "\xff\xff\xff\x7f")
	badFooter := bytes.Clone(valid)
	footerLen := int(uint32(valid[len(valid)-8]) | uint32(valid[len(valid)-7])<<8)
	for i := len(valid) - 8 - footerLen; i < len(valid)-8; i++ {
		badFooter[i] = 0xff
	}
	// A footer whose schema list claims 2^31-1 elements in a few bytes.
	bigList := []byte{0x15, 0x02, 0x19, 0xfc, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00}
	bigList = binary.LittleEndian.AppendUint32(append([]byte("PAR1"), bigList...), uint32(len(bigList)))
	bigList = append(bigList, "PAR1"...)
	for _, tc := range []struct {
		name string
		data []byte
		kind error
		want string
	}{
		{"empty", nil, ErrNotParquet,
			`parquet: not a Parquet file: the object is empty; a Parquet file holds at least 12 bytes; check which object this is`},
		{"text", []byte("2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - NODATA\n"), ErrNotParquet,
			`parquet: not a Parquet file: it starts with "2 12", not "PAR1"; check the object's log type: this framing reads Parquet files only`},
		{"gzip", gz.Bytes(), ErrNotParquet,
			`parquet: not a Parquet file: it starts with "\x1f\x8b\b\x00", not "PAR1"; it is gzip-compressed: decompress it first (parser.Decompress)`},
		{"short", []byte("PA"), ErrTruncated,
			`parquet: truncated Parquet file: the object holds only 2 bytes; the object was cut off; fetch it again`},
		{"magic only", []byte("PAR1"), ErrTruncated,
			`parquet: truncated Parquet file: it starts with "PAR1" but holds only 4 bytes; the object was cut off; fetch it again`},
		{"truncated", cut, ErrTruncated,
			fmt.Sprintf(`parquet: truncated Parquet file: it starts with "PAR1" but ends with %q, not "PAR1": the footer is missing; the object was cut off; fetch it again`, cut[len(cut)-4:])},
		{"encrypted", []byte("PARE\x00\x00\x00\x00PARE"), ErrUnsupported,
			`parquet: unsupported Parquet file: the file is encrypted (its magic bytes are "PARE"); encrypted Parquet files are not read; decrypt the file first`},
		{"footer length", badLen, ErrCorrupt,
			fmt.Sprintf(`parquet: corrupt Parquet file: the footer claims 2147483647 bytes but the file holds only %d; the file is damaged or was not written completely; fetch it again or regenerate it`, len(valid))},
		{"footer bytes", badFooter, ErrCorrupt,
			`parquet: corrupt Parquet file: the footer is not valid Parquet metadata: unknown Thrift type 15; the file is damaged or was not written completely; fetch it again or regenerate it`},
		{"footer list", bigList, ErrCorrupt,
			`parquet: corrupt Parquet file: the footer is not valid Parquet metadata: a length or count in it runs past its end; the file is damaged or was not written completely; fetch it again or regenerate it`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(tc.data), Options{})
			if err == nil {
				r.Close()
				t.Fatal("NewReader succeeded")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v is not %v", err, tc.kind)
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.RowGroup != -1 {
				t.Errorf("error %#v is not an *Error about the file", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

// columnPages returns the pages of a column chunk, as walkPages finds them.
func columnPages(t *testing.T, data []byte, group, column int) []pageInfo {
	t.Helper()
	r := mustOpen(t, data, Options{})
	defer r.Close()
	r.group = group
	if err := r.walkPages(group); err != nil {
		t.Fatal(err)
	}
	var pages []pageInfo
	for _, p := range r.pages {
		if p.column == column {
			pages = append(pages, p)
		}
	}
	return pages
}

// patchPages overwrites data at off with patch, then sets the CRC of every
// page to that of its new content, so the damage reaches the decoders: a
// damaged page with a wrong CRC is refused before anything else, and
// parquet-go writes CRCs while most writers do not. A CRC is only fixed
// when its new encoding is as long as the old one; patchPages reports
// whether every one was.
func patchPages(t testing.TB, data []byte, off int, patch []byte) ([]byte, bool) {
	out := bytes.Clone(data)
	copy(out[off:], patch)
	r, err := NewReader(bytes.NewReader(out), Options{})
	if err != nil {
		return out, false
	}
	defer r.Close()
	all := true
	for g := range r.meta.RowGroups {
		r.group = g
		if r.walkPages(g) != nil {
			return out, false
		}
		for _, p := range r.pages {
			if p.err != nil {
				all = false
				continue
			}
			h, n, err := r.readPageHeader(p.start, p.end)
			if err != nil || h.CRC == 0 {
				continue
			}
			crc := int32(crc32.ChecksumIEEE(out[p.data:p.end]))
			if crc == h.CRC {
				continue
			}
			h.CRC = crc
			enc, err := thrift.Marshal(new(thrift.CompactProtocol), &h)
			if err != nil || len(enc) != n {
				all = false
				continue
			}
			copy(out[p.start:], enc)
		}
	}
	return out, all
}

// TestDamagedPage damages pages in the middle of a row group: the rows
// before the damaged page are delivered, then an error names the row
// group, the column and the page.
func TestDamagedPage(t *testing.T) {
	rows := flows(600)
	data := writeStructs(t, rows, pq.MaxRowsPerRowGroup(200), pq.PageBufferSize(256), pq.Compression(&snappy.Codec{}))
	pages := columnPages(t, data, 1, 0) // column "id" of row group 1
	if len(pages) < 4 {
		t.Fatalf("row group 1 has %d pages in column id, want several", len(pages))
	}
	// The rows before page 2.
	var before int
	for _, p := range pages[:2] {
		before += int(p.values)
	}
	check := func(t *testing.T, damaged []byte, kind error, reason string) {
		t.Helper()
		var alloc runtime.MemStats
		runtime.ReadMemStats(&alloc)
		got := readBytes(t, damaged, Options{})
		allocated := alloc.TotalAlloc
		runtime.ReadMemStats(&alloc)
		if allocated = alloc.TotalAlloc - allocated; allocated > 64<<20 {
			t.Errorf("reading allocated %d bytes", allocated)
		}
		// The row before the damaged page is lost too: it is only known
		// to be whole once the next page was read (a row may go on in it).
		want := 200 + before - 1
		if len(got.records) != want {
			t.Errorf("delivered %d rows before the damage, want %d", len(got.records), want)
		}
		for i, rec := range got.records {
			if rec != flowJSON(rows[i]) {
				t.Fatalf("row %d: %s", i, rec)
			}
		}
		var pe *Error
		if !errors.As(got.err, &pe) || pe.RowGroup != 1 || pe.Column != "id" || !errors.Is(got.err, kind) {
			t.Fatalf("error %v, want a %v in row group 1, column id", got.err, kind)
		}
		wantMsg := fmt.Sprintf(`parquet: %s: row group 1, column "id": reading stopped after %d of its 200 rows (at row %d of the file): page 2 (at offset %d): %s`,
			kind, before-1, 200+before, pages[2].start, reason)
		if !strings.HasPrefix(got.err.Error(), wantMsg) {
			t.Errorf("error\n got %s\nwant %s...", got.err, wantMsg)
		}
	}

	t.Run("crc", func(t *testing.T) {
		damaged := bytes.Clone(data)
		damaged[pages[2].data+3] ^= 0xff
		got := readBytes(t, damaged, Options{})
		if len(got.records) != 200+before-1 || !errors.Is(got.err, ErrCorrupt) || !strings.Contains(got.err.Error(), "crc32 checksum mismatch") {
			t.Errorf("%d rows, error %v", len(got.records), got.err)
		}
	})
	t.Run("data", func(t *testing.T) {
		// Past the snappy length: the data no longer decompresses.
		damaged, ok := patchPages(t, data, int(pages[2].data)+2, bytes.Repeat([]byte{0xee}, 10))
		if !ok {
			t.Fatal("cannot fix the CRCs")
		}
		check(t, damaged, ErrCorrupt, "its SNAPPY data does not decompress to the")
	})
	t.Run("header", func(t *testing.T) {
		damaged := bytes.Clone(data)
		for i := pages[2].start; i < pages[2].data; i++ {
			damaged[i] = 0xff
		}
		check(t, damaged, ErrCorrupt, "its header cannot be read")
	})
	t.Run("size", func(t *testing.T) {
		// A page that claims to decompress to 2 GiB.
		// The header is checked before anything reads the page, so its
		// CRC does not matter: shrink it to make room for the size.
		h := columnPageHeader(t, data, pages[2])
		h.UncompressedPageSize = 1<<31 - 1
		for _, crc := range []int32{1, 100, 10000, 1 << 20} {
			h.CRC = crc
			if enc, _ := thrift.Marshal(new(thrift.CompactProtocol), &h); int64(len(enc)) == pages[2].data-pages[2].start {
				break
			}
		}
		damaged := replaceHeader(t, data, pages[2], &h)
		check(t, damaged, ErrTooLarge, "the page is 2147483647 bytes, over Options.MaxPageBytes (67108864)")
	})
}

func columnPageHeader(t *testing.T, data []byte, p pageInfo) format.PageHeader {
	t.Helper()
	var h format.PageHeader
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), data[p.start:p.data], &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// replaceHeader writes h over the page header of p; it must encode to the
// same length.
func replaceHeader(t *testing.T, data []byte, p pageInfo, h *format.PageHeader) []byte {
	t.Helper()
	enc, err := thrift.Marshal(new(thrift.CompactProtocol), h)
	if err != nil || int64(len(enc)) != p.data-p.start {
		t.Fatalf("the new header is %d bytes, the old %d (%v)", len(enc), p.data-p.start, err)
	}
	out := bytes.Clone(data)
	copy(out[p.start:], enc)
	return out
}

// TestDamagedEncodings damages the counts inside pages that make
// parquet-go allocate what they claim: each must be an error, read in
// little memory.
func TestDamagedEncodings(t *testing.T) {
	type deltas struct {
		ID   int64  `parquet:"id,delta"`
		Name string `parquet:"name,delta"`
		Opt  *int32 `parquet:"opt,optional"`
		Dict string `parquet:"dict,dict"`
	}
	rows := make([]deltas, 50)
	for i := range rows {
		rows[i] = deltas{ID: int64(i * 3), Name: fmt.Sprintf("name-%03d", i), Dict: []string{"a", "b", "c"}[i%3]}
		if i%2 == 0 {
			rows[i].Opt = new(int32)
		}
	}
	huge := []byte{0xfe, 0xff, 0xff, 0xff, 0x0f}                        // a run of 2^31-1 values
	hugeDelta := []byte{0x80, 0x01, 0x04, 0xff, 0xff, 0xff, 0xff, 0x07} // 2^31-1 values
	for _, tc := range []struct {
		name    string
		version int
		codec   pq.WriterOption
		column  int
		at      func(p pageInfo) int64 // where in the page's data to patch
		patches [][]byte
		reason  string
	}{
		// Version 1 pages: a 4-byte length before the levels.
		{"def levels v1", 1, nil, 2, func(p pageInfo) int64 { return p.data + 4 }, [][]byte{huge, huge[1:]}, "a run of "},
		// Version 2 pages: the levels come first, uncompressed.
		{"def levels v2", 2, nil, 2, func(p pageInfo) int64 { return p.data }, [][]byte{huge, huge[1:]}, "a run of "},
		{"delta count", 2, nil, 0, func(p pageInfo) int64 { return p.data }, [][]byte{hugeDelta}, "delta-encoded values claim 2147483647 values"},
		{"delta lengths", 2, nil, 1, func(p pageInfo) int64 { return p.data }, [][]byte{hugeDelta}, "delta-encoded values claim"},
		{"dictionary indexes", 2, nil, 3, func(p pageInfo) int64 { return p.data + 1 }, [][]byte{huge, huge[1:]}, "a run of "},
		{"lz4", 2, pq.Compression(&lz4.Codec{}), 1, func(p pageInfo) int64 { return p.data + 1 }, [][]byte{bytes.Repeat([]byte{0xff}, 6), {0xf0, 0xff}}, "its LZ4_RAW data does not decompress"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := []pq.WriterOption{pq.DataPageVersion(tc.version)}
			if tc.codec != nil {
				opts = append(opts, tc.codec)
			}
			data := writeStructs(t, rows, opts...)
			var page pageInfo
			for _, p := range columnPages(t, data, 0, tc.column) {
				if p.typ != format.DictionaryPage {
					page = p
					break
				}
			}
			var damaged []byte
			for _, patch := range tc.patches {
				if d, ok := patchPages(t, data, int(tc.at(page)), patch); ok {
					damaged = d
					break
				}
			}
			if damaged == nil {
				t.Fatal("no patch kept the CRCs the same length")
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			got := readBytes(t, damaged, Options{})
			runtime.ReadMemStats(&ms)
			if alloc := ms.TotalAlloc - before; alloc > 64<<20 {
				t.Errorf("reading allocated %d bytes", alloc)
			}
			if got.err == nil || !strings.Contains(got.err.Error(), tc.reason) {
				t.Errorf("error %v, want one saying %q", got.err, tc.reason)
			}
		})
	}
}

// TestLimits checks the page and record limits.
func TestLimits(t *testing.T) {
	type wide struct {
		ID   int64  `parquet:"id"`
		Text string `parquet:"text"`
	}
	long := strings.Repeat("x", 5000)
	data := writeStructs(t, []wide{{1, "short"}, {2, long}, {3, "short"}})

	t.Run("record", func(t *testing.T) {
		got := readBytes(t, data, Options{MaxRecordBytes: 100})
		if len(got.records) != 2 || len(got.bad) != 1 || got.err != nil {
			t.Fatalf("got %d records, %d errors, %v", len(got.records), len(got.bad), got.err)
		}
		re := got.bad[0]
		if re.Number != 2 || len(re.Raw) != 100 || !strings.HasPrefix(string(re.Raw), `{"id":2,"text":"xxx`) ||
			re.Reason != "row longer than 100 bytes as a record" {
			t.Errorf("record error %+v", re)
		}
		if got.numbers[1] != 3 {
			t.Errorf("the row after it is numbered %d", got.numbers[1])
		}
	})
	t.Run("page", func(t *testing.T) {
		_, err := NewReader(bytes.NewReader(data), Options{MaxPageBytes: 100})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "the footer is") {
			t.Errorf("footer over the limit: %v", err)
		}
		many := make([]wide, 3000)
		for i := range many {
			many[i] = wide{int64(i), fmt.Sprintf("text %d", i)}
		}
		data := writeStructs(t, many, pq.PageBufferSize(1<<20))
		r := mustOpen(t, data, Options{MaxPageBytes: 4000})
		defer r.Close()
		got := readAll(t, r, true)
		want := `parquet: limit exceeded: row group 0, column "id": reading stopped after 0 of its 3000 rows (at row 1 of the file): page 0 (at offset 4): the page is `
		if !errors.Is(got.err, ErrTooLarge) || !strings.HasPrefix(got.err.Error(), want) ||
			!strings.HasSuffix(got.err.Error(), "over Options.MaxPageBytes (4000); raise Options.MaxPageBytes if the file is sound") {
			t.Errorf("error %v", got.err)
		}
	})
}

// streamOnly hides every method of a reader but Read.
type streamOnly struct{ io.Reader }

func TestSpool(t *testing.T) {
	rows := flows(300)
	data := writeStructs(t, rows, pq.MaxRowsPerRowGroup(100))
	want := make([]string, len(rows))
	for i, f := range rows {
		want[i] = flowJSON(f)
	}

	t.Run("stream", func(t *testing.T) {
		dir := t.TempDir()
		r, err := NewReader(streamOnly{bytes.NewReader(data)}, Options{TempDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if r.spool == nil {
			t.Fatal("the stream was not spooled")
		}
		// The spooled file is already gone from the directory.
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("the temporary directory holds %v", entries)
		}
		checkRecords(t, readAll(t, r, true), want...)
		if r.spool != nil {
			t.Error("the spool file is still open after the last row")
		}
		r.Close()
	})
	t.Run("close early", func(t *testing.T) {
		r, err := NewReader(streamOnly{bytes.NewReader(data)}, Options{TempDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		f := r.spool
		r.Next()
		r.Close()
		if _, err := f.Stat(); err == nil {
			t.Error("Close left the spool file open")
		}
		if _, err := r.Next(); err == nil || err == io.EOF {
			t.Errorf("Next after Close: %v", err)
		}
	})
	t.Run("os.File", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "flows.parquet")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// A directory that does not exist: reading must not spool.
		r, err := NewReader(f, Options{TempDir: filepath.Join(path, "none")})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		checkRecords(t, readAll(t, r, true), want...)
	})
	t.Run("limit", func(t *testing.T) {
		_, err := NewReader(streamOnly{bytes.NewReader(data)}, Options{TempDir: t.TempDir(), MaxSpoolBytes: 1000})
		want := `parquet: limit exceeded: the object is larger than Options.MaxSpoolBytes (1000 bytes); raise Options.MaxSpoolBytes, or pass an io.ReaderAt (such as an *os.File) so that the object is read in place`
		if !errors.Is(err, ErrTooLarge) || err.Error() != want {
			t.Errorf("error\n got %v\nwant %s", err, want)
		}
	})
	t.Run("read error", func(t *testing.T) {
		cause := errors.New("connection reset by peer")
		src := io.MultiReader(bytes.NewReader(data[:1000]), iotest.ErrReader(cause))
		_, err := NewReader(src, Options{TempDir: t.TempDir()})
		want := `parquet: truncated Parquet file: reading the object failed after 1000 bytes: connection reset by peer; the object could not be read whole; retry it`
		if !errors.Is(err, cause) || !errors.Is(err, ErrTruncated) || err.Error() != want {
			t.Errorf("error\n got %v\nwant %s", err, want)
		}
	})
	t.Run("temp dir", func(t *testing.T) {
		_, err := NewReader(streamOnly{bytes.NewReader(data)}, Options{TempDir: filepath.Join(t.TempDir(), "missing")})
		if !errors.Is(err, ErrSpool) || !strings.Contains(err.Error(), "set Options.TempDir to a writable directory") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("decompressed", func(t *testing.T) {
		// The output of parser.Decompress is a stream: it is spooled.
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(data)
		zw.Close()
		plain, comp, err := parser.Decompress(&gz)
		if err != nil || comp != parser.Gzip {
			t.Fatal(comp, err)
		}
		r, err := NewReader(plain, Options{TempDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		checkRecords(t, readAll(t, r, true), want...)
	})
}

func TestRowTextErrors(t *testing.T) {
	data := writeStructs(t, flows(3))
	r := mustOpen(t, data, Options{})
	defer r.Close()
	for _, tc := range []struct {
		cols []string
		want string
	}{
		{[]string{"id", "tags"}, `parquet: column "tags" is a list<int32>, not a primitive column, so it has no text form`},
		{[]string{"id", "nope"}, `parquet: no column "nope" in the file (its columns: id name bytes tags)`},
		{[]string{}, `parquet: RowText needs at least one column`},
	} {
		if err := r.RowText(tc.cols); err == nil || err.Error() != tc.want {
			t.Errorf("RowText(%q): %v, want %s", tc.cols, err, tc.want)
		}
	}
	// The failed calls left the reader on JSON; switching back and forth
	// works row by row.
	rec, _ := r.Next()
	if string(rec.Data) != `{"id":0,"name":"row-0","tags":[0]}` {
		t.Errorf("record %s", rec.Data)
	}
	if err := r.RowText([]string{"bytes", "id", "name"}); err != nil {
		t.Fatal(err)
	}
	rec, _ = r.Next()
	if string(rec.Data) != "100 1 row-1" {
		t.Errorf("record %s", rec.Data)
	}
	r.RowText(nil)
	rec, _ = r.Next()
	if string(rec.Data) != `{"id":2,"name":"row-2","bytes":200,"tags":[2]}` {
		t.Errorf("record %s", rec.Data)
	}
}

// TestDamagedLevels feeds the renderer rows whose levels do not fit the
// schema: each is a RecordError, and valid JSON is still produced.
func TestDamagedLevels(t *testing.T) {
	data := writeStructs(t, []ocsfEvent{{}})
	r := mustOpen(t, data, Options{})
	defer r.Close()
	w := r.w
	ok := func(row pq.Row) {
		t.Helper()
		out := w.json(row)
		if !w.bad {
			t.Errorf("row %v rendered as %s without an error", row, out)
		}
	}
	n := len(r.leaves)
	var full pq.Row
	for i := range n {
		full = append(full, null(i, 0, 0))
	}
	ok(nil)                                 // no values at all
	ok(full[:n-1])                          // a column missing
	ok(append(pq.Row{full[1]}, full[0]))    // columns out of order
	ok(append(full[:n:n], null(n-1, 1, 0))) // a value left over
	deep := append(pq.Row(nil), full...)
	deep[0] = null(0, 5, 9) // levels past the schema's
	w.json(deep)
}

// TestNoColumns reads a file whose schema holds no column (only an empty
// group) but whose row groups declare rows: each row is an empty object.
func TestNoColumns(t *testing.T) {
	md := format.FileMetaData{
		Version: 1,
		Schema: []format.SchemaElement{
			{Name: "root", NumChildren: thrift.New[int32](1)},
			{Name: "nothing", RepetitionType: thrift.New(format.Optional), NumChildren: thrift.New[int32](0)},
		},
		NumRows:   3,
		RowGroups: []format.RowGroup{{NumRows: 2}, {NumRows: 0}, {NumRows: 1}},
	}
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), &md)
	if err != nil {
		t.Fatal(err)
	}
	data := append([]byte("PAR1"), footer...)
	data = binary.LittleEndian.AppendUint32(data, uint32(len(footer)))
	data = append(data, "PAR1"...)
	r := mustOpen(t, data, Options{})
	defer r.Close()
	if len(r.Columns()) != 0 || r.NumRows() != 3 {
		t.Errorf("Columns %v NumRows %d", r.Columns(), r.NumRows())
	}
	got := readAll(t, r, true)
	checkRecords(t, got, "{}", "{}", "{}")
	if got.numbers[2] != 3 {
		t.Errorf("numbers %v", got.numbers)
	}
}

// withFooter returns data with its footer replaced by md.
func withFooter(t *testing.T, data []byte, md *format.FileMetaData) []byte {
	t.Helper()
	footerLen := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	enc, err := thrift.Marshal(new(thrift.CompactProtocol), md)
	if err != nil {
		t.Fatal(err)
	}
	out := append(bytes.Clone(data[:len(data)-8-footerLen]), enc...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(enc)))
	return append(out, "PAR1"...)
}

// TestDamagedRowGroup damages the metadata of one row group: the rows of
// the row groups before it are delivered, then an error names it.
func TestDamagedRowGroup(t *testing.T) {
	rows := flows(400)
	data := writeStructs(t, rows, pq.MaxRowsPerRowGroup(100))
	for _, tc := range []struct {
		name   string
		damage func(md *format.FileMetaData)
		rows   int
		want   string
	}{
		{"codec", func(md *format.FileMetaData) { md.RowGroups[2].Columns[1].MetaData.Codec = format.LZO }, 200,
			`parquet: unsupported Parquet file: row group 2, column "name": the column chunk is compressed with LZO, which is not supported; rewrite the file with SNAPPY, GZIP, ZSTD, LZ4_RAW or BROTLI compression`},
		{"outside", func(md *format.FileMetaData) { md.RowGroups[1].Columns[3].MetaData.DataPageOffset = 1 << 40 }, 100,
			fmt.Sprintf(`parquet: corrupt Parquet file: row group 1, column "tags.list.element": the column chunk (%%d bytes at offset 1099511627776) lies outside the file's data (offsets 4 to %%d); %s`, adviceCorrupt)},
		{"rows", func(md *format.FileMetaData) { md.RowGroups[3].NumRows = 150 }, 400,
			`parquet: corrupt Parquet file: row group 3: the row group declares 150 rows but its column chunks hold only 100; ` + adviceCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustOpen(t, data, Options{})
			md := *r.meta
			md.RowGroups = slices.Clone(md.RowGroups)
			for i := range md.RowGroups {
				md.RowGroups[i].Columns = slices.Clone(md.RowGroups[i].Columns)
			}
			r.Close()
			tc.damage(&md)
			got := readBytes(t, withFooter(t, data, &md), Options{})
			if len(got.records) != tc.rows {
				t.Errorf("delivered %d rows, want %d", len(got.records), tc.rows)
			}
			want := tc.want
			if strings.Contains(want, "%d") {
				c := md.RowGroups[1].Columns[3].MetaData
				want = fmt.Sprintf(want, c.TotalCompressedSize, len(data)-8-int(binary.LittleEndian.Uint32(data[len(data)-8:])))
			}
			if got.err == nil || got.err.Error() != want {
				t.Errorf("error\n got %v\nwant %s", got.err, want)
			}
		})
	}
}
