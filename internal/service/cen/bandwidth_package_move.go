package cen

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
	"github.com/bwplan/terraform-provider-aliyun/internal/movestate"
)

// alicloudType is the official provider's resource for the same plans.
const alicloudType = "alicloud_cen_bandwidth_package"

var _ resource.ResourceWithMoveState = (*bandwidthPackageResource)(nil)

// MoveState takes over an alicloud_cen_bandwidth_package with a moved block,
// so switching providers buys nothing.
func (r *bandwidthPackageResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{movestate.Mover(alicloudType, modelFromAlicloud)}
}

// modelFromAlicloud translates the alicloud attributes this resource has;
// the next refresh fills the rest from the API (status, creation time,
// cross-border) and corrects anything that moved.
func modelFromAlicloud(src movestate.Attrs) bandwidthPackageModel {
	a, b := areaPair(src)
	return bandwidthPackageModel{
		ID:                  src.StringValue("id"),
		Bandwidth:           src.Int64Value("bandwidth"),
		GeographicRegionAID: a,
		GeographicRegionBID: b,
		// name is the older spelling of cen_bandwidth_package_name.
		Name:              src.StringValue("cen_bandwidth_package_name", "name"),
		Description:       src.StringValue("description"),
		ChargeType:        chargeTypeFromAlicloud(src),
		Period:            src.Int64Value("period"),
		PricingCycle:      src.StringValue("pricing_cycle"),
		AutoPay:           src.BoolValue("auto_pay"),
		AutoRenew:         src.BoolValue("auto_renew"),
		AutoRenewDuration: src.Int64Value("auto_renew_duration"),
		ResourceGroupID:   src.StringValue("resource_group_id"),
		Tags:              src.TagsValue("tags"),
		Status:            src.StringValue("status"),
		BusinessStatus:    types.StringNull(),
		ExpiredTime:       src.StringValue("expired_time"),
		CreationTime:      types.StringNull(),
		OrderID:           types.StringNull(),
		IsCrossBorder:     types.BoolNull(),
		CenIDs:            types.SetNull(types.StringType),
		Timeouts:          movestate.NullTimeouts(),
	}
}

// areaPair reads the two areas: geographic_region_a_id and _b_id, else the
// older set geographic_region_ids, which holds one element when both areas
// are the same.
func areaPair(src movestate.Attrs) (types.String, types.String) {
	a, okA := src.String("geographic_region_a_id")
	b, okB := src.String("geographic_region_b_id")
	if !okA || !okB {
		switch ids := src.Strings("geographic_region_ids"); len(ids) {
		case 1:
			a, b = ids[0], ids[0]
		case 2:
			a, b = ids[0], ids[1]
		}
	}
	area := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(enumcase.Canonical(s, areas.Names))
	}
	return area(a), area(b)
}

// chargeTypeFromAlicloud maps payment_type (or the older charge_type),
// PrePaid or PostPaid, to this provider's PREPAY or POSTPAY. Anything else
// is left null for the refresh to fill.
func chargeTypeFromAlicloud(src movestate.Attrs) types.String {
	v, _ := src.String("payment_type", "charge_type")
	switch strings.ToLower(v) {
	case "prepaid", "prepay":
		return types.StringValue(chargeTypePrepay)
	case "postpaid", "postpay":
		return types.StringValue(chargeTypePostpay)
	}
	return types.StringNull()
}
