package ga

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// attrDiags runs the schema's own validators of one attribute on v.
func attrDiags(t *testing.T, name string, v attr.Value) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	p := path.Root(name)
	var diags diag.Diagnostics
	switch a := bandwidthPackageSchema(ctx).Attributes[name].(type) {
	case schema.Int64Attribute:
		for _, vd := range a.Validators {
			resp := &validator.Int64Response{}
			vd.ValidateInt64(ctx, validator.Int64Request{Path: p, ConfigValue: v.(types.Int64)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.StringAttribute:
		for _, vd := range a.Validators {
			resp := &validator.StringResponse{}
			vd.ValidateString(ctx, validator.StringRequest{Path: p, ConfigValue: v.(types.String)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.MapAttribute:
		for _, vd := range a.Validators {
			resp := &validator.MapResponse{}
			vd.ValidateMap(ctx, validator.MapRequest{Path: p, ConfigValue: v.(types.Map)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	default:
		t.Fatalf("attribute %q has no validators to test (%T)", name, a)
	}
	return diags
}

func TestAttributeValidators(t *testing.T) {
	i, s := types.Int64Value, types.StringValue
	cases := []struct {
		attr string
		v    attr.Value
		ok   bool
	}{
		{"bandwidth", i(1), false},
		{"bandwidth", i(2), true},
		{"bandwidth", i(2000), true},
		{"bandwidth", i(2001), false},
		{"bandwidth", types.Int64Unknown(), true},
		{"type", s("Basic"), true},
		{"type", s("CrossDomain"), true},
		{"type", s("basic"), false},
		{"type", types.StringUnknown(), true},
		{"bandwidth_type", s("Basic"), true},
		{"bandwidth_type", s("Enhanced"), true},
		{"bandwidth_type", s("Advanced"), true},
		{"bandwidth_type", s("Premium"), false},
		{"charge_type", s("PREPAY"), true},
		{"charge_type", s("POSTPAY"), true},
		{"charge_type", s("Prepaid"), false},
		{"duration", i(0), false},
		{"duration", i(1), true},
		{"duration", i(9), true},
		{"duration", i(10), false},
		{"pricing_cycle", s("Month"), true},
		{"pricing_cycle", s("Year"), true},
		{"pricing_cycle", s("Week"), false},
		{"billing_type", s("PayByTraffic"), true},
		{"billing_type", s("PayBY95"), true},
		// The official provider writes PayBy95; the metadata PayBY95: both are accepted.
		{"billing_type", s("PayBy95"), true},
		{"billing_type", s("PayBy96"), false},
		{"ratio", i(29), false},
		{"ratio", i(30), true},
		{"ratio", i(100), true},
		{"ratio", i(101), false},
		{"cbn_geographic_region_id_a", s("China-mainland"), true},
		{"cbn_geographic_region_id_a", s("Global"), false},
		{"cbn_geographic_region_id_b", s("Global"), true},
		{"cbn_geographic_region_id_b", s("China-mainland"), false},
		{"auto_renew_duration", i(0), false},
		{"auto_renew_duration", i(1), true},
		{"auto_renew_duration", i(12), true},
		{"auto_renew_duration", i(13), false},
		{"name", s(""), false},
		{"name", s("a"), true},
		{"name", s(strings.Repeat("n", 128)), true},
		{"name", s(strings.Repeat("n", 129)), false},
		{"name", s("https://plan"), false},
		{"name", s("http://plan"), false},
		{"description", s(strings.Repeat("d", 256)), true},
		{"description", s(strings.Repeat("d", 257)), false},
		{"description", s("http://x"), false},
		{"resource_group_id", s(""), false},
		{"resource_group_id", s("rg-1"), true},
		{"tags", types.MapValueMust(types.StringType, map[string]attr.Value{"env": s("test")}), true},
		{"tags", types.MapValueMust(types.StringType, map[string]attr.Value{"aliyun:x": s("v")}), false},
		{"tags", types.MapUnknown(types.StringType), true},
	}
	for _, c := range cases {
		d := attrDiags(t, c.attr, c.v)
		if d.HasError() == c.ok {
			t.Errorf("%s = %s: errors %v, want ok=%v", c.attr, c.v, d, c.ok)
		}
		for _, e := range d.Errors() {
			if e.Detail() == "" {
				t.Errorf("%s = %s: error without the API's rule", c.attr, c.v)
			}
		}
	}
}

// base is a valid subscription plan configuration, as ValidateConfig sees it.
func base() bandwidthPackageModel {
	return bandwidthPackageModel{
		Bandwidth: types.Int64Value(10), Type: types.StringValue("Basic"), BandwidthType: types.StringValue("Basic"),
		ChargeType: types.StringNull(), Duration: types.Int64Null(), PricingCycle: types.StringNull(),
		AutoPay: types.BoolNull(), AutoUseCoupon: types.BoolNull(), BillingType: types.StringNull(),
		Ratio: types.Int64Null(), CbnGeographicRegionIDA: types.StringNull(), CbnGeographicRegionIDB: types.StringNull(),
		AutoRenew: types.BoolNull(), AutoRenewDuration: types.Int64Null(),
	}
}

func TestValidateBandwidthPackage(t *testing.T) {
	s, i, b := types.StringValue, types.Int64Value, types.BoolValue
	su, iu, bu := types.StringUnknown(), types.Int64Unknown(), types.BoolUnknown()
	cases := []struct {
		name   string
		change func(m *bandwidthPackageModel)
		errAt  string // "" when the configuration is valid
	}{
		{"valid subscription", func(m *bandwidthPackageModel) {}, ""},
		{"Basic without bandwidth_type", func(m *bandwidthPackageModel) { m.BandwidthType = types.StringNull() }, "bandwidth_type"},
		{"Basic with unknown bandwidth_type", func(m *bandwidthPackageModel) { m.BandwidthType = su }, ""},
		{"unknown type without bandwidth_type", func(m *bandwidthPackageModel) { m.Type, m.BandwidthType = su, types.StringNull() }, ""},
		{"CrossDomain without bandwidth_type", func(m *bandwidthPackageModel) {
			m.Type, m.BandwidthType = s("CrossDomain"), types.StringNull()
		}, ""},

		{"Month 9", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = s("Month"), i(9) }, ""},
		{"default cycle 9", func(m *bandwidthPackageModel) { m.Duration = i(9) }, ""},
		{"Year 1", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = s("Year"), i(1) }, ""},
		{"Year 3", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = s("Year"), i(3) }, ""},
		{"Year 4", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = s("Year"), i(4) }, "duration"},
		{"unknown cycle 4", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = su, i(4) }, ""},
		{"Year unknown duration", func(m *bandwidthPackageModel) { m.PricingCycle, m.Duration = s("Year"), iu }, ""},

		{"coupon with auto_pay", func(m *bandwidthPackageModel) { m.AutoPay, m.AutoUseCoupon = b(true), b(true) }, ""},
		{"coupon with default auto_pay", func(m *bandwidthPackageModel) { m.AutoUseCoupon = b(true) }, ""},
		{"coupon without auto_pay", func(m *bandwidthPackageModel) { m.AutoPay, m.AutoUseCoupon = b(false), b(true) }, "auto_use_coupon"},
		{"no coupon without auto_pay", func(m *bandwidthPackageModel) { m.AutoPay, m.AutoUseCoupon = b(false), b(false) }, ""},
		{"coupon with unknown auto_pay", func(m *bandwidthPackageModel) { m.AutoPay, m.AutoUseCoupon = bu, b(true) }, ""},
		{"unknown coupon without auto_pay", func(m *bandwidthPackageModel) { m.AutoPay, m.AutoUseCoupon = b(false), bu }, ""},

		{"billing with POSTPAY", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = s("POSTPAY"), s("PayByTraffic") }, ""},
		{"billing with PREPAY", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = s("PREPAY"), s("PayByTraffic") }, "billing_type"},
		{"billing with default charge", func(m *bandwidthPackageModel) { m.BillingType = s("PayByTraffic") }, "billing_type"},
		{"billing with unknown charge", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = su, s("PayByTraffic") }, ""},
		{"unknown billing with PREPAY", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = s("PREPAY"), su }, ""},

		{"PayBY95 with ratio", func(m *bandwidthPackageModel) {
			m.ChargeType, m.BillingType, m.Ratio = s("POSTPAY"), s("PayBY95"), i(30)
		}, ""},
		{"PayBY95 without ratio", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = s("POSTPAY"), s("PayBY95") }, "ratio"},
		{"PayBY95 with unknown ratio", func(m *bandwidthPackageModel) {
			m.ChargeType, m.BillingType, m.Ratio = s("POSTPAY"), s("PayBY95"), iu
		}, ""},
		{"unknown billing without ratio", func(m *bandwidthPackageModel) { m.ChargeType, m.BillingType = s("POSTPAY"), su }, ""},
		{"PayByTraffic with ratio", func(m *bandwidthPackageModel) {
			m.ChargeType, m.BillingType, m.Ratio = s("POSTPAY"), s("PayByTraffic"), i(50)
		}, ""},

		{"CrossDomain with areas", func(m *bandwidthPackageModel) {
			m.Type, m.CbnGeographicRegionIDA, m.CbnGeographicRegionIDB = s("CrossDomain"), s("China-mainland"), s("Global")
		}, ""},
		{"Basic with area A", func(m *bandwidthPackageModel) { m.CbnGeographicRegionIDA = s("China-mainland") }, "cbn_geographic_region_id_a"},
		{"Basic with area B", func(m *bandwidthPackageModel) { m.CbnGeographicRegionIDB = s("Global") }, "cbn_geographic_region_id_b"},
		{"unknown type with area", func(m *bandwidthPackageModel) { m.Type, m.CbnGeographicRegionIDA = su, s("China-mainland") }, ""},
		{"Basic with unknown area", func(m *bandwidthPackageModel) { m.CbnGeographicRegionIDB = su }, ""},

		{"auto_renew with duration 1", func(m *bandwidthPackageModel) { m.AutoRenew, m.AutoRenewDuration = b(true), i(1) }, ""},
		{"auto_renew with duration 12", func(m *bandwidthPackageModel) { m.AutoRenew, m.AutoRenewDuration = b(true), i(12) }, ""},
		{"auto_renew without duration", func(m *bandwidthPackageModel) { m.AutoRenew = b(true) }, ""},
		{"duration with auto_renew off", func(m *bandwidthPackageModel) { m.AutoRenew, m.AutoRenewDuration = b(false), i(3) }, "auto_renew_duration"},
		{"duration with default auto_renew", func(m *bandwidthPackageModel) { m.AutoRenewDuration = i(3) }, "auto_renew_duration"},
		{"duration with unknown auto_renew", func(m *bandwidthPackageModel) { m.AutoRenew, m.AutoRenewDuration = bu, i(3) }, ""},
		{"unknown duration with auto_renew off", func(m *bandwidthPackageModel) { m.AutoRenew, m.AutoRenewDuration = b(false), iu }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base()
			c.change(&m)
			d := validateBandwidthPackage(m)
			if c.errAt == "" {
				if d.HasError() {
					t.Fatalf("valid configuration refused: %v", d)
				}
				return
			}
			if d.ErrorsCount() != 1 {
				t.Fatalf("want one error on %s, got %v", c.errAt, d)
			}
			e, ok := d.Errors()[0].(diag.DiagnosticWithPath)
			if !ok || !e.Path().Equal(path.Root(c.errAt)) {
				t.Fatalf("error not on %s: %v", c.errAt, d)
			}
			if !strings.Contains(e.Detail(), "API") {
				t.Errorf("error does not state the API's rule: %q", e.Detail())
			}
		})
	}
}
