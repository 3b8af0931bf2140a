package cen

import (
	"context"
	"regexp"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/providerdata"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
	"github.com/bwplan/terraform-provider-aliyun/internal/validators"
)

// listPageSize is the largest page DescribeCenBandwidthPackages serves.
const listPageSize = 50

var _ datasource.DataSourceWithConfigure = (*bandwidthPackagesDataSource)(nil)

// NewBandwidthPackagesDataSource returns the aliyun_cen_bandwidth_packages data source.
func NewBandwidthPackagesDataSource() datasource.DataSource { return &bandwidthPackagesDataSource{} }

type bandwidthPackagesDataSource struct {
	client *client.Client
}

func (d *bandwidthPackagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cen_bandwidth_packages"
}

func (d *bandwidthPackagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if c := providerdata.Client(req.ProviderData, &resp.Diagnostics); c != nil {
		d.client = c
	}
}

func (d *bandwidthPackagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The CEN bandwidth plans of the account (`DescribeCenBandwidthPackages`, every page), " +
			"narrowed by the filters given; all of them must match. `ids` (in groups of 25 a call), `status` and `tags` are " +
			"passed to the API, `status` and `tags` applied to its answer when `ids` is given; `name_regex` and " +
			"`charge_type` are applied to its answer.",
		Attributes: map[string]schema.Attribute{
			"ids": schema.ListAttribute{
				Optional:            true,
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "As a filter: IDs of the plans wanted (`cenbwp-...`); an empty list matches no plan, while leaving `ids` out does not filter. Read back: IDs of the plans found, in the order of the filter's `ids` (each once) when it is given, else in the API's order.",
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans whose name matches this regular expression (Go RE2 syntax).",
				Validators:          []validator.String{validators.Regexp()},
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans in this state: `Creating`, `Updating`, `Idle`, `InUse` or `Deleting`.",
				Validators: []validator.String{stringvalidator.OneOf(
					statusCreating, statusUpdating, statusIdle, statusInUse, statusDeleting)},
			},
			"charge_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans billed this way: `PREPAY` or `POSTPAY`.",
				Validators:          []validator.String{stringvalidator.OneOf(chargeTypePrepay, chargeTypePostpay)},
			},
			"tags": schema.MapAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only plans carrying every one of these tags.",
			},
			"names": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Names of the plans found, in the order of `ids`.",
			},
			"packages": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The plans found, in the order of `ids`, with every attribute the API reports.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":                     computedString("The ID of the plan (`cenbwp-...`)."),
						"bandwidth":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Maximum bandwidth in Mbit/s."},
						"geographic_region_a_id": computedString("Area A."),
						"geographic_region_b_id": computedString("Area B."),
						"name":                   computedString("Name; null when the plan has none."),
						"description":            computedString("Description; null when the plan has none."),
						"charge_type":            computedString("Billing method: `PREPAY` or `POSTPAY`."),
						"resource_group_id":      computedString("Resource group of the plan."),
						"tags": schema.MapAttribute{
							Computed: true, ElementType: types.StringType,
							MarkdownDescription: "Tags of the plan; empty when it has none.",
						},
						"status":          computedString("State: `Creating`, `Updating`, `Idle`, `InUse` or `Deleting`."),
						"business_status": computedString("Billing state, such as `Normal` or `FinancialLocked`."),
						"expired_time":    computedString("When a subscription plan expires, as the API reports it."),
						"creation_time":   computedString("When the plan was created, as the API reports it."),
						"is_cross_border": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the plan connects the Chinese mainland with another area."},
						"cen_ids": schema.SetAttribute{
							Computed: true, ElementType: types.StringType,
							MarkdownDescription: "CEN instances the plan is bound to; empty when it is bound to none.",
						},
					},
				},
			},
		},
	}
}

