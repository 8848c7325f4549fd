package parquet

import (
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

type typeCase struct {
	name  string
	typ   pq.Type
	value pq.Value
	json  string
	text  string
}

// typeCases are one column of every physical and logical type the reader
// renders, with a value and how it reads as JSON and as text.
func typeCases() []typeCase {
	i96 := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	day := i96.Truncate(24 * time.Hour)
	nanosOfDay := uint64(i96.Sub(day))
	julian := uint32(day.Unix()/86400 + 2440588)

	decWide, _ := new(big.Int).SetString("-12345678901234567890123", 10)
	decBytes := twosComplement(decWide, 16)

	return []typeCase{
		{"boolean", pq.BooleanType, pq.BooleanValue(true), `true`, `true`},
		{"int32", pq.Int32Type, pq.Int32Value(-42), `-42`, `-42`},
		{"int64", pq.Int64Type, pq.Int64Value(1 << 60), `1152921504606846976`, `1152921504606846976`},
		{"int8", pq.Int(8).Type(), pq.Int32Value(-8), `-8`, `-8`},
		{"uint16", pq.Uint(16).Type(), pq.Int32Value(65535), `65535`, `65535`},
		{"uint32", pq.Uint(32).Type(), pq.Int32Value(-1), `4294967295`, `4294967295`},
		{"uint64", pq.Uint(64).Type(), pq.Int64Value(-1), `18446744073709551615`, `18446744073709551615`},
		{"uint8_converted", converted(pq.Int32Type, deprecated.Uint8), pq.Int32Value(200), `200`, `200`},
		{"float", pq.FloatType, pq.FloatValue(0.1), `0.1`, `0.1`},
		{"double", pq.DoubleType, pq.DoubleValue(1.5e300), `1.5e+300`, `1.5e+300`},
		{"double_small", pq.DoubleType, pq.DoubleValue(-1e-7), `-1e-7`, `-1e-7`},
		{"double_nan", pq.DoubleType, pq.DoubleValue(math.NaN()), `"NaN"`, `NaN`},
		{"float_inf", pq.FloatType, pq.FloatValue(float32(math.Inf(-1))), `"-Infinity"`, `-Infinity`},
		{"string", pq.String().Type(), str("a\"b\\c\n\t\x01\xff é\u2028"), `"a\"b\\c\n\t\u0001` + "\uFFFD é\u2028" + `"`, "a\"b\\c___" + "\uFFFD_é\u2028"},
		{"string_converted", converted(pq.ByteArrayType, deprecated.UTF8), str("legacy"), `"legacy"`, `legacy`},
		{"string_empty", pq.String().Type(), str(""), `""`, `-`},
		{"enum", pq.Enum().Type(), str("ACCEPT"), `"ACCEPT"`, `ACCEPT`},
		{"json", pq.JSON().Type(), str(`{"a":[1]}`), `"{\"a\":[1]}"`, `{"a":[1]}`},
		{"binary", pq.ByteArrayType, str("\x00\x01\xfe"), `"AAH+"`, `AAH+`},
		{"bson", pq.BSON().Type(), str("\x05\x00\x00\x00\x00"), `"BQAAAAA="`, `BQAAAAA=`},
		{"fixed", pq.FixedLenByteArrayType(4), pq.FixedLenByteArrayValue([]byte("ab\x00c")), `"YWIAYw=="`, `YWIAYw==`},
		{"uuid", pq.UUID().Type(), pq.FixedLenByteArrayValue([]byte("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0")), `"12345678-9abc-def0-1234-56789abcdef0"`, `12345678-9abc-def0-1234-56789abcdef0`},
		{"float16", logical(pq.FixedLenByteArrayType(2), &format.Float16Type{}), pq.FixedLenByteArrayValue([]byte{0x00, 0xc1}), `-2.5`, `-2.5`},
		{"decimal_int32", pq.Decimal(2, 9, pq.Int32Type).Type(), pq.Int32Value(12345), `123.45`, `123.45`},
		{"decimal_int64", pq.Decimal(4, 18, pq.Int64Type).Type(), pq.Int64Value(-5), `-0.0005`, `-0.0005`},
		{"decimal_scale0", pq.Decimal(0, 18, pq.Int64Type).Type(), pq.Int64Value(7), `7`, `7`},
		{"decimal_fixed", pq.Decimal(10, 38, pq.FixedLenByteArrayType(16)).Type(), pq.FixedLenByteArrayValue(decBytes), `-1234567890123.4567890123`, `-1234567890123.4567890123`},
		{"decimal_bytes", pq.Decimal(3, 20, pq.ByteArrayType).Type(), pq.ByteArrayValue([]byte{0xff, 0x85}), `-0.123`, `-0.123`},
		{"date", pq.Date().Type(), pq.Int32Value(19000), `"2022-01-08"`, `2022-01-08`},
		{"date_before_epoch", pq.Date().Type(), pq.Int32Value(-1), `"1969-12-31"`, `1969-12-31`},
		{"timestamp_millis", pq.Timestamp(pq.Millisecond).Type(), pq.Int64Value(1700000000123), `"2023-11-14T22:13:20.123Z"`, `2023-11-14T22:13:20.123Z`},
		{"timestamp_millis_zero_fraction", pq.Timestamp(pq.Millisecond).Type(), pq.Int64Value(1700000000000), `"2023-11-14T22:13:20.000Z"`, `2023-11-14T22:13:20.000Z`},
		{"timestamp_micros_local", pq.TimestampAdjusted(pq.Microsecond, false).Type(), pq.Int64Value(1700000000123456), `"2023-11-14T22:13:20.123456"`, `2023-11-14T22:13:20.123456`},
		{"timestamp_nanos_before_epoch", pq.Timestamp(pq.Nanosecond).Type(), pq.Int64Value(-1), `"1969-12-31T23:59:59.999999999Z"`, `1969-12-31T23:59:59.999999999Z`},
		{"timestamp_converted", converted(pq.Int64Type, deprecated.TimestampMicros), pq.Int64Value(1), `"1970-01-01T00:00:00.000001Z"`, `1970-01-01T00:00:00.000001Z`},
		{"int96", pq.Int96Type, pq.Int96Value(deprecated.Int96{uint32(nanosOfDay), uint32(nanosOfDay >> 32), julian}), `"2024-05-06T07:08:09.123456789Z"`, `2024-05-06T07:08:09.123456789Z`},
		{"time_millis", pq.Time(pq.Millisecond).Type(), pq.Int32Value(((13*60+4)*60+5)*1000 + 6), `"13:04:05.006Z"`, `13:04:05.006Z`},
		{"time_micros_local", pq.TimeAdjusted(pq.Microsecond, false).Type(), pq.Int64Value(1), `"00:00:00.000001"`, `00:00:00.000001`},
		{"time_nanos", pq.Time(pq.Nanosecond).Type(), pq.Int64Value(86399999999999), `"23:59:59.999999999Z"`, `23:59:59.999999999Z`},
		{"interval", pq.IntervalNode().Type(), pq.FixedLenByteArrayValue([]byte{1, 0, 0, 0, 2, 0, 0, 0, 0xbc, 0x0f, 0, 0}), `"P1M2DT4.028S"`, `P1M2DT4.028S`},
	}
}

// typesFile writes the type cases as one row, with an optional column
// holding null after them.
func typesFile(t testing.TB, cases []typeCase, opts ...pq.WriterOption) []byte {
	root := &tnode{name: "types", rep: req, typ: pq.Group{}.Type(), fields: []pq.Field{}}
	var row pq.Row
	for i, c := range cases {
		root.fields = append(root.fields, col(c.name, req, c.typ))
		row = append(row, v(i, 0, 0, c.value))
	}
	// An optional column holding null, left out of the JSON.
	root.fields = append(root.fields, col("absent", opt, pq.String().Type()))
	row = append(row, null(len(cases), 0, 0))
	return writeRows(t, root, []pq.Row{row}, opts...)
}

// TestTypes checks the JSON and the text of every type.
func TestTypes(t *testing.T) {
	cases := typeCases()
	data := typesFile(t, cases)

	var want strings.Builder
	want.WriteByte('{')
	for i, c := range cases {
		if i > 0 {
			want.WriteByte(',')
		}
		want.WriteString(`"` + c.name + `":` + c.json)
	}
	want.WriteByte('}')
	checkRecords(t, readBytes(t, data, Options{}), want.String())

	// Each type as text, one column at a time.
	r := mustOpen(t, data, Options{})
	defer r.Close()
	var names []string
	for _, c := range cases {
		names = append(names, c.name)
	}
	names = append(names, "absent")
	if err := r.RowText(names); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, r, false)
	var wantText []string
	for _, c := range cases {
		wantText = append(wantText, c.text)
	}
	wantText = append(wantText, "-")
	checkRecords(t, got, strings.Join(wantText, " "))

	// Columns names every type.
	cols := mustOpen(t, data, Options{}).Columns()
	wantTypes := map[string]string{
		"boolean": "boolean", "int8": "int8", "uint16": "uint16", "uint64": "uint64", "uint8_converted": "uint8",
		"string": "string", "enum": "enum", "json": "json", "binary": "binary", "bson": "bson",
		"fixed": "fixed_len_byte_array", "uuid": "uuid", "float16": "float16",
		"decimal_fixed": "decimal(38,10)", "date": "date", "timestamp_millis": "timestamp(millis,utc)",
		"timestamp_micros_local": "timestamp(micros,local)", "int96": "timestamp(nanos,utc)",
		"time_millis": "time(millis,utc)", "interval": "interval", "absent": "string",
	}
	for _, c := range cols {
		if w, ok := wantTypes[c.Name]; ok && c.Type != w {
			t.Errorf("column %s: type %q, want %q", c.Name, c.Type, w)
		}
		if c.Name == "absent" && !c.Optional || c.Name != "absent" && c.Optional {
			t.Errorf("column %s: Optional %v", c.Name, c.Optional)
		}
	}
}

