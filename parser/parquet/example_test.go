package parquet_test

import (
	"bytes"
	"fmt"
	"io"

	pq "github.com/parquet-go/parquet-go"

	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/parquet"
)

// A VPC Flow Logs row as AWS writes it in Parquet: nulls where the text
// format writes "-".
type flowLog struct {
	Version     int32   `parquet:"version"`
	AccountID   string  `parquet:"account_id"`
	InterfaceID string  `parquet:"interface_id"`
	SrcAddr     *string `parquet:"srcaddr,optional"`
	DstAddr     *string `parquet:"dstaddr,optional"`
	SrcPort     *int32  `parquet:"srcport,optional"`
	DstPort     *int32  `parquet:"dstport,optional"`
	Protocol    *int64  `parquet:"protocol,optional"`
	Packets     *int64  `parquet:"packets,optional"`
	Bytes       *int64  `parquet:"bytes,optional"`
	Start       int64   `parquet:"start"`
	End         int64   `parquet:"end"`
	Action      *string `parquet:"action,optional"`
	LogStatus   string  `parquet:"log_status"`
}

func Example() {
	s := func(v string) *string { return &v }
	i32 := func(v int32) *int32 { return &v }
	i64 := func(v int64) *int64 { return &v }
	var file bytes.Buffer
	w := pq.NewGenericWriter[flowLog](&file)
	w.Write([]flowLog{
		{2, "123456789010", "eni-0a1b2c3d", s("10.0.1.5"), s("10.0.2.17"), i32(49152), i32(443), i64(6), i64(12), i64(5120), 1700000000, 1700000060, s("ACCEPT"), "OK"},
		{2, "123456789010", "eni-0f9e8d7c", nil, nil, nil, nil, nil, nil, nil, 1700000100, 1700000160, nil, "NODATA"},
	})
	w.Close()

	// Any io.Reader will do; this one has random access, so nothing is
	// spooled.
	r, err := parquet.NewReader(bytes.NewReader(file.Bytes()), parquet.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for _, c := range r.Columns()[:4] {
		fmt.Printf("column %s: %s, optional %v\n", c.Name, c.Type, c.Optional)
	}
	read := func(r parser.Reader) {
		for {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("%d: %s\n", rec.Number, rec.Data)
		}
	}
	// The first row as JSON...
	rec, _ := r.Next()
	fmt.Printf("%d: %s\n", rec.Number, rec.Data)
	// ...the rest as the lines AWS writes in the default text format.
	r.RowText([]string{"version", "account_id", "interface_id", "srcaddr", "dstaddr", "srcport", "dstport",
		"protocol", "packets", "bytes", "start", "end", "action", "log_status"})
	read(r)

	// Not a Parquet file.
	_, err = parquet.NewReader(bytes.NewReader([]byte("2 123456789010 eni-0a1b2c3d - - - - - - - 1700000100 1700000160 - NODATA\n")), parquet.Options{})
	fmt.Println(err)
	// Output:
	// column version: int32, optional false
	// column account_id: string, optional false
	// column interface_id: string, optional false
	// column srcaddr: string, optional true
	// 1: {"version":2,"account_id":"123456789010","interface_id":"eni-0a1b2c3d","srcaddr":"10.0.1.5","dstaddr":"10.0.2.17","srcport":49152,"dstport":443,"protocol":6,"packets":12,"bytes":5120,"start":1700000000,"end":1700000060,"action":"ACCEPT","log_status":"OK"}
	// 2: 2 123456789010 eni-0f9e8d7c - - - - - - - 1700000100 1700000160 - NODATA
	// parquet: not a Parquet file: it starts with "2 12", not "PAR1"; check the object's log type: this framing reads Parquet files only
}
