// Package provider owns the provider schema, Configure, and the list of
// resources, data sources and functions.
package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/functions"
	"github.com/bwplan/terraform-provider-aliyun/internal/service/cen"
	"github.com/bwplan/terraform-provider-aliyun/internal/service/ga"
)

// New returns a constructor of the provider for providerserver.Serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &aliyunProvider{version: version} }
}

var _ provider.ProviderWithFunctions = (*aliyunProvider)(nil)

type aliyunProvider struct {
	version string
}

type providerModel struct {
	Region                types.String     `tfsdk:"region"`
	AccessKey             types.String     `tfsdk:"access_key"`
	SecretKey             types.String     `tfsdk:"secret_key"`
	SecurityToken         types.String     `tfsdk:"security_token"`
	Profile               types.String     `tfsdk:"profile"`
	SharedCredentialsFile types.String     `tfsdk:"shared_credentials_file"`
	ECSRoleName           types.String     `tfsdk:"ecs_role_name"`
	MaxRetries            types.Int64      `tfsdk:"max_retries"`
	AssumeRole            *assumeRoleModel `tfsdk:"assume_role"`
	Endpoints             *endpointsModel  `tfsdk:"endpoints"`
}

type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	Policy            types.String `tfsdk:"policy"`
	ExternalID        types.String `tfsdk:"external_id"`
}

type endpointsModel struct {
	CEN types.String `tfsdk:"cen"`
	GA  types.String `tfsdk:"ga"`
	STS types.String `tfsdk:"sts"`
}

func (p *aliyunProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aliyun"
	resp.Version = p.version
}

func (p *aliyunProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	endpoint := func(api, example string) schema.StringAttribute {
		return schema.StringAttribute{
			Optional: true,
			Description: "Full URL of the " + api + " endpoint, such as `" + example +
				"`; `http://` only for a local emulator. Defaults to the public endpoint over HTTPS.",
			Validators: []validator.String{endpointURL{}},
		}
	}
	resp.Schema = schema.Schema{
		Description: "Manages Alibaba Cloud bandwidth plans: CEN bandwidth packages and Global Accelerator bandwidth packages.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:    true,
				Description: "Region of the CEN API calls: a region ID, lower-case words and digits joined by hyphens such as `ap-southeast-1`; an ID the provider does not know is warned about, not refused. Env `ALIBABA_CLOUD_REGION_ID`, then `ALICLOUD_REGION`; default `cn-hangzhou`. GA calls always use `cn-hangzhou`, the GA API's only region.",
				Validators:  []validator.String{regionValue{}},
			},
			"access_key": schema.StringAttribute{
				Optional:    true,
				Description: "AccessKey ID. Env `ALIBABA_CLOUD_ACCESS_KEY_ID` or `ALICLOUD_ACCESS_KEY`. Set with `secret_key`.",
			},
			"secret_key": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "AccessKey secret. Env `ALIBABA_CLOUD_ACCESS_KEY_SECRET` or `ALICLOUD_SECRET_KEY`.",
			},
			"security_token": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "STS security token, for temporary credentials. Env `ALIBABA_CLOUD_SECURITY_TOKEN` or `ALICLOUD_SECURITY_TOKEN`.",
			},
			"profile": schema.StringAttribute{
				Optional:    true,
				Description: "Profile of the Alibaba Cloud CLI's `config.json`. Env `ALIBABA_CLOUD_PROFILE`; default: the file's current profile.",
			},
			"shared_credentials_file": schema.StringAttribute{
				Optional:    true,
				Description: "Path of the Alibaba Cloud CLI's `config.json`; default `~/.aliyun/config.json`.",
			},
			"ecs_role_name": schema.StringAttribute{
				Optional:    true,
				Description: "RAM role of the ECS instance running Terraform, used when no other credentials are set. Env `ALIBABA_CLOUD_ECS_METADATA`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:    true,
				Description: "Retries of a call that failed with throttling, a server error or a connection problem: 0 or more (0: no retries), default 5. Busy states are retried until the resource's timeout whatever this says.",
				Validators:  []validator.Int64{nonNegative{}},
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				Description: "Assume a RAM role (STS AssumeRole) with the credentials resolved otherwise.",
				Attributes: map[string]schema.Attribute{
					"role_arn":     schema.StringAttribute{Optional: true, Description: "ARN of the role to assume. Required in the block."},
					"session_name": schema.StringAttribute{Optional: true, Description: "Session name; default generated."},
					"session_expiration": schema.Int64Attribute{Optional: true, Description: "Session duration in seconds, 900 to 43200 (and at most the role's maximum session duration, which the STS API checks); default 3600.",
						Validators: []validator.Int64{int64validator.Between(900, 43200)}},
					"policy":      schema.StringAttribute{Optional: true, Description: "A policy (JSON) further restricting the session."},
					"external_id": schema.StringAttribute{Optional: true, Description: "External ID the role's trust policy requires."},
				},
			},
			"endpoints": schema.SingleNestedBlock{
				Description: "Endpoint overrides, for private endpoints and for the API emulator.",
				Attributes: map[string]schema.Attribute{
					"cen": endpoint("CEN (Cbn) API", "https://cbn.aliyuncs.com"),
					"ga":  endpoint("Global Accelerator API", "https://ga.cn-hangzhou.aliyuncs.com"),
					"sts": endpoint("STS API, used by assume_role", "https://sts.aliyuncs.com"),
				},
			},
		},
	}
}

