package ga_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccGABandwidthPackage_lifecycle runs against the emulator and, with
// TF_ACC_CLOUD=1, against the live API (README, "Testing against Alibaba
// Cloud"): a pay-as-you-go plan of 2 Mbit/s named tf-acc-..., changed in
// place, imported, and released; Describe then answers
// NotExist.BandwidthPackage. Its checks read only the API.
func TestAccGABandwidthPackage_lifecycle(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, emulator.WithReadyDelay(300*time.Millisecond),
		emulator.WithUpdateDelay(200*time.Millisecond), emulator.WithDeleteDelay(200*time.Millisecond))
	name := tg.Name()
	cfg := func(bandwidth int, kind string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = %d
  type           = "Basic"
  bandwidth_type = %q
  charge_type    = "POSTPAY"
  name           = %q
}
`, bandwidth, kind, name))
	}
	var id string
	conn := tg.Client().GA()
	describe := func() (*gasdk.DescribeBandwidthPackageResponse, error) {
		request := gasdk.CreateDescribeBandwidthPackageRequest()
		request.RegionId = client.GARegion
		request.BandwidthPackageId = id
		return conn.DescribeBandwidthPackage(request)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			out, err := describe()
			if err == nil || !strings.Contains(err.Error(), "NotExist.BandwidthPackage") {
				return fmt.Errorf("after destroy, Describe of %s answers %+v, %v; want NotExist.BandwidthPackage", id, out, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:            cfg(2, "Basic"),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(2)), stateIs("name", str(name)), stateIs("status", str("active"))},
				Check: withPlan(func(got string) error {
					id = got
					out, err := describe()
					if err != nil || out.Name != name || out.ChargeType != "POSTPAY" {
						return fmt.Errorf("Describe of %s answers %+v, %v", id, out, err)
					}
					return nil
				}),
			},
			{
				Config:            cfg(3, "Enhanced"),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(3)), stateIs("bandwidth_type", knownvalue.StringExact("Enhanced"))},
				Check: withPlan(func(got string) error {
					if got != id {
						return fmt.Errorf("plan replaced: %s became %s", id, got)
					}
					out, err := describe()
					if err != nil || out.Bandwidth != 3 || out.BandwidthType != "Enhanced" {
						return fmt.Errorf("Describe of %s answers %+v, %v; want 3 Mbit/s Enhanced", id, out, err)
					}
					return nil
				}),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: purchaseOnly,
			},
		},
	})
}
