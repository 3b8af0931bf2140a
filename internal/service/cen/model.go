package cen

import (
	"context"
	"maps"
	"slices"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
	"github.com/bwplan/terraform-provider-aliyun/internal/diagnostics"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
	"github.com/bwplan/terraform-provider-aliyun/internal/planmodifiers"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
)

// bandwidthPackageModel is the resource's state and plan.
type bandwidthPackageModel struct {
	ID                  types.String   `tfsdk:"id"`
	Bandwidth           types.Int64    `tfsdk:"bandwidth"`
	GeographicRegionAID types.String   `tfsdk:"geographic_region_a_id"`
	GeographicRegionBID types.String   `tfsdk:"geographic_region_b_id"`
	Name                types.String   `tfsdk:"name"`
	Description         types.String   `tfsdk:"description"`
	ChargeType          types.String   `tfsdk:"charge_type"`
	Period              types.Int64    `tfsdk:"period"`
	PricingCycle        types.String   `tfsdk:"pricing_cycle"`
	AutoPay             types.Bool     `tfsdk:"auto_pay"`
	AutoRenew           types.Bool     `tfsdk:"auto_renew"`
	AutoRenewDuration   types.Int64    `tfsdk:"auto_renew_duration"`
	ResourceGroupID     types.String   `tfsdk:"resource_group_id"`
	Tags                types.Map      `tfsdk:"tags"`
	Status              types.String   `tfsdk:"status"`
	BusinessStatus      types.String   `tfsdk:"business_status"`
	ExpiredTime         types.String   `tfsdk:"expired_time"`
	CreationTime        types.String   `tfsdk:"creation_time"`
	OrderID             types.String   `tfsdk:"order_id"`
	IsCrossBorder       types.Bool     `tfsdk:"is_cross_border"`
	CenIDs              types.Set      `tfsdk:"cen_ids"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// what names an operation on the plan for a diagnostic's summary.
func (m *bandwidthPackageModel) what(verb string) string {
	return diagnostics.What(verb, "CEN", m.Name.ValueString(), m.ID.ValueString())
}

// apiFields are the fields of a plan in DescribeCenBandwidthPackages'
// answer (CenBandwidthPackages.CenBandwidthPackage) that modelFromAPI reads,
// and only those. The tests hold the two together, and check that the
// emulator answers each field.
var apiFields = []string{
	"CenBandwidthPackageId", "Bandwidth", "GeographicRegionAId", "GeographicRegionBId", "Name", "Description",
	"BandwidthPackageChargeType", "ResourceGroupId", "Tags", "Status", "BusinessStatus", "ExpiredTime",
	"CreationTime", "IsCrossBorder", "CenIds",
}

// notFromAPI are the resource's attributes (and blocks) that modelFromAPI
// does not fill, each with the reason. Every other attribute comes from the
// answer; the tests fail on an attribute that is in neither.
var notFromAPI = map[string]string{
	"period":              purchaseOnly,
	"pricing_cycle":       purchaseOnly,
	"auto_pay":            purchaseOnly,
	"auto_renew":          purchaseOnly,
	"auto_renew_duration": purchaseOnly,
	"order_id":            "computed elsewhere: CreateCenBandwidthPackage's answer (CenBandwidthPackageOrderId); Describe does not return it",
	"timeouts":            "config-only: Terraform's own setting",
}

const purchaseOnly = "purchase-only: sent with CreateCenBandwidthPackage, never returned by Describe"

// modelFromAPI is the plan as Describe answers it, on top of prior: the
// attributes the answer gives are overwritten, values the user wrote in
// another form (area case, empty against null, tags {} against none) are
// kept as written, and what the answer lacks (notFromAPI) keeps prior's value.
func modelFromAPI(prior bandwidthPackageModel, p *cbn.CenBandwidthPackage) bandwidthPackageModel {
	m := prior
	m.ID = types.StringValue(p.CenBandwidthPackageId)
	m.Bandwidth = types.Int64Value(p.Bandwidth)
	m.GeographicRegionAID = enumcase.Keep(m.GeographicRegionAID, p.GeographicRegionAId, areas.Names)
	m.GeographicRegionBID = enumcase.Keep(m.GeographicRegionBID, p.GeographicRegionBId, areas.Names)
	m.Name = keepNull(m.Name, p.Name)
	m.Description = keepNull(m.Description, p.Description)
	if p.BandwidthPackageChargeType != "" {
		m.ChargeType = types.StringValue(p.BandwidthPackageChargeType)
	}
	m.ResourceGroupID = tfvalue.NullIfEmpty(p.ResourceGroupId)
	m.Tags = tags.Value(m.Tags, apiTags(p))
	m.Status = types.StringValue(p.Status)
	m.BusinessStatus = tfvalue.NullIfEmpty(p.BusinessStatus)
	m.ExpiredTime = tfvalue.NullIfEmpty(p.ExpiredTime)
	m.CreationTime = tfvalue.NullIfEmpty(p.CreationTime)
	m.IsCrossBorder = types.BoolValue(p.IsCrossBorder)
	m.CenIDs = cenIDsValue(p)
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}
	return m
}

// bought is the plan in state as the plan-time steps of Never buy twice see
// it. A resumed purchase keeps the ID and what the API does not report
// (notFromAPI) as they are.
func (m *bandwidthPackageModel) bought(ctx context.Context) planmodifiers.Bought {
	return planmodifiers.Bought{
		Label:        "CEN bandwidth plan " + m.ID.ValueString(),
		Subscription: m.ChargeType.ValueString() == chargeTypePrepay,
		ExpiredTime:  m.ExpiredTime.ValueString(),
		DestroyDoes:  subscription.DestroyDoes,
		ResumeTodo:   resumeTodo,
		Schema:       bandwidthPackageSchema(ctx),
		Keep:         append([]string{"id"}, slices.Sorted(maps.Keys(notFromAPI))...),
	}
}

// cenIDsValue is the set of CEN instances the plan is bound to; empty, never
// null, when it is bound to none.
func cenIDsValue(p *cbn.CenBandwidthPackage) types.Set {
	ids := make([]attr.Value, 0, len(p.CenIds.CenId))
	for _, id := range p.CenIds.CenId {
		ids = append(ids, types.StringValue(id))
	}
	return types.SetValueMust(types.StringType, ids)
}

// keepNull stores an empty API value as null when the user left it out, and
// as "" when the user wrote "".
func keepNull(prior types.String, api string) types.String {
	if api == "" && (prior.IsNull() || prior.IsUnknown()) {
		return types.StringNull()
	}
	return types.StringValue(api)
}
