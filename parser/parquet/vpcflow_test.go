package parquet

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"

	pq "github.com/parquet-go/parquet-go"
)

// vpcFlowV2 is a VPC Flow Logs Parquet row in the default (version 2)
// format, with the column names and types AWS documents for Parquet
// delivery: underscores where the text header has hyphens, int32 for the
// version and ports, int64 for the counters and times, strings for the
// rest, and null where the text format writes "-".
type vpcFlowV2 struct {
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

// vpcDefaultFormat is the default format's fields as the text header names
// them.
const vpcDefaultFormat = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"

// TestVPCFlowText writes flows to a VPC Flow Logs Parquet file and checks
// that RowText gives back, row for row, the lines AWS writes for the same
// flows in its text format.
func TestVPCFlowText(t *testing.T) {
	lines := []string{
		"2 123456789010 eni-0a1b2c3d4e5f60718 10.0.1.5 10.0.2.17 49152 443 6 12 5120 1700000000 1700000060 ACCEPT OK",
		"2 123456789010 eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.5 51515 22 6 3 180 1700000000 1700000060 REJECT OK",
		"2 123456789010 eni-0a1b2c3d4e5f60718 10.0.1.5 198.51.100.7 123 123 17 1 76 1700000010 1700000070 ACCEPT OK",
		"2 123456789010 eni-0a1b2c3d4e5f60718 2001:db8::1 2001:db8::2 0 0 58 4 336 1700000020 1700000080 ACCEPT OK",
		"2 123456789010 eni-0f9e8d7c6b5a49382 - - - - - - - 1700000100 1700000160 - NODATA",
		"2 123456789010 eni-0f9e8d7c6b5a49382 - - - - - - - 1700000100 1700000160 - SKIPDATA",
		"2 123456789010 eni-0a1b2c3d4e5f60718 10.0.1.5 10.0.2.17 65535 3389 6 9223372036854775807 0 1700000200 1700000260 REJECT OK",
	}
	rows := make([]vpcFlowV2, len(lines))
	for i, line := range lines {
		f := strings.Split(line, " ")
		rows[i] = vpcFlowV2{
			Version: i32(t, f[0]), AccountID: sp(f[1]), InterfaceID: sp(f[2]), SrcAddr: sp(f[3]), DstAddr: sp(f[4]),
			SrcPort: i32(t, f[5]), DstPort: i32(t, f[6]), Protocol: i64(t, f[7]), Packets: i64(t, f[8]), Bytes: i64(t, f[9]),
			Start: i64(t, f[10]), End: i64(t, f[11]), Action: sp(f[12]), LogStatus: sp(f[13]),
		}
	}
	data := writeStructs(t, rows)
	r := mustOpen(t, data, Options{})
	defer r.Close()
	var cols []string
	for _, name := range strings.Fields(vpcDefaultFormat) {
		cols = append(cols, strings.ReplaceAll(name, "-", "_"))
	}
	if err := r.RowText(cols); err != nil {
		t.Fatal(err)
	}
	checkRecords(t, readAll(t, r, false), lines...)
}

func sp(s string) *string {
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
	x := int32(n)
	return &x
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

// vpcParquetTypes are the Parquet types of the VPC Flow Logs fields, from
// the Athena DDL for Parquet flow logs; fields not listed are strings.
var vpcParquetTypes = map[string]pq.Type{
	"version": pq.Int32Type, "srcport": pq.Int32Type, "dstport": pq.Int32Type,
	"tcp_flags": pq.Int32Type, "traffic_path": pq.Int32Type,
	"protocol": pq.Int64Type, "packets": pq.Int64Type, "bytes": pq.Int64Type,
	"start": pq.Int64Type, "end": pq.Int64Type,
}

// TestVPCFlowConformance does the same for the flow log samples from
// AWS's documentation in the shared conformance set, in every format there
// is a sample of: each is written to Parquet with AWS's column names and
// types (as plain physical types), and must read back as the same lines.
func TestVPCFlowConformance(t *testing.T) {
	dir := sharedDir(t, "raw/aws_vpcflow")
	logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	if len(logs) == 0 {
		t.Fatalf("no flow logs in %s", dir)
	}
	for _, path := range logs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			format := vpcDefaultFormat
			if b, err := os.ReadFile(strings.TrimSuffix(path, ".log") + ".format"); err == nil {
				format = strings.TrimSpace(string(b))
			}
			names := strings.Fields(format)
			root := grp("flows", req, nil, nil)
			var cols []string
			for _, name := range names {
				c := strings.ReplaceAll(name, "-", "_")
				typ, ok := vpcParquetTypes[c]
				if !ok {
					typ = pq.String().Type()
				}
				root.fields = append(root.fields, col(c, opt, typ))
				cols = append(cols, c)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var lines []string
			var rows []pq.Row
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := strings.TrimSpace(sc.Text())
				if line == "" || strings.HasPrefix(line, "version ") {
					continue
				}
				fields := strings.Fields(line)
				if len(fields) != len(names) {
					t.Fatalf("line %q has %d fields, the format %d", line, len(fields), len(names))
				}
				var row pq.Row
				for i, s := range fields {
					if s == "-" {
						row = append(row, null(i, 0, 0))
						continue
					}
					switch vpcParquetTypes[cols[i]] {
					case pq.Int32Type:
						row = append(row, v(i, 0, 1, pq.Int32Value(*i32(t, s))))
					case pq.Int64Type:
						row = append(row, v(i, 0, 1, pq.Int64Value(*i64(t, s))))
					default:
						row = append(row, v(i, 0, 1, str(s)))
					}
				}
				rows = append(rows, row)
				lines = append(lines, strings.Join(fields, " "))
			}
			data := writeRows(t, root, rows)
			r := mustOpen(t, data, Options{})
			defer r.Close()
			if err := r.RowText(cols); err != nil {
				t.Fatal(err)
			}
			checkRecords(t, readAll(t, r, false), lines...)
		})
	}
}

// sharedDir returns a directory of the shared conformance folder,
// skipping the test when it is absent (failing when SIEM_REQUIRE_SHARED
// is set).
func sharedDir(t *testing.T, sub string) string {
	return shared.Dir(t, filepath.Join("conformance", filepath.FromSlash(sub)))
}
