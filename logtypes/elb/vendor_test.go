package elb

import (
	"path/filepath"
	"testing"

	"github.com/siem-go/siem/siemtest"
)

// TestVendorSchema keeps the declared vendor fields in step with what the
// golden outputs hold.
func TestVendorSchema(t *testing.T) {
	siemtest.VendorSchema(t, filepath.Join("testdata", "*.golden"), ALB(), NLB(), CLB())
}
