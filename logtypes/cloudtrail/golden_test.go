package cloudtrail

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/siemtest"
)

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

const (
	keyRecords = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz"
	keyLines   = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1010Z_Nd2jsonMixed0001.json"
	keyInsight = "AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/27/123456789012_CloudTrail-Insight_us-east-1_20261127T1015Z_In5ightStartEnd.json.gz"
	keyDigest  = "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/27/123456789012_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20261127T110000Z.json.gz"
)

func TestGolden(t *testing.T) {
	tests := []struct {
		name, key string
		// Expected outcome, asserted besides the golden comparison.
		indexed, deadLettered, excluded int64
		deadLetterReasons               []string
	}{
		{name: "records", key: keyRecords, indexed: 10},
		{name: "lines-with-bad-records", key: keyLines, indexed: 3, deadLettered: 4, excluded: 1, deadLetterReasons: []string{
			"invalid JSON at byte",
			"eventTime is missing",
			`eventTime "2026-11-27 10:09:00" is not an RFC 3339 timestamp`,
			"record is a JSON string, not a CloudTrail event object",
		}},
		{name: "insight", key: keyInsight, indexed: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := siemtest.Golden(t, New(), tt.key, filepath.Join(samples, tt.key), filepath.Join("testdata", tt.name+".golden"), Dataset)
			if res.Err != nil {
				t.Fatalf("object error: %v", res.Err)
			}
			c := res.Counts
			if c.Indexed != tt.indexed || c.DeadLettered != tt.deadLettered || c.Excluded != tt.excluded {
				t.Errorf("counts %v, want %d indexed, %d dead-lettered, %d excluded", c, tt.indexed, tt.deadLettered, tt.excluded)
			}
			if tt.excluded > 0 && c.ExcludedByRule[RuleDigest] != tt.excluded {
				t.Errorf("excluded by rule %v, want %d under %s", c.ExcludedByRule, tt.excluded, RuleDigest)
			}
			for i, want := range tt.deadLetterReasons {
				if i >= len(res.DeadLetters) {
					break
				}
				if got := res.DeadLetters[i].Reason; !strings.Contains(got, want) {
					t.Errorf("dead letter %d: reason %q, want it to contain %q", i, got, want)
				}
			}
			for _, d := range res.Docs {
				var doc map[string]any
				if err := json.Unmarshal(d.Body, &doc); err != nil {
					t.Fatal(err)
				}
				if id, _ := field(doc, "event.id"); id != d.ID {
					t.Errorf("record %d: document id %q, want its eventID %v", d.Source.Record, d.ID, id)
				}
			}
		})
	}
}

// TestDigestObject checks that a digest file is reported as holding no
// events, by key and by content.
func TestDigestObject(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(samples, keyDigest))
	if err != nil {
		t.Fatal(err)
	}
	res := siemtest.Run(t, New(), keyDigest, data)
	var ne *siem.NotEventsError
	if !errors.As(res.Err, &ne) {
		t.Fatalf("digest key: error %v, want *siem.NotEventsError", res.Err)
	}
	if ne.Type != Name || !strings.Contains(ne.Reason, "digest") {
		t.Errorf("NotEventsError %+v does not name the type and say why", ne)
	}
	if res.Counts.Read != 0 {
		t.Errorf("counts %v, want nothing read", res.Counts)
	}

	// The same bytes under a log-file key are recognised by content.
	res = siemtest.Run(t, New(), keyRecords, data)
	if res.Err != nil || res.Counts.Read != 1 || res.Counts.ExcludedByRule[RuleDigest] != 1 {
		t.Errorf("digest content: err %v counts %v, want one record excluded under %s", res.Err, res.Counts, RuleDigest)
	}
}

func TestKeyPattern(t *testing.T) {
	p := New().Info().KeyPattern
	for key, want := range map[string]bool{
		keyRecords: true,
		keyInsight: true,
		keyDigest:  true,
		"AWSLogs/o-abc123def4/123456789012/CloudTrail/eu-west-1/2026/11/27/x.json.gz": true,
		"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/x.log.gz":              false,
		"AWSLogs/123456789012/elasticloadbalancing/us-east-1/x.log.gz":                false,
		"exports/cloudtrail-lake/x.json":                                              false,
	} {
		if got := p.MatchString(key); got != want {
			t.Errorf("KeyPattern.MatchString(%q) = %v, want %v", key, got, want)
		}
	}
}