func (p *aliyunProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = client.MaskFieldNames(ctx)
	ctx = client.MaskValues(ctx, m.SecretKey.ValueString(), m.SecurityToken.ValueString())

	if unknown := m.unknownAttributes(); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
			return
		}
		reason := "The aliyun provider configuration depends on values not known until apply (" + strings.Join(unknown, ", ") +
			"), so the provider cannot call the API yet. Apply the resources those values come from first (terraform apply -target=...), or set them from known values."
		resp.Diagnostics.AddWarning("Provider configuration not yet known", reason)
		c := client.NotReady(reason)
		resp.ResourceData, resp.DataSourceData = c, c
		return
	}

	cfg, ok := p.clientConfig(m, req.TerraformVersion, resp)
	if !ok {
		return
	}
	c, err := client.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddError("Configuring the aliyun provider", err.Error())
		return
	}
	tflog.Info(ctx, "aliyun provider configured", map[string]any{
		"region": c.Region, "credentials": c.CredentialSource(), "max_retries": c.MaxRetries(),
		"cen_endpoint": c.CENEndpoint().URL(), "ga_endpoint": c.GAEndpoint().URL(),
	})
	resp.ResourceData, resp.DataSourceData = c, c
}

// clientConfig resolves region, endpoints and credentials; it reports each
// problem on the attribute it concerns.
func (p *aliyunProvider) clientConfig(m providerModel, tfVersion string, resp *provider.ConfigureResponse) (client.Config, bool) {
	cfg := client.Config{
		Region:           m.Region.ValueString(),
		ProviderVersion:  p.version,
		TerraformVersion: tfVersion,
		MaxRetries:       client.DefaultMaxRetries,
	}
	if cfg.Region == "" {
		for _, name := range client.EnvRegion {
			if v := os.Getenv(name); v != "" {
				cfg.Region = v
				// The attribute was checked at validate time; the
				// environment can only be checked here.
				problem, unknown := checkRegion(v, "the environment variable "+name+" (read because the provider block sets no region)")
				if problem != "" {
					resp.Diagnostics.AddError("Invalid region", problem)
				}
				if unknown != "" {
					resp.Diagnostics.AddWarning("Unknown region", unknown)
				}
				break
			}
		}
	}
	if cfg.Region == "" {
		cfg.Region = client.DefaultRegion
	}
	if !m.MaxRetries.IsNull() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
		if cfg.MaxRetries == 0 {
			cfg.MaxRetries = -1 // client.Config's zero means the default
		}
	}

	var stsHost string
	if e := m.Endpoints; e != nil {
		parse := func(v types.String, attr string, into *client.Endpoint) {
			if v.IsNull() {
				return
			}
			ep, err := client.ParseEndpoint(v.ValueString())
			if err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("endpoints").AtName(attr), "Invalid endpoint URL", err.Error())
				return
			}
			*into = ep
		}
		parse(e.CEN, "cen", &cfg.CENEndpoint)
		parse(e.GA, "ga", &cfg.GAEndpoint)
		var sts client.Endpoint
		parse(e.STS, "sts", &sts)
		if sts.Scheme == "HTTP" {
			resp.Diagnostics.AddAttributeError(path.Root("endpoints").AtName("sts"), "Invalid endpoint URL",
				"The SDK calls STS AssumeRole over HTTPS only; write https://"+sts.Host+".")
		}
		stsHost = sts.Host
	}

	cc := client.CredentialConfig{
		AccessKey:             m.AccessKey.ValueString(),
		SecretKey:             m.SecretKey.ValueString(),
		SecurityToken:         m.SecurityToken.ValueString(),
		Profile:               m.Profile.ValueString(),
		SharedCredentialsFile: m.SharedCredentialsFile.ValueString(),
		ECSRoleName:           m.ECSRoleName.ValueString(),
		STSHost:               stsHost,
	}
	if ar := m.AssumeRole; ar != nil {
		if ar.RoleARN.ValueString() == "" {
			resp.Diagnostics.AddAttributeError(path.Root("assume_role").AtName("role_arn"), "Missing role_arn",
				"The assume_role block needs role_arn, the ARN of the RAM role to assume (acs:ram::<account>:role/<name>).")
		}
		cc.AssumeRole = &client.AssumeRole{
			RoleARN:           ar.RoleARN.ValueString(),
			SessionName:       ar.SessionName.ValueString(),
			SessionExpiration: int(ar.SessionExpiration.ValueInt64()),
			Policy:            ar.Policy.ValueString(),
			ExternalID:        ar.ExternalID.ValueString(),
		}
	}
	if resp.Diagnostics.HasError() {
		return cfg, false
	}
	creds, err := client.ResolveCredentials(cc)
	if err != nil {
		resp.Diagnostics.AddError("No usable Alibaba Cloud credentials", err.Error())
		return cfg, false
	}
	cfg.Credentials = creds
	return cfg, true
}

