package acctest

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// ProtoV6ProviderFactoriesWithAlicloud is ProtoV6ProviderFactories plus a
// stand-in for the official provider, which cannot be downloaded offline:
// its one resource, typeName, holds attrs (in the alicloud provider's
// attribute names) for a plan that already exists. Served as "alicloud", it
// is registry.terraform.io/hashicorp/alicloud to Terraform.
func ProtoV6ProviderFactoriesWithAlicloud(typeName string, attrs map[string]schema.Attribute) map[string]func() (tfprotov6.ProviderServer, error) {
	factories := ProtoV6ProviderFactories()
	factories["alicloud"] = providerserver.NewProtocol6WithError(fakeAlicloud{typeName: typeName, attrs: attrs})
	return factories
}

type fakeAlicloud struct {
	typeName string
	attrs    map[string]schema.Attribute
}

func (fakeAlicloud) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "alicloud"
}
func (fakeAlicloud) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {}
func (fakeAlicloud) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (fakeAlicloud) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p fakeAlicloud) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return fakeAlicloudResource(p) }}
}

type fakeAlicloudResource fakeAlicloud

func (r fakeAlicloudResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r fakeAlicloudResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: r.attrs}
}

// Create adopts the configured ID: the plan was bought outside Terraform.
func (fakeAlicloudResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (fakeAlicloudResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}
func (fakeAlicloudResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
