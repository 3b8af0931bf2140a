package ga

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/planmodifiers"
	"github.com/bwplan/terraform-provider-aliyun/internal/validators"
)

// purchaseRules are CreateBandwidthPackage's rules that join two attributes.
var purchaseRules = validators.Rule("`bandwidth_type` is required with `type = \"Basic\"`; `duration` is 1 to 3 with "+
	"`pricing_cycle = \"Year\"`; `auto_use_coupon = true` needs `auto_pay`; `billing_type` needs `charge_type = \"POSTPAY\"`; "+
	"`ratio` is required with `billing_type = \"PayBY95\"`; the `cbn_geographic_region_id_*` areas need "+
	"`type = \"CrossDomain\"`; `auto_renew = true` needs `charge_type = \"PREPAY\"`; `auto_renew_duration` needs `auto_renew = true`", validateBandwidthPackage)

// validateBandwidthPackage checks the rules of CreateBandwidthPackage that
// join two attributes. Each error sits on the attribute the rule constrains
// and quotes the API's rule. A rule whose inputs are not yet known is skipped:
// it is checked again at apply, when they are.
//
// Choices, so a configuration the API accepts is never refused:
//   - auto_use_coupon = false with auto_pay = false is accepted: it asks for
//     nothing the API would refuse. Only true needs auto_pay.
//   - ratio without PayBY95 is accepted: the API says it is required with
//     PayBY95, not that it is refused otherwise.
//   - duration and pricing_cycle with POSTPAY are accepted and ignored by the API.
//   - type = "CrossDomain" is not refused although the China site accepts only
//     Basic: the provider cannot tell the site at plan time.
func validateBandwidthPackage(m bandwidthPackageModel) diag.Diagnostics {
	var diags diag.Diagnostics
	fail := func(attr, summary, detail string) {
		diags.AddAttributeError(path.Root(attr), summary, detail)
	}

	if isString(m.Type, typeBasic) && m.BandwidthType.IsNull() {
		fail("bandwidth_type", "Missing bandwidth_type",
			`bandwidth_type is required when type = "Basic": the API requires BandwidthType (Basic, Enhanced or Advanced) for a basic bandwidth plan.`)
	}

	if isString(m.PricingCycle, cycleYear) && known(m.Duration) && (m.Duration.ValueInt64() < 1 || m.Duration.ValueInt64() > 3) {
		fail("duration", "Invalid duration",
			fmt.Sprintf(`With pricing_cycle = "Year" the API accepts a duration of 1 to 3 (years); got %d. With "Month" it accepts 1 to 9.`,
				m.Duration.ValueInt64()))
	}

	// auto_pay defaults to true, so only an explicit false conflicts.
	if isBool(m.AutoUseCoupon, true) && isBool(m.AutoPay, false) {
		fail("auto_use_coupon", "auto_use_coupon needs auto_pay",
			"The API uses coupons only when it pays the order itself: auto_use_coupon = true requires auto_pay = true.")
	}

	if known(m.BillingType) && chargeTypeOf(m) != "" && chargeTypeOf(m) != chargePostpay {
		fail("billing_type", "billing_type needs POSTPAY",
			fmt.Sprintf(`billing_type is the metering method of a pay-as-you-go plan: the API accepts it only with charge_type = "POSTPAY"; this plan is %s.`,
				chargeTypeOf(m)))
	}

	if known(m.BillingType) && strings.EqualFold(m.BillingType.ValueString(), billingBY95) && m.Ratio.IsNull() {
		fail("ratio", "Missing ratio",
			`ratio is required when billing_type = "PayBY95": the API needs the guaranteed minimum bandwidth, 30 to 100 (percent).`)
	}

	for _, a := range []struct {
		name string
		v    types.String
	}{{"cbn_geographic_region_id_a", m.CbnGeographicRegionIDA}, {"cbn_geographic_region_id_b", m.CbnGeographicRegionIDB}} {
		if known(a.v) && known(m.Type) && m.Type.ValueString() != typeCrossDomain {
			fail(a.name, a.name+" needs CrossDomain",
				fmt.Sprintf(`%s is an area of a cross-region plan: the API accepts it only with type = "CrossDomain"; this plan is %q.`,
					a.name, m.Type.ValueString()))
		}
	}

	// Automatic renewal renews a subscription: a pay-as-you-go plan has
	// none to turn on, and the provider neither reads nor writes it there.
	if isBool(m.AutoRenew, true) && chargeTypeOf(m) == chargePostpay {
		fail("auto_renew", "auto_renew needs PREPAY",
			`auto_renew renews a subscription plan when it expires: it applies only with charge_type = "PREPAY"; a POSTPAY plan never expires.`)
	}

	// auto_renew defaults to false, so null counts as off.
	if known(m.AutoRenewDuration) && (m.AutoRenew.IsNull() || isBool(m.AutoRenew, false)) {
		fail("auto_renew_duration", "auto_renew_duration needs auto_renew",
			"auto_renew_duration (1 to 12 months) applies only to automatic renewal: the API takes it only with auto_renew = true.")
	}
	return diags
}

