package vpcflow_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	pq "github.com/parquet-go/parquet-go"

	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/siemtest"
)

// flowRow is a VPC Flow Logs row in the default (version 2) format as AWS
// delivers it in Parquet: the text header's names with underscores,
// int32 for the version and ports, int64 for the protocol, counters and
// times, strings for the rest, and null where the text format writes "-".
type flowRow struct {
	Version     *int32  `parquet:"version,optional"`
	AccountID   *string `parquet:"account_id,optional"`
	InterfaceID *string `parquet:"interface_id,optional"`
	SrcAddr     *string `parquet:"srcaddr,optional"`
	DstAddr     *string `parquet:"dstaddr,optional"`
	SrcPort     *int32  `parquet:"srcport,optional"`
	DstPort     *int32  `parquet:"dstport,optional"`
	Protocol    *int64  `parquet:"protocol,optional"`
	Packets     *int64  `parquet:"packets,optional"`
	Bytes       *int64  `parquet:"bytes,optional"`
	Start       *int64  `parquet:"start,optional"`
	End         *int64  `parquet:"end,optional"`
	Action      *string `parquet:"action,optional"`
	LogStatus   *string `parquet:"log_status,optional"`
}

// TestParquetGivesTheTextDocuments writes the flows of the default-format
// sample to a Parquet file with AWS's schema and checks that both objects
// give the same documents: bodies (event.original included) and ids.
func TestParquetGivesTheTextDocuments(t *testing.T) {
	const key = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz"
	gz, err := os.ReadFile(filepath.Join("..", "..", "testdata", filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var rows []flowRow
	for i, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		if i == 0 {
			continue // the header
		}
		f := strings.Split(line, " ")
		rows = append(rows, flowRow{
			Version: i32(t, f[0]), AccountID: str(f[1]), InterfaceID: str(f[2]), SrcAddr: str(f[3]), DstAddr: str(f[4]),
			SrcPort: i32(t, f[5]), DstPort: i32(t, f[6]), Protocol: i64(t, f[7]), Packets: i64(t, f[8]), Bytes: i64(t, f[9]),
			Start: i64(t, f[10]), End: i64(t, f[11]), Action: str(f[12]), LogStatus: str(f[13]),
		})
	}
	var file bytes.Buffer
	w := pq.NewGenericWriter[flowRow](&file, pq.MaxRowsPerRowGroup(4))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	fromText := siemtest.Run(t, vpcflow.New(), key, gz)
	fromParquet := siemtest.Run(t, vpcflow.New(), strings.TrimSuffix(key, ".gz")+".parquet", file.Bytes())
	if fromText.Err != nil || fromParquet.Err != nil {
		t.Fatalf("object errors: text %v, parquet %v", fromText.Err, fromParquet.Err)
	}
	if len(fromParquet.Docs) != len(rows) || len(fromText.Docs) != len(rows) {
		t.Fatalf("%d documents from text, %d from Parquet, for %d flows", len(fromText.Docs), len(fromParquet.Docs), len(rows))
	}
	for i := range rows {
		a, b := fromText.Docs[i], fromParquet.Docs[i]
		if a.ID != b.ID || !bytes.Equal(a.Body, b.Body) {
			t.Errorf("flow %d differs:\ntext    %s %s\nparquet %s %s", i+1, a.ID, a.Body, b.ID, b.Body)
		}
	}
}

func str(s string) *string {
	if s == "-" {
		return nil
	}
	return &s
}

func i32(t *testing.T, s string) *int32 {
	if s == "-" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		t.Fatal(err)
	}
	v := int32(n)
	return &v
}

func i64(t *testing.T, s string) *int64 {
	if s == "-" {
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return &n
}
