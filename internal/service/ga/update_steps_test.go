package ga

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestUpdateStepsOrder: a change that is all upgrades or all downgrades is
// one call; a mixed one is two, the downgrade first, the name with the type.
func TestUpdateStepsOrder(t *testing.T) {
	model := func(bw int64, kind string) *bandwidthPackageModel {
		return &bandwidthPackageModel{Bandwidth: types.Int64Value(bw), BandwidthType: types.StringValue(kind),
			Name: types.StringValue("n"), Description: types.StringNull(), AutoPay: types.BoolNull(),
			AutoUseCoupon: types.BoolNull(), PromotionOptionNo: types.StringNull()}
	}
	type step struct{ bandwidth, kind string }
	cases := []struct {
		name        string
		state, plan *bandwidthPackageModel
		want        []step
	}{
		{"nothing", model(10, "Basic"), model(10, "Basic"), nil},
		{"all up", model(10, "Basic"), model(20, "Enhanced"), []step{{"20", "Enhanced"}}},
		{"all down", model(20, "Enhanced"), model(10, "Basic"), []step{{"10", "Basic"}}},
		{"larger, Basic", model(10, "Enhanced"), model(20, "Basic"), []step{{"", "Basic"}, {"20", ""}}},
		{"smaller, Enhanced", model(20, "Basic"), model(10, "Enhanced"), []step{{"10", ""}, {"", "Enhanced"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.want != nil {
				c.plan.Name = types.StringValue("new")
			}
			got := updateSteps("gbwp-1", c.plan, c.state, false)
			if len(got) != len(c.want) {
				t.Fatalf("%d calls, want %d", len(got), len(c.want))
			}
			for i, r := range got {
				if string(r.Bandwidth) != c.want[i].bandwidth || r.BandwidthType != c.want[i].kind || r.BandwidthPackageId != "gbwp-1" {
					t.Errorf("call %d: bandwidth %q type %q, want %+v", i, r.Bandwidth, r.BandwidthType, c.want[i])
				}
				if wantName := r.BandwidthType != "" || len(got) == 1; (r.Name == "new") != wantName {
					t.Errorf("call %d: name %q", i, r.Name)
				}
			}
		})
	}
}
