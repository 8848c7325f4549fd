package parser

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
		zr, err := zstd.NewReader(br,
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
	if errors.As(e.err, &unsupported) {
		return name + ": " + msg
	}
	return name + ": " + msg + ": object is truncated or corrupt"
}

func (e *decodeError) Unwrap() error { return e.err }
