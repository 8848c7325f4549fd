package parquet

import (
	"errors"
	"fmt"
)

// Parquet's footer and page headers are Thrift structures in the compact
// protocol. parquet-go's decoder allocates what a length or count in them
// claims before it reads what follows (a list of 2^31 elements in a footer
// of 100 bytes), so every structure is first walked here without decoding:
// each count must fit in the bytes that are left. A length-checked
// structure then decodes in memory proportional to its size.

// errShort reports a structure that runs past the end of the bytes given.
// For a page header read through a window, it means "read more"; at the
// end of the data it means the structure is cut off.
var errShort = errors.New("ends before the structure does")

// maxThriftDepth bounds nesting. Parquet's metadata nests about six deep.
const maxThriftDepth = 32

// Compact protocol type ids.
const (
	ctStop      = 0
	ctTrue      = 1
	ctFalse     = 2
	ctByte      = 3
	ctI16       = 4
	ctI32       = 5
	ctI64       = 6
	ctDouble    = 7
	ctBinary    = 8
	ctList      = 9
	ctSet       = 10
	ctMap       = 11
	ctStruct    = 12
	ctUUID      = 13
	maxCompType = 13
)

type skimmer struct {
	b     []byte
	pos   int
	depth int
}

// skimStruct walks the compact-protocol struct at the start of b and
// returns its length in bytes.
func skimStruct(b []byte) (int, error) {
	s := skimmer{b: b}
	if err := s.structure(); err != nil {
		return 0, err
	}
	return s.pos, nil
}

func (s *skimmer) left() int { return len(s.b) - s.pos }

func (s *skimmer) skip(n int) error {
	if n < 0 || n > s.left() {
		return errShort
	}
	s.pos += n
	return nil
}

func (s *skimmer) uvarint() (uint64, error) {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if s.pos >= len(s.b) {
			return 0, errShort
		}
		c := s.b[s.pos]
		s.pos++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x, nil
		}
	}
	return 0, errors.New("varint longer than 10 bytes")
}

func (s *skimmer) structure() error {
	s.depth++
	if s.depth > maxThriftDepth {
		return fmt.Errorf("structures nested more than %d deep", maxThriftDepth)
	}
	for {
		if s.pos >= len(s.b) {
			return errShort
		}
		h := s.b[s.pos]
		s.pos++
		typ := h & 0x0f
		if typ == ctStop {
			s.depth--
			return nil
		}
		if h>>4 == 0 {
			// A field id that is not a small delta follows as a varint.
			if _, err := s.uvarint(); err != nil {
				return err
			}
		}
		if typ == ctTrue || typ == ctFalse {
			// A boolean field's value is its type.
			continue
		}
		if err := s.value(typ); err != nil {
			return err
		}
	}
}

func (s *skimmer) value(typ byte) error {
	switch typ {
	case ctTrue, ctFalse, ctByte:
		return s.skip(1)
	case ctI16, ctI32, ctI64:
		_, err := s.uvarint()
		return err
	case ctDouble:
		return s.skip(8)
	case ctUUID:
		return s.skip(16)
	case ctBinary:
		n, err := s.uvarint()
		if err != nil {
			return err
		}
		if n > uint64(s.left()) {
			return errShort
		}
		s.pos += int(n)
		return nil
	case ctList, ctSet:
		if s.pos >= len(s.b) {
			return errShort
		}
		h := s.b[s.pos]
		s.pos++
		size := uint64(h >> 4)
		if size == 15 {
			var err error
			if size, err = s.uvarint(); err != nil {
				return err
			}
		}
		elem := h & 0x0f
		if elem > maxCompType || elem == ctStop {
			if size == 0 {
				return nil
			}
			return fmt.Errorf("list of unknown element type %d", elem)
		}
		// Every element takes at least one byte.
		if size > uint64(s.left()) {
			return errShort
		}
		for range size {
			if err := s.value(elem); err != nil {
				return err
			}
		}
		return nil
	case ctMap:
		size, err := s.uvarint()
		if err != nil || size == 0 {
			return err
		}
		if s.pos >= len(s.b) {
			return errShort
		}
		kv := s.b[s.pos]
		s.pos++
		k, v := kv>>4, kv&0x0f
		if k == ctStop || k > maxCompType || v == ctStop || v > maxCompType {
			return fmt.Errorf("map of unknown types %d and %d", k, v)
		}
		if size > uint64(s.left())/2 {
			return errShort
		}
		for range size {
			if err := s.value(k); err != nil {
				return err
			}
			if err := s.value(v); err != nil {
				return err
			}
		}
		return nil
	case ctStruct:
		return s.structure()
	}
	return fmt.Errorf("unknown Thrift type %d", typ)
}
