package ga_test

import (
	"testing"

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
// alicloud_ga_bandwidth_package, in its attribute names.
var alicloudAttributes = map[string]rschema.Attribute{
	"id":                     rschema.StringAttribute{Required: true},
	"bandwidth":              rschema.Int64Attribute{Required: true},
	"type":                   rschema.StringAttribute{Required: true},
	"bandwidth_type":         rschema.StringAttribute{Optional: true},
	"bandwidth_package_name": rschema.StringAttribute{Optional: true},
	"payment_type":           rschema.StringAttribute{Required: true},
	"renewal_status":         rschema.StringAttribute{Optional: true},
	"tags":                   rschema.MapAttribute{Optional: true, ElementType: types.StringType},
}

// A moved block from alicloud_ga_bandwidth_package takes over the plan:
// no purchase, no change planned, and the refresh fills what the alicloud
// state lacks.
func TestAccGABandwidthPackage_movedFromAlicloud(t *testing.T) {
	acctest.PreCheck(t)
	emu := newEmulator(t)
	out, err := emutest.GACommon(t, emu, "CreateBandwidthPackage", map[string]string{
		"Bandwidth": "20", "Type": "Basic", "BandwidthType": "Basic", "ChargeType": "POSTPAY",
		"AutoPay": "true", "Name": "from-alicloud", "Tag.1.Key": "env", "Tag.1.Value": "prod",
	})
	if err != nil {
		t.Fatal(err)
	}
	id := out["BandwidthPackageId"].(string)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithAlicloud("alicloud_ga_bandwidth_package", alicloudAttributes),
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig(emu) + `
resource "alicloud_ga_bandwidth_package" "test" {
  id                     = "` + id + `"
  bandwidth              = 20
  type                   = "Basic"
  bandwidth_type         = "Basic"
  bandwidth_package_name = "from-alicloud"
  payment_type           = "PayAsYouGo"
  renewal_status         = "Normal"
  tags                   = { env = "prod" }
}
`,
			},
			{
				Config: acctest.ProviderConfig(emu) + `
moved {
  from = alicloud_ga_bandwidth_package.test
  to   = aliyun_ga_bandwidth_package.test
}

resource "aliyun_ga_bandwidth_package" "test" {
  name           = "from-alicloud"
  bandwidth      = 20
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  tags           = { env = "prod" }
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("create_time"), knownvalue.NotNull()),
				},
			},
		},
		CheckDestroy: checkGone(emu),
	})
	if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
		t.Errorf("CreateBandwidthPackage called %d times, want 1 (the seed): the move must buy nothing", n)
	}
}
