package provider_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
)

// cen_area feeds a resource's areas: a China–Europe plan bought from two
// region IDs, which the emulator reports as cross-border.
func TestAccFunctionCENArea_inResource(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 10
  geographic_region_a_id = provider::aliyun::cen_area("cn-hangzhou")
  geographic_region_b_id = provider::aliyun::cen_area("eu-central-1")
  charge_type            = "POSTPAY"
}

output "hongkong" {
  value = provider::aliyun::cen_area("cn-hongkong")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("aliyun_cen_bandwidth_package.test", tfjsonpath.New("geographic_region_a_id"), knownvalue.StringExact("China")),
				statecheck.ExpectKnownValue("aliyun_cen_bandwidth_package.test", tfjsonpath.New("geographic_region_b_id"), knownvalue.StringExact("Europe")),
				statecheck.ExpectKnownValue("aliyun_cen_bandwidth_package.test", tfjsonpath.New("is_cross_border"), knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("hongkong", knownvalue.StringExact("Asia-Pacific")),
			},
		}},
		CheckDestroy: acctest.CheckPlanCount(emu, 0),
	})
}

// An unknown region stops the plan with the function's error, which lists
// the regions it knows; nothing is bought.
func TestAccFunctionCENArea_unknownRegion(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 10
  geographic_region_a_id = provider::aliyun::cen_area("cn-hangzhou")
  geographic_region_b_id = provider::aliyun::cen_area("mars-north-1")
  charge_type            = "POSTPAY"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*"mars-north-1" is not in the\s+CEN area table;\s+known regions:.*cn-hangzhou`),
		}},
		CheckDestroy: acctest.CheckPlanCount(emu, 0),
	})
}
