package cloudtrail

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/siemtest"
)

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
