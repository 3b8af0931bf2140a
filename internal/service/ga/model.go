package ga

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/diagnostics"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
	"github.com/bwplan/terraform-provider-aliyun/internal/planmodifiers"
	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
)

// API values of the GA bandwidth plan (CreateBandwidthPackage, Ga 2019-11-20).
const (
	typeBasic       = "Basic"
	typeCrossDomain = "CrossDomain"

	chargePrepay  = "PREPAY"
	chargePostpay = "POSTPAY"

	cycleMonth = "Month"
	cycleYear  = "Year"

	billingByTraffic = "PayByTraffic"
	billingBY95      = "PayBY95"

	areaChinaMainland = "China-mainland"
	areaGlobal        = "Global"

	renewalAuto = "AutoRenewal"
	renewalNone = "NotRenewal"
	renewalOff  = "Normal"
)

var (
	planTypes     = []string{typeBasic, typeCrossDomain}
	bandwidthKind = []string{"Basic", "Enhanced", "Advanced"}
	chargeTypes   = []string{chargePrepay, chargePostpay}
	cycles        = []string{cycleMonth, cycleYear}
	billingTypes  = []string{billingByTraffic, billingBY95}
)

// bandwidthPackage is a plan as DescribeBandwidthPackage answers it and as
// ListBandwidthPackages lists it: the SDK's fields plus those the typed SDK
// lacks.
type bandwidthPackage struct {
	gasdk.BandwidthPackage
	ResourceGroupId string `json:"ResourceGroupId"`
	// Tags are in the answers of the API versions that document them; nil
	// when an answer has none, and then ListTagResources reads them.
	Tags *[]listedTag `json:"Tags"`
}

// planFields are the fields of a plan (DescribeBandwidthPackage's answer,
// and each of ListBandwidthPackages' BandwidthPackages) that modelFromAPI
// reads, and only those; renewFields those of
// DescribeBandwidthPackageAutoRenewAttribute's answer. The resource reads
// the tags from ListTagResources, the data source from each listed plan's
// listTagsField. The tests hold the lists and the mapping together, and
// check that the emulator answers each field.
var (
	planFields = []string{
		"BandwidthPackageId", "Bandwidth", "Type", "BandwidthType", "ChargeType", "BillingType", "Ratio",
		"CbnGeographicRegionIdA", "CbnGeographicRegionIdB", "ResourceGroupId", "Name", "Description", "State",
		"ExpiredTime", "CreateTime", "RegionId", "Accelerators",
	}
	renewFields = []string{"AutoRenew", "AutoRenewDuration", "RenewalStatus"}
)

const listTagsField = "Tags"

// notFromAPI are the resource's attributes (and blocks) that modelFromAPI
// does not fill, each with the reason. Every other attribute comes from the
// answers; the tests fail on an attribute that is in neither.
var notFromAPI = map[string]string{
	"duration":            purchaseOnly,
	"pricing_cycle":       purchaseOnly,
	"auto_pay":            purchaseOnly,
	"auto_use_coupon":     purchaseOnly,
	"promotion_option_no": purchaseOnly,
	"order_id":            "computed elsewhere: CreateBandwidthPackage's answer (OrderId); Describe does not return it",
	"timeouts":            "config-only: Terraform's own setting",
}

const purchaseOnly = "purchase-only: sent with CreateBandwidthPackage, never returned by Describe"

// bought is the plan in state as the plan-time steps of Never buy twice see
// it. A resumed purchase keeps the ID and what the API does not report
// (notFromAPI) as they are.
func (m *bandwidthPackageModel) bought(ctx context.Context) planmodifiers.Bought {
	return planmodifiers.Bought{
		Label:        "GA bandwidth plan " + m.ID.ValueString(),
		Subscription: strings.EqualFold(m.ChargeType.ValueString(), chargePrepay),
		ExpiredTime:  m.ExpiredTime.ValueString(),
		DestroyDoes:  subscription.DestroyDoes,
		ResumeTodo:   resumeTodo,
		Schema:       bandwidthPackageSchema(ctx),
		Keep:         append([]string{"id"}, slices.Sorted(maps.Keys(notFromAPI))...),
	}
}

