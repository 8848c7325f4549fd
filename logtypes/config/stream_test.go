package config_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/config"
)

// snapshotStream generates a snapshot file of n configuration items on
// the fly, so that the test itself holds no more than one item.
type snapshotStream struct {
	n, next int
	buf     []byte
	done    bool
}

func (s *snapshotStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.done:
			return 0, io.EOF
		case s.next == 0 && s.buf == nil:
			s.buf = []byte(`{"fileVersion":"1.0","configSnapshotId":"5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","configurationItems":[`)
			s.next = 1
		case s.next > s.n:
			s.buf, s.done = []byte("]}"), true
		default:
			if s.next > 1 {
				s.buf = append(s.buf[:0], ',')
			}
			s.buf = fmt.Appendf(s.buf, `{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-11-27T04:00:00.000Z",`+
				`"configurationStateId":%d,"awsAccountId":"123456789012","configurationItemStatus":"OK",`+
				`"resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-%017x","awsRegion":"us-east-1",`+
				`"configuration":{"groupName":"g%d","description":%q,"ipPermissions":[]}}`,
				s.next, s.next, s.next, strings.Repeat("x", 900))
			s.next++
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// TestSnapshotStreamed reads a generated snapshot of about 48 MB through
// Open and checks that the heap stays far below the object's size: the
// configurationItems array is read one item at a time, never whole.
func TestSnapshotStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 48 MB object")
	}
	const items = 40_000 // about 1.2 KB each
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	or, err := config.New().Open(siem.Object{Key: benchKey}, &snapshotStream{n: items})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	peak := ms.HeapAlloc
	var (
		ev       ecs.Event
		read     int
		docBytes int
	)
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("record %d: %v", read+1, err)
		}
		ev.Reset()
		if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
			t.Fatalf("record %d: %v", read+1, err)
		}
		docBytes += len(rec.Data)
		read++
		if read%2000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if read != items {
		t.Fatalf("read %d items, want %d", read, items)
	}
	growth := int64(peak) - int64(base)
	t.Logf("%d items, %d MB of items, heap growth at most %d KB", read, docBytes>>20, growth>>10)
	if docBytes < 40<<20 {
		t.Fatalf("the generated items total %d bytes; the test needs tens of MB to mean anything", docBytes)
	}
	if growth > 8<<20 {
		t.Errorf("the heap grew by %d KB while reading a %d MB snapshot: the items are not streamed", growth>>10, docBytes>>20)
	}
}
