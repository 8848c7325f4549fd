package parquet

import (
	"errors"
	"fmt"
	"slices"

	"github.com/parquet-go/parquet-go/format"
)

// parquet-go trusts the sizes and counts a file states: it allocates what
// a page header claims before reading the page, what a run-length or
// delta-encoded count inside a page claims before decoding it, and its
// LZ4 decoder doubles its buffer until the data fits, forever on damaged
// data. A few damaged bytes can thus make it allocate gigabytes, which no
// recover() survives. So before parquet-go reads a row group, its page
// headers are walked and checked (walkPages), and each page's content is
// checked (checkContent) the first time parquet-go reads any of its bytes,
// through guard, the io.ReaderAt parquet-go is given. A page that fails
// is never handed to parquet-go: reading it fails with the page's error,
// after the rows before it were read.

// pageHeaderWindow is the first read of a page header; most headers fit.
const pageHeaderWindow = 512

// pageInfo is one page of a column chunk, from its header.
type pageInfo struct {
	// start is the offset of its header, data of its data, end of the
	// data's end.
	start, data, end int64
	column, index    int
	typ              format.PageType
	codec            format.CompressionCodec
	usize            int64
	values           int64
	encoding         format.Encoding
	repEnc, defEnc   format.Encoding
	// levels is the length of the uncompressed levels before the data
	// of a version 2 page; compressed tells whether the rest is.
	levels, repLen int64
	compressed     bool
	checked        bool
	// err is set for a damaged page, or for the rest of a column chunk
	// whose headers could not be walked.
	err *Error
}

// walkPages reads and checks the page headers of every column chunk of
// row group g. A chunk whose headers cannot be walked to its end gets a
// damaged "page" from where the walk stopped, so reading fails there.
func (r *Reader) walkPages(g int) error {
	rg := &r.meta.RowGroups[g]
	r.pages = r.pages[:0]
	r.pageErr = nil
	for i := range rg.Columns {
		c := &rg.Columns[i]
		start, size := chunkStart(c), c.MetaData.TotalCompressedSize
		if start < 4 || size < 0 || start > r.dataEnd || size > r.dataEnd-start {
			return r.chunkError(i, ErrCorrupt, fmt.Sprintf("the column chunk (%d bytes at offset %d) lies outside the file's data (offsets 4 to %d)", size, start, r.dataEnd), nil)
		}
		for index, pos, end := 0, start, start+size; pos < end; index++ {
			p := pageInfo{start: pos, column: i, index: index, codec: c.MetaData.Codec}
			h, n, err := r.readPageHeader(pos, end)
			if err != nil {
				p.end = end
				p.err = r.pageError(&p, ErrCorrupt, "its header cannot be read", err)
			} else {
				p.data = pos + int64(n)
				p.err = r.checkHeader(&p, &h, end)
			}
			r.pages = append(r.pages, p)
			if p.err != nil {
				break
			}
			pos = p.end
		}
	}
	// Chunks may lie in any order in the file; pages within one follow
	// each other.
	slices.SortFunc(r.pages, func(a, b pageInfo) int { return int(max(-1, min(1, a.start-b.start))) })
	// guard finds pages by offset, which needs them disjoint.
	for i := 1; i < len(r.pages); i++ {
		if p, q := &r.pages[i-1], &r.pages[i]; q.start < p.end {
			return r.chunkError(q.column, ErrCorrupt, fmt.Sprintf("the column chunk overlaps that of column %q", r.root.path(p.column)), nil)
		}
	}
	return nil
}

func (r *Reader) chunkError(column int, kind error, reason string, err error) error {
	return &Error{Kind: kind, RowGroup: r.group, Column: r.root.path(column), Reason: reason, Advice: adviceCorrupt, Err: err}
}

// pageError builds the error for a damaged page.
func (r *Reader) pageError(p *pageInfo, kind error, reason string, err error) *Error {
	advice := adviceCorrupt
	if kind == ErrTooLarge {
		advice = "raise Options.MaxPageBytes if the file is sound"
	}
	return &Error{Kind: kind, RowGroup: r.group, Column: r.root.path(p.column),
		Reason: fmt.Sprintf("page %d (at offset %d): %s", p.index, p.start, reason), Advice: advice, Err: err}
}