// resumeTodo is what an apply that resumes an unfinished GA purchase does.
const resumeTodo = "waits until the plan is active, sets its name and description, then applies any change the configuration asks for"

// keepUnfinished stores a bought plan that Create could not finish, with a
// warning and the pending record the next apply resumes from. last is the
// plan as Describe last showed it, or nil.
func (r *bandwidthPackageResource) keepUnfinished(ctx context.Context, resp *resource.CreateResponse, plan *bandwidthPackageModel,
	what string, pending *purchase.Pending, last *bandwidthPackage) {
	if last != nil && plan.Status.IsUnknown() {
		plan.Status = types.StringValue(last.State)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(purchase.NullUnknowns(&resp.State)...)
	resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, pending)...)
	purchase.AddUnfinished(&resp.Diagnostics, what, "GA bandwidth plan "+plan.ID.ValueString(),
		plan.OrderID.ValueString(), pending.Reason, resumeTodo)
}

// autoRenewAttribute is DescribeBandwidthPackageAutoRenewAttribute's answer.
type autoRenewAttribute struct {
	AutoRenew         flexBool `json:"AutoRenew"`
	AutoRenewDuration flexInt  `json:"AutoRenewDuration"`
	RenewalStatus     string   `json:"RenewalStatus"`
}

func (a autoRenewAttribute) enabled() bool {
	if a.RenewalStatus != "" {
		return a.RenewalStatus == renewalAuto
	}
	return bool(a.AutoRenew)
}

// flexBool decodes true, "true" and "True" alike.
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(string(data), `"`)
	*b = flexBool(strings.EqualFold(s, "true"))
	return nil
}

// flexInt decodes 3 and "3" alike; anything else is 0.
type flexInt int64

func (n *flexInt) UnmarshalJSON(data []byte) error {
	v, err := strconv.ParseInt(strings.Trim(string(data), `"`), 10, 64)
	if err != nil {
		v = 0
	}
	*n = flexInt(v)
	return nil
}

