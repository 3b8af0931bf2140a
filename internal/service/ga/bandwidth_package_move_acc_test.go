package ga_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"

	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
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
// state lacks. It runs in both modes: the plan is bought behind Terraform's
// back through the SDK, as the official provider would have, and released
// by the destroy (or by the cleanup, if the test stops before Terraform
// holds it).
func TestAccGABandwidthPackage_movedFromAlicloud(t *testing.T) {
	tg := newTarget(t)
	a := apiOf(tg)
	name := tg.Name()
	id := seedPlan(t, a, name, map[string]string{"env": "prod"})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithAlicloud("alicloud_ga_bandwidth_package", alicloudAttributes),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(`
resource "alicloud_ga_bandwidth_package" "test" {
  id                     = "` + id + `"
  bandwidth              = 2
  type                   = "Basic"
  bandwidth_type         = "Basic"
  bandwidth_package_name = "` + name + `"
  payment_type           = "PayAsYouGo"
  renewal_status         = "Normal"
  tags                   = { env = "prod" }
}
`),
			},
			{
				Config: tg.Config(`
moved {
  from = alicloud_ga_bandwidth_package.test
  to   = aliyun_ga_bandwidth_package.test
}

resource "aliyun_ga_bandwidth_package" "test" {
  name           = "` + name + `"
  bandwidth      = 2
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  tags           = { env = "prod" }
}
`),
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
		CheckDestroy: a.checkReleased(&id),
	})
	if emu := tg.Emu(); emu != nil {
		if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
			t.Errorf("CreateBandwidthPackage called %d times, want 1 (the seed): the move must buy nothing", n)
		}
	}
}

// seedPlan buys a pay-as-you-go plan of 2 Mbit/s behind Terraform's back,
// named name and tagged with tags, and waits until it is active. The test's
// cleanup releases it unless it is gone by then.
func seedPlan(t *testing.T, a api, name string, tags map[string]string) string {
	t.Helper()
	ga := a.c.GA()
	req := gasdk.CreateCreateBandwidthPackageRequest()
	req.RegionId, req.Bandwidth, req.Type, req.BandwidthType = client.GARegion, requests.NewInteger(2), "Basic", "Basic"
	req.ChargeType, req.AutoPay = "POSTPAY", requests.NewBoolean(true)
	out, err := ga.CreateBandwidthPackage(req)
	if err != nil {
		t.Fatalf("buying the seed plan: %v", err)
	}
	id := out.BandwidthPackageId
	t.Cleanup(func() {
		if _, err := a.plan(id); isNotExist(err) {
			return
		}
		del := gasdk.CreateDeleteBandwidthPackageRequest()
		del.RegionId, del.BandwidthPackageId = client.GARegion, id
		if _, err := ga.DeleteBandwidthPackage(del); err != nil {
			t.Errorf("releasing the seed plan %s: %v (make sweep releases it)", id, err)
		}
	})
	if err := a.waitState(id, "active"); err != nil {
		t.Fatal(err)
	}
	// Create takes no name (DESIGN.md, "API facts the code relies on").
	upd := gasdk.CreateUpdateBandwidthPackageRequest()
	upd.RegionId, upd.BandwidthPackageId, upd.Name = client.GARegion, id, name
	if err := a.busy(func() error { _, err := ga.UpdateBandwidthPackage(upd); return err }); err != nil {
		t.Fatalf("naming the seed plan %s: %v", id, err)
	}
	if err := a.waitState(id, "active"); err != nil {
		t.Fatal(err)
	}
	if len(tags) == 0 {
		return id
	}
	params := map[string]string{"ResourceType": "bandwidthpackage", "ResourceId.1": id}
	i := 0
	for k, v := range tags {
		i++
		params[fmt.Sprintf("Tag.%d.Key", i)], params[fmt.Sprintf("Tag.%d.Value", i)] = k, v
	}
	if err := a.busy(func() error { _, err := a.c.CommonGA(context.Background(), "TagResources", params); return err }); err != nil {
		t.Fatalf("tagging the seed plan %s: %v", id, err)
	}
	return id
}
