package ga

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
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
		{"billing_type", s("PayBy95"), false},
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

func TestAutoRenewDecoding(t *testing.T) {
	cases := map[string]bool{
		`{"AutoRenew":true,"AutoRenewDuration":3,"RenewalStatus":"AutoRenewal"}`: true,
		`{"AutoRenew":"true","AutoRenewDuration":"3"}`:                           true,
		`{"AutoRenew":true,"RenewalStatus":"NotRenewal"}`:                        false,
		`{"AutoRenew":false,"AutoRenewDuration":1,"RenewalStatus":"Normal"}`:     false,
	}
	for body, want := range cases {
		var a autoRenewAttribute
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if a.enabled() != want {
			t.Errorf("%s: enabled %v, want %v", body, a.enabled(), want)
		}
	}
}

func TestCreateRequestSendsEveryParameter(t *testing.T) {
	m := base()
	m.Type, m.BandwidthType, m.Bandwidth = types.StringValue("CrossDomain"), types.StringValue("Enhanced"), types.Int64Value(20)
	m.ChargeType, m.Duration, m.PricingCycle = types.StringValue("POSTPAY"), types.Int64Value(2), types.StringValue("Year")
	m.AutoPay, m.AutoUseCoupon, m.PromotionOptionNo = types.BoolValue(true), types.BoolValue(true), types.StringValue("5000")
	m.BillingType, m.Ratio = types.StringValue("PayBY95"), types.Int64Value(40)
	m.CbnGeographicRegionIDA, m.CbnGeographicRegionIDB = types.StringValue("China-mainland"), types.StringValue("Global")
	m.AutoRenew, m.AutoRenewDuration, m.ResourceGroupID = types.BoolValue(true), types.Int64Value(6), types.StringValue("rg-1")
	m.Tags = types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringValue("2"), "a": types.StringValue("1")})
	req, d := createRequest(context.Background(), &m, "tok")
	if d.HasError() {
		t.Fatal(d)
	}
	if err := requests.InitParams(req); err != nil {
		t.Fatal(err)
	}
	got := req.GetQueryParams()
	want := map[string]string{
		"ClientToken": "tok", "Bandwidth": "20", "Type": "CrossDomain", "BandwidthType": "Enhanced",
		"ChargeType": "POSTPAY", "Duration": "2", "PricingCycle": "Year", "AutoPay": "true", "AutoUseCoupon": "true",
		"PromotionOptionNo": "5000", "BillingType": "PayBY95", "Ratio": "40", "CbnGeographicRegionIdA": "China-mainland",
		"CbnGeographicRegionIdB": "Global", "AutoRenew": "true", "AutoRenewDuration": "6", "ResourceGroupId": "rg-1",
		"Tag.1.Key": "a", "Tag.1.Value": "1", "Tag.2.Key": "b", "Tag.2.Value": "2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}

	m = base()
	m.ChargeType, m.AutoPay = types.StringValue("PREPAY"), types.BoolUnknown()
	m.Duration, m.PricingCycle, m.Tags = types.Int64Unknown(), types.StringUnknown(), types.MapNull(types.StringType)
	setPurchaseDefaults(&m)
	req, _ = createRequest(context.Background(), &m, "tok")
	_ = requests.InitParams(req)
	got = req.GetQueryParams()
	for k, v := range map[string]string{"Duration": "1", "PricingCycle": "Month", "AutoPay": "true", "AutoRenew": "false"} {
		if got[k] != v {
			t.Errorf("default %s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"AutoRenewDuration", "Ratio", "BillingType", "ResourceGroupId", "Tag.1.Key", "AutoUseCoupon"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s sent though not set", k)
		}
	}
}