// bandwidthPackageModel is the resource's state.
type bandwidthPackageModel struct {
	ID                     types.String   `tfsdk:"id"`
	Bandwidth              types.Int64    `tfsdk:"bandwidth"`
	Type                   types.String   `tfsdk:"type"`
	BandwidthType          types.String   `tfsdk:"bandwidth_type"`
	ChargeType             types.String   `tfsdk:"charge_type"`
	Duration               types.Int64    `tfsdk:"duration"`
	PricingCycle           types.String   `tfsdk:"pricing_cycle"`
	AutoPay                types.Bool     `tfsdk:"auto_pay"`
	AutoUseCoupon          types.Bool     `tfsdk:"auto_use_coupon"`
	BillingType            types.String   `tfsdk:"billing_type"`
	Ratio                  types.Int64    `tfsdk:"ratio"`
	CbnGeographicRegionIDA types.String   `tfsdk:"cbn_geographic_region_id_a"`
	CbnGeographicRegionIDB types.String   `tfsdk:"cbn_geographic_region_id_b"`
	PromotionOptionNo      types.String   `tfsdk:"promotion_option_no"`
	AutoRenew              types.Bool     `tfsdk:"auto_renew"`
	AutoRenewDuration      types.Int64    `tfsdk:"auto_renew_duration"`
	ResourceGroupID        types.String   `tfsdk:"resource_group_id"`
	Name                   types.String   `tfsdk:"name"`
	Description            types.String   `tfsdk:"description"`
	Tags                   types.Map      `tfsdk:"tags"`
	Status                 types.String   `tfsdk:"status"`
	ExpiredTime            types.String   `tfsdk:"expired_time"`
	CreateTime             types.String   `tfsdk:"create_time"`
	RegionID               types.String   `tfsdk:"region_id"`
	OrderID                types.String   `tfsdk:"order_id"`
	Accelerators           types.List     `tfsdk:"accelerators"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
}

// what names an operation on the plan for a diagnostic's summary.
func (m *bandwidthPackageModel) what(verb string) string {
	return diagnostics.What(verb, "GA", m.Name.ValueString(), m.ID.ValueString())
}

// modelFromAPI is the plan as the API answers it, on top of prior: the
// plan's answer (bp), its auto-renew settings (renew) and its tags (have).
// The attributes they give are overwritten, values the user wrote in another
// form are kept as written, and what they lack (notFromAPI) keeps prior's
// value.
func modelFromAPI(prior bandwidthPackageModel, bp *bandwidthPackage, renew *autoRenewAttribute, have map[string]string) bandwidthPackageModel {
	m := prior
	m.ID = types.StringValue(bp.BandwidthPackageId)
	m.Bandwidth = types.Int64Value(int64(bp.Bandwidth))
	m.Type = enumcase.Keep(m.Type, bp.Type, planTypes)
	m.BandwidthType = enumcase.KeepOptional(m.BandwidthType, bp.BandwidthType, bandwidthKind)
	m.ChargeType = types.StringValue(strings.ToUpper(bp.ChargeType))
	// Attributes that belong to another kind of plan stay null, so an imported
	// configuration passes the same validation as a written one.
	// The user's spelling of a value (PayBy95 for PayBY95) is kept.
	priorBilling, priorA, priorB := m.BillingType, m.CbnGeographicRegionIDA, m.CbnGeographicRegionIDB
	m.BillingType = types.StringNull()
	if m.ChargeType.ValueString() == chargePostpay {
		m.BillingType = enumcase.KeepOptional(priorBilling, bp.BillingType, billingTypes)
	}
	m.Ratio = types.Int64Null()
	if bp.Ratio > 0 {
		m.Ratio = types.Int64Value(int64(bp.Ratio))
	}
	m.CbnGeographicRegionIDA, m.CbnGeographicRegionIDB = types.StringNull(), types.StringNull()
	if m.Type.ValueString() == typeCrossDomain {
		m.CbnGeographicRegionIDA = enumcase.KeepOptional(priorA, bp.CbnGeographicRegionIdA, []string{areaChinaMainland})
		m.CbnGeographicRegionIDB = enumcase.KeepOptional(priorB, bp.CbnGeographicRegionIdB, []string{areaGlobal})
	}
	if bp.ResourceGroupId != "" {
		m.ResourceGroupID = types.StringValue(bp.ResourceGroupId)
	} else if m.ResourceGroupID.IsUnknown() {
		m.ResourceGroupID = types.StringNull()
	}
	m.Name = tfvalue.NullIfEmpty(bp.Name)
	m.Description = tfvalue.NullIfEmpty(bp.Description)
	m.Status = types.StringValue(bp.State)
	m.ExpiredTime = types.StringValue(apitime.RFC3339(bp.ExpiredTime))
	m.CreateTime = types.StringValue(apitime.RFC3339(bp.CreateTime))
	m.RegionID = tfvalue.NullIfEmpty(bp.RegionId)
	m.Accelerators = stringList(bp.Accelerators)
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}

	m.AutoRenew = types.BoolValue(renew.enabled())
	m.AutoRenewDuration = types.Int64Null()
	if renew.enabled() {
		d := int64(renew.AutoRenewDuration)
		if d == 0 {
			d = 1
		}
		m.AutoRenewDuration = types.Int64Value(d)
	}

	// tags = {} and no tags are the same; keep the form the user wrote.
	m.Tags = tags.Value(m.Tags, have)
	return m
}

// stringList is a list of strings in sorted order, empty (never null) for none.
func stringList(values []string) types.List {
	sorted := slices.Sorted(slices.Values(values))
	elems := make([]attr.Value, len(sorted))
	for i, v := range sorted {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}
