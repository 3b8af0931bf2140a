package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// cen_area feeds a resource's areas: an Asia-Pacific–Europe plan bought from
// two region IDs (not cross-border, so any account may buy it in cloud mode).
// It runs in both modes (README, "Testing against Alibaba Cloud").
func TestAccFunctionCENArea_inResource(t *testing.T) {
	tg := acctest.NewTarget(t)
	const addr = "aliyun_cen_bandwidth_package.test"
	var id string
	conn := tg.Client().CEN()
	described := func() ([]cbn.CenBandwidthPackage, error) {
		request := cbn.CreateDescribeCenBandwidthPackagesRequest()
		request.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{id}}}
		out, err := conn.DescribeCenBandwidthPackages(request)
		if err != nil {
			return nil, err
		}
		return out.CenBandwidthPackages.CenBandwidthPackage, nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: tg.Config(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = provider::aliyun::cen_area("ap-southeast-1")
  geographic_region_b_id = provider::aliyun::cen_area("eu-central-1")
  charge_type            = "POSTPAY"
  name                   = %q
}

output "hongkong" {
  value = provider::aliyun::cen_area("cn-hongkong")
}
`, tg.Name())),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("geographic_region_a_id"), knownvalue.StringExact("Asia-Pacific")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("geographic_region_b_id"), knownvalue.StringExact("Europe")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_cross_border"), knownvalue.Bool(false)),
				statecheck.ExpectKnownOutputValue("hongkong", knownvalue.StringExact("Asia-Pacific")),
			},
			// The API bought the areas the function gave (it answers them in lower case).
			Check: func(s *terraform.State) error {
				id = s.RootModule().Resources[addr].Primary.ID
				list, err := described()
				if err != nil || len(list) != 1 || !strings.EqualFold(list[0].GeographicRegionAId, "Asia-Pacific") || !strings.EqualFold(list[0].GeographicRegionBId, "Europe") {
					return fmt.Errorf("Describe of %s answers %+v, %v; want Asia-Pacific to Europe", id, list, err)
				}
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			if list, err := described(); err != nil || len(list) != 0 {
				return fmt.Errorf("after destroy, Describe of %s answers %+v, %v; want no plan", id, list, err)
			}
			return nil
		},
	})
}

// An unknown region stops the plan with the function's error, which lists
// the regions it knows; nothing is bought. It runs in both modes.
func TestAccFunctionCENArea_unknownRegion(t *testing.T) {
	tg := acctest.NewTarget(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{tg.RefusedAtPlan(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 10
  geographic_region_a_id = provider::aliyun::cen_area("cn-hangzhou")
  geographic_region_b_id = provider::aliyun::cen_area("mars-north-1")
  charge_type            = "POSTPAY"
}
`, regexp.MustCompile(`(?s)Invalid function argument.*"mars-north-1" is not in the\s+CEN area table;\s+known regions:.*cn-hangzhou`))},
		CheckDestroy: tg.EmulatorCheck("no plan in the emulator", func(emu *emulator.Server) resource.TestCheckFunc {
			return acctest.CheckPlanCount(emu, 0)
		}),
	})
}
