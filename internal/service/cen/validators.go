package cen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/validators"
)

// Limits of CreateCenBandwidthPackage, as the newest version of its API
// reference page states them (DESIGN.md, "API facts": the three versions).
const (
	minBandwidth = 2
	// The newest page caps bandwidth at 10000 Mbit/s; the older ones give only the minimum.
	maxBandwidth      = 10000
	maxNameLen        = 128
	maxDescriptionLen = 256
	minPeriod         = 1
	// AutoRenewDuration is an int32 on the wire: 0 to 2147483647 months (newest page).
	maxAutoRenewDuration = 2147483647

	chargeTypePrepay  = "PREPAY"
	chargeTypePostpay = "POSTPAY"
	cycleMonth        = "Month"
	cycleYear         = "Year"
)

// areaValidators accept the union of the areas the three versions of the
// CreateCenBandwidthPackage page list (areas.Names: the mid-age and newest
// pages name Australia, the oldest adds Middle-East; the live API takes
// both), in any letter case: the API itself answers in lower case
// (DESIGN.md, "API facts"), so "china" names the same area as "China".
func areaValidators() []validator.String {
	return []validator.String{stringvalidator.OneOfCaseInsensitive(areas.Names...)}
}

// emptyIgnored is why "" is refused: the newest page allows an empty Name or
// Description, but the API treats an empty value as not given, so "" would
// never reach the plan and every plan would show the difference again.
const emptyIgnored = "the API treats an empty value as not given, so the plan would keep its current one and every plan would show the difference again"

// nameValidators follow the newest page (1 to 128 characters, not starting
// with http:// or https://), refusing "" (emptyIgnored). The older pages also
// demand 2 characters and a leading letter from a fixed character set; the
// live API no longer does, so those rules would refuse names it accepts.
func nameValidators() []validator.String {
	return []validator.String{
		validators.NotEmpty(emptyIgnored),
		stringvalidator.UTF8LengthAtMost(maxNameLen),
		validators.NoURLPrefix(),
	}
}

// descriptionValidators follow the newest page: 1 to 256 characters, not starting with
// http:// or https://, and not "" (emptyIgnored).
func descriptionValidators() []validator.String {
	return []validator.String{
		validators.NotEmpty(emptyIgnored),
		stringvalidator.UTF8LengthAtMost(maxDescriptionLen),
		validators.NoURLPrefix(),
	}
}

func bandwidthValidators() []validator.Int64 {
	return []validator.Int64{int64validator.Between(minBandwidth, maxBandwidth)}
}

// chargeTypeValidators: the newest page documents PREPAY only, the mid-age
// page both, and the API answers both in Describe, so both are accepted. The
// oldest page's "PrePaid" is an old spelling the API no longer returns.
func chargeTypeValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(chargeTypePrepay, chargeTypePostpay)}
}

func periodValidators() []validator.Int64 {
	return []validator.Int64{int64validator.AtLeast(minPeriod)}
}

// periodsByCycle are the subscription lengths CreateCenBandwidthPackage
// sells, by PricingCycle: 1, 2, 3 or 6 months, 1 to 3 years. The three pages
// give only "default value: 1"; the official API metadata states these values
// in its description of Period (api-docs README; DESIGN.md, "Emulator
// conformance choices"), and the emulator refuses the others.
var periodsByCycle = map[string][]int64{cycleMonth: {1, 2, 3, 6}, cycleYear: {1, 2, 3}}

// periodByCycle refuses a period the API does not sell for the pricing cycle.
var periodByCycle = validators.Rule("`period` is 1, 2, 3 or 6 with `pricing_cycle = \"Month\"` (the default) "+
	"and 1 to 3 with `pricing_cycle = \"Year\"`", validatePeriodByCycle)

func validatePeriodByCycle(m bandwidthPackageModel) diag.Diagnostics {
	if m.Period.IsNull() || m.Period.IsUnknown() || m.PricingCycle.IsUnknown() {
		return nil
	}
	cycle := cycleMonth
	if !m.PricingCycle.IsNull() {
		cycle = m.PricingCycle.ValueString()
	}
	allowed, ok := periodsByCycle[cycle]
	if !ok || slices.Contains(allowed, m.Period.ValueInt64()) {
		return nil // an unknown cycle is pricing_cycle's own validator's error
	}
	var diags diag.Diagnostics
	diags.AddAttributeError(path.Root("period"), "Invalid period for the pricing cycle",
		fmt.Sprintf("With pricing_cycle = %q the API sells a period of %s; got %d. "+
			"For 12 months, use pricing_cycle = %q and period = 1.",
			cycle, joinInts(allowed), m.Period.ValueInt64(), cycleYear))
	return diags
}

func joinInts(v []int64) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.FormatInt(n, 10)
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// tagsValidators are the tag rules both products share, and CEN's own: a tag
// value must not be empty, because CEN's TagResources answers
// MissingParameter.TagValue for one (the SDK sends no value for "").
func tagsValidators() []validator.Map {
	return []validator.Map{tags.Validator(), tags.NonEmptyValues("CEN's TagResources answers MissingParameter.TagValue for a tag without a value")}
}

func pricingCycleValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(cycleMonth, cycleYear)}
}

func autoRenewDurationValidators() []validator.Int64 {
	return []validator.Int64{int64validator.Between(0, maxAutoRenewDuration)}
}

// subscriptionOnly lists the attributes that only a subscription (PREPAY)
// plan takes.
var subscriptionOnly = []string{"period", "pricing_cycle", "auto_renew", "auto_renew_duration"}

// prepayOnly refuses subscription options on a pay-as-you-go plan. It is
// quiet while charge_type or the option is unknown: the value may yet turn
// out valid at apply.
var prepayOnly = validators.Rule("`period`, `pricing_cycle`, `auto_renew` and `auto_renew_duration` apply only when `charge_type` is `PREPAY`",
	validatePrepayOnly)

func validatePrepayOnly(m bandwidthPackageModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if m.ChargeType.ValueString() != chargeTypePostpay {
		return nil
	}
	values := map[string]attr.Value{"period": m.Period, "pricing_cycle": m.PricingCycle,
		"auto_renew": m.AutoRenew, "auto_renew_duration": m.AutoRenewDuration}
	for _, name := range subscriptionOnly {
		if val := values[name]; val.IsNull() || val.IsUnknown() {
			continue
		}
		diags.AddAttributeError(path.Root(name), "Subscription option on a pay-as-you-go plan",
			fmt.Sprintf("The API takes %s only for subscription plans (BandwidthPackageChargeType PREPAY); "+
				"this plan has charge_type = %q. Remove %s, or set charge_type = %q.",
				name, chargeTypePostpay, name, chargeTypePrepay))
	}
	return diags
}
