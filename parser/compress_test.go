package parser

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
)

func gzipBytes(t testing.TB, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, m := range members {
		zw := gzip.NewWriter(&b)
		if _, err := zw.Write([]byte(m)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func zstdBytes(t testing.TB, s string) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll([]byte(s), nil)
}

type zipFile struct {
	name   string
	body   string
	method uint16
}

// zipBytes builds an archive with the standard library writer, which puts a
// data descriptor after every file.
func zipBytes(t testing.TB, files ...zipFile) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: f.method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rawZipBytes builds a one-file archive whose local header carries the sizes
// and CRC-32 (no data descriptor), with the body already in its method's
// encoding.
func rawZipBytes(t testing.TB, name string, method uint16, body, encoded []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             method,
		CRC32:              crc32.ChecksumIEEE(body),
		CompressedSize64:   uint64(len(encoded)),
		UncompressedSize64: uint64(len(body)),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(encoded)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zip64StoredBytes hand-builds a stored member whose sizes are in a zip64
// extra field, as writers do for files over 4 GiB.
func zip64StoredBytes(body string) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("PK\x03\x04")
	binary.Write(&b, le, uint16(45)) // version needed
	binary.Write(&b, le, uint16(0))  // flags
	binary.Write(&b, le, uint16(0))  // stored
	binary.Write(&b, le, uint32(0))  // time and date
	binary.Write(&b, le, crc32.ChecksumIEEE([]byte(body)))
	binary.Write(&b, le, uint32(0xffffffff)) // compressed size: see zip64
	binary.Write(&b, le, uint32(0xffffffff)) // size: see zip64
	binary.Write(&b, le, uint16(len("big.log")))
	binary.Write(&b, le, uint16(20))
	b.WriteString("big.log")
	binary.Write(&b, le, uint16(1))
	binary.Write(&b, le, uint16(16))
	binary.Write(&b, le, uint64(len(body)))
	binary.Write(&b, le, uint64(len(body)))
	b.WriteString(body)
	b.WriteString("PK\x01\x02 rest of the archive")
	return b.Bytes()
}

func deflateBytes(t testing.TB, s string) []byte {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.DefaultCompression)
	fw.Write([]byte(s))
	fw.Close()
	return b.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecompress(t *testing.T) {
	text := "first line\nsecond line\n"
	// Data that looks like zip signatures and a data descriptor without
	// being one.
	tricky := "PK\x07\x08\x00\x00\x00\x00PK\x01\x02PK\x03\x04 and more PK\x03\x04\n" + strings.Repeat("x", 100)
	big := strings.Repeat("a line of a large stored member PK\x01\x02\n", 30000)
	bzLines := ""
	for i := range 300 {
		bzLines += "line " + itoa(i) + " of a bzip2 sample\n"
	}
	tests := []struct {
		name  string
		input []byte
		comp  Compression
		want  string
	}{
		{"empty", nil, None, ""},
		{"plain", []byte(text), None, text},
		{"one byte", []byte("x"), None, "x"},
		{"text starting like bzip2", []byte("BZh9 is not a magic number\n"), None, "BZh9 is not a magic number\n"},
		{"text starting with PK", []byte("PK is a line\n"), None, "PK is a line\n"},
		{"gzip", gzipBytes(t, text), Gzip, text},
		{"gzip multi-member", gzipBytes(t, "member one\n", "member two\n", "", "member four\n"), Gzip, "member one\nmember two\nmember four\n"},
		{"gzip empty", gzipBytes(t, ""), Gzip, ""},
		{"gzip inside gzip", gzipBytes(t, string(gzipBytes(t, text))), Gzip, text},
		{"gzip inside zstd", zstdBytes(t, string(gzipBytes(t, text))), Zstd, text},
		{"zstd", zstdBytes(t, text), Zstd, text},
		{"zstd two frames", append(zstdBytes(t, "frame one\n"), zstdBytes(t, "frame two\n")...), Zstd, "frame one\nframe two\n"},
		{"zstd after skippable frame", append([]byte("\x50\x2a\x4d\x18\x04\x00\x00\x00skip"), zstdBytes(t, text)...), Zstd, text},
		{"bzip2", readTestdata(t, "two-lines.bz2"), Bzip2, text},
		{"bzip2 concatenated streams", readTestdata(t, "two-streams.bz2"), Bzip2, "a\nb\n"},
		{"bzip2 300 lines", readTestdata(t, "300-lines.bz2"), Bzip2, bzLines},
		{"zip deflate", zipBytes(t, zipFile{"a.log", text, zip.Deflate}), Zip, text},
		{"zip deflate no descriptor", rawZipBytes(t, "a.log", zip.Deflate, []byte(text), deflateBytes(t, text)), Zip, text},
		{"zip stored with descriptor", zipBytes(t, zipFile{"a.log", tricky, zip.Store}), Zip, tricky},
		{"zip stored, large", zipBytes(t, zipFile{"a.log", big, zip.Store}), Zip, big},
		{"zip stored no descriptor", rawZipBytes(t, "a.log", zip.Store, []byte(tricky), []byte(tricky)), Zip, tricky},
		{"zip stored empty", zipBytes(t, zipFile{"a.log", "", zip.Store}), Zip, ""},
		{"zip64 stored", zip64StoredBytes(text), Zip, text},
		{"zip directory first", zipBytes(t, zipFile{"logs/", "", zip.Store}, zipFile{"logs/a.log", text, zip.Deflate}), Zip, text},
		{"zip directory after the file", zipBytes(t, zipFile{"a.log", text, zip.Deflate}, zipFile{"more/", "", zip.Store}), Zip, text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, slow := range []bool{false, true} {
				var src io.Reader = bytes.NewReader(tt.input)
				if slow {
					src = oneByteReader{src}
				}
				r, comp, err := Decompress(src)
				if err != nil {
					t.Fatalf("Decompress: %v", err)
				}
				if comp != tt.comp {
					t.Errorf("compression = %v, want %v", comp, tt.comp)
				}
				got, err := io.ReadAll(r)
				if err != nil {
					t.Fatalf("read: %v", err)
				}
				if string(got) != tt.want {
					t.Errorf("got %d bytes %.80q, want %d bytes %.80q", len(got), got, len(tt.want), tt.want)
				}
			}
		})
	}
}

func TestDecompressErrors(t *testing.T) {
	var lines strings.Builder
	for i := range 20000 {
		lines.WriteString("line " + itoa(i) + " with some text to compress\n")
	}
	text := lines.String()
	gz := gzipBytes(t, text)
	badCRC := bytes.Clone(gz)
	badCRC[len(badCRC)-6] ^= 0xff
	zs := zstdBytes(t, text)
	zd := zipBytes(t, zipFile{"a.log", text, zip.Deflate})
	stored := rawZipBytes(t, "a.log", zip.Store, []byte(text), []byte(text))
	storedBadCRC := bytes.Clone(stored)
	storedBadCRC[bytes.Index(storedBadCRC, []byte("line 100 "))] = 'L'
	unsupported := rawZipBytes(t, "a.log", 12, []byte(text), []byte("bzip2 data"))
	encrypted := zipBytes(t, zipFile{"a.log", text, zip.Deflate})
	encrypted[6] |= 1
	zipDeep := gzipBytes(t, string(gzipBytes(t, string(gzipBytes(t, string(gzipBytes(t, text)))))))

	tests := []struct {
		name      string
		input     io.Reader
		openErr   string // error from Decompress
		readErr   string // error from Read, after a prefix of text
		cause     error  // wrapped by the error
		wantBytes int    // least number of good bytes before the error
		damaged   bool   // the bytes before the error are not all good
	}{
		{name: "gzip truncated", input: bytes.NewReader(gz[:len(gz)/2]),
			readErr: "gzip: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF, wantBytes: 100000},
		{name: "gzip without trailer", input: bytes.NewReader(gz[:len(gz)-8]),
			readErr: "gzip: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF, wantBytes: len(text) - 70000},
		{name: "gzip bad checksum", input: bytes.NewReader(badCRC),
			readErr: "gzip: invalid checksum: object is truncated or corrupt", wantBytes: len(text) - 70000},
		{name: "gzip truncated header", input: bytes.NewReader(gz[:6]),
			openErr: "gzip: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF},
		{name: "gzip source fails", input: io.MultiReader(bytes.NewReader(gz[:len(gz)/2]), &failingReader{err: errNetwork}),
			readErr: "gzip: reading the compressed object: connection reset by peer", cause: errNetwork, wantBytes: 100000},
		{name: "zstd truncated", input: bytes.NewReader(zs[:len(zs)/2]),
			readErr: "object is truncated or corrupt", wantBytes: 1},
		{name: "bzip2 truncated", input: bytes.NewReader(readTestdata(t, "300-lines.bz2")[:300]),
			readErr: "bzip2: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF},
		{name: "zip deflate truncated", input: bytes.NewReader(zd[:len(zd)/2]),
			readErr: "zip: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF, wantBytes: 100000},
		{name: "zip stored truncated", input: bytes.NewReader(stored[:len(stored)/2]),
			readErr: `zip: member "a.log" ended after`, cause: io.ErrUnexpectedEOF, wantBytes: len(text)/2 - 1000},
		{name: "zip stored with descriptor truncated", input: bytes.NewReader(zipBytes(t, zipFile{"a.log", text, zip.Store})[:len(text)/2]),
			readErr: `zip: stored member "a.log" has no data descriptor: unexpected EOF: object is truncated or corrupt`, cause: io.ErrUnexpectedEOF, wantBytes: len(text)/2 - 1000},
		{name: "zip stored bad checksum", input: bytes.NewReader(storedBadCRC),
			readErr: `zip: member "a.log": CRC-32 mismatch: object is truncated or corrupt`, wantBytes: len(text), damaged: true},
		{name: "zip unsupported method", input: bytes.NewReader(unsupported),
			openErr: `zip: member "a.log" uses compression method 12 (bzip2); only stored and deflate members can be streamed: unzip the archive and read the file itself`},
		{name: "zip encrypted", input: bytes.NewReader(encrypted),
			openErr: `zip: member "a.log" is encrypted: decrypt the archive first`},
		{name: "zip with two files", input: bytes.NewReader(zipBytes(t, zipFile{"a.log", text, zip.Deflate}, zipFile{"b.log", "b\n", zip.Deflate})),
			readErr: `zip: archive holds more than one file; only the first, "a.log", was read, and "b.log" and any after it were not: unzip the archive and read its files one by one`, wantBytes: len(text)},
		{name: "zip truncated header", input: bytes.NewReader(zd[:20]),
			openErr: "zip: local file header: unexpected EOF: object is truncated or corrupt", cause: io.ErrUnexpectedEOF},
		{name: "four layers", input: bytes.NewReader(zipDeep),
			openErr: "gzip: inner layer: gzip: inner layer: gzip: inner layer: gzip: more than 3 nested compression layers: this is not a log object"},
		{name: "source fails at once", input: &failingReader{err: errNetwork},
			openErr: "reading the object: connection reset by peer", cause: errNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := Decompress(tt.input)
			if tt.openErr != "" {
				if err == nil || err.Error() != tt.openErr {
					t.Fatalf("Decompress error = %v, want %q", err, tt.openErr)
				}
				if tt.cause != nil && !errors.Is(err, tt.cause) {
					t.Errorf("error does not wrap %v", tt.cause)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decompress: %v", err)
			}
			got, err := io.ReadAll(r)
			if err == nil || !strings.Contains(err.Error(), tt.readErr) {
				t.Fatalf("read error = %v, want %q", err, tt.readErr)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("error %v does not wrap %v", err, tt.cause)
			}
			if len(got) < tt.wantBytes || !tt.damaged && !strings.HasPrefix(text, string(got)) {
				t.Errorf("got %d bytes before the error, want at least %d good ones", len(got), tt.wantBytes)
			}
			// The error stays.
			if _, again := r.Read(make([]byte, 10)); again == nil || again.Error() != err.Error() {
				t.Errorf("second read error = %v", again)
			}
		})
	}
}

// The zstd decoder must not leave goroutines behind, whether the stream is
// read to its end, fails, or is abandoned half way.
func TestDecompressZstdLeavesNoGoroutines(t *testing.T) {
	text := strings.Repeat("some zstd text to read\n", 100000)
	zs := zstdBytes(t, text)
	before := runtime.NumGoroutine()
	for i := range 30 {
		input := zs
		if i%3 == 1 {
			input = zs[:len(zs)/2]
		}
		r, _, err := Decompress(bytes.NewReader(input))
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 2 {
			r.Read(make([]byte, 1000))
			continue
		}
		io.Copy(io.Discard, r)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

func TestCompressionString(t *testing.T) {
	want := map[Compression]string{None: "none", Gzip: "gzip", Zstd: "zstd", Bzip2: "bzip2", Zip: "zip", Compression(9): "compression(9)"}
	for c, s := range want {
		if c.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(c), c.String(), s)
		}
	}
}

// zstdFrameHeader builds the start of a zstd frame that asks for a window
// of 2^windowLog bytes, followed by one raw block holding body.
func zstdFrameHeader(windowLog int, body string) []byte {
	b := []byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, byte(windowLog-10) << 3}
	h := 1 | len(body)<<3 // last block, raw
	b = append(b, byte(h), byte(h>>8), byte(h>>16))
	return append(b, body...)
}

// TestDecompressZstdWindowTooLarge checks that a frame asking for a window
// over MaxZstdWindowBytes is reported as such, with both sizes and what to
// do, rather than as a damaged object.
func TestDecompressZstdWindowTooLarge(t *testing.T) {
	text := "first frame\n"
	// A single-segment frame's window is its content size: 2 GiB here.
	single := []byte{0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0x01, 0, 0}
	tests := []struct {
		name   string
		input  []byte
		window string
		good   string // bytes decoded before the error
	}{
		{"2 GiB window", zstdFrameHeader(31, "hello\n"), "2147483648 bytes (2 GiB)", ""},
		{"2 GiB window after a good frame and a skippable frame", append(append(zstdBytes(t, text), "\x50\x2a\x4d\x18\x03\x00\x00\x00abc"...), zstdFrameHeader(31, "hello\n")...), "2147483648 bytes (2 GiB)", text},
		{"single segment of 2 GiB", single, "2147483648 bytes (2 GiB)", ""},
		{"a window as zstd --long=28 writes", zstdFrameHeader(28, "hello\n"), "268435456 bytes (256 MiB)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []byte
			r, comp, err := Decompress(bytes.NewReader(tt.input))
			if err == nil {
				if comp != Zstd {
					t.Fatalf("compression %v, want zstd", comp)
				}
				got, err = io.ReadAll(r)
			}
			if err == nil {
				t.Fatal("no error")
			}
			want := "zstd: frame needs a window of " + tt.window + ", above the limit of 134217728 bytes (128 MiB, parser.MaxZstdWindowBytes); " +
				"recompress it with a window of at most 128 MiB: zstd without --long, or with --long=27 or less (zstd --long=28 and above is not supported)"
			if err.Error() != want {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
			if strings.Contains(err.Error(), "corrupt") {
				t.Error("a frame with a large window is not corrupt")
			}
			if !errors.Is(err, zstd.ErrWindowSizeExceeded) && !errors.Is(err, zstd.ErrDecoderSizeExceeded) {
				t.Errorf("error %v does not wrap the decoder's", err)
			}
			if string(got) != tt.good {
				t.Errorf("decoded %q before the error, want %q", got, tt.good)
			}
		})
	}
}

// TestZstdFramesFollowsStreams feeds real zstd streams (several frames,
// checksums, RLE and compressed blocks, a skippable frame) through the
// frame follower in pieces of every size and checks that it ends between
// frames, never lost, and sees no window over the limit.
func TestZstdFramesFollowsStreams(t *testing.T) {
	var lines strings.Builder
	for i := range 30000 {
		lines.WriteString("line " + itoa(i) + " with some text to compress\n")
	}
	big := lines.String()
	var stream []byte
	for _, opts := range [][]zstd.EOption{
		nil,
		{zstd.WithEncoderCRC(false)},
		{zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithWindowSize(1 << 20)},
		{zstd.WithSingleSegment(true)},
	} {
		enc, err := zstd.NewWriter(nil, opts...)
		if err != nil {
			t.Fatal(err)
		}
		stream = enc.EncodeAll([]byte(big), stream)
		stream = enc.EncodeAll([]byte(strings.Repeat("a", 100000)), stream) // RLE blocks
		stream = enc.EncodeAll(nil, stream)
		enc.Close()
		stream = append(stream, "\x5f\x2a\x4d\x18\x02\x00\x00\x00ab"...)
	}
	for _, piece := range []int{1, 2, 3, 7, 100, 4096, len(stream)} {
		z := &zstdFrames{r: bytes.NewReader(stream), need: 4}
		buf := make([]byte, piece)
		for {
			_, err := z.Read(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if z.state != zstdMagic || z.n != 0 || z.window != 0 {
			t.Errorf("pieces of %d bytes: ended in state %d with %d bytes gathered and window %d, want between frames", piece, z.state, z.n, z.window)
		}
	}
}
