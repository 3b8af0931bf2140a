package cen_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccCENBandwidthPackage_specAnswerLost: the API makes a bandwidth
// change and its answer is lost; the retry is refused as a change to the
// bandwidth the plan already has (Operation.Failed), which the provider
// takes as done because Describe shows the new bandwidth.
func TestAccCENBandwidthPackage_specAnswerLost(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the lost answer is an injected fault")
	cfg := func(bw int) string {
		return acctest.Config(emu, fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = %d
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
  timeouts {
    update = "30s"
  }
}
`, bw))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{Config: cfg(10)},
			{
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "ModifyCenBandwidthPackageSpec", Mode: emulator.FaultDropResponse, Count: 1})
				},
				Config: cfg(20),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("aliyun_cen_bandwidth_package.test", tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(20)),
				},
				Check: resource.ComposeTestCheckFunc(
					checkEmulator(emu, func(r emulator.Resource) error {
						if r.Bandwidth != 20 {
							return fmt.Errorf("emulator holds %d Mbit/s, want 20", r.Bandwidth)
						}
						return nil
					}),
					func(*terraform.State) error {
						if n := emu.Calls("ModifyCenBandwidthPackageSpec"); n < 2 {
							return fmt.Errorf("ModifyCenBandwidthPackageSpec reached %d times: the lost answer was not retried", n)
						}
						return nil
					},
				),
			},
		},
	})
}
