package cen

import (
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
	"github.com/bwplan/terraform-provider-aliyun/internal/diagnostics"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
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
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// what names an operation on the plan for a diagnostic's summary.
func (m *bandwidthPackageModel) what(verb string) string {
	return diagnostics.What(verb, "CEN", m.Name.ValueString(), m.ID.ValueString())
}

// fromAPI fills every attribute Describe returns. Values the user wrote in
// another form (area case, empty against null) are kept as written.
func (m *bandwidthPackageModel) fromAPI(p *cbn.CenBandwidthPackage) {
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
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}
}

// fillUnknown takes from applied every value m leaves unknown.
func (m *bandwidthPackageModel) fillUnknown(applied *bandwidthPackageModel) {
	strs := []struct{ dst, src *types.String }{
		{&m.ID, &applied.ID}, {&m.Name, &applied.Name}, {&m.Description, &applied.Description},
		{&m.ChargeType, &applied.ChargeType}, {&m.ResourceGroupID, &applied.ResourceGroupID},
		{&m.Status, &applied.Status}, {&m.BusinessStatus, &applied.BusinessStatus},
		{&m.ExpiredTime, &applied.ExpiredTime}, {&m.CreationTime, &applied.CreationTime},
	}
	for _, f := range strs {
		if f.dst.IsUnknown() {
			*f.dst = *f.src
		}
	}
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}
	if m.IsCrossBorder.IsUnknown() {
		m.IsCrossBorder = applied.IsCrossBorder
	}
}

// nullUnknowns turns the planned "known after apply" values into nulls, for
// the state stored before the plan is ready.
func (m *bandwidthPackageModel) nullUnknowns() {
	for _, s := range []*types.String{&m.Name, &m.Description, &m.ChargeType, &m.ResourceGroupID, &m.Status, &m.BusinessStatus, &m.ExpiredTime, &m.CreationTime, &m.OrderID} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	if m.IsCrossBorder.IsUnknown() {
		m.IsCrossBorder = types.BoolNull()
	}
}

// keepNull stores an empty API value as null when the user left it out, and
// as "" when the user wrote "".
func keepNull(prior types.String, api string) types.String {
	if api == "" && (prior.IsNull() || prior.IsUnknown()) {
		return types.StringNull()
	}
	return types.StringValue(api)
}
