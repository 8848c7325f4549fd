package parser

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"compress/bzip2"
)

// Compression names the compression Decompress found on an object.
type Compression int

const (
	None Compression = iota
	Gzip
	Zstd
	Bzip2
	Zip
)

func (c Compression) String() string {
	switch c {
	case None:
		return "none"
	case Gzip:
		return "gzip"
	case Zstd:
		return "zstd"
	case Bzip2:
		return "bzip2"
	case Zip:
		return "zip"
	}
	return fmt.Sprintf("compression(%d)", int(c))
}

// MaxZstdWindowBytes bounds the memory a zstd stream may ask for. It is the
// limit the reference zstd tool applies by default, so every file that tool
// decompresses without extra flags is accepted here too.
const MaxZstdWindowBytes = 128 << 20

// maxNesting bounds how many compression layers Decompress removes. Two
// layers occur in practice (a gzip CloudWatch Logs payload delivered by a
// Firehose stream that gzips again); more than three is not a log object.
const maxNesting = 3

// sniffBufferBytes matches lineBufferBytes so that a LineReader reads straight
// from the buffer Decompress returns.
const sniffBufferBytes = lineBufferBytes

// Decompress detects the compression of r by its leading magic bytes (never
// by a file name) and returns a reader of the decompressed bytes.
//
// Recognised: gzip (every member of a multi-member file is read), zstd
// (including skippable frames), bzip2 (including concatenated streams) and
// zip (the first file of the archive is streamed; a second file is reported
// as an error rather than silently ignored). Anything else is returned as it
// is, with None; an empty r is None and yields no bytes.
//
// When the decompressed bytes are themselves compressed (gzip inside gzip,
// as a Firehose stream with compression on produces from gzipped CloudWatch
// Logs data), the inner layer is removed too, up to three layers; the
// Compression returned is the outermost one.
//
// The error result covers problems found before any byte is decompressed
// (an unreadable source, a bad gzip header, a zip member whose method is not
// supported). A stream that breaks later (a truncated or corrupt object)
// fails from Read, after the bytes before the break were delivered, with an
// error that names the compression and wraps the cause, so the records read
// so far can be kept and the object reported.
//
// The zstd decoder runs without goroutines and releases its buffers when the
// stream ends or fails, so abandoning the returned reader leaks nothing.
func Decompress(r io.Reader) (io.Reader, Compression, error) {
	out, comp, err := decompressLayer(r, 0)
	if err != nil {
		return nil, comp, err
	}
	return out, comp, nil
}

func decompressLayer(r io.Reader, depth int) (io.Reader, Compression, error) {
	src := &sourceReader{r: r}
	br := bufio.NewReaderSize(src, sniffBufferBytes)
	magic, err := br.Peek(10)
	if len(magic) == 0 && err != nil && err != io.EOF {
		return nil, None, fmt.Errorf("reading the object: %w", err)
	}
	comp := sniff(magic)
	if comp == None {
		return br, None, nil
	}
	if depth >= maxNesting {
		return nil, comp, fmt.Errorf("%s: more than %d nested compression layers: this is not a log object", comp, maxNesting)
	}
	dec, err := openDecoder(comp, br, src)
	if err != nil {
		return nil, comp, err
	}
	// Look inside once more, so that doubly compressed payloads read as
	// text. A read error here is not fatal: the bytes peeked so far are
	// still delivered and the error surfaces from Read.
	inner := bufio.NewReaderSize(dec, sniffBufferBytes)
	peeked, _ := inner.Peek(10)
	if sniff(peeked) == None {
		return inner, comp, nil
	}
	nested, _, err := decompressLayer(inner, depth+1)
	if err != nil {
		return nil, comp, fmt.Errorf("%s: inner layer: %w", comp, err)
	}
	return nested, comp, nil
}

// sniff identifies a compression from the first bytes of a stream.
func sniff(b []byte) Compression {
	switch {
	case len(b) >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8:
		return Gzip
	case len(b) >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd:
		return Zstd
	case len(b) >= 4 && b[0]&0xf0 == 0x50 && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18:
		// A zstd skippable frame, which may lead a zstd file.
		return Zstd
	case len(b) >= 10 && isBzip2(b):
		return Bzip2
	case len(b) >= 4 && string(b[:4]) == "PK\x03\x04":
		return Zip
	}
	return None
}

// isBzip2 checks the block or end-of-stream magic after "BZh" and the block
// size digit, so a text line that happens to start with "BZh" stays text.
func isBzip2(b []byte) bool {
	if string(b[:3]) != "BZh" || b[3] < '1' || b[3] > '9' {
		return false
	}
	block := string(b[4:10])
	return block == "\x31\x41\x59\x26\x53\x59" || block == "\x17\x72\x45\x38\x50\x90"
}

