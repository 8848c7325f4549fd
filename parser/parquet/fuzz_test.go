package parquet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/brotli"
	"github.com/parquet-go/parquet-go/compress/gzip"
	"github.com/parquet-go/parquet-go/compress/lz4"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/siem-go/siem/parser"
)

// fuzzOptions keep each input cheap: small pages and records.
var fuzzOptions = Options{MaxPageBytes: 1 << 20, MaxRecordBytes: 1 << 16, BatchRows: 16}

// maxFuzzAlloc bounds what reading one input may allocate in total. With
// pages of at most 1 MiB, reading a fuzzed file of a few KiB allocates a
// few MiB; far more means a size or count in the file was trusted.
const maxFuzzAlloc = 256 << 20

// fuzzSeeds are small valid files of every shape the tests write, with
// the codecs and page versions that change how pages are laid out. The
// regressions of FuzzDamage in testdata name seeds by index: add new ones
// at the end.
func fuzzSeeds(t testing.TB) [][]byte {
	small := flows(20)
	return [][]byte{
		writeStructs(t, small[:3]),
		writeStructs(t, small, pq.MaxRowsPerRowGroup(4), pq.PageBufferSize(64), pq.Compression(&snappy.Codec{})),
		writeStructs(t, small, pq.DataPageVersion(1), pq.Compression(&gzip.Codec{})),
		writeStructs(t, ocsfEvents(), pq.Compression(&zstd.Codec{})),
		writeStructs(t, ocsfEvents(), pq.DataPageVersion(1)),
		writeStructs[flow](t, nil),
		listFormsFile(t),
		listFormsFile(t, pq.DataPageVersion(1), pq.Compression(&snappy.Codec{})),
		typesFile(t, typeCases()),
		writeStructs(t, small, pq.Compression(&lz4.Codec{})),
		writeStructs(t, ocsfEvents(), pq.DataPageVersion(1), pq.Compression(&brotli.Codec{})),
		writeStructs(t, encodedRows(), pq.DataPageVersion(1)),
		writeStructs(t, encodedRows(), pq.Compression(&snappy.Codec{})),
	}
}

// FuzzReader opens arbitrary bytes as a Parquet file and reads every row,
// as JSON and then as text: nothing may panic, every record must be valid
// JSON, every error must be an *Error or a *parser.RecordError, and no
// input may allocate without bound.
func FuzzReader(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
		// Truncations and corruptions of each.
		f.Add(seed[:len(seed)/2])
		f.Add(seed[:len(seed)-1])
		f.Add(append(bytes.Clone(seed[:len(seed)-9]), seed[len(seed)-8:]...))
		for _, at := range []int{4, len(seed) / 3, len(seed) / 2, len(seed) - 20} {
			damaged := bytes.Clone(seed)
			damaged[at] ^= 0xff
			f.Add(damaged)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fuzzRead(t, data)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > maxFuzzAlloc {
			t.Fatalf("reading %d bytes allocated %d bytes", len(data), alloc)
		}
	})
}

func fuzzRead(t *testing.T, data []byte) {
	r, err := NewReader(bytes.NewReader(data), fuzzOptions)
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("NewReader error %v is not an *Error", err)
		}
		return
	}
	defer r.Close()
	var text []string
	for _, c := range r.Columns() {
		if c.Primitive() {
			text = append(text, c.Name)
		}
	}
	for pass := range 2 {
		if pass == 1 {
			if len(text) == 0 {
				return
			}
			r.Close()
			if r, err = NewReader(bytes.NewReader(data), fuzzOptions); err != nil {
				t.Fatalf("the file opened once but not twice: %v", err)
			}
			if err := r.RowText(text); err != nil {
				t.Fatal(err)
			}
		}
		for range 5000 {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if _, ok := parser.AsRecordError(err); ok {
				continue
			}
			if err != nil {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("Next error %v is not an *Error", err)
				}
				break
			}
			if pass == 0 && !json.Valid(rec.Data) {
				t.Fatalf("record %d is not valid JSON: %q", rec.Number, rec.Data)
			}
		}
	}
	r.Close()
}

// encodedRows use the delta and dictionary encodings.
func encodedRows() []encoded {
	rows := make([]encoded, 12)
	for i := range rows {
		rows[i] = encoded{ID: int64(i * 1000), Name: fmt.Sprintf("name-%02d", i), Kind: []string{"a", "b"}[i%2]}
		if i%3 > 0 {
			rows[i].Count = new(int32)
			*rows[i].Count = int32(i)
		}
	}
	return rows
}

type encoded struct {
	ID    int64  `parquet:"id,delta"`
	Name  string `parquet:"name,delta"`
	Kind  string `parquet:"kind,dict"`
	Count *int32 `parquet:"count,optional"`
}

// FuzzDamage overwrites bytes of a valid seed file, so that the damage
// lands in pages, page headers and footers that are otherwise sound,
// deeper than random bytes reach. The CRCs of the pages are then fixed
// where they can be, so the damage reaches the decoders: most writers
// write no CRC.
func FuzzDamage(f *testing.F) {
	seeds := fuzzSeeds(f)
	for i := range seeds {
		f.Add(uint8(i), uint32(len(seeds[i])/2), []byte{0xff})
		f.Add(uint8(i), uint32(len(seeds[i])-12), []byte{0x7f, 0xff, 0xff})
		f.Add(uint8(i), uint32(8), []byte{0x15, 0x00, 0x15, 0xf0, 0xff, 0xff, 0xff, 0x0f})
	}
	f.Fuzz(func(t *testing.T, seed uint8, at uint32, patch []byte) {
		base := seeds[int(seed)%len(seeds)]
		data, _ := patchPages(t, base, int(at%uint32(len(base))), patch)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		fuzzRead(t, data)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > maxFuzzAlloc {
			t.Fatalf("reading %d bytes allocated %d bytes", len(data), alloc)
		}
	})
}

// TestFuzzSeeds reads the seeds whole: they are valid files.
func TestFuzzSeeds(t *testing.T) {
	for i, seed := range fuzzSeeds(t) {
		got := readBytes(t, seed, fuzzOptions)
		if got.err != nil || len(got.bad) > 0 {
			t.Errorf("seed %d: %v %v", i, got.err, got.bad)
		}
	}
}
