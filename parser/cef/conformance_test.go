package cef

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/internal/shared"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readShared reads a file of the shared conformance folder, skipping the
// test when the folder is absent (failing when SIEM_REQUIRE_SHARED is set).
func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shared.Dir(t, "conformance"), filepath.FromSlash(rel)))
	require.NoError(t, err)
	return data
}

// TestTrendMicroConformance parses every CEF record of Elastic's Deep
// Security pipeline test and compares the header and the extension with
// the decoded "cef" object the fixture carries. Each event holds the raw
// record in event.original ("message" is the already decoded msg).
func TestTrendMicroConformance(t *testing.T) {
	data := readShared(t, "elastic-integrations/trendmicro_deep_security_cef/test-trend-micro.json")
	var fixture struct {
		Events []struct {
			Message string `json:"message"`
			Event   struct {
				Original string `json:"original"`
			} `json:"event"`
			CEF *struct {
				Version string `json:"version"`
				Device  struct {
					Vendor       string `json:"vendor"`
					Product      string `json:"product"`
					Version      string `json:"version"`
					EventClassID string `json:"event_class_id"`
				} `json:"device"`
				Name       string         `json:"name"`
				Severity   string         `json:"severity"`
				Extensions map[string]any `json:"extensions"` // strings, and json.Number for numbers
			} `json:"cef"`
		} `json:"events"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&fixture), "the fixture is {\"events\":[...]}")
	records := 0
	for i, e := range fixture.Events {
		raw := e.Event.Original
		if !strings.Contains(raw, "CEF:") {
			raw = e.Message
		}
		if !strings.Contains(raw, "CEF:") {
			continue
		}
		records++
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var r Record
			require.NoError(t, Parse([]byte(raw), &r), raw)
			want := e.CEF
			if want == nil {
				return
			}
			assert.Equal(t, want.Version, string(r.Version))
			assert.Equal(t, want.Device.Vendor, string(r.DeviceVendor))
			assert.Equal(t, want.Device.Product, string(r.DeviceProduct))
			assert.Equal(t, want.Device.Version, string(r.DeviceVersion))
			assert.Equal(t, want.Device.EventClassID, string(r.SignatureID))
			assert.Equal(t, want.Name, string(r.Name))
			assert.Equal(t, want.Severity, string(r.Severity))
			got := map[string]string{}
			for _, f := range r.Fields {
				name := string(f.Key)
				if k, ok := f.Standard(); ok {
					name = k.Full
				}
				got[name] = string(f.Value)
			}
			// The pipeline removes some extensions once it has moved them
			// to ECS fields (dvchost to observer.hostname), so only the
			// ones the fixture kept are compared.
			for name, w := range want.Extensions {
				value := fmt.Sprint(w)
				v, ok := got[name]
				switch {
				case !ok:
					t.Errorf("extension %s missing", name)
				case strings.HasSuffix(name, "MacAddress"):
					// Elastic lower-cases MAC addresses; the parser does not.
					assert.True(t, strings.EqualFold(value, v), "%s = %q, want %q", name, v, value)
				default:
					assert.Equal(t, value, v, name)
				}
			}
		})
	}
	require.NotZero(t, records, "no CEF record in the fixture")
}