// unknownAttributes names the attributes whose values Terraform does not
// know yet (they come from other resources).
func (m providerModel) unknownAttributes() []string {
	type attr struct {
		name    string
		unknown bool
	}
	attrs := []attr{
		{"region", m.Region.IsUnknown()},
		{"access_key", m.AccessKey.IsUnknown()},
		{"secret_key", m.SecretKey.IsUnknown()},
		{"security_token", m.SecurityToken.IsUnknown()},
		{"profile", m.Profile.IsUnknown()},
		{"shared_credentials_file", m.SharedCredentialsFile.IsUnknown()},
		{"ecs_role_name", m.ECSRoleName.IsUnknown()},
		{"max_retries", m.MaxRetries.IsUnknown()},
	}
	if a := m.AssumeRole; a != nil {
		attrs = append(attrs,
			attr{"assume_role.role_arn", a.RoleARN.IsUnknown()},
			attr{"assume_role.session_name", a.SessionName.IsUnknown()},
			attr{"assume_role.session_expiration", a.SessionExpiration.IsUnknown()},
			attr{"assume_role.policy", a.Policy.IsUnknown()},
			attr{"assume_role.external_id", a.ExternalID.IsUnknown()},
		)
	}
	if e := m.Endpoints; e != nil {
		attrs = append(attrs,
			attr{"endpoints.cen", e.CEN.IsUnknown()},
			attr{"endpoints.ga", e.GA.IsUnknown()},
			attr{"endpoints.sts", e.STS.IsUnknown()},
		)
	}
	var out []string
	for _, a := range attrs {
		if a.unknown {
			out = append(out, a.name)
		}
	}
	return out
}

func (p *aliyunProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		cen.NewBandwidthPackageResource,
		cen.NewBandwidthPackageAttachmentResource,
		ga.NewBandwidthPackageResource,
		ga.NewBandwidthPackageAttachmentResource,
	}
}

func (p *aliyunProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		cen.NewBandwidthPackagesDataSource,
		ga.NewBandwidthPackagesDataSource,
	}
}

func (p *aliyunProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		functions.NewCENArea,
	}
}
