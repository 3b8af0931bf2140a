// Package provider owns the provider schema, Configure, and the list of
// resources, data sources and functions.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/bwplan/terraform-provider-aliyun/internal/service/cen"
	"github.com/bwplan/terraform-provider-aliyun/internal/service/ga"
)

// New returns a constructor of the provider for providerserver.Serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &aliyunProvider{version: version} }
}

type aliyunProvider struct {
	version string
}

func (p *aliyunProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aliyun"
	resp.Version = p.version
}

func (p *aliyunProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

func (p *aliyunProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
}

func (p *aliyunProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		cen.NewBandwidthPackageResource,
		ga.NewBandwidthPackageResource,
	}
}

func (p *aliyunProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}
