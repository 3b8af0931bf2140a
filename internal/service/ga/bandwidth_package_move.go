package ga

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/movestate"
)

// alicloudType is the official provider's resource for the same plans.
const alicloudType = "alicloud_ga_bandwidth_package"

var _ resource.ResourceWithMoveState = (*bandwidthPackageResource)(nil)

// MoveState takes over an alicloud_ga_bandwidth_package with a moved block,
// so switching providers buys nothing.
func (r *bandwidthPackageResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{movestate.Mover(alicloudType, modelFromAlicloud)}
}

// modelFromAlicloud translates the alicloud attributes this resource has;
// the next refresh fills the rest from the API and corrects anything that
// moved.
func modelFromAlicloud(src movestate.Attrs) bandwidthPackageModel {
	m := bandwidthPackageModel{
		ID:                     src.StringValue("id"),
		Bandwidth:              src.Int64Value("bandwidth"),
		Type:                   src.StringValue("type"),
		BandwidthType:          src.StringValue("bandwidth_type"),
		ChargeType:             chargeTypeFromAlicloud(src),
		Duration:               src.Int64Value("duration"),
		PricingCycle:           src.StringValue("pricing_cycle"),
		AutoPay:                src.BoolValue("auto_pay"),
		AutoUseCoupon:          src.BoolValue("auto_use_coupon"),
		BillingType:            src.StringValue("billing_type"),
		Ratio:                  src.Int64Value("ratio"),
		CbnGeographicRegionIDA: src.StringValue("cbn_geographic_region_ida"),
		CbnGeographicRegionIDB: src.StringValue("cbn_geographic_region_idb"),
		PromotionOptionNo:      src.StringValue("promotion_option_no"),
		ResourceGroupID:        src.StringValue("resource_group_id"),
		Name:                   src.StringValue("bandwidth_package_name"),
		Description:            src.StringValue("description"),
		Tags:                   src.TagsValue("tags"),
		Status:                 src.StringValue("status"),
		ExpiredTime:            src.StringValue("expired_time"),
		CreateTime:             src.StringValue("create_time"),
		OrderID:                types.StringNull(),
		Accelerators:           types.ListNull(types.StringType),
		Timeouts:               movestate.NullTimeouts(),
	}
	if n, ok := src.Int64("ratio"); ok && n == 0 {
		m.Ratio = types.Int64Null() // alicloud stores 0 for "no ratio"
	}
	// renewal_status AutoRenewal is auto-renew on; NotRenewal and Normal are off.
	status, _ := src.String("renewal_status")
	m.AutoRenew = types.BoolValue(strings.EqualFold(status, renewalAuto))
	m.AutoRenewDuration = types.Int64Null()
	if m.AutoRenew.ValueBool() {
		m.AutoRenewDuration = types.Int64Value(1)
		if n, ok := src.Int64("auto_renew_duration"); ok && n > 0 {
			m.AutoRenewDuration = types.Int64Value(n)
		}
	}
	return m
}

// chargeTypeFromAlicloud maps payment_type (or the older charge_type),
// Subscription or PayAsYouGo, to this provider's PREPAY or POSTPAY. Anything
// else is left null for the refresh to fill.
func chargeTypeFromAlicloud(src movestate.Attrs) types.String {
	v, _ := src.String("payment_type", "charge_type")
	switch strings.ToLower(v) {
	case "subscription", "prepay", "prepaid":
		return types.StringValue(chargePrepay)
	case "payasyougo", "postpay", "postpaid":
		return types.StringValue(chargePostpay)
	}
	return types.StringNull()
}
