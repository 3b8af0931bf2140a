package reliability_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// A create whose answer is lost after the plan was bought is retried with the
// same ClientToken: the apply succeeds and exactly one plan exists.
func TestAccReliability_lostCreateResponse(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			emu.AddFault(emulator.Fault{Action: k.create, Mode: emulator.FaultDropResponse, Count: 1})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 0),
				Steps: []resource.TestStep{{
					Config: defaultProvider(emu) + fmt.Sprintf(k.config, ""),
					Check: resource.ComposeTestCheckFunc(
						func(*terraform.State) error {
							if n := emu.Calls(k.create); n != 2 {
								return fmt.Errorf("%s called %d times, want 2 (the lost one and its retry)", k.create, n)
							}
							return nil
						},
						acctest.CheckPlanCount(emu, 1),
						inEmulator(emu),
					),
				}},
			})
		})
	}
}

// stormConfig is 10 CEN and 10 GA pay-as-you-go plans.
const stormConfig = `
resource "aliyun_cen_bandwidth_package" "storm" {
  count                  = 10
  bandwidth              = 2 + count.index
  geographic_region_a_id = "China"
  geographic_region_b_id = "Asia-Pacific"
  charge_type            = "POSTPAY"
  name                   = "storm-${count.index}"
}

resource "aliyun_ga_bandwidth_package" "storm" {
  count          = 10
  bandwidth      = 2 + count.index
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  name           = "storm-${count.index}"
}
`

// 30 % of all calls answer ServiceUnavailable or Throttling.User while 20
// plans are applied (Terraform's default parallelism, 10) and destroyed:
// everything succeeds, nothing is bought twice, nothing is left.
func TestAccReliability_faultStorm(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	// The second rule fires only when the first did not: 0.15 + 0.85 × 0.1765 = 0.30.
	emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultError, Code: "ServiceUnavailable", Status: 503, Probability: 0.15})
	emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultError, Code: "Throttling.User", Status: 400, Probability: 0.1765})
	// 0.3^13 per call: no call runs out of retries in practice.
	provider := providerBlock(emu, acctest.AccessKey, acctest.SecretKey, "", 12)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: provider + stormConfig,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckPlanCount(emu, 20),
				inEmulator(emu),
				func(*terraform.State) error {
					st := emu.Stats()
					t.Logf("storm: %d calls in all (%v)", st.Total, st.Calls)
					if st.Calls["CreateCenBandwidthPackage"] < 10 || st.Calls["CreateBandwidthPackage"] < 10 {
						return fmt.Errorf("too few creates: %v", st.Calls)
					}
					return nil
				},
			),
		}},
	})
}

// stormOf12 is 6 CEN and 6 GA plans, both charge types.
const stormOf12 = `
resource "aliyun_cen_bandwidth_package" "storm" {
  count                  = 6
  bandwidth              = 2 + count.index
  geographic_region_a_id = "China"
  geographic_region_b_id = "Asia-Pacific"
  charge_type            = "POSTPAY"
  name                   = "storm12-${count.index}"
}

resource "aliyun_ga_bandwidth_package" "storm" {
  count          = 6
  bandwidth      = 2 + count.index
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  name           = "storm12-${count.index}"
}
`

// 30 % of all calls answer ServiceUnavailable while 12 plans are applied and
// destroyed, with the default max_retries: resource operations ride transient
// errors out until their timeouts (a refresh for 30 seconds), so nothing
// fails, nothing is bought twice, nothing is left.
func TestAccReliability_faultStormDefaultRetries(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultError, Code: "ServiceUnavailable", Status: 503, Probability: 0.3})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: defaultProvider(emu) + stormOf12,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckPlanCount(emu, 12),
				inEmulator(emu),
				func(*terraform.State) error {
					if n := emu.Calls("CreateCenBandwidthPackage") + emu.Calls("CreateBandwidthPackage"); n < 12 {
						return fmt.Errorf("only %d create calls for 12 plans", n)
					}
					return nil
				},
			),
		}},
	})
}
