package siemprocessor

import (
	"strings"
	"testing"

	"go.opentelemetry.io/collector/component/componenttest"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		// err is part of the expected error; "" means valid.
		err string
	}{
		{"type by name", Config{LogType: "cloudtrail", OnFailure: FailureKeep}, ""},
		{"detection only", Config{DetectFromAttribute: "aws.s3.key", OnFailure: FailureDropAndCount}, ""},
		{"detection with fallback", Config{LogType: "alb", DetectFromAttribute: "log.file.path", OnFailure: FailureKeep}, ""},
		{"neither type nor detection", Config{OnFailure: FailureKeep}, "log_type: required"},
		{"unknown type", Config{LogType: "cloudtrial", OnFailure: FailureKeep}, `log_type: "cloudtrial" is not a registered log type`},
		{"unknown type lists the known ones", Config{LogType: "x", OnFailure: FailureKeep}, "cloudtrail"},
		{"bad failure action", Config{LogType: "alb", OnFailure: "drop"}, `on_failure: "drop" is not a failure action`},
		{"empty failure action", Config{LogType: "alb"}, "on_failure"},
		{"attribute with spaces", Config{DetectFromAttribute: " aws.s3.key", OnFailure: FailureKeep}, "detect_from_attribute"},
		{"id attribute clashes", Config{LogType: "alb", OnFailure: FailureKeep, DocumentIDAttribute: attrDocumentID}, "document_id_attribute"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.err != "" && err == nil:
				t.Errorf("Validate() = nil, want an error containing %q", tc.err)
			case tc.err != "" && !strings.Contains(err.Error(), tc.err):
				t.Errorf("Validate() = %q, want it to contain %q", err, tc.err)
			}
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	f := NewFactory()
	if got := f.Type().String(); got != "siem" {
		t.Errorf("factory type %q, want siem", got)
	}
	cfg, ok := f.CreateDefaultConfig().(*Config)
	if !ok {
		t.Fatalf("default config is a %T", f.CreateDefaultConfig())
	}
	if cfg.OnFailure != FailureKeep {
		t.Errorf("default on_failure %q, want keep", cfg.OnFailure)
	}
	// The default names no type: the collector's own validation makes
	// the user choose one.
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "log_type") {
		t.Errorf("default config Validate() = %v, want it to ask for log_type", err)
	}
	if err := componenttest.CheckConfigStruct(cfg); err != nil {
		t.Errorf("config struct: %v", err)
	}
}
