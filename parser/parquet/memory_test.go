package parquet

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
)

// vpcLike is a VPC flow row with a few more columns, for the memory test
// and the benchmarks.
type vpcLike struct {
	Version     int32   `parquet:"version"`
	AccountID   string  `parquet:"account_id,dict"`
	InterfaceID string  `parquet:"interface_id,dict"`
	SrcAddr     string  `parquet:"srcaddr"`
	DstAddr     string  `parquet:"dstaddr"`
	SrcPort     int32   `parquet:"srcport"`
	DstPort     int32   `parquet:"dstport"`
	Protocol    int64   `parquet:"protocol"`
	Packets     int64   `parquet:"packets"`
	Bytes       int64   `parquet:"bytes"`
	Start       int64   `parquet:"start"`
	End         int64   `parquet:"end"`
	Action      string  `parquet:"action,dict"`
	LogStatus   string  `parquet:"log_status,dict"`
	VPCID       *string `parquet:"vpc_id,optional,dict"`
	SubnetID    *string `parquet:"subnet_id,optional,dict"`
	InstanceID  *string `parquet:"instance_id,optional"`
	TCPFlags    *int32  `parquet:"tcp_flags,optional"`
	Type        string  `parquet:"type,dict"`
	PktSrcAddr  string  `parquet:"pkt_srcaddr"`
	PktDstAddr  string  `parquet:"pkt_dstaddr"`
	Region      string  `parquet:"region,dict"`
	FlowDir     string  `parquet:"flow_direction,dict"`
}

func vpcLikeRow(i int) vpcLike {
	vpc, subnet := "vpc-0a1b2c3d4e5f60718", fmt.Sprintf("subnet-%017x", i%50)
	flags := int32(i % 64)
	f := vpcLike{
		Version: 5, AccountID: "123456789012", InterfaceID: fmt.Sprintf("eni-%017x", i%500),
		SrcAddr: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), DstAddr: fmt.Sprintf("172.31.%d.%d", i>>8&255, i&255),
		SrcPort: int32(1024 + i%60000), DstPort: []int32{443, 80, 22, 53, 3389}[i%5], Protocol: []int64{6, 17, 1}[i%3],
		Packets: int64(1 + i%1000), Bytes: int64(40 + i*37%1000000), Start: 1700000000 + int64(i/100), End: 1700000060 + int64(i/100),
		Action: []string{"ACCEPT", "REJECT"}[i%2], LogStatus: "OK", VPCID: &vpc, SubnetID: &subnet, TCPFlags: &flags,
		Type: "IPv4", PktSrcAddr: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), PktDstAddr: "172.31.0.1",
		Region: "us-east-1", FlowDir: []string{"ingress", "egress"}[i%2],
	}
	if i%10 == 0 {
		f.InstanceID = nil
	} else {
		id := fmt.Sprintf("i-%017x", i%300)
		f.InstanceID = &id
	}
	return f
}

// writeVPCLike writes n generated rows to a file in dir, in row groups of
// groupRows, streaming (the writer holds one row group).
func writeVPCLike(t testing.TB, dir string, n, groupRows int) string {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("vpc-%d.parquet", n))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pq.NewGenericWriter[vpcLike](f, pq.MaxRowsPerRowGroup(int64(groupRows)), pq.Compression(&snappy.Codec{}))
	batch := make([]vpcLike, 0, 1000)
	for i := range n {
		batch = append(batch, vpcLikeRow(i))
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := w.Write(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// memoryBound is the most the heap in use may grow while reading the file
// of TestMemoryBounded, whatever its size. See the package documentation.
const memoryBound = 16 << 20

// TestMemoryBounded reads a file of 200,000 rows (about 100 MB as JSON) and
// samples the heap in use as it goes: it must stay within memoryBound of
// where it started, far below the size of the data.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 200,000 rows")
	}
	const rows = 200_000
	path := writeVPCLike(t, t.TempDir(), rows, 50_000)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := base

	r, err := NewReader(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var records, size int64
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		records++
		size += int64(len(rec.Data))
		if records%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if records != rows {
		t.Fatalf("read %d rows, want %d", records, rows)
	}
	growth := int64(peak) - int64(base)
	t.Logf("file %d bytes, %d rows, %d bytes of JSON; heap in use grew by at most %d bytes (%.1f%% of the JSON)",
		fi.Size(), records, size, growth, 100*float64(growth)/float64(size))
	if size < 4*memoryBound {
		t.Fatalf("the data (%d bytes) is too small to show the bound", size)
	}
	if growth > memoryBound {
		t.Errorf("heap in use grew by %d bytes, over the bound of %d", growth, memoryBound)
	}
}
