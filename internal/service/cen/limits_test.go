package cen

import (
	"testing"

	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// TestBandwidthLimitsFollowMetadata: bandwidth is refused at plan time at
// exactly the limits the official metadata documents for
// CreateCenBandwidthPackage and ModifyCenBandwidthPackageSpec.
func TestBandwidthLimitsFollowMetadata(t *testing.T) {
	for _, action := range []string{"CreateCenBandwidthPackage", "ModifyCenBandwidthPackageSpec"} {
		lo, hi := emutest.ParamRange(t, "cbn", action, "Bandwidth")
		for v, ok := range map[int64]bool{lo - 1: false, lo: true, hi: true, hi + 1: false} {
			if d := validateAttribute(t, "bandwidth", num(v)); d.HasError() == ok {
				t.Errorf("%s: bandwidth %d: errors %v, want accepted=%v", action, v, d, ok)
			}
		}
	}
}