// chargeTypeOf is the configured charge type, PREPAY when not set, "" while unknown.
func chargeTypeOf(m bandwidthPackageModel) string {
	switch {
	case m.ChargeType.IsUnknown():
		return ""
	case m.ChargeType.IsNull():
		return chargePrepay
	}
	return m.ChargeType.ValueString()
}

func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

func isString(v types.String, want string) bool { return known(v) && v.ValueString() == want }

func isBool(v types.Bool, want bool) bool { return known(v) && v.ValueBool() == want }

// typeSteps are the bandwidth_type changes UpdateBandwidthPackage makes in
// place: Basic up to Enhanced, Enhanced down to Basic. Its documented
// COMMODITY.INVALID_COMPONENT refuses any other ("The type of the Advance
// bandwidth can not be changed").
var typeSteps = map[string]string{"Basic": "Enhanced", "Enhanced": "Basic"}

// planTypeChange runs checkTypeChange in ModifyPlan, unless the plan is
// created, destroyed or replaced anyway (the new plan is bought with the
// type): planmodifiers.Replaces asks the attributes that force a replacement.
func planTypeChange(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, state bandwidthPackageModel) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() || planmodifiers.Replaces(ctx, resourceAttributes, req) {
		return
	}
	var plan bandwidthPackageModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(checkTypeChange(state, plan)...)
}

// resourceAttributes is the resource's schema, built once.
var resourceAttributes = bandwidthPackageSchema(context.Background()).Attributes

// checkTypeChange refuses at plan time an in-place bandwidth_type change the
// API would refuse at apply. It is quiet while either value is unknown, and
// for a plan that is replaced anyway (the new plan is bought with the type).
func checkTypeChange(state, plan bandwidthPackageModel) diag.Diagnostics {
	if !known(plan.BandwidthType) || state.BandwidthType.IsUnknown() {
		return nil
	}
	from, to := state.BandwidthType.ValueString(), plan.BandwidthType.ValueString()
	if from == to || typeSteps[from] == to {
		return nil
	}
	var diags diag.Diagnostics
	if from == "" {
		from = "none"
	}
	diags.AddAttributeError(path.Root("bandwidth_type"), "bandwidth_type cannot change in place",
		fmt.Sprintf("UpdateBandwidthPackage changes a plan's bandwidth type only from Basic to Enhanced or from Enhanced to Basic; "+
			"the type of an Advanced plan cannot be changed, and no plan can become Advanced (the API answers "+
			"COMMODITY.INVALID_COMPONENT). This plan is %s, the configuration asks for %s. Keep bandwidth_type = %q, "+
			"or buy a new plan with the new type (for example terraform apply -replace): a subscription plan that is "+
			"replaced keeps billing until it expires.", from, to, from))
	return diags
}
