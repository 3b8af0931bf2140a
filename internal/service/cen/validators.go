package cen

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
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
