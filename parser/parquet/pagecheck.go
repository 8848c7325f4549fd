package parquet

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/snappy"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// valueSlack is how many more values than a page declares its encoded
// runs may hold (bit-packed runs come in groups of eight): a check against
// gigabyte-sized runs, not a test of the writer's arithmetic.
const valueSlack = 1024

// errStop ends a check where the data stops making sense: parquet-go finds
// the same thing and reports it, without allocating on the way.
var errStop = errors.New("stop")

// checkContent reads and checks one page: it decompresses it, into a
// buffer of the size its header declares, and walks the run-length and
// delta encodings of its levels and values, so that no count in them asks
// for more than the page declares or MaxPageBytes allows. A page is
// decompressed twice (here and by parquet-go); that is the price of
// reading damaged files in bounded memory.
func (r *Reader) checkContent(p *pageInfo) *Error {
	if p.typ != format.DataPage && p.typ != format.DataPageV2 && p.typ != format.DictionaryPage {
		return nil // parquet-go refuses them
	}
	raw, err := r.readAt(&r.raw, p.data, p.end-p.data)
	if err != nil {
		return r.pageError(p, ErrCorrupt, "cannot be read", err)
	}
	levels, body := raw[:p.levels], raw[p.levels:]
	if p.compressed && len(body) > 0 {
		out, err := r.decompress(p.codec, body, p.usize)
		if err != nil {
			return r.pageError(p, ErrCorrupt, fmt.Sprintf("its %s data does not decompress to the %d bytes its header declares", p.codec, p.usize), err)
		}
		body = out
	}
	leaf := r.leaves[p.column]
	limit := p.values + valueSlack
	err = nil
	switch p.typ {
	case format.DataPage:
		if leaf.rep > 0 {
			body, err = checkLevelsV1(body, p.repEnc, leaf.rep, limit)
		}
		if err == nil && leaf.def > 0 {
			body, err = checkLevelsV1(body, p.defEnc, leaf.def, limit)
		}
		if err == nil {
			err = r.checkValues(body, p.encoding, leaf, limit)
		}
	case format.DataPageV2:
		if leaf.rep > 0 {
			err = checkRuns(levels[:p.repLen], bits.Len(uint(leaf.rep)), limit)
		}
		if err == nil && leaf.def > 0 {
			err = checkRuns(levels[p.repLen:], bits.Len(uint(leaf.def)), limit)
		}
		if err == nil {
			err = r.checkValues(body, p.encoding, leaf, limit)
		}
	}
	switch {
	case err == nil, err == errStop:
		return nil
	case errors.Is(err, errDecodedSize):
		return r.pageError(p, ErrTooLarge, err.Error(), nil)
	}
	return r.pageError(p, ErrCorrupt, err.Error(), nil)
}

// readAt reads n bytes at off into *buf, grown as needed.
func (r *Reader) readAt(buf *[]byte, off, n int64) ([]byte, error) {
	if int64(cap(*buf)) < n {
		*buf = make([]byte, n)
	}
	b := (*buf)[:n]
	if _, err := r.ra.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// decompress decompresses src, which must give at most size bytes.
func (r *Reader) decompress(codec format.CompressionCodec, src []byte, size int64) ([]byte, error) {
	if int64(cap(r.plain)) < size+1 {
		r.plain = make([]byte, size+1)
	}
	dst := r.plain[:size+1]
	switch codec {
	case format.Snappy:
		n, err := snappy.DecodedLen(src)
		if err != nil {
			return nil, err
		}
		if int64(n) > size {
			return nil, fmt.Errorf("snappy data of %d bytes", n)
		}
		return snappy.Decode(dst[:n], src)
	case format.Lz4Raw:
		n, err := lz4.UncompressBlock(src, dst[:size])
		return dst[:n], err
	case format.Zstd:
		if r.zstd == nil {
			d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
				zstd.WithDecodeAllCapLimit(true), zstd.WithDecoderMaxWindow(uint64(max(r.opt.MaxPageBytes, 1<<20))))
			if err != nil {
				return nil, err
			}
			r.zstd = d
		}
		return r.zstd.DecodeAll(src, dst[:0:size])
	case format.Gzip:
		if r.gzip == nil {
			r.gzip = new(gzip.Reader)
		}
		if err := r.gzip.Reset(bytes.NewReader(src)); err != nil {
			return nil, err
		}
		return readBounded(r.gzip, dst)
	case format.Brotli:
		if r.brotli == nil {
			r.brotli = brotli.NewReader(bytes.NewReader(src))
		} else if err := r.brotli.Reset(bytes.NewReader(src)); err != nil {
			return nil, err
		}
		return readBounded(r.brotli, dst)
	}
	return src, nil
}

// readBounded reads a stream into dst, whose last byte is spare: the
// stream must end before filling it.
func readBounded(rd io.Reader, dst []byte) ([]byte, error) {
	n, err := io.ReadFull(rd, dst)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return dst[:n], nil
	case err != nil:
		return nil, err
	}
	return nil, errors.New("it holds more")
}

// checkLevelsV1 checks the levels at the start of a version 1 data page
// (a 4-byte length, then the runs) and returns what follows them.
func checkLevelsV1(b []byte, enc format.Encoding, maxLevel int, limit int64) ([]byte, error) {
	if len(b) < 4 {
		return nil, errStop
	}
	n := int64(binary.LittleEndian.Uint32(b))
	if n > int64(len(b)-4) {
		return nil, errStop
	}
	if enc == format.RLE {
		if err := checkRuns(b[4:4+n], bits.Len(uint(maxLevel)), limit); err != nil {
			return nil, err
		}
	}
	return b[4+n:], nil
}

