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
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccGABandwidthPackage_typeChanges: Basic and Enhanced change in place,
// also together with a bandwidth change the other way, which
// UpdateBandwidthPackage refuses in one call (UpgradeError.BandwidthPackage)
// and the provider sends as two; a change to or from Advanced is refused at
// plan time, before any call, on bandwidth_type; with a change that replaces
// the plan anyway it is no error. It runs in both modes (in cloud mode the
// account must allow pay-as-you-go CrossDomain plans); the number of update
// calls is an emulator check.
func TestAccGABandwidthPackage_typeChanges(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	name := tg.Name()
	// Short in the emulator, so a wait that never ends fails fast.
	timeout := "30s"
	if tg.Cloud() {
		timeout = "10m"
	}
	cfg := func(typ string, bw int, kind string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  type           = %q
  bandwidth      = %d
  bandwidth_type = %q
  charge_type    = "POSTPAY"
  name           = %q
  timeouts {
    update = %q
  }
}
`, typ, bw, kind, name, timeout))
	}
	var id, replaced string
	var updates int
	// inPlace checks the plan kept its ID, holds bw and kind, and took calls
	// more UpdateBandwidthPackage calls, none refused.
	inPlace := func(bw int, kind string, calls int) resource.TestCheckFunc {
		return resource.ComposeTestCheckFunc(withPlan(func(got string) error {
			if id == "" {
				id = got
			} else if got != id {
				return fmt.Errorf("plan replaced: %s became %s", id, got)
			}
			p, err := a.plan(got)
			if err != nil || p.Bandwidth != bw || p.BandwidthType != kind {
				return fmt.Errorf("Describe of %s answers %+v, %v; want %d Mbit/s %s", got, p, err, bw, kind)
			}
			return nil
		}), tg.EmulatorCheck("the number of update calls", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				n := emu.Calls("UpdateBandwidthPackage")
				if n-updates != calls {
					return fmt.Errorf("%d UpdateBandwidthPackage calls, want %d", n-updates, calls)
				}
				updates = n
				return nil
			}
		}))
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}}
	refused := regexp.MustCompile(`(?s)bandwidth_type cannot change in place.*only from Basic to\s+Enhanced or from\s+Enhanced to Basic`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&id, &replaced),
		Steps: []resource.TestStep{
			// One call: the name, which create does not take (DESIGN.md, "API facts the code relies on").
			{Config: cfg("Basic", 2, "Basic"), Check: inPlace(2, "Basic", 1)},
			// All upgrades: one call.
			{Config: cfg("Basic", 3, "Enhanced"), ConfigPlanChecks: update, Check: inPlace(3, "Enhanced", 1)},
			// Larger and Basic: the downgrade of the type, then the larger bandwidth.
			{Config: cfg("Basic", 4, "Basic"), ConfigPlanChecks: update, Check: inPlace(4, "Basic", 2),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(4)), stateIs("bandwidth_type", str("Basic"))}},
			// Smaller and Enhanced: the smaller bandwidth, then the upgrade of the type.
			{Config: cfg("Basic", 2, "Enhanced"), ConfigPlanChecks: update, Check: inPlace(2, "Enhanced", 2),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(2)), stateIs("bandwidth_type", str("Enhanced"))}},
			// To Advanced: refused at plan time, nothing sent.
			{Config: cfg("Basic", 2, "Advanced"), ExpectError: refused},
			{Config: cfg("Basic", 2, "Enhanced"), PlanOnly: true, Check: inPlace(2, "Enhanced", 0)},
			// A new type of plan replaces it: bandwidth_type is the new plan's, no error.
			{
				Config: cfg("CrossDomain", 2, "Advanced"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)}},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth_type", str("Advanced"))},
				Check: withPlan(func(got string) error {
					replaced = got
					if p, err := a.plan(got); err != nil || p.Type != "CrossDomain" {
						return fmt.Errorf("Describe of %s answers %+v, %v; want a CrossDomain plan", got, p, err)
					}
					return nil
				}),
			},
			// From Advanced: refused at plan time, nothing sent.
			{
				Config:      cfg("CrossDomain", 2, "Basic"),
				ExpectError: refused,
				Check: func(*terraform.State) error {
					return nil
				},
			},
			{
				Config:   cfg("CrossDomain", 2, "Advanced"),
				PlanOnly: true,
				Check: tg.EmulatorCheck("no update call", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if n := emu.Calls("UpdateBandwidthPackage"); n != updates {
							return fmt.Errorf("a refused plan sent %d UpdateBandwidthPackage calls", n-updates)
						}
						return nil
					}
				}),
			},
		},
	})
}
