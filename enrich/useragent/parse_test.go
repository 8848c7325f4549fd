package useragent

import (
	"strings"
	"testing"
)

func TestLeadingProduct(t *testing.T) {
	for _, tc := range []struct{ in, name, version string }{
		{"ELB-HealthChecker/2.0", "ELB-HealthChecker", "2.0"},
		{"[S3Console/0.4]", "S3Console", "0.4"},
		{"[S3Console/0.4, aws-internal/3]", "S3Console", "0.4"},
		{"aws-sdk-js/3.470.0 ua/2.0", "aws-sdk-js", "3.470.0"},
		{"Thing/1.2 (Linux)", "Thing", "1.2"},
		{"Thing/1.2(x)", "Thing", "1.2"},
		{"Mozilla/5.0 (x)", "", ""},
		{"Thing/", "", ""},
		{"Thing/v1", "", ""},
		{"Thing/1.2\"", "", ""},
		{"/1.0", "", ""},
		{"1Thing/1.0", "", ""},
		{"Thing 1.0", "", ""},
		{strings.Repeat("a", maxProductName+1) + "/1", "", ""},
		{"a/" + strings.Repeat("1", maxProductVersion+1), "", ""},
	} {
		name, version := leadingProduct(tc.in)
		if name != tc.name || version != tc.version {
			t.Errorf("leadingProduct(%q) = %q, %q; want %q, %q", tc.in, name, version, tc.name, tc.version)
		}
	}
}

func TestIsAWSService(t *testing.T) {
	for in, want := range map[string]bool{
		"s3.amazonaws.com":                   true,
		"AWS Internal":                       true,
		"elasticloadbalancing.amazonaws.com": true,
		"ssm-guiconnect.amazonaws.com":       true,
		".amazonaws.com":                     false,
		"amazonaws.com":                      false,
		"evil host.amazonaws.com":            false,
		"s3.amazonaws.com.evil.example":      false,
		"aws internal":                       false,
	} {
		if got := isAWSService(in); got != want {
			t.Errorf("isAWSService(%q) = %v, want %v", in, got, want)
		}
	}
}