func openDecoder(comp Compression, br *bufio.Reader, src *sourceReader) (io.Reader, error) {
	d := &decodedReader{comp: comp, src: src}
	switch comp {
	case Gzip:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, d.wrap(err)
		}
		d.r = zr
	case Zstd:
		// The decoder refuses a frame whose window is over the limit
		// without saying how large it is; frames follows the stream's
		// frame headers to tell.
		d.frames = &zstdFrames{r: br, need: 4}
		zr, err := zstd.NewReader(d.frames,
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderMaxWindow(MaxZstdWindowBytes),
			zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, d.wrap(err)
		}
		d.r = zr
		d.release = zr.Close
	case Bzip2:
		d.r = bzip2.NewReader(br)
	case Zip:
		zr, err := openZip(br)
		if err != nil {
			return nil, d.wrap(err)
		}
		d.r = zr
	}
	return d, nil
}

// sourceReader remembers the last error of the compressed source, so a
// failing download is told apart from a corrupt stream.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// decodedReader makes a decompressor's errors sticky and self-explaining.
type decodedReader struct {
	r       io.Reader
	comp    Compression
	src     *sourceReader
	err     error
	release func()
	// frames follows a zstd stream's frames, nil for other compressions.
	frames *zstdFrames
}

func (d *decodedReader) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.r.Read(p)
	if err != nil {
		if err == io.EOF {
			d.err = io.EOF
		} else {
			d.err = d.wrap(err)
		}
		if d.release != nil {
			d.release()
			d.release = nil
		}
		return n, d.err
	}
	return n, nil
}

func (d *decodedReader) wrap(err error) error {
	var already *decodeError
	if errors.As(err, &already) {
		return err
	}
	if d.src.err != nil && errors.Is(err, d.src.err) {
		return &decodeError{comp: d.comp, err: err, source: true}
	}
	if d.frames != nil && d.frames.window > 0 &&
		(errors.Is(err, zstd.ErrWindowSizeExceeded) || errors.Is(err, zstd.ErrDecoderSizeExceeded)) {
		// The decoder stops at the first frame over the limit, which is
		// the first one frames saw.
		return &decodeError{comp: d.comp, err: &zstdWindowError{Window: d.frames.window, Limit: MaxZstdWindowBytes, err: err}}
	}
	if err == io.EOF {
		// A decompressor that reports a plain EOF before its stream ended.
		err = io.ErrUnexpectedEOF
	}
	return &decodeError{comp: d.comp, err: err}
}

// decodeError is how a broken compressed stream shows up: the compression,
// the decompressor's own message, and whether the fault is in the data or in
// reading the source.
type decodeError struct {
	comp   Compression
	err    error
	source bool
}

func (e *decodeError) Error() string {
	name := e.comp.String()
	if e.source {
		return name + ": reading the compressed object: " + e.err.Error()
	}
	msg := strings.TrimPrefix(e.err.Error(), name+": ")
	var unsupported *unsupportedError
	var window *zstdWindowError
	if errors.As(e.err, &unsupported) || errors.As(e.err, &window) {
		return name + ": " + msg
	}
	return name + ": " + msg + ": object is truncated or corrupt"
}

func (e *decodeError) Unwrap() error { return e.err }

// zstdWindowError reports a zstd frame that needs more memory for its
// window (the span of earlier bytes it may copy from) than
// MaxZstdWindowBytes allows. The data is not damaged: it was compressed
// with a larger window than this package accepts.
type zstdWindowError struct {
	// Window is what the frame asks for and Limit what is allowed, in
	// bytes.
	Window, Limit uint64
	err           error
}

func (e *zstdWindowError) Error() string {
	return fmt.Sprintf("frame needs a window of %d bytes (%s), above the limit of %d bytes (%s, parser.MaxZstdWindowBytes); "+
		"recompress it with a window of at most %s: zstd without --long, or with --long=%d or less (zstd --long=%d and above is not supported)",
		e.Window, sizeText(e.Window), e.Limit, sizeText(e.Limit), sizeText(e.Limit), bits.Len64(e.Limit)-1, bits.Len64(e.Limit))
}

func (e *zstdWindowError) Unwrap() error { return e.err }

