package cen

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func testSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	NewBandwidthPackageResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	if d := resp.Schema.ValidateImplementation(context.Background()); d.HasError() {
		t.Fatalf("schema implementation: %v", d)
	}
	return resp.Schema
}

// validateAttribute runs the validators the schema wires to one attribute.
func validateAttribute(t *testing.T, name string, v attr.Value) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	p := path.Root(name)
	var diags diag.Diagnostics
	switch a := testSchema(t).Attributes[name].(type) {
	case schema.StringAttribute:
		for _, val := range a.Validators {
			resp := &validator.StringResponse{}
			val.ValidateString(ctx, validator.StringRequest{Path: p, ConfigValue: v.(types.String)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.Int64Attribute:
		for _, val := range a.Validators {
			resp := &validator.Int64Response{}
			val.ValidateInt64(ctx, validator.Int64Request{Path: p, ConfigValue: v.(types.Int64)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.MapAttribute:
		for _, val := range a.Validators {
			resp := &validator.MapResponse{}
			val.ValidateMap(ctx, validator.MapRequest{Path: p, ConfigValue: v.(types.Map)}, resp)
			diags.Append(resp.Diagnostics...)
		}
	default:
		t.Fatalf("attribute %s: no validators for %T", name, a)
	}
	return diags
}

type validatorCase struct {
	name  string
	value attr.Value
	ok    bool
}

func runValidatorCases(t *testing.T, attrName string, cases []validatorCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := validateAttribute(t, attrName, c.value)
			if d.HasError() == c.ok {
				t.Errorf("%s = %s: errors %v, want ok=%v", attrName, c.value, d, c.ok)
			}
			for _, e := range d.Errors() {
				if withPath, isPath := e.(diag.DiagnosticWithPath); !isPath || !strings.HasPrefix(withPath.Path().String(), attrName) {
					t.Errorf("error %q is not on the attribute's path", e.Summary())
				}
			}
		})
	}
}

func str(s string) types.String { return types.StringValue(s) }
func num(n int64) types.Int64   { return types.Int64Value(n) }

func TestValidateBandwidth(t *testing.T) {
	runValidatorCases(t, "bandwidth", []validatorCase{
		{"below minimum", num(1), false},
		{"minimum", num(2), true},
		{"maximum", num(10000), true},
		{"above maximum", num(10001), false},
		{"unknown", types.Int64Unknown(), true},
		{"null", types.Int64Null(), true},
	})
}

func TestValidateAreas(t *testing.T) {
	for _, attrName := range []string{"geographic_region_a_id", "geographic_region_b_id"} {
		t.Run(attrName, func(t *testing.T) {
			runValidatorCases(t, attrName, []validatorCase{
				{"China", str("China"), true},
				{"North-America", str("North-America"), true},
				{"Asia-Pacific", str("Asia-Pacific"), true},
				{"Europe", str("Europe"), true},
				{"Australia (mid-age and newest pages)", str("Australia"), true},
				{"Middle-East (oldest page)", str("Middle-East"), true},
				{"lower case as the API answers", str("china"), true},
				{"upper case", str("MIDDLE-EAST"), true},
				{"unknown area", str("Africa"), false},
				{"empty", str(""), false},
				{"region instead of area", str("cn-hangzhou"), false},
				{"unknown value", types.StringUnknown(), true},
			})
		})
	}
}

func TestValidateName(t *testing.T) {
	runValidatorCases(t, "name", []validatorCase{
		// The newest page allows "", but the API takes it as not given: refused, or
		// every plan would show the difference again (never converges).
		{"empty (the newest page allows it, the API ignores it)", str(""), false},
		{"null keeps the current name", types.StringNull(), true},
		{"one character (the mid-age page wanted 2)", str("a"), true},
		{"starts with a digit (the mid-age page wanted a letter)", str("1plan"), true},
		{"128 characters", str(strings.Repeat("n", 128)), true},
		{"128 Chinese characters", str(strings.Repeat("带", 128)), true},
		{"129 characters", str(strings.Repeat("n", 129)), false},
		{"http prefix", str("http://plan"), false},
		{"https prefix", str("https://plan"), false},
		{"http later", str("plan-http://"), true},
		{"unknown", types.StringUnknown(), true},
	})
}

func TestValidateDescription(t *testing.T) {
	runValidatorCases(t, "description", []validatorCase{
		{"empty (the API ignores it)", str(""), false},
		{"one character", str("d"), true},
		{"256 characters", str(strings.Repeat("d", 256)), true},
		{"257 characters", str(strings.Repeat("d", 257)), false},
		{"http prefix", str("http://d"), false},
		{"https prefix", str("https://d"), false},
		{"unknown", types.StringUnknown(), true},
	})
}

func TestValidateChargeType(t *testing.T) {
	runValidatorCases(t, "charge_type", []validatorCase{
		{"PREPAY", str("PREPAY"), true},
		{"POSTPAY", str("POSTPAY"), true},
		{"lower case", str("prepay"), false},
		{"the oldest page's spelling", str("PrePaid"), false},
		{"unknown", types.StringUnknown(), true},
	})
}

func TestValidatePeriod(t *testing.T) {
	runValidatorCases(t, "period", []validatorCase{
		{"zero", num(0), false},
		{"minimum", num(1), true},
		{"large", num(36), true},
		{"negative", num(-1), false},
		{"unknown", types.Int64Unknown(), true},
	})
}

func TestValidatePricingCycle(t *testing.T) {
	runValidatorCases(t, "pricing_cycle", []validatorCase{
		{"Month", str("Month"), true},
		{"Year", str("Year"), true},
		{"lower case", str("month"), false},
		{"Week", str("Week"), false},
		{"unknown", types.StringUnknown(), true},
	})
}

func TestValidateAutoRenewDuration(t *testing.T) {
	runValidatorCases(t, "auto_renew_duration", []validatorCase{
		{"below minimum", num(-1), false},
		{"minimum", num(0), true},
		{"maximum", num(math.MaxInt32), true},
		{"above maximum", num(math.MaxInt32 + 1), false},
		{"unknown", types.Int64Unknown(), true},
	})
}

func tagMap(t *testing.T, m map[string]attr.Value) types.Map {
	t.Helper()
	v, d := types.MapValue(types.StringType, m)
	if d.HasError() {
		t.Fatal(d)
	}
	return v
}

func nTags(t *testing.T, n int) types.Map {
	m := map[string]attr.Value{}
	for i := range n {
		m[fmt.Sprintf("k%d", i)] = str("v")
	}
	return tagMap(t, m)
}

func TestValidateTags(t *testing.T) {
	one := func(k string, v attr.Value) types.Map { return tagMap(t, map[string]attr.Value{k: v}) }
	runValidatorCases(t, "tags", []validatorCase{
		{"20 tags", nTags(t, 20), true},
		{"21 tags", nTags(t, 21), false},
		{"no tags", nTags(t, 0), true},
		{"empty key", one("", str("v")), false},
		{"key of 1", one("k", str("v")), true},
		{"key of 64", one(strings.Repeat("k", 64), str("v")), true},
		{"key of 65", one(strings.Repeat("k", 65), str("v")), false},
		{"empty value (MissingParameter.TagValue)", one("k", str("")), false},
		{"value of 128", one("k", str(strings.Repeat("v", 128))), true},
		{"value of 129", one("k", str(strings.Repeat("v", 129))), false},
		{"key aliyun prefix", one("aliyun-x", str("v")), false},
		{"key acs: prefix", one("acs:x", str("v")), false},
		{"value acs: prefix", one("k", str("acs:x")), false},
		{"value aliyun prefix", one("k", str("aliyunx")), false},
		{"key contains http://", one("a-http://b", str("v")), false},
		{"value contains https://", one("k", str("see https://x")), false},
		{"unknown value", one("k", types.StringUnknown()), true},
		{"unknown map", types.MapUnknown(types.StringType), true},
	})
}

// testConfig builds a configuration of the resource: every attribute null
// except those given.
func testConfig(t *testing.T, set map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	s := testSchema(t)
	typ := s.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		if _, ok := typ.AttributeTypes[name]; !ok {
			t.Fatalf("no attribute %s", name)
		}
		vals[name] = v
	}
	return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, vals)}
}

