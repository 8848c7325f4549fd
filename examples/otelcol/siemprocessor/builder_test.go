package siemprocessor

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildEnv turns on TestBuildCollector, which downloads the collector
// builder and the collector's modules and compiles a collector: minutes,
// and network access to the Go module proxy.
const buildEnv = "SIEM_OTELCOL_BUILD"

// TestBuildCollector builds a collector with this processor using the
// collector builder (ocb) at the release the module depends on, and has
// it validate a configuration that uses the processor, and reject one
// with a bad setting.
func TestBuildCollector(t *testing.T) {
	if os.Getenv(buildEnv) == "" {
		t.Skipf("set %s=1 to build a collector with the collector builder", buildEnv)
	}
	moduleDir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	siemDir := filepath.Join(moduleDir, "..", "..")
	out := t.TempDir()
	manifest, err := os.ReadFile("testdata/builder.yaml")
	if err != nil {
		t.Fatal(err)
	}
	filled := strings.NewReplacer("OUTPUT_PATH", out, "OTELCOL_MODULE", moduleDir, "SIEM_MODULE", siemDir).Replace(string(manifest))
	manifestPath := filepath.Join(out, "builder.yaml")
	if err := os.WriteFile(manifestPath, []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "run", "go.opentelemetry.io/collector/cmd/builder@v0.165.0", "--config", manifestPath)
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("collector builder: %v\n%s", err, b)
	}
	bin := filepath.Join(out, "otelcol-siem")

	b, err := exec.Command(bin, "validate", "--config", "testdata/collector.yaml").CombinedOutput()
	if err != nil {
		t.Errorf("validate testdata/collector.yaml: %v\n%s", err, b)
	}
	b, err = exec.Command(bin, "validate", "--config", "testdata/collector-bad.yaml").CombinedOutput()
	if err == nil || !strings.Contains(string(b), `on_failure: "drop" is not a failure action`) {
		t.Errorf("validate testdata/collector-bad.yaml: error %v, output\n%s\nwant a failure naming on_failure", err, b)
	}
	b, err = exec.Command(bin, "components").CombinedOutput()
	if err != nil || !strings.Contains(string(b), "name: siem") {
		t.Errorf("components: %v, output\n%s\nwant the siem processor listed", err, b)
	}
}
