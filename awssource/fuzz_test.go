package awssource

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed payloads in testdata: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	split := string(MarshalSplit(ObjectRef{Bucket: "b", Key: "k", First: 1, Last: 2}))
	f.Add([]byte(`{"Records":[{"messageId":"m","eventSource":"aws:sqs","body":` + jsonString(split) + `}]}`))
	f.Add([]byte(`{"Records":[]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		msgs, err := Decode(payload)
		if err != nil {
			if msgs != nil {
				t.Fatalf("Decode returned messages with an error: %v", err)
			}
			return
		}
		if len(msgs) == 0 {
			t.Fatal("Decode returned neither messages nor an error")
		}
		for i, m := range msgs {
			if m.Source < SourceS3 || m.Source > SourceEventBridge {
				t.Fatalf("message %d: source %d", i, m.Source)
			}
			if m.Err != nil && Classify(m.Err) != Permanent {
				t.Fatalf("message %d: Err %v is not permanent", i, m.Err)
			}
			if len(m.Objects) > 0 && m.Skipped != "" {
				t.Fatalf("message %d: objects and Skipped %q", i, m.Skipped)
			}
			for _, o := range m.Objects {
				if o.Bucket == "" || o.Key == "" {
					t.Fatalf("message %d: object without bucket or key: %+v", i, o)
				}
				if (o.First != 0 || o.Last != 0) && (o.First < 1 || o.Last < o.First) {
					t.Fatalf("message %d: bad span %+v", i, o)
				}
			}
		}
	})
}
