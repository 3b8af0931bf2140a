package cen_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccCENBandwidthPackage_lifecycle runs against the emulator and, with
// TF_ACC_CLOUD=1, against the live API (README, "Testing against Alibaba
// Cloud"): a pay-as-you-go plan of 2 Mbit/s named tf-acc-..., changed in
// place, imported, and released; Describe then no longer finds it. Its checks
// read only the API, so they hold in both modes.
func TestAccCENBandwidthPackage_lifecycle(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, emulator.WithReadyDelay(200*time.Millisecond),
		emulator.WithUpdateDelay(150*time.Millisecond), emulator.WithDeleteDelay(150*time.Millisecond))
	name := tg.Name()
	cfg := func(bandwidth int, description string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = %d
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
  name                   = %q
  description            = %q
}
`, bandwidth, name, description))
	}
	var id string
	conn := tg.Client().CEN()
	described := func() ([]cbn.CenBandwidthPackage, error) { return describePlans(conn, id) }
	const addr = "aliyun_cen_bandwidth_package.test"
	is := func(attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), v)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			if list, err := described(); err != nil || len(list) != 0 {
				return fmt.Errorf("after destroy, Describe of %s answers %+v, %v; want no plan", id, list, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg(2, "first"),
				ConfigStateChecks: []statecheck.StateCheck{is("bandwidth", knownvalue.Int64Exact(2)),
					is("charge_type", knownvalue.StringExact("POSTPAY")), is("name", knownvalue.StringExact(name))},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[addr].Primary.ID
					list, err := described()
					if err != nil || len(list) != 1 || list[0].Name != name {
						return fmt.Errorf("Describe of %s answers %+v, %v", id, list, err)
					}
					return nil
				},
			},
			{
				Config:            cfg(3, "second"),
				ConfigStateChecks: []statecheck.StateCheck{is("bandwidth", knownvalue.Int64Exact(3)), is("description", knownvalue.StringExact("second"))},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[addr].Primary.ID; got != id {
						return fmt.Errorf("plan replaced: %s became %s", id, got)
					}
					list, err := described()
					if err != nil || len(list) != 1 || list[0].Bandwidth != 3 {
						return fmt.Errorf("Describe of %s answers %+v, %v; want 3 Mbit/s", id, list, err)
					}
					return nil
				},
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "period", "pricing_cycle", "auto_pay", "auto_renew", "auto_renew_duration", "order_id"},
			},
		},
	})
}
