package cen_test

import (
	"context"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
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
	return []func() fwresource.Resource{func() fwresource.Resource { return fakeAlicloudCEN{} }}
}

type fakeAlicloudCEN struct{}

func (fakeAlicloudCEN) Metadata(_ context.Context, _ fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = "alicloud_cen_bandwidth_package"
}

func (fakeAlicloudCEN) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = rschema.Schema{Attributes: map[string]rschema.Attribute{
		"id":                         rschema.StringAttribute{Required: true},
		"bandwidth":                  rschema.Int64Attribute{Required: true},
		"cen_bandwidth_package_name": rschema.StringAttribute{Optional: true},
		"payment_type":               rschema.StringAttribute{Required: true},
		"geographic_region_ids":      rschema.SetAttribute{Required: true, ElementType: types.StringType},
	}}
}

// Create adopts the configured ID: the plan was bought outside Terraform.
func (fakeAlicloudCEN) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudCEN) Read(context.Context, fwresource.ReadRequest, *fwresource.ReadResponse) {}
func (fakeAlicloudCEN) Update(ctx context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudCEN) Delete(context.Context, fwresource.DeleteRequest, *fwresource.DeleteResponse) {
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
	out, err := testsupport.CBNClient(t, emu).CreateCenBandwidthPackage(request)
	if err != nil {
		t.Fatal(err)
	}
	id := out.CenBandwidthPackageId

	factories := acctest.ProtoV6ProviderFactories()
	factories["alicloud"] = func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(fakeAlicloud{})()
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
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
		CheckDestroy: checkPlansLeft(emu, 0),
	})
	if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
		t.Errorf("CreateCenBandwidthPackage called %d times, want 1 (the seed): the move must buy nothing", n)
	}
}
