package cen_test

import (
	"fmt"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
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
// state lacks. The plan is bought through the SDK, as the official provider
// would have; the stand-in provider calls no API.
func TestAccCENBandwidthPackage_movedFromAlicloud(t *testing.T) {
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	name := tg.Name()
	request := cbn.CreateCreateCenBandwidthPackageRequest()
	request.Bandwidth = requests.NewInteger(2)
	request.GeographicRegionAId = "China"
	request.GeographicRegionBId = "North-America"
	request.Name = name
	request.BandwidthPackageChargeType = "POSTPAY"
	request.AutoPay = requests.NewBoolean(true)
	out, err := conn.CreateCenBandwidthPackage(request)
	if err != nil {
		t.Fatal(err)
	}
	id := out.CenBandwidthPackageId
	if err := waitPlan(tg, conn, id, "Idle", func(p *cbn.CenBandwidthPackage) bool { return p != nil && p.Status == "Idle" }); err != nil {
		t.Fatal(err)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithAlicloud("alicloud_cen_bandwidth_package", alicloudAttributes),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(fmt.Sprintf(`
resource "alicloud_cen_bandwidth_package" "test" {
  id                         = %q
  bandwidth                  = 2
  cen_bandwidth_package_name = %q
  payment_type               = "PostPaid"
  geographic_region_ids      = ["China", "North-America"]
}
`, id, name)),
			},
			{
				Config: tg.Config(fmt.Sprintf(`
moved {
  from = alicloud_cen_bandwidth_package.test
  to   = aliyun_cen_bandwidth_package.test
}

resource "aliyun_cen_bandwidth_package" "test" {
  name                   = %q
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "North-America"
  charge_type            = "POSTPAY"
}
`, name)),
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
		// The moved plan is the one released: no other was bought under its name.
		CheckDestroy: resource.ComposeTestCheckFunc(plansReleased(conn, &id), func(*terraform.State) error {
			if list, err := describePlansNamed(conn, name); err != nil || len(list) != 0 {
				return fmt.Errorf("Describe of the plans named %s answers %+v, %v; want none", name, list, err)
			}
			return nil
		}),
	})
	if emu := tg.Emu(); emu != nil {
		if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
			t.Errorf("CreateCenBandwidthPackage called %d times, want 1 (the seed): the move must buy nothing", n)
		}
	}
}
