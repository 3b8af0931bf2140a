package ga

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"

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

// listPageSize is the largest page ListBandwidthPackages serves (its
// metadata: PageSize at most 100).
const listPageSize = 100

// planStates are the values of a plan's State.
var planStates = []string{"init", "active", "binded", "binding", "unbinding", "updating", "finacialLocked", "locked"}

var _ datasource.DataSourceWithConfigure = (*bandwidthPackagesDataSource)(nil)

// NewBandwidthPackagesDataSource returns the aliyun_ga_bandwidth_packages data source.
func NewBandwidthPackagesDataSource() datasource.DataSource { return &bandwidthPackagesDataSource{} }

type bandwidthPackagesDataSource struct {
	client *client.Client
}

func (d *bandwidthPackagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ga_bandwidth_packages"
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
		MarkdownDescription: "The Global Accelerator bandwidth plans of the account (`ListBandwidthPackages`, every page), " +
			"narrowed by the filters given; all of them must match. `type`, `status`, `tags` and a single ID are passed " +
			"to the API; `name_regex` and several IDs are applied to its answer. Auto-renewal settings are not listed " +
			"by the API; read them from `aliyun_ga_bandwidth_package`.",
		Attributes: map[string]schema.Attribute{
			"ids": schema.ListAttribute{
				Optional:            true,
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "As a filter: IDs of the plans wanted (`gbwp-...`); an empty list matches no plan, while leaving `ids` out does not filter. Read back: IDs of the plans found, in the API's order.",
			},
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans of this type: `Basic` or `CrossDomain`.",
				Validators:          []validator.String{stringvalidator.OneOf(planTypes...)},
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans in this state: `init`, `active`, `binded`, `binding`, `unbinding`, `updating`, `finacialLocked` or `locked`.",
				Validators:          []validator.String{stringvalidator.OneOf(planStates...)},
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only plans whose name matches this regular expression (Go RE2 syntax).",
				Validators:          []validator.String{validators.Regexp()},
			},
			"tags": schema.MapAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only plans carrying every one of these tags.",
			},
			"names": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Names of the plans found, in the order of `ids`; empty for a plan without a name.",
			},
			"packages": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The plans found, in the order of `ids`, with every attribute the API lists.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":                         computedString("The ID of the plan (`gbwp-...`)."),
						"bandwidth":                  schema.Int64Attribute{Computed: true, MarkdownDescription: "Bandwidth in Mbit/s."},
						"type":                       computedString("`Basic` or `CrossDomain`."),
						"bandwidth_type":             computedString("`Basic`, `Enhanced` or `Advanced`; null for a cross-region plan."),
						"charge_type":                computedString("`PREPAY` or `POSTPAY`."),
						"billing_type":               computedString("`PayByTraffic` or `PayBY95` for a pay-as-you-go plan; otherwise null."),
						"ratio":                      schema.Int64Attribute{Computed: true, MarkdownDescription: "Guaranteed minimum bandwidth in percent with `PayBY95`; otherwise null."},
						"cbn_geographic_region_id_a": computedString("Area A of a cross-region plan; otherwise null."),
						"cbn_geographic_region_id_b": computedString("Area B of a cross-region plan; otherwise null."),
						"resource_group_id":          computedString("Resource group of the plan."),
						"name":                       computedString("Name; null when the plan has none."),
						"description":                computedString("Description; null when the plan has none."),
						"tags": schema.MapAttribute{
							Computed: true, ElementType: types.StringType,
							MarkdownDescription: "Tags of the plan; empty when it has none.",
						},
						"status":       computedString("State, such as `active` or `binded`."),
						"expired_time": computedString("When a subscription expires (RFC 3339); empty for pay-as-you-go."),
						"create_time":  computedString("When the plan was created (RFC 3339)."),
						"region_id":    computedString("The region the plan belongs to (`cn-hangzhou`)."),
						"accelerators": schema.ListAttribute{
							Computed: true, ElementType: types.StringType,
							MarkdownDescription: "The accelerators the plan is bound to (`ga-...`); empty when unbound.",
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
	wanted := map[string]bool{}
	for _, id := range ids {
		wanted[id] = true
	}

	// An empty list of IDs is a filter that matches no plan: nothing to ask.
	var all []bandwidthPackage
	if m.IDs.IsNull() || len(ids) > 0 {
		var err error
		all, err = listBandwidthPackages(ctx, d.client, listParams(ids, m.Type.ValueString(), m.Status.ValueString(), want))
		if err != nil {
			apierrors.AddError(&resp.Diagnostics, "listing GA bandwidth plans", err, nil)
			return
		}
	}

	idValues, names := []attr.Value{}, []attr.Value{}
	m.Packages = []bandwidthPackageDataModel{}
	for i := range all {
		p := &all[i]
		if len(wanted) > 0 && !wanted[p.BandwidthPackageId] {
			continue
		}
		if nameRE != nil && !nameRE.MatchString(p.Name) {
			continue
		}
		item := dataModel(p)
		m.Packages = append(m.Packages, item)
		idValues = append(idValues, item.ID)
		names = append(names, types.StringValue(p.Name))
	}
	m.IDs = types.ListValueMust(types.StringType, idValues)
	m.Names = types.ListValueMust(types.StringType, names)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// listParams pushes the filters ListBandwidthPackages supports. It takes
// one plan ID only, so several are matched on the answer.
func listParams(ids []string, planType, state string, want map[string]string) map[string]string {
	params := map[string]string{"PageSize": strconv.Itoa(listPageSize)}
	if len(ids) == 1 {
		params["BandwidthPackageId"] = ids[0]
	}
	if planType != "" {
		params["Type"] = planType
	}
	if state != "" {
		params["State"] = state
	}
	for k, v := range tags.QueryParams(want) {
		params[k] = v
	}
	return params
}

// listedTag is a tag in ListBandwidthPackages' answer.
type listedTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// listBandwidthPackages reads every page of ListBandwidthPackages. The
// common call keeps the fields the typed response lacks.
func listBandwidthPackages(ctx context.Context, c *client.Client, params map[string]string) ([]bandwidthPackage, error) {
	var all []bandwidthPackage
	for n := 1; ; n++ {
		page, total, err := listPageWith(ctx, c, params, n)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		// An empty page also ends the loop, should TotalCount overstate.
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// listPage reads page n of all the account's plans.
func listPage(ctx context.Context, c *client.Client, n int) ([]bandwidthPackage, int, error) {
	return listPageWith(ctx, c, listParams(nil, "", "", nil), n)
}

// listPageWith reads page n of ListBandwidthPackages with params, and the
// TotalCount it answers. Transient errors are retried (Persist) within the
// caller's deadline, or the default budget.
func listPageWith(ctx context.Context, c *client.Client, params map[string]string, n int) ([]bandwidthPackage, int, error) {
	params["PageNumber"] = strconv.Itoa(n)
	body, err := c.CommonGA(ctx, "ListBandwidthPackages", params, client.Persist())
	if err != nil {
		return nil, 0, err
	}
	var out struct {
		TotalCount        int                `json:"TotalCount"`
		BandwidthPackages []bandwidthPackage `json:"BandwidthPackages"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, 0, fmt.Errorf("decoding ListBandwidthPackages: %w", err)
	}
	return out.BandwidthPackages, out.TotalCount, nil
}

// dataModel converts through the resource's mapping, so the data source
// reports every value exactly as the resource would. The API lists no
// auto-renew settings: the data source has none.
func dataModel(p *bandwidthPackage) bandwidthPackageDataModel {
	var have map[string]string
	if p.Tags != nil {
		have = tags.FromList(*p.Tags, func(t listedTag) (string, string) { return t.Key, t.Value })
	}
	var item bandwidthPackageDataModel
	tfvalue.Copy(&item, modelFromAPI(bandwidthPackageModel{}, p, &autoRenewAttribute{}, have))
	if item.Tags.IsNull() {
		item.Tags = types.MapValueMust(types.StringType, map[string]attr.Value{})
	}
	return item
}

// bandwidthPackagesDataModel is the data source's configuration and state.
type bandwidthPackagesDataModel struct {
	IDs       types.List                  `tfsdk:"ids"`
	Type      types.String                `tfsdk:"type"`
	Status    types.String                `tfsdk:"status"`
	NameRegex types.String                `tfsdk:"name_regex"`
	Tags      types.Map                   `tfsdk:"tags"`
	Names     types.List                  `tfsdk:"names"`
	Packages  []bandwidthPackageDataModel `tfsdk:"packages"`
}

// bandwidthPackageDataModel is one plan of the data source: the resource's
// attributes that ListBandwidthPackages returns.
type bandwidthPackageDataModel struct {
	ID                     types.String `tfsdk:"id"`
	Bandwidth              types.Int64  `tfsdk:"bandwidth"`
	Type                   types.String `tfsdk:"type"`
	BandwidthType          types.String `tfsdk:"bandwidth_type"`
	ChargeType             types.String `tfsdk:"charge_type"`
	BillingType            types.String `tfsdk:"billing_type"`
	Ratio                  types.Int64  `tfsdk:"ratio"`
	CbnGeographicRegionIDA types.String `tfsdk:"cbn_geographic_region_id_a"`
	CbnGeographicRegionIDB types.String `tfsdk:"cbn_geographic_region_id_b"`
	ResourceGroupID        types.String `tfsdk:"resource_group_id"`
	Name                   types.String `tfsdk:"name"`
	Description            types.String `tfsdk:"description"`
	Tags                   types.Map    `tfsdk:"tags"`
	Status                 types.String `tfsdk:"status"`
	ExpiredTime            types.String `tfsdk:"expired_time"`
	CreateTime             types.String `tfsdk:"create_time"`
	RegionID               types.String `tfsdk:"region_id"`
	Accelerators           types.List   `tfsdk:"accelerators"`
}
