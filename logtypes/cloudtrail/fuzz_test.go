package cloudtrail

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// sampleRecords frames the records of a sample object.
func sampleRecords(tb testing.TB, data []byte) [][]byte {
	tb.Helper()
	plain, _, err := parser.Decompress(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	r := parser.NewJSONRecordsReader(plain, "Records", parser.JSONOptions{})
	var out [][]byte
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if re, ok := parser.AsRecordError(err); ok {
			out = append(out, re.Raw)
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, bytes.Clone(rec.Data))
	}
}

func FuzzNormalize(f *testing.F) {
	for _, key := range []string{keyRecords, keyLines, keyInsight, keyDigest} {
		data, err := os.ReadFile(filepath.Join(samples, key))
		if err != nil {
			f.Fatal(err)
		}
		for _, rec := range sampleRecords(f, data) {
			f.Add(rec)
		}
	}
	for _, s := range []string{
		``, `{}`, `null`, `[]`, `"x"`, `{"eventTime":"2026-11-27T10:05:00Z"}`,
		`{"eventTime":"2026-11-27T10:05:00+02:00","sourceIPAddress":"::ffff:1.2.3.4","userIdentity":{"arn":"arn:aws:sts::1:assumed-role//"}}`,
		`{"eventTime":"2026-11-27T10:05:00Z","requestParameters":{"a":NaN,"b":[1e,-0.]},"resources":[{"ARN":1},null]}`,
		`{"eventTime":"2026-11-27T10:05:00Z","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":7},"tlsDetails":{"tlsVersion":"TLSv"}}`,
		`{"eventTime":"2026-11-27T10:05:00Z","userIdentity":{"sessionContext":{"attributes":{"creationDate":"2026-13-40T99:99:99Z"}}}}`,
		"{\"eventTime\":\"2026-11-27T10:05:00Z\",\"userAgent\":\"\\u0000\\ud800\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev := &ecs.Event{}
		err := Normalize(siem.Record{Record: parser.Record{Data: data, Number: 1}}, ev)
		if err != nil {
			var ex *siem.ExcludedError
			if !errors.As(err, &ex) && err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		body := ev.AppendJSON(nil)
		if !json.Valid(body) {
			t.Fatalf("invalid JSON document: %s", body)
		}
		if !ev.Has("@timestamp") {
			t.Fatalf("document without @timestamp: %s", body)
		}
		if err := ecs.Validate(body, Dataset); err != nil {
			t.Fatalf("%v\n%s", err, body)
		}
	})
}