// checkRuns walks the runs of the RLE / bit-packing hybrid encoding
// (levels, dictionary indexes, booleans) and checks that they hold no more
// than limit values in all.
func checkRuns(b []byte, bitWidth int, limit int64) error {
	var total int64
	for i := 0; i < len(b); {
		u, n := binary.Uvarint(b[i:])
		if n <= 0 {
			return errStop
		}
		i += n
		count := int64(u >> 1)
		if u>>1 > uint64(limit) {
			return fmt.Errorf("a run of %d values in a page of %d", u>>1, limit-valueSlack)
		}
		if u&1 != 0 {
			// count groups of eight bit-packed values.
			total += 8 * count
			i += int(count) * bitWidth
		} else {
			total += count
			i += (bitWidth + 7) / 8
		}
		if total > limit {
			return fmt.Errorf("runs of %d values or more in a page of %d", total, limit-valueSlack)
		}
	}
	return nil
}

// errDecodedSize reports a page whose values decode to more than
// MaxPageBytes.
var errDecodedSize = errors.New("its values decode to more than Options.MaxPageBytes")

// checkValues checks the encoded values of a data page.
func (r *Reader) checkValues(b []byte, enc format.Encoding, leaf *node, limit int64) error {
	switch enc {
	case format.RLEDictionary, format.PlainDictionary: //lint:ignore SA1019 older writers still mark data pages with it
		if len(b) == 0 {
			return nil
		}
		return checkRuns(b[1:], int(b[0]), limit)
	case format.RLE:
		if leaf.scalar.physical != format.Boolean || len(b) < 4 {
			return nil
		}
		n := int64(binary.LittleEndian.Uint32(b))
		if n > int64(len(b)-4) {
			return errStop
		}
		return checkRuns(b[4:4+n], 1, limit)
	case format.DeltaBinaryPacked:
		// The values themselves may be 64 bits wide: only their count
		// matters here.
		_, _, err := deltaHeader(b, limit)
		return err
	case format.DeltaLengthByteArray:
		_, sum, err := walkLengths(b, limit)
		if err == nil && sum > r.opt.MaxPageBytes {
			return errDecodedSize
		}
		return err
	case format.DeltaByteArray:
		rest, prefixes, err := walkLengths(b, limit)
		if err != nil {
			return err
		}
		_, suffixes, err := walkLengths(rest, limit)
		if err == nil && prefixes+suffixes > r.opt.MaxPageBytes {
			return errDecodedSize
		}
		return err
	}
	return nil
}

// errDelta reports delta-encoded data that does not hold together.
// parquet-go sums the lengths it could decode before it notices, and
// allocates that sum, so such a page is refused here.
var errDelta = errors.New("its delta-encoded values are damaged")

// deltaHeader reads the header of a DELTA_BINARY_PACKED run and checks
// that it holds at most limit values.
func deltaHeader(b []byte, limit int64) (h [4]uint64, rest []byte, err error) {
	for i := range h {
		var n int
		if i < 3 {
			h[i], n = binary.Uvarint(b)
		} else {
			var first int64
			first, n = binary.Varint(b)
			h[i] = uint64(first)
		}
		if n <= 0 {
			return h, nil, errDelta
		}
		b = b[n:]
	}
	block, minis, total := h[0], h[1], h[2]
	if minis == 0 || block == 0 || block%128 != 0 || block > 1<<20 || minis > block || (block/minis)%32 != 0 {
		return h, nil, errDelta
	}
	if total > uint64(limit) {
		return h, nil, fmt.Errorf("delta-encoded values claim %d values in a page of %d", total, limit-valueSlack)
	}
	return h, b, nil
}

// walkLengths walks a DELTA_BINARY_PACKED run of 32-bit lengths as
// parquet-go decodes it, and returns what follows it and the sum of the
// lengths. Anything out of place is errDelta.
func walkLengths(b []byte, limit int64) (rest []byte, sum int64, err error) {
	h, b, err := deltaHeader(b, limit)
	if err != nil {
		return nil, 0, err
	}
	block, minis, total := h[0], h[1], h[2]
	if total == 0 {
		return b, 0, nil
	}
	last := int32(int64(h[3]))
	add := func(v int32) {
		if v < 0 {
			err = errDelta
		}
		sum += int64(v)
	}
	add(last)
	left := int64(total) - 1
	per := int64(block / minis)
	for left > 0 && err == nil {
		minDelta, n := binary.Varint(b)
		if n <= 0 || len(b)-n < int(minis) {
			return nil, 0, errDelta
		}
		b = b[n:]
		widths := b[:minis]
		b = b[minis:]
		for _, w := range widths {
			if w > 32 {
				return nil, 0, errDelta
			}
			count := min(per, left)
			size := int(per) * int(w) / 8
			if size > len(b) {
				// Only the last miniblock may be cut short (parquet-go
				// reads the missing bytes as zeros).
				if count < left {
					return nil, 0, errDelta
				}
				size = len(b)
			}
			data := b[:size]
			b = b[size:]
			for i := range count {
				last += int32(minDelta) + int32(unpack(data, int(i), int(w)))
				add(last)
			}
			left -= count
			if left == 0 {
				break
			}
		}
	}
	if err != nil {
		return nil, 0, err
	}
	return b, sum, nil
}

// unpack returns the i-th value of width w bits (at most 32) packed
// little-endian in data; bytes past its end read as zero.
func unpack(data []byte, i, w int) uint64 {
	if w == 0 {
		return 0
	}
	bit := i * w
	var x uint64
	for j, k := 0, bit/8; j < 5 && k < len(data); j, k = j+1, k+1 {
		x |= uint64(data[k]) << (8 * j)
	}
	return x >> (bit % 8) & (1<<w - 1)
}
