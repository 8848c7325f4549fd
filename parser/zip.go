package parser

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strings"

	"github.com/klauspost/compress/flate"
)

// A zip archive is read front to back from its local file headers, never
// from its central directory at the end, so an object is streamed rather
// than downloaded whole. Only the first file is read: log archives hold one.

const (
	zipLocalHeader   = "PK\x03\x04"
	zipCentralHeader = "PK\x01\x02"
	zipDescriptor    = "PK\x07\x08"

	zipFlagEncrypted  = 1 << 0
	zipFlagDescriptor = 1 << 3

	zipStored   = 0
	zipDeflated = 8

	zip64ExtraID = 0x0001
	uint32Max    = 1<<32 - 1
)

// unsupportedError marks a well-formed input this package cannot read, as
// opposed to a damaged one.
type unsupportedError struct{ msg string }

func (e *unsupportedError) Error() string { return e.msg }

type zipMember struct {
	name        string
	flags       uint16
	method      uint16
	crc         uint32
	compressed  uint64
	size        uint64
	hasZip64Ext bool
}

func (m *zipMember) isDir() bool {
	return strings.HasSuffix(m.name, "/") && m.compressed == 0 && m.flags&zipFlagDescriptor == 0
}

func readZipHeader(br *bufio.Reader) (zipMember, error) {
	var m zipMember
	var h [30]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return m, fmt.Errorf("local file header: %w", unexpectedEOF(err))
	}
	if string(h[:4]) != zipLocalHeader {
		return m, fmt.Errorf("expected a local file header, found %q", h[:4])
	}
	le := binary.LittleEndian
	m.flags = le.Uint16(h[6:])
	m.method = le.Uint16(h[8:])
	m.crc = le.Uint32(h[14:])
	m.compressed = uint64(le.Uint32(h[18:]))
	m.size = uint64(le.Uint32(h[22:]))
	nameAndExtra := make([]byte, int(le.Uint16(h[26:]))+int(le.Uint16(h[28:])))
	if _, err := io.ReadFull(br, nameAndExtra); err != nil {
		return m, fmt.Errorf("local file header: %w", unexpectedEOF(err))
	}
	nameLen := int(le.Uint16(h[26:]))
	m.name = string(nameAndExtra[:nameLen])
	extra := nameAndExtra[nameLen:]
	for len(extra) >= 4 {
		id, size := le.Uint16(extra), int(le.Uint16(extra[2:]))
		extra = extra[4:]
		if size > len(extra) {
			break
		}
		field := extra[:size]
		extra = extra[size:]
		if id != zip64ExtraID {
			continue
		}
		m.hasZip64Ext = true
		// A local header's zip64 field carries both sizes; some writers
		// only write the ones whose 32-bit field overflowed.
		if len(field) >= 16 {
			m.size, m.compressed = le.Uint64(field), le.Uint64(field[8:])
			continue
		}
		if m.size == uint32Max && len(field) >= 8 {
			m.size, field = le.Uint64(field), field[8:]
		}
		if m.compressed == uint32Max && len(field) >= 8 {
			m.compressed = le.Uint64(field)
		}
	}
	return m, nil
}

func openZip(br *bufio.Reader) (io.Reader, error) {
	m, err := readZipHeader(br)
	for err == nil && m.isDir() {
		// `zip -r` puts the directory entries first.
		m, err = readZipHeader(br)
	}
	if err != nil {
		return nil, err
	}
	if m.flags&zipFlagEncrypted != 0 {
		return nil, &unsupportedError{fmt.Sprintf("member %q is encrypted: decrypt the archive first", m.name)}
	}
	z := &zipReader{br: br, m: m}
	switch {
	case m.method == zipDeflated:
		z.data = flate.NewReader(br)
	case m.method == zipStored && m.flags&zipFlagDescriptor == 0:
		z.data = io.LimitReader(br, int64(m.compressed))
	case m.method == zipStored:
		z.data = &storedScanner{br: br, member: m.name}
	default:
		return nil, &unsupportedError{fmt.Sprintf("member %q uses compression method %d (%s); only stored and deflate members can be streamed: unzip the archive and read the file itself",
			m.name, m.method, zipMethodName(m.method))}
	}
	return z, nil
}

func zipMethodName(method uint16) string {
	switch method {
	case 12:
		return "bzip2"
	case 14:
		return "LZMA"
	case 93:
		return "zstd"
	case 95:
		return "xz"
	case 99:
		return "AES encryption"
	}
	return "unknown"
}

// zipReader streams the first member of an archive and checks its CRC-32
// and size once it ends.
type zipReader struct {
	br   *bufio.Reader
	m    zipMember
	data io.Reader
	crc  uint32
	n    uint64
}

func (z *zipReader) Read(p []byte) (int, error) {
	n, err := z.data.Read(p)
	z.crc = crc32.Update(z.crc, crc32.IEEETable, p[:n])
	z.n += uint64(n)
	if err == io.EOF {
		if ferr := z.finish(); ferr != nil {
			return n, ferr
		}
	}
	return n, err
}