func (d *bandwidthPackagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m bandwidthPackagesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var ids []string
	resp.Diagnostics.Append(m.IDs.ElementsAs(ctx, &ids, false)...)
	want, diags := tfvalue.StringMap(ctx, m.Tags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var nameRE *regexp.Regexp
	if !m.NameRegex.IsNull() {
		nameRE = regexp.MustCompile(m.NameRegex.ValueString()) // the validator has compiled it
	}

	// An empty list of IDs is a filter that matches no plan: nothing to ask.
	var all []cbn.CenBandwidthPackage
	var err error
	switch {
	case len(ids) > 0:
		all, err = findByIDs(ctx, d.client, ids, m.Status.ValueString(), want)
	case m.IDs.IsNull():
		all, err = listBandwidthPackages(ctx, d.client, listRequest(m.Status.ValueString(), want))
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, "listing CEN bandwidth plans", err, nil)
		return
	}

	idValues, names := []attr.Value{}, []attr.Value{}
	m.Packages = []bandwidthPackageDataModel{}
	for i := range all {
		p := &all[i]
		if nameRE != nil && !nameRE.MatchString(p.Name) {
			continue
		}
		if c := m.ChargeType.ValueString(); c != "" && !strings.EqualFold(p.BandwidthPackageChargeType, c) {
			continue
		}
		item := dataModelFromAPI(p)
		m.Packages = append(m.Packages, item)
		idValues = append(idValues, item.ID)
		names = append(names, types.StringValue(p.Name))
	}
	m.IDs = types.ListValueMust(types.StringType, idValues)
	m.Names = types.ListValueMust(types.StringType, names)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// findByIDs describes the plans named by ids as the resource does
// (describeBandwidthPackages: filters of at most 5 IDs, at most 5 filters a
// call, every page; DESIGN.md), then keeps those with the status and tags
// asked for: the ID filters are ORed, so the status filter and the tags
// cannot go in the same call. Plans come in the order of ids, each once.
func findByIDs(ctx context.Context, c *client.Client, ids []string, status string, want map[string]string) ([]cbn.CenBandwidthPackage, error) {
	found, err := describeBandwidthPackages(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	var out []cbn.CenBandwidthPackage
	seen := map[string]bool{}
	for _, id := range ids {
		p, ok := found[strings.ToLower(id)]
		if !ok || seen[strings.ToLower(id)] || (status != "" && p.Status != status) || !hasTags(p, want) {
			continue
		}
		seen[strings.ToLower(id)] = true
		out = append(out, *p)
	}
	return out, nil
}

// hasTags reports whether plan p carries every tag in want.
func hasTags(p *cbn.CenBandwidthPackage, want map[string]string) bool {
	have := map[string]string{}
	for _, t := range p.Tags.Tag {
		have[t.Key] = t.Value
	}
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// listRequest pushes the filters the API supports when no IDs are given:
// status and tags.
func listRequest(status string, want map[string]string) *cbn.DescribeCenBandwidthPackagesRequest {
	request := cbn.CreateDescribeCenBandwidthPackagesRequest()
	request.PageSize = requests.NewInteger(listPageSize)
	if status != "" {
		request.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Status", Value: &[]string{status}}}
	}
	if len(want) > 0 {
		list := make([]cbn.DescribeCenBandwidthPackagesTag, 0, len(want))
		for _, k := range tags.SortedKeys(want) {
			list = append(list, cbn.DescribeCenBandwidthPackagesTag{Key: k, Value: want[k]})
		}
		request.Tag = &list
	}
	return request
}

// listBandwidthPackages reads every page of a DescribeCenBandwidthPackages.
func listBandwidthPackages(ctx context.Context, c *client.Client, request *cbn.DescribeCenBandwidthPackagesRequest) ([]cbn.CenBandwidthPackage, error) {
	conn := c.CEN()
	var all []cbn.CenBandwidthPackage
	for page := 1; ; page++ {
		request.PageNumber = requests.NewInteger(page)
		var out *cbn.DescribeCenBandwidthPackagesResponse
		err := c.Do(ctx, request.GetActionName(), func() error {
			var err error
			out, err = conn.DescribeCenBandwidthPackages(request)
			return err
		})
		if err != nil {
			return nil, err
		}
		got := out.CenBandwidthPackages.CenBandwidthPackage
		all = append(all, got...)
		// An empty page also ends the loop, should TotalCount overstate.
		if len(got) == 0 || len(all) >= out.TotalCount {
			return all, nil
		}
	}
}

// dataModelFromAPI converts through the resource's mapping, so the data
// source reports every value exactly as the resource would.
func dataModelFromAPI(p *cbn.CenBandwidthPackage) bandwidthPackageDataModel {
	var item bandwidthPackageDataModel
	tfvalue.Copy(&item, modelFromAPI(bandwidthPackageModel{}, p))
	if item.Tags.IsNull() {
		item.Tags = types.MapValueMust(types.StringType, map[string]attr.Value{})
	}
	return item
}

// bandwidthPackagesDataModel is the data source's configuration and state.
type bandwidthPackagesDataModel struct {
	IDs        types.List                  `tfsdk:"ids"`
	NameRegex  types.String                `tfsdk:"name_regex"`
	Status     types.String                `tfsdk:"status"`
	ChargeType types.String                `tfsdk:"charge_type"`
	Tags       types.Map                   `tfsdk:"tags"`
	Names      types.List                  `tfsdk:"names"`
	Packages   []bandwidthPackageDataModel `tfsdk:"packages"`
}

// bandwidthPackageDataModel is one plan of the data source: the resource's
// attributes that Describe returns.
type bandwidthPackageDataModel struct {
	ID                  types.String `tfsdk:"id"`
	Bandwidth           types.Int64  `tfsdk:"bandwidth"`
	GeographicRegionAID types.String `tfsdk:"geographic_region_a_id"`
	GeographicRegionBID types.String `tfsdk:"geographic_region_b_id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	ChargeType          types.String `tfsdk:"charge_type"`
	ResourceGroupID     types.String `tfsdk:"resource_group_id"`
	Tags                types.Map    `tfsdk:"tags"`
	Status              types.String `tfsdk:"status"`
	BusinessStatus      types.String `tfsdk:"business_status"`
	ExpiredTime         types.String `tfsdk:"expired_time"`
	CreationTime        types.String `tfsdk:"creation_time"`
	IsCrossBorder       types.Bool   `tfsdk:"is_cross_border"`
	CenIDs              types.Set    `tfsdk:"cen_ids"`
}