func TestPrepayOnly(t *testing.T) {
	postpay := tftypes.NewValue(tftypes.String, chargeTypePostpay)
	prepay := tftypes.NewValue(tftypes.String, chargeTypePrepay)
	unknownString := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	options := map[string]tftypes.Value{
		"period":              tftypes.NewValue(tftypes.Number, 1),
		"pricing_cycle":       tftypes.NewValue(tftypes.String, "Month"),
		"auto_renew":          tftypes.NewValue(tftypes.Bool, false),
		"auto_renew_duration": tftypes.NewValue(tftypes.Number, 0),
	}
	unknowns := map[string]tftypes.Value{
		"period":              tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"pricing_cycle":       unknownString,
		"auto_renew":          tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue),
		"auto_renew_duration": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
	}
	for _, name := range subscriptionOnly {
		cases := []struct {
			desc      string
			charge    tftypes.Value
			option    tftypes.Value
			wantError bool
		}{
			{"POSTPAY", postpay, options[name], true},
			{"PREPAY", prepay, options[name], false},
			{"charge_type left out (PREPAY)", tftypes.NewValue(tftypes.String, nil), options[name], false},
			{"charge_type unknown", unknownString, options[name], false},
			{"option unknown with POSTPAY", postpay, unknowns[name], false},
		}
		for _, c := range cases {
			t.Run(name+"/"+c.desc, func(t *testing.T) {
				cfg := testConfig(t, map[string]tftypes.Value{"charge_type": c.charge, name: c.option})
				resp := &resource.ValidateConfigResponse{}
				prepayOnly.ValidateResource(context.Background(), resource.ValidateConfigRequest{Config: cfg}, resp)
				if resp.Diagnostics.HasError() != c.wantError {
					t.Fatalf("errors %v, want error=%v", resp.Diagnostics, c.wantError)
				}
				for _, e := range resp.Diagnostics.Errors() {
					wp, ok := e.(diag.DiagnosticWithPath)
					if !ok || !wp.Path().Equal(path.Root(name)) {
						t.Errorf("error %q not on path %s", e.Summary(), name)
					}
					if !strings.Contains(e.Detail(), "PREPAY") {
						t.Errorf("error detail does not state the API's rule: %s", e.Detail())
					}
				}
			})
		}
	}
}

