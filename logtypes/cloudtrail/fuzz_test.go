package cloudtrail

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	// Hostile shapes, small: escape-heavy strings in every place, many
	// values, deep nesting at and past the limit, repeated keys, leap
	// seconds and years before 1970.
	for _, place := range escapePlaces {
		for _, kind := range escapeKinds {
			f.Add(hostileRecord(place.member(strings.Repeat(kind.escape, 50))))
		}
	}
	for _, shape := range hostileShapes(2000) {
		f.Add(shape.data)
	}
	for _, s := range []string{
		rec(iamUser, common, `"eventTime":"1999-01-01T00:00:00Z","eventName":"A","eventName":"B","sourceIPAddress":"1.2.3.4","sourceIPAddress":"::1"`),
		rec(iamUser, common, `"userIdentity":{"type":"Root","sessionContext":{"attributes":{"creationDate":"2016-12-31T23:59:60Z"},"attributes":{}}}`),
		rec(iamUser, common, `"eventSource":"iam.amazonaws.com","requestParameters":{"userName":"a","user\u004eame":"b"},"responseElements":{"user":{"userId":"x","userId":"y"}}`),
		`{"eventTime":"2016-12-31T23:59:60.999999999+23:59"}`,
		`{"eventTime":"1969-12-31T23:59:59Z"}`,
		`{"eventTime":"0001-01-01T00:00:00Z"}`,
		`{"eventTime":"9999-12-31T23:59:60Z"}`,
		`{"eventTime":"2026-11-27t10:05:00z","requestParameters":` + strings.Repeat("[", 298) + strings.Repeat("]", 298) + `}`,
		`{"eventTime":"2026-11-27T10:05:00Z","requestParameters":` + strings.Repeat("[", 299) + strings.Repeat("]", 299) + `}`,
		`{"eventTime":"2026-11-27T10:05:00Z","resources":[{"ARN":"a","ARN":"b"},{"arn":"a"},{"ARN":"a"},{"type":"\u0000"}]}`,
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
