package ga

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSetPurchaseDefaults(t *testing.T) {
	m := base()
	m.ChargeType, m.Duration, m.PricingCycle, m.AutoPay = types.StringValue("PREPAY"), types.Int64Unknown(), types.StringUnknown(), types.BoolUnknown()
	setPurchaseDefaults(&m)
	if m.Duration.ValueInt64() != 1 || m.PricingCycle.ValueString() != "Month" || !m.AutoPay.ValueBool() {
		t.Errorf("PREPAY defaults: duration %s, cycle %s, auto_pay %s", m.Duration, m.PricingCycle, m.AutoPay)
	}
	m = base()
	m.ChargeType, m.Duration, m.PricingCycle, m.AutoPay = types.StringValue("POSTPAY"), types.Int64Unknown(), types.StringUnknown(), types.BoolValue(false)
	setPurchaseDefaults(&m)
	if !m.Duration.IsNull() || !m.PricingCycle.IsNull() || m.AutoPay.ValueBool() {
		t.Errorf("POSTPAY defaults: duration %s, cycle %s, auto_pay %s", m.Duration, m.PricingCycle, m.AutoPay)
	}
}
