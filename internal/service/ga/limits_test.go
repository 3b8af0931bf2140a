package ga

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// TestBandwidthLimitsFollowMetadata: bandwidth is refused at plan time at
// exactly the limits the official metadata documents for CreateBandwidthPackage
// and UpdateBandwidthPackage, which the emulator answers with
// COMMODITY.INVALID_COMPONENT. The metadata and the pages give one range for
// every type and bandwidth_type, so there is no limit by type to add.
func TestBandwidthLimitsFollowMetadata(t *testing.T) {
	for _, action := range []string{"CreateBandwidthPackage", "UpdateBandwidthPackage"} {
		lo, hi := emutest.ParamRange(t, "ga", action, "Bandwidth")
		for v, ok := range map[int64]bool{lo - 1: false, lo: true, hi: true, hi + 1: false} {
			if d := attrDiags(t, "bandwidth", types.Int64Value(v)); d.HasError() == ok {
				t.Errorf("%s: bandwidth %d: errors %v, want accepted=%v", action, v, d, ok)
			}
		}
	}
}
