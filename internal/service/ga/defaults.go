package ga

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// planDefaults plans what depends on other attributes: the purchase options
// by charge_type, null for the attributes of the other kind of plan, and
// auto_renew_duration by auto_renew. Only attributes left out of the
// configuration take a default; an unknown configured value stays unknown.
func planDefaults(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var plan, config bandwidthPackageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		d := plan
		setPurchaseDefaults(&d)
		if config.AutoPay.IsNull() {
			plan.AutoPay = d.AutoPay
		}
		if config.Duration.IsNull() {
			plan.Duration = d.Duration
		}
		if config.PricingCycle.IsNull() {
			plan.PricingCycle = d.PricingCycle
		}
		if isString(plan.Type, typeBasic) {
			plan.CbnGeographicRegionIDA = nullIfNotSet(config.CbnGeographicRegionIDA, plan.CbnGeographicRegionIDA)
			plan.CbnGeographicRegionIDB = nullIfNotSet(config.CbnGeographicRegionIDB, plan.CbnGeographicRegionIDB)
		}
		if isString(plan.ChargeType, chargePrepay) {
			plan.BillingType = nullIfNotSet(config.BillingType, plan.BillingType)
		}
		if !plan.BillingType.IsUnknown() && !strings.EqualFold(plan.BillingType.ValueString(), billingBY95) && config.Ratio.IsNull() {
			plan.Ratio = types.Int64Null()
		}
	}
	if config.AutoRenewDuration.IsNull() && known(plan.AutoRenew) {
		plan.AutoRenewDuration = types.Int64Null()
		if plan.AutoRenew.ValueBool() {
			plan.AutoRenewDuration = types.Int64Value(1)
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// setPurchaseDefaults resolves the purchase options left to their defaults:
// AutoPay true, and with PREPAY one Month.
func setPurchaseDefaults(m *bandwidthPackageModel) {
	if m.AutoPay.IsUnknown() {
		m.AutoPay = types.BoolValue(true)
	}
	if m.ChargeType.IsUnknown() {
		return
	}
	prepay := m.ChargeType.ValueString() == chargePrepay
	if m.Duration.IsUnknown() {
		m.Duration = types.Int64Null()
		if prepay {
			m.Duration = types.Int64Value(1)
		}
	}
	if m.PricingCycle.IsUnknown() {
		m.PricingCycle = types.StringNull()
		if prepay {
			m.PricingCycle = types.StringValue(cycleMonth)
		}
	}
}

// nullIfNotSet plans null for a computed attribute the configuration leaves out.
func nullIfNotSet(config, plan types.String) types.String {
	if config.IsNull() {
		return types.StringNull()
	}
	return plan
}
