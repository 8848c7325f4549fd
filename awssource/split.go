package awssource

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/siem-go/siem/ecs"
	"github.com/valyala/fastjson"
)

// splitField names the object a split message's body holds.
const splitField = "siem_split"

// MarshalSplit returns the body of an SQS message asking for a span of an
// object's records:
//
//	{"siem_split":{"bucket":"b","key":"k","version_id":"v","etag":"e","size":N,"first":1,"last":5000}}
//
// A function that finds an object too large for one invocation sends such
// messages to its own queue, one per span; Decode turns each back into an
// ObjectRef with First and Last set. The key is written as it is, not
// URL-encoded. Empty version_id and etag and a zero size are left out.
func MarshalSplit(ref ObjectRef) []byte {
	b := append([]byte(nil), `{"`+splitField+`":{"bucket":`...)
	b = ecs.AppendString(b, ref.Bucket)
	b = append(b, `,"key":`...)
	b = ecs.AppendString(b, ref.Key)
	if ref.VersionID != "" {
		b = append(b, `,"version_id":`...)
		b = ecs.AppendString(b, ref.VersionID)
	}
	if ref.ETag != "" {
		b = append(b, `,"etag":`...)
		b = ecs.AppendString(b, ref.ETag)
	}
	if ref.Size > 0 {
		b = append(b, `,"size":`...)
		b = strconv.AppendInt(b, ref.Size, 10)
	}
	b = append(b, `,"first":`...)
	b = strconv.AppendInt(b, ref.First, 10)
	b = append(b, `,"last":`...)
	b = strconv.AppendInt(b, ref.Last, 10)
	return append(b, "}}"...)
}

// decodeSplit reads the object of a split message. The span must be
// explicit (1 <= first <= last): a split message for a whole object would
// make the receiver split it again.
func decodeSplit(v *fastjson.Value) (ObjectRef, error) {
	if v.Type() != fastjson.TypeObject {
		return ObjectRef{}, errors.New("the split message's " + splitField + " is not an object")
	}
	ref := ObjectRef{
		Bucket:    str(v, "bucket"),
		Key:       str(v, "key"),
		VersionID: str(v, "version_id"),
		ETag:      str(v, "etag"),
		Size:      nonNegative(v.Get("size")),
	}
	if ref.Bucket == "" || ref.Key == "" {
		return ObjectRef{}, errors.New("the split message has no bucket or key")
	}
	first, err1 := intField(v, "first")
	last, err2 := intField(v, "last")
	if err := errors.Join(err1, err2); err != nil {
		return ObjectRef{}, fmt.Errorf("split message for s3://%s/%s: %w", ref.Bucket, ref.Key, err)
	}
	if first < 1 || last < first {
		return ObjectRef{}, fmt.Errorf("split message for s3://%s/%s: records %d-%d is not a span (want 1 <= first <= last)", ref.Bucket, ref.Key, first, last)
	}
	ref.First, ref.Last = first, last
	return ref, nil
}

func intField(v *fastjson.Value, name string) (int64, error) {
	f := v.Get(name)
	if f == nil || f.Type() != fastjson.TypeNumber {
		return 0, fmt.Errorf("%q is missing or not a number", name)
	}
	n, err := f.Int64()
	if err != nil {
		return 0, fmt.Errorf("%q is not an integer", name)
	}
	return n, nil
}