// readPageHeader reads the page header at pos, within a chunk ending at
// end. The window read grows until the header fits, up to MaxPageBytes.
func (r *Reader) readPageHeader(pos, end int64) (h format.PageHeader, n int, err error) {
	window := min(end-pos, pageHeaderWindow)
	for {
		if int64(cap(r.scratch)) < window {
			r.scratch = make([]byte, window)
		}
		b := r.scratch[:window]
		if _, err := r.ra.ReadAt(b, pos); err != nil {
			return h, 0, err
		}
		n, err = skimStruct(b)
		if errors.Is(err, errShort) && window < end-pos && window < r.opt.MaxPageBytes {
			window = min(end-pos, 8*window, r.opt.MaxPageBytes)
			continue
		}
		if err != nil {
			return h, 0, thriftError(err)
		}
		if err := decodePageHeader(b[:n], &h); err != nil {
			return h, 0, err
		}
		return h, n, nil
	}
}

// checkHeader checks a page header against its column chunk, which ends
// at end, and against MaxPageBytes, and fills in p from it.
func (r *Reader) checkHeader(p *pageInfo, h *format.PageHeader, end int64) *Error {
	limit := r.opt.MaxPageBytes
	csize, usize := int64(h.CompressedPageSize), int64(h.UncompressedPageSize)
	p.end, p.typ, p.usize = p.data+max(0, csize), h.Type, usize
	p.compressed = p.codec != format.Uncompressed
	corrupt := func(format string, args ...any) *Error {
		p.end = end
		return r.pageError(p, ErrCorrupt, fmt.Sprintf(format, args...), nil)
	}
	tooLarge := func(what string, n int64) *Error {
		p.end = end
		return r.pageError(p, ErrTooLarge, fmt.Sprintf("%s %d bytes, over Options.MaxPageBytes (%d)", what, n, limit), nil)
	}
	switch {
	case csize < 0 || usize < 0:
		return corrupt("the header claims %d bytes compressed and %d uncompressed", csize, usize)
	case csize > end-p.data:
		return corrupt("the page claims %d bytes but its column chunk has %d left", csize, end-p.data)
	case csize > limit:
		return tooLarge("the page is", csize)
	case usize > limit:
		return tooLarge("the page is", usize)
	}
	switch h.Type {
	case format.DataPage:
		if !h.DataPageHeader.Valid {
			return corrupt("a data page without its header")
		}
		d := &h.DataPageHeader.V
		p.values, p.encoding, p.repEnc, p.defEnc = int64(d.NumValues), d.Encoding, d.RepetitionLevelEncoding, d.DefinitionLevelEncoding
	case format.DataPageV2:
		if !h.DataPageHeaderV2.Valid {
			return corrupt("a data page without its header")
		}
		d := &h.DataPageHeaderV2.V
		rl, dl := int64(d.RepetitionLevelsByteLength), int64(d.DefinitionLevelsByteLength)
		if d.NumNulls < 0 || d.NumRows < 0 || rl < 0 || dl < 0 || rl+dl > csize {
			return corrupt("the data page header is inconsistent")
		}
		p.values, p.encoding, p.levels, p.repLen = int64(d.NumValues), d.Encoding, rl+dl, rl
		if d.IsCompressed.Valid && !d.IsCompressed.V {
			p.compressed = false
		}
	case format.DictionaryPage:
		if !h.DictionaryPageHeader.Valid {
			return corrupt("a dictionary page without its header")
		}
		p.values, p.encoding = int64(h.DictionaryPageHeader.V.NumValues), h.DictionaryPageHeader.V.Encoding
	}
	if p.values < 0 {
		return corrupt("the page claims %d values", p.values)
	}
	if p.values > limit/8 {
		return tooLarge("the page declares so many values that decoding them needs", 8*p.values)
	}
	return nil
}

// guard is the io.ReaderAt parquet-go reads the file through. Before it
// serves bytes of a page of the row group being read, it checks the page
// (once); a read that reaches a damaged page returns the bytes before it
// and the page's error, so parquet-go fails exactly there.
type guard struct{ r *Reader }

func (g guard) ReadAt(b []byte, off int64) (int, error) {
	r := g.r
	end := off + int64(len(b))
	i, _ := slices.BinarySearchFunc(r.pages, off, func(p pageInfo, off int64) int {
		if p.end <= off {
			return -1
		}
		return 1
	})
	for ; i < len(r.pages) && r.pages[i].start < end; i++ {
		p := &r.pages[i]
		if !p.checked {
			p.checked = true
			if p.err == nil {
				p.err = r.checkContent(p)
			}
		}
		if p.err != nil {
			if r.pageErr == nil {
				r.pageErr = p.err
			}
			n := int(max(0, p.start-off))
			m, err := r.ra.ReadAt(b[:n], off)
			if err == nil {
				err = p.err
			}
			return m, err
		}
	}
	return r.ra.ReadAt(b, off)
}
