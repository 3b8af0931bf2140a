package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type ruleModel struct {
	ChargeType types.String `tfsdk:"charge_type"`
	Period     types.Int64  `tfsdk:"period"`
}

// TestRule: the rule reads the configuration into the model, sees unknown
// values as unknown, and its diagnostics reach the response.
func TestRule(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"charge_type": schema.StringAttribute{Optional: true},
		"period":      schema.Int64Attribute{Optional: true},
	}}
	v := Rule("period only with PREPAY", func(m ruleModel) diag.Diagnostics {
		var d diag.Diagnostics
		if m.ChargeType.ValueString() == "POSTPAY" && !m.Period.IsNull() && !m.Period.IsUnknown() {
			d.AddAttributeError(path.Root("period"), "period needs PREPAY", "The API takes Period only with PREPAY.")
		}
		return d
	})
	if got := v.Description(ctx); got != "period only with PREPAY" || v.MarkdownDescription(ctx) != got {
		t.Errorf("description %q", got)
	}
	typ := s.Type().TerraformType(ctx)
	for _, c := range []struct {
		charge, period any
		wantError      bool
	}{
		{"POSTPAY", 1, true},
		{"PREPAY", 1, false},
		{"POSTPAY", nil, false},
		{"POSTPAY", tftypes.UnknownValue, false},
		{tftypes.UnknownValue, 1, false},
	} {
		raw := tftypes.NewValue(typ, map[string]tftypes.Value{
			"charge_type": tftypes.NewValue(tftypes.String, c.charge),
			"period":      tftypes.NewValue(tftypes.Number, c.period),
		})
		resp := &resource.ValidateConfigResponse{}
		v.ValidateResource(ctx, resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: s, Raw: raw}}, resp)
		if resp.Diagnostics.HasError() != c.wantError {
			t.Errorf("charge_type %v, period %v: %v, want error %v", c.charge, c.period, resp.Diagnostics, c.wantError)
		}
	}
}