// sizeText writes a size in the largest binary unit that divides it.
func sizeText(n uint64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// zstdFrames passes a zstd stream through while following its frames
// (RFC 8878: frame headers, block headers, skippable frames), to learn the
// window size of each frame. It keeps the first window above
// MaxZstdWindowBytes, which is the frame the decoder refuses. It only
// counts bytes, a few operations per block. Bytes it cannot follow (a
// corrupt stream) stop it, and the decoder reports them.
type zstdFrames struct {
	r io.Reader
	// state says what the next need bytes are. Those of a header are
	// gathered in buf (n so far); skipped ones (block contents,
	// checksums, skippable frames) are only counted, and then comes
	// after.
	state zstdState
	need  uint64
	buf   [14]byte
	n     int
	after zstdState
	// checksum tells that the current frame ends with a 4-byte checksum.
	checksum bool
	// window is the first window over the limit seen, 0 if none.
	window uint64
}

type zstdState uint8

const (
	zstdMagic       zstdState = iota // 4 bytes starting a frame or a skippable frame
	zstdSkipSize                     // 4 bytes: the size of a skippable frame
	zstdDescriptor                   // 1 byte: the frame header descriptor
	zstdHeader                       // the rest of the frame header, up to 13 bytes
	zstdBlockHeader                  // 3 bytes
	zstdSkip                         // bytes passed over
	zstdLost                         // the stream cannot be followed
)

func (z *zstdFrames) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	z.follow(p[:n])
	return n, err
}

func (z *zstdFrames) follow(b []byte) {
	for len(b) > 0 && z.state != zstdLost {
		if z.state == zstdSkip {
			k := min(z.need, uint64(len(b)))
			z.need -= k
			b = b[k:]
			if z.need == 0 {
				z.next(z.after)
			}
			continue
		}
		k := copy(z.buf[z.n:z.need], b)
		z.n += k
		b = b[k:]
		if uint64(z.n) == z.need {
			z.gathered(z.buf[:z.n])
		}
	}
}

// next starts reading the given kind of bytes.
func (z *zstdFrames) next(s zstdState) {
	z.state, z.n = s, 0
	switch s {
	case zstdMagic, zstdSkipSize:
		z.need = 4
	case zstdDescriptor:
		z.need = 1
	case zstdBlockHeader:
		z.need = 3
	}
}

// skip passes over n bytes, then reads the given kind.
func (z *zstdFrames) skip(n uint64, then zstdState) {
	if n == 0 {
		z.next(then)
		return
	}
	z.state, z.need, z.after = zstdSkip, n, then
}

// gathered acts on the bytes of the current state, all in b.
func (z *zstdFrames) gathered(b []byte) {
	switch z.state {
	case zstdMagic:
		switch {
		case b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd:
			z.next(zstdDescriptor)
		case b[0]&0xf0 == 0x50 && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18:
			z.next(zstdSkipSize)
		default:
			z.state = zstdLost
		}
	case zstdSkipSize:
		z.skip(uint64(b[0])|uint64(b[1])<<8|uint64(b[2])<<16|uint64(b[3])<<24, zstdMagic)
	case zstdDescriptor:
		fhd := b[0]
		z.checksum = fhd&0x04 != 0
		size := [4]uint64{0, 1, 2, 4}[fhd&3] // dictionary id
		if fhd&0x20 == 0 {
			size++ // window descriptor
		}
		size += [4]uint64{0, 2, 4, 8}[fhd>>6] // frame content size
		if fhd>>6 == 0 && fhd&0x20 != 0 {
			size++
		}
		// A window descriptor or a content size always follows; buf[0]
		// keeps the descriptor.
		z.state, z.need, z.n = zstdHeader, 1+size, 1
	case zstdHeader:
		if w := zstdWindow(b); w > MaxZstdWindowBytes && z.window == 0 {
			z.window = w
		}
		z.next(zstdBlockHeader)
	case zstdBlockHeader:
		h := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16
		size := h >> 3
		switch (h >> 1) & 3 {
		case 1: // RLE: one byte, repeated
			size = 1
		case 3: // reserved
			z.state = zstdLost
			return
		}
		if h&1 == 0 {
			z.skip(size, zstdBlockHeader)
			return
		}
		if z.checksum {
			size += 4
		}
		z.skip(size, zstdMagic)
	}
}

// zstdWindow returns the window size a frame header (from its descriptor
// on) asks for: its window descriptor, or for a single-segment frame its
// content size.
func zstdWindow(h []byte) uint64 {
	fhd := h[0]
	if fhd&0x20 == 0 {
		wd := h[1]
		base := uint64(1) << (10 + wd>>3)
		return base + base/8*uint64(wd&7)
	}
	fcs := h[1+[4]int{0, 1, 2, 4}[fhd&3]:]
	switch fhd >> 6 {
	case 0:
		return uint64(fcs[0])
	case 1:
		return uint64(fcs[0]) | uint64(fcs[1])<<8 + 256
	case 2:
		return uint64(binary.LittleEndian.Uint32(fcs))
	}
	return binary.LittleEndian.Uint64(fcs)
}