// twosComplement returns x as a big-endian two's complement of n bytes.
func twosComplement(x *big.Int, n int) []byte {
	y := new(big.Int).Set(x)
	if y.Sign() < 0 {
		y.Add(y, new(big.Int).Lsh(big.NewInt(1), uint(8*n)))
	}
	return y.FillBytes(make([]byte, n))
}

func mustOpen(t testing.TB, data []byte, opt Options) *Reader {
	t.Helper()
	r, err := NewReader(strings.NewReader(string(data)), opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	return r
}

// TestListForms writes the LIST and MAP shapes of the format's
// backward-compatibility rules, with the levels written out by hand, and
// null or empty at each level.
func TestListForms(t *testing.T) {
	data := listFormsFile(t)
	checkRecords(t, readBytes(t, data, Options{}),
		`{"a":[1,2],"b":[{"s":"x"},{"s":"y"}],"c":[{"x":1}],"d":[1,null],"e":[{"x":1,"y":2},{"x":3}],"f":[[1,2],null,[]],"g":{"1":"a","-2":null},"h":{"k":7},"i":["only"]}`,
		`{"d":[],"g":{},"i":[]}`,
		`{"a":[],"b":[],"d":[null],"e":[{"x":5}],"f":[[null]],"h":{"n":null}}`,
	)
	cols := mustOpen(t, data, Options{}).Columns()
	want := []string{"list<int32>", "list<struct<s:string>>", "list<struct<x:int32>>", "list<int32>",
		"list<struct<x:int32,y:int32>>", "list<list<int32>>", "map<int32,string>", "map<string,int64>", "list<string>"}
	for i, c := range cols {
		if c.Type != want[i] {
			t.Errorf("column %s: type %q, want %q", c.Name, c.Type, want[i])
		}
	}
	if !cols[4].Repeated || cols[0].Repeated {
		t.Errorf("Repeated: %+v", cols)
	}
}

func listFormsFile(t testing.TB, opts ...pq.WriterOption) []byte {
	list := &format.ListType{}
	mapT := &format.MapType{}
	i32 := pq.Int32Type
	s := pq.String().Type()
	ctMap, ctKV, ctList := deprecated.Map, deprecated.MapKeyValue, deprecated.List
	root := grp("legacy", req, nil, nil,
		// A repeated primitive directly under the LIST group.
		grp("a", opt, list, nil, col("array", rpt, i32)),
		// A repeated group named "array": the group is the element.
		grp("b", opt, list, nil, grp("array", rpt, nil, nil, col("s", req, s))),
		// A repeated group named <list>_tuple: the group is the element.
		grp("c", opt, list, nil, grp("c_tuple", rpt, nil, nil, col("x", req, i32))),
		// Three levels with an optional element.
		grp("d", req, list, nil, grp("bag", rpt, nil, nil, col("item", opt, i32))),
		// A plain repeated group.
		grp("e", rpt, nil, nil, col("x", req, i32), col("y", opt, i32)),
		// A list of lists.
		grp("f", opt, list, nil, grp("list", rpt, nil, nil,
			grp("element", opt, list, nil, grp("list", rpt, nil, nil, col("element", opt, i32))))),
		// A map with integer keys.
		grp("g", opt, mapT, nil, grp("key_value", rpt, nil, nil, col("key", req, i32), col("value", opt, s))),
		// A map and a list annotated with converted types only.
		grp("h", opt, nil, &ctMap, grp("map", rpt, nil, &ctKV, col("key", req, converted(pq.ByteArrayType, deprecated.UTF8)), col("value", opt, pq.Int64Type))),
		grp("i", opt, nil, &ctList, grp("list", rpt, nil, nil, col("element", req, s))),
	)
	rows := []pq.Row{
		{
			v(0, 0, 2, pq.Int32Value(1)), v(0, 1, 2, pq.Int32Value(2)),
			v(1, 0, 2, str("x")), v(1, 1, 2, str("y")),
			v(2, 0, 2, pq.Int32Value(1)),
			v(3, 0, 2, pq.Int32Value(1)), null(3, 1, 1),
			v(4, 0, 1, pq.Int32Value(1)), v(4, 1, 1, pq.Int32Value(3)),
			v(5, 0, 2, pq.Int32Value(2)), null(5, 1, 1),
			v(6, 0, 5, pq.Int32Value(1)), v(6, 2, 5, pq.Int32Value(2)), null(6, 1, 2), null(6, 1, 3),
			v(7, 0, 2, pq.Int32Value(1)), v(7, 1, 2, pq.Int32Value(-2)),
			v(8, 0, 3, str("a")), null(8, 1, 2),
			v(9, 0, 2, str("k")),
			v(10, 0, 3, pq.Int64Value(7)),
			v(11, 0, 2, str("only")),
		},
		{
			null(0, 0, 0), null(1, 0, 0), null(2, 0, 0),
			null(3, 0, 0),
			null(4, 0, 0), null(5, 0, 0),
			null(6, 0, 0),
			null(7, 0, 1), null(8, 0, 1),
			null(9, 0, 0), null(10, 0, 0),
			null(11, 0, 1),
		},
		{
			null(0, 0, 1), null(1, 0, 1), null(2, 0, 0),
			null(3, 0, 1),
			v(4, 0, 1, pq.Int32Value(5)), null(5, 0, 1),
			null(6, 0, 4),
			null(7, 0, 0), null(8, 0, 0),
			v(9, 0, 2, str("n")), null(10, 0, 2),
			null(11, 0, 0),
		},
	}
	return writeRows(t, root, rows, opts...)
}

// OCSF-like records: nested groups, a list of structs holding lists, a
// map, nulls at every level.
type ocsfEndpoint struct {
	IP   *string `parquet:"ip,optional" json:"ip,omitempty"`
	Port *int32  `parquet:"port,optional" json:"port,omitempty"`
}

type ocsfResource struct {
	UID    string    `parquet:"uid" json:"uid"`
	Labels []string  `parquet:"labels,list" json:"labels"`
	Tags   []*string `parquet:"tags,optional,list" parquet-element:",optional" json:"tags,omitempty"`
}

type ocsfProduct struct {
	Name       string  `parquet:"name" json:"name"`
	VendorName *string `parquet:"vendor_name,optional" json:"vendor_name,omitempty"`
}

type ocsfMetadata struct {
	Version  string      `parquet:"version" json:"version"`
	Product  ocsfProduct `parquet:"product" json:"product"`
	Profiles []string    `parquet:"profiles,optional,list" json:"profiles,omitempty"`
}

type ocsfEvent struct {
	Metadata  ocsfMetadata       `parquet:"metadata" json:"metadata"`
	Time      int64              `parquet:"time" json:"time"`
	ClassUID  int32              `parquet:"class_uid" json:"class_uid"`
	Src       *ocsfEndpoint      `parquet:"src_endpoint,optional" json:"src_endpoint,omitempty"`
	Resources []ocsfResource     `parquet:"resources,list" json:"resources"`
	Unmapped  map[string]*string `parquet:"unmapped,optional" json:"unmapped,omitempty"`
	Ports     []int32            `parquet:"ports" json:"ports,omitempty"`
}

func ocsfEvents() []ocsfEvent {
	s := func(x string) *string { return &x }
	p := func(x int32) *int32 { return &x }
	return []ocsfEvent{
		{
			Metadata:  ocsfMetadata{Version: "1.0.0-rc.2", Product: ocsfProduct{Name: "CloudTrail", VendorName: s("AWS")}, Profiles: []string{"cloud"}},
			Time:      1675717067000,
			ClassUID:  3001,
			Src:       &ocsfEndpoint{IP: s("1.2.3.4"), Port: p(443)},
			Resources: []ocsfResource{{UID: "arn:1", Labels: []string{"a", "b"}, Tags: []*string{s("t"), nil}}, {UID: "arn:2", Labels: []string{}}},
			Unmapped:  map[string]*string{"requestParameters.path": s("/")},
			Ports:     []int32{80, 443},
		},
		// Nulls everywhere they may be.
		{Metadata: ocsfMetadata{Version: "1.1.0"}, Time: 2, Resources: []ocsfResource{}},
		// Present but empty.
		{Metadata: ocsfMetadata{Profiles: []string{}}, Src: &ocsfEndpoint{}, Resources: []ocsfResource{{Tags: []*string{}}}, Unmapped: map[string]*string{"k": nil}},
	}
}

func TestNested(t *testing.T) {
	data := writeStructs(t, ocsfEvents())
	checkRecords(t, readBytes(t, data, Options{}),
		`{"metadata":{"version":"1.0.0-rc.2","product":{"name":"CloudTrail","vendor_name":"AWS"},"profiles":["cloud"]},"time":1675717067000,"class_uid":3001,"src_endpoint":{"ip":"1.2.3.4","port":443},"resources":[{"uid":"arn:1","labels":["a","b"],"tags":["t",null]},{"uid":"arn:2","labels":[]}],"unmapped":{"requestParameters.path":"/"},"ports":[80,443]}`,
		`{"metadata":{"version":"1.1.0","product":{"name":""}},"time":2,"class_uid":0,"resources":[]}`,
		`{"metadata":{"version":"","product":{"name":""},"profiles":[]},"time":0,"class_uid":0,"src_endpoint":{},"resources":[{"uid":"","labels":[],"tags":[]}],"unmapped":{"k":null}}`,
	)
	cols := mustOpen(t, data, Options{}).Columns()
	if got, want := cols[0].Type, "struct<version:string,product:struct<name:string,vendor_name:string>,profiles:list<string>>"; got != want {
		t.Errorf("metadata type %q, want %q", got, want)
	}
	if got, want := cols[4].Type, "list<struct<uid:string,labels:list<string>,tags:list<string>>>"; got != want {
		t.Errorf("resources type %q, want %q", got, want)
	}
	if got, want := cols[5].Type, "map<string,string>"; got != want || !cols[5].Optional {
		t.Errorf("unmapped type %q optional %v, want %q", got, cols[5].Optional, want)
	}
}