func (z *zipReader) finish() error {
	m := &z.m
	switch {
	case m.flags&zipFlagDescriptor == 0:
		if z.n != m.size {
			return fmt.Errorf("member %q ended after %d of its %d bytes: %w", m.name, z.n, m.size, io.ErrUnexpectedEOF)
		}
		if z.crc != m.crc {
			return fmt.Errorf("member %q: CRC-32 mismatch", m.name)
		}
	case m.method == zipDeflated:
		if err := z.skipDescriptor(); err != nil {
			return err
		}
	}
	// storedScanner has already matched and consumed the descriptor.
	return z.checkLastMember()
}

// skipDescriptor matches the data descriptor after a deflated member: with
// or without its optional signature, with 32- or 64-bit sizes.
func (z *zipReader) skipDescriptor() error {
	b, _ := z.br.Peek(24)
	le := binary.LittleEndian
	at := -1
	switch {
	case len(b) >= 8 && string(b[:4]) == zipDescriptor && le.Uint32(b[4:]) == z.crc:
		at = 8
	case len(b) >= 4 && le.Uint32(b) == z.crc:
		at = 4
	default:
		return fmt.Errorf("member %q: CRC-32 mismatch or missing data descriptor", z.m.name)
	}
	switch {
	case len(b) >= at+8 && z.n < uint32Max && uint64(le.Uint32(b[at+4:])) == z.n:
		at += 8
	case len(b) >= at+16 && le.Uint64(b[at+8:]) == z.n:
		at += 16
	default:
		return fmt.Errorf("member %q: data descriptor size does not match the %d bytes read", z.m.name, z.n)
	}
	_, err := z.br.Discard(at)
	return err
}

// checkLastMember reports a second file rather than ignoring it: its
// records would otherwise be lost without a word.
func (z *zipReader) checkLastMember() error {
	for {
		b, _ := z.br.Peek(4)
		if string(b) != zipLocalHeader {
			return nil
		}
		next, err := readZipHeader(z.br)
		if err != nil {
			return nil
		}
		if !next.isDir() {
			return &unsupportedError{fmt.Sprintf("archive holds more than one file; only the first, %q, was read, and %q and any after it were not: unzip the archive and read its files one by one", z.m.name, next.name)}
		}
	}
}

// storedScanner finds the end of a stored member whose size is only given
// in the data descriptor after it. The member ends where a descriptor whose
// CRC-32 and sizes match the bytes so far is followed by the next header.
type storedScanner struct {
	br      *bufio.Reader
	member  string
	crc     uint32
	n       uint64
	safe    int // buffered bytes known to be member data
	ended   bool
	descLen int
	// failed is returned once the bytes before the break are delivered.
	failed error
}

// descriptorLookbehind is the longest data descriptor (signed, 64-bit sizes)
// plus the bytes of a header signature that may not be buffered yet.
const descriptorLookbehind = 24 + 3

func (s *storedScanner) Read(p []byte) (int, error) {
	for s.safe == 0 {
		if s.failed != nil {
			return 0, s.failed
		}
		if s.ended {
			if _, err := s.br.Discard(s.descLen); err != nil {
				return 0, err
			}
			return 0, io.EOF
		}
		if err := s.scan(); err != nil {
			return 0, err
		}
	}
	if len(p) > s.safe {
		p = p[:s.safe]
	}
	n, err := s.br.Read(p)
	s.crc = crc32.Update(s.crc, crc32.IEEETable, p[:n])
	s.n += uint64(n)
	s.safe -= n
	return n, err
}

func (s *storedScanner) scan() error {
	buf, err := s.br.Peek(s.br.Size())
	for i := 0; ; {
		k := bytes.Index(buf[i:], []byte("PK"))
		if k < 0 {
			break
		}
		k += i
		i = k + 1
		if k+4 > len(buf) {
			break
		}
		if sig := string(buf[k : k+4]); sig != zipLocalHeader && sig != zipCentralHeader {
			continue
		}
		for _, dl := range [...]int{16, 24, 12, 20} {
			if s.descriptorAt(buf, k-dl, dl) {
				s.safe, s.ended, s.descLen = k-dl, true, dl
				return nil
			}
		}
	}
	if err != nil {
		s.failed = err
		if err == io.EOF {
			s.failed = fmt.Errorf("stored member %q has no data descriptor: %w", s.member, io.ErrUnexpectedEOF)
		}
		s.safe = len(buf)
		return nil
	}
	s.safe = len(buf) - descriptorLookbehind
	return nil
}

// descriptorAt reports whether buf[e:e+dl] is the data descriptor of a
// member whose data is everything read so far plus buf[:e].
func (s *storedScanner) descriptorAt(buf []byte, e, dl int) bool {
	if e < 0 {
		return false
	}
	d := buf[e : e+dl]
	if dl == 16 || dl == 24 {
		if string(d[:4]) != zipDescriptor {
			return false
		}
		d = d[4:]
	}
	le := binary.LittleEndian
	total := s.n + uint64(e)
	// Sizes first: they pin the candidate to one position, so the CRC-32
	// is computed at most a few times per buffer.
	if len(d) == 12 {
		if uint64(le.Uint32(d[4:])) != total || uint64(le.Uint32(d[8:])) != total {
			return false
		}
	} else if le.Uint64(d[4:]) != total || le.Uint64(d[12:]) != total {
		return false
	}
	return crc32.Update(s.crc, crc32.IEEETable, buf[:e]) == le.Uint32(d)
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
