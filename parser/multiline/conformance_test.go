package multiline_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/parser/multiline"
)

// expectedOriginals reads Elastic's expected documents for an input and
// returns each one's event.original ("" for an input record the pipeline
// drops, which Elastic writes as null).
func expectedOriginals(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc struct {
		Expected []*struct {
			Event struct {
				Original string `json:"original"`
			} `json:"event"`
		} `json:"expected"`
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	out := make([]string, len(doc.Expected))
	for i, e := range doc.Expected {
		if e != nil {
			out[i] = e.Event.Original
		}
	}
	return out
}

// frame reads a conformance input with opt, failing on any error, and
// checks that each record starts where it says.
func frame(t *testing.T, data []byte, opt multiline.Options) []string {
	t.Helper()
	var out []string
	for _, e := range collect(t, mustReader(t, bytes.NewReader(data), opt)) {
		require.Empty(t, e.Reason, "%v", e)
		require.Empty(t, e.Err)
		first, _, _ := strings.Cut(e.Data, "\n")
		require.True(t, bytes.HasPrefix(data[e.Offset:], []byte(first)), "record %d is not at offset %d", e.Number, e.Offset)
		out = append(out, e.Data)
	}
	return out
}

func TestConformance(t *testing.T) {
	tests := []struct {
		dir, file string
		opt       multiline.Options
		// records is the number of records; with elastic set, they must be
		// Elastic's event.original values, in order.
		records int
		elastic bool
	}{{
		// Elastic's multiline setting for this test: first_line_pattern
		// '^\d{4}\/\d{2}\/\d{2} '. One record holds FastCGI output on
		// three lines.
		dir: "elastic-package/nginx_error", file: "test-error-raw.log",
		opt:     multiline.Options{Start: regexp.MustCompile(`^\d{4}/\d{2}/\d{2} `)},
		records: 4, elastic: true,
	}, {
		// Elastic's first_line_pattern '^(# User@Host: |# Time: )': each
		// "# Time:" line is a record Elastic drops.
		dir: "elastic-integrations/aws_rds_mysql_slowlog", file: "test-mysql-5-7-22.log",
		opt:     multiline.Options{Start: regexp.MustCompile(`^(# User@Host: |# Time: )`)},
		records: 8, elastic: true,
	}, {
		// Ours: "# Time:" leads its entry.
		dir: "elastic-integrations/aws_rds_mysql_slowlog", file: "test-mysql-5-7-22.log",
		opt:     multiline.Options{Start: regexp.MustCompile(`^# User@Host: `), Lead: regexp.MustCompile(`^# Time: `)},
		records: 4,
	}, {
		// Kafka 3.6 server.log, as MSK writes broker logs: one line each
		// here, grouped by the log4j timestamp.
		dir: "elastic-integrations/aws_msk_kafka_broker", file: "test-server-3-6-0.log",
		opt:     multiline.Options{Start: regexp.MustCompile(`^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}\] `)},
		records: 20, elastic: true,
	}, {
		// RDS PostgreSQL (log_line_prefix %t:%r:%u@%d:[%p]:), ending with
		// the "END OF LOG" marker of a downloaded log, a record of its own.
		dir: "raw/aws_rds_postgresql", file: "rds-postgresql-log-min-duration.log",
		opt:     multiline.Options{Start: postgresStart},
		records: 5,
	}, {
		dir: "raw/aws_rds_postgresql", file: "rds-postgresql-log-statement-all.log",
		opt:     multiline.Options{Start: postgresStart},
		records: 7,
	}}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.opt.Start.String(), func(t *testing.T) {
			path := filepath.Join(conformanceDir(t, tt.dir), tt.file)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			recs := frame(t, data, tt.opt)
			assert.Len(t, recs, tt.records)
			if !tt.elastic {
				return
			}
			want := expectedOriginals(t, path+"-expected.json")
			require.Len(t, want, len(recs))
			for i, w := range want {
				if w != "" {
					assert.Equal(t, w, recs[i], "record %d", i+1)
				}
			}
		})
	}
}
