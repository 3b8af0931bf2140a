package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var objType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"period": tftypes.Number}}

func stateWith(present bool) tfsdk.State {
	if !present {
		return tfsdk.State{Raw: tftypes.NewValue(objType, nil)}
	}
	return tfsdk.State{Raw: tftypes.NewValue(objType, map[string]tftypes.Value{"period": tftypes.NewValue(tftypes.Number, 1)})}
}

func TestPurchaseOnlyInt64(t *testing.T) {
	cases := []struct {
		name        string
		existing    bool
		state, plan types.Int64
		warn        bool
	}{
		{"create", false, types.Int64Null(), types.Int64Value(3), false},
		{"unchanged", true, types.Int64Value(1), types.Int64Value(1), false},
		{"changed", true, types.Int64Value(1), types.Int64Value(3), true},
		{"unknown", true, types.Int64Value(1), types.Int64Unknown(), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := planmodifier.Int64Request{Path: path.Root("period"), State: stateWith(c.existing), StateValue: c.state, PlanValue: c.plan}
			resp := &planmodifier.Int64Response{PlanValue: c.plan}
			PurchaseOnly().PlanModifyInt64(context.Background(), req, resp)
			if resp.RequiresReplace {
				t.Fatal("a purchase-only option must never replace the plan")
			}
			if got := resp.Diagnostics.WarningsCount() == 1; got != c.warn {
				t.Fatalf("warning = %v, want %v (%v)", got, c.warn, resp.Diagnostics)
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected error: %v", resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(c.plan) {
				t.Fatalf("plan value changed to %v", resp.PlanValue)
			}
		})
	}
}

func TestPurchaseOnlyStringAndBool(t *testing.T) {
	sresp := &planmodifier.StringResponse{}
	PurchaseOnly().PlanModifyString(context.Background(), planmodifier.StringRequest{Path: path.Root("pricing_cycle"), State: stateWith(true),
		StateValue: types.StringValue("Month"), PlanValue: types.StringValue("Year")}, sresp)
	if sresp.Diagnostics.WarningsCount() != 1 {
		t.Errorf("string change: want one warning, got %v", sresp.Diagnostics)
	}
	bresp := &planmodifier.BoolResponse{}
	PurchaseOnly().PlanModifyBool(context.Background(), planmodifier.BoolRequest{Path: path.Root("auto_pay"), State: stateWith(true),
		StateValue: types.BoolValue(true), PlanValue: types.BoolValue(true)}, bresp)
	if bresp.Diagnostics.WarningsCount() != 0 {
		t.Errorf("bool unchanged: want no warning, got %v", bresp.Diagnostics)
	}
}
