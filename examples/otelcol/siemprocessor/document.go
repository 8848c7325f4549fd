package siemprocessor

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/valyala/fastjson"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// putDocument replaces m's content with the JSON object doc: nested
// objects become nested maps, so that an exporter in "bodymap" mode sends
// the ECS document exactly as the siem pipeline built it.
func putDocument(m pcommon.Map, doc []byte, p *fastjson.Parser) error {
	v, err := p.ParseBytes(doc)
	if err != nil {
		return fmt.Errorf("the ECS document is not valid JSON: %w", err)
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("the ECS document is a JSON %s, not an object", v.Type())
	}
	m.Clear()
	putObject(m, o)
	return nil
}

func putObject(m pcommon.Map, o *fastjson.Object) {
	m.EnsureCapacity(o.Len())
	o.Visit(func(k []byte, v *fastjson.Value) {
		setValue(m.PutEmpty(string(k)), v)
	})
}

func setValue(dst pcommon.Value, v *fastjson.Value) {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		putObject(dst.SetEmptyMap(), o)
	case fastjson.TypeArray:
		items, _ := v.Array()
		s := dst.SetEmptySlice()
		s.EnsureCapacity(len(items))
		for _, item := range items {
			setValue(s.AppendEmpty(), item)
		}
	case fastjson.TypeString:
		dst.SetStr(string(v.GetStringBytes()))
	case fastjson.TypeNumber:
		setNumber(dst, v)
	case fastjson.TypeTrue:
		dst.SetBool(true)
	case fastjson.TypeFalse:
		dst.SetBool(false)
	}
	// null stays an empty value, which exporters write as null.
}

// setNumber keeps integers as integers (ports, byte counts, status codes)
// and everything else as a double.
func setNumber(dst pcommon.Value, v *fastjson.Value) {
	raw := v.MarshalTo(nil)
	if !bytes.ContainsAny(raw, ".eE") {
		if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
			dst.SetInt(n)
			return
		}
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		// fastjson accepted it, so only an out-of-range value gets here:
		// keep its text rather than a wrong number.
		dst.SetStr(string(raw))
		return
	}
	dst.SetDouble(f)
}
