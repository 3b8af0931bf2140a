package cen_test

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// alicloudAttributes are those of the stand-in for the official provider's
// alicloud_cen_bandwidth_package, in its attribute names.
var alicloudAttributes = map[string]rschema.Attribute{
	"id":                         rschema.StringAttribute{Required: true},
	"bandwidth":                  rschema.Int64Attribute{Required: true},
	"cen_bandwidth_package_name": rschema.StringAttribute{Optional: true},
	"payment_type":               rschema.StringAttribute{Required: true},
	"geographic_region_ids":      rschema.SetAttribute{Required: true, ElementType: types.StringType},
}

// A moved block from alicloud_cen_bandwidth_package takes over the plan:
// no purchase, no change planned, and the refresh fills what the alicloud
// state lacks.
func TestAccCENBandwidthPackage_movedFromAlicloud(t *testing.T) {
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	request := cbn.CreateCreateCenBandwidthPackageRequest()
	request.Bandwidth = requests.NewInteger(5)
	request.GeographicRegionAId = "China"
	request.GeographicRegionBId = "North-America"
	request.Name = "from-alicloud"
	request.BandwidthPackageChargeType = "POSTPAY"
	request.AutoPay = requests.NewBoolean(true)
	out, err := emutest.CBNClient(t, emu).CreateCenBandwidthPackage(request)
	if err != nil {
		t.Fatal(err)
	}
	id := out.CenBandwidthPackageId

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithAlicloud("alicloud_cen_bandwidth_package", alicloudAttributes),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, `
resource "alicloud_cen_bandwidth_package" "test" {
  id                         = "`+id+`"
  bandwidth                  = 5
  cen_bandwidth_package_name = "from-alicloud"
  payment_type               = "PostPaid"
  geographic_region_ids      = ["China", "North-America"]
}
`),
			},
			{
				Config: acctest.Config(emu, `
moved {
  from = alicloud_cen_bandwidth_package.test
  to   = aliyun_cen_bandwidth_package.test
}

resource "aliyun_cen_bandwidth_package" "test" {
  name                   = "from-alicloud"
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "North-America"
  charge_type            = "POSTPAY"
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("Idle")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("is_cross_border"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("creation_time"), knownvalue.NotNull()),
				},
			},
		},
		CheckDestroy: acctest.CheckPlanCount(emu, 0),
	})
	if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
		t.Errorf("CreateCenBandwidthPackage called %d times, want 1 (the seed): the move must buy nothing", n)
	}
}
