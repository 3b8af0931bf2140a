package ga_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/testsupport"
)

// fakeAlicloud stands in for the official provider, which cannot be
// downloaded offline: its one resource holds, in the alicloud provider's
// attribute names, a plan that already exists. Served as "alicloud", it is
// registry.terraform.io/hashicorp/alicloud to Terraform.
type fakeAlicloud struct{}

func (fakeAlicloud) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "alicloud"
}
func (fakeAlicloud) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (fakeAlicloud) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (fakeAlicloud) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (fakeAlicloud) Resources(context.Context) []func() fwresource.Resource {
	return []func() fwresource.Resource{func() fwresource.Resource { return fakeAlicloudGA{} }}
}

type fakeAlicloudGA struct{}

func (fakeAlicloudGA) Metadata(_ context.Context, _ fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = "alicloud_ga_bandwidth_package"
}

func (fakeAlicloudGA) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = rschema.Schema{Attributes: map[string]rschema.Attribute{
		"id":                     rschema.StringAttribute{Required: true},
		"bandwidth":              rschema.Int64Attribute{Required: true},
		"type":                   rschema.StringAttribute{Required: true},
		"bandwidth_type":         rschema.StringAttribute{Optional: true},
		"bandwidth_package_name": rschema.StringAttribute{Optional: true},
		"payment_type":           rschema.StringAttribute{Required: true},
		"renewal_status":         rschema.StringAttribute{Optional: true},
		"tags":                   rschema.MapAttribute{Optional: true, ElementType: types.StringType},
	}}
}

// Create adopts the configured ID: the plan was bought outside Terraform.
func (fakeAlicloudGA) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudGA) Read(context.Context, fwresource.ReadRequest, *fwresource.ReadResponse) {}
func (fakeAlicloudGA) Update(ctx context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudGA) Delete(context.Context, fwresource.DeleteRequest, *fwresource.DeleteResponse) {}

// A moved block from alicloud_ga_bandwidth_package takes over the plan:
// no purchase, no change planned, and the refresh fills what the alicloud
// state lacks.
func TestAccGABandwidthPackage_movedFromAlicloud(t *testing.T) {
	acctest.PreCheck(t)
	emu := newEmulator(t)
	out, err := testsupport.GACommon(t, emu, "CreateBandwidthPackage", map[string]string{
		"Bandwidth": "20", "Type": "Basic", "BandwidthType": "Basic", "ChargeType": "POSTPAY",
		"AutoPay": "true", "Name": "from-alicloud", "Tag.1.Key": "env", "Tag.1.Value": "prod",
	})
	if err != nil {
		t.Fatal(err)
	}
	id := out["BandwidthPackageId"].(string)

	factories := acctest.ProtoV6ProviderFactories()
	factories["alicloud"] = func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(fakeAlicloud{})()
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
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