func TestPeriodByCycle(t *testing.T) {
	n := func(v any) tftypes.Value { return tftypes.NewValue(tftypes.Number, v) }
	s := func(v any) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	cases := []struct {
		desc          string
		period, cycle tftypes.Value
		wantError     bool
	}{
		{"month 1", n(1), s("Month"), false},
		{"month 6", n(6), s("Month"), false},
		{"month 3", n(3), s("Month"), false},
		{"month 4", n(4), s("Month"), true},
		{"month 12", n(12), s("Month"), true},
		{"cycle left out is Month: 6", n(6), s(nil), false},
		{"cycle left out is Month: 5", n(5), s(nil), true},
		{"year 3", n(3), s("Year"), false},
		{"year 4", n(4), s("Year"), true},
		{"year 6", n(6), s("Year"), true},
		{"period left out", n(nil), s("Year"), false},
		{"period unknown", n(tftypes.UnknownValue), s("Year"), false},
		{"cycle unknown", n(9), s(tftypes.UnknownValue), false},
		{"cycle invalid is its own error", n(9), s("Week"), false},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			cfg := testConfig(t, map[string]tftypes.Value{"period": c.period, "pricing_cycle": c.cycle})
			resp := &resource.ValidateConfigResponse{}
			periodByCycle.ValidateResource(context.Background(), resource.ValidateConfigRequest{Config: cfg}, resp)
			if resp.Diagnostics.HasError() != c.wantError {
				t.Fatalf("errors %v, want error=%v", resp.Diagnostics, c.wantError)
			}
			for _, e := range resp.Diagnostics.Errors() {
				if wp, ok := e.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(path.Root("period")) {
					t.Errorf("error %q not on period", e.Summary())
				}
			}
		})
	}
}
