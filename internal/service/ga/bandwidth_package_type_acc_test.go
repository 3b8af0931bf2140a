package ga_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
)

// TestAccGABandwidthPackage_typeChanges: Basic and Enhanced change in place,
// also together with a bandwidth change the other way, which
// UpdateBandwidthPackage refuses in one call (UpgradeError.BandwidthPackage)
// and the provider sends as two; a change to or from Advanced is refused at
// plan time, before any call, on bandwidth_type; with a change that replaces
// the plan anyway it is no error.
func TestAccGABandwidthPackage_typeChanges(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	cfg := func(typ string, bw int, kind string) string {
		return acctest.ProviderConfig(emu) + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  type           = %q
  bandwidth      = %d
  bandwidth_type = %q
  charge_type    = "POSTPAY"
  timeouts {
    update = "30s"
  }
}
`, typ, bw, kind)
	}
	var id string
	var updates int
	// inPlace checks the plan kept its ID, holds bw and kind, and took calls
	// more UpdateBandwidthPackage calls, none refused.
	inPlace := func(bw int, kind string, calls int) resource.TestCheckFunc {
		return withPlan(func(got string) error {
			if id == "" {
				id = got
			} else if got != id {
				return fmt.Errorf("plan replaced: %s became %s", id, got)
			}
			r, _ := findResource(emu, got)
			if r.Bandwidth != bw || r.BandwidthType != kind {
				return fmt.Errorf("emulator holds %d Mbit/s %s, want %d %s", r.Bandwidth, r.BandwidthType, bw, kind)
			}
			n := emu.Calls("UpdateBandwidthPackage")
			if n-updates != calls {
				return fmt.Errorf("%d UpdateBandwidthPackage calls, want %d", n-updates, calls)
			}
			updates = n
			return nil
		})
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}}
	refused := regexp.MustCompile(`(?s)bandwidth_type cannot change in place.*only from Basic to\s+Enhanced or from\s+Enhanced to Basic`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{Config: cfg("Basic", 10, "Basic"), Check: inPlace(10, "Basic", 0)},
			// All upgrades: one call.
			{Config: cfg("Basic", 20, "Enhanced"), ConfigPlanChecks: update, Check: inPlace(20, "Enhanced", 1)},
			// Larger and Basic: the downgrade of the type, then the larger bandwidth.
			{Config: cfg("Basic", 30, "Basic"), ConfigPlanChecks: update, Check: inPlace(30, "Basic", 2),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(30)), stateIs("bandwidth_type", str("Basic"))}},
			// Smaller and Enhanced: the smaller bandwidth, then the upgrade of the type.
			{Config: cfg("Basic", 5, "Enhanced"), ConfigPlanChecks: update, Check: inPlace(5, "Enhanced", 2),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(5)), stateIs("bandwidth_type", str("Enhanced"))}},
			// To Advanced: refused at plan time, nothing sent.
			{Config: cfg("Basic", 5, "Advanced"), ExpectError: refused},
			{Config: cfg("Basic", 5, "Enhanced"), PlanOnly: true, Check: inPlace(5, "Enhanced", 0)},
			// A new type of plan replaces it: bandwidth_type is the new plan's, no error.
			{
				Config: cfg("CrossDomain", 5, "Advanced"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)}},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth_type", str("Advanced"))},
			},
			// From Advanced: refused at plan time, nothing sent.
			{
				Config:      cfg("CrossDomain", 5, "Basic"),
				ExpectError: refused,
				Check: func(*terraform.State) error {
					return nil
				},
			},
			{
				Config:   cfg("CrossDomain", 5, "Advanced"),
				PlanOnly: true,
				Check: func(*terraform.State) error {
					if n := emu.Calls("UpdateBandwidthPackage"); n != updates {
						return fmt.Errorf("a refused plan sent %d UpdateBandwidthPackage calls", n-updates)
					}
					return nil
				},
			},
		},
	})
}
