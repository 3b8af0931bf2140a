package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestReplaces: a change of an attribute whose ReplaceString or ReplaceInt64
// modifier forces a replacement is one; a change of any other attribute, a
// create and a destroy are not.
func TestReplaces(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"kind": schema.StringAttribute{Required: true,
			PlanModifiers: []planmodifier.String{ReplaceString(stringplanmodifier.RequiresReplace(), Subscription{Product: "X"})}},
		"ratio": schema.Int64Attribute{Optional: true,
			PlanModifiers: []planmodifier.Int64{ReplaceInt64(int64planmodifier.RequiresReplace(), Subscription{Product: "X"})}},
		"size": schema.Int64Attribute{Required: true},
		"note": schema.StringAttribute{Optional: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
	}}
	typ := s.Type().TerraformType(ctx)
	obj := func(kind string, ratio, size int64) tftypes.Value {
		return tftypes.NewValue(typ, map[string]tftypes.Value{"kind": tftypes.NewValue(tftypes.String, kind),
			"ratio": tftypes.NewValue(tftypes.Number, ratio), "size": tftypes.NewValue(tftypes.Number, size),
			"note": tftypes.NewValue(tftypes.String, nil)})
	}
	request := func(state, plan tftypes.Value) resource.ModifyPlanRequest {
		return resource.ModifyPlanRequest{State: tfsdk.State{Schema: s, Raw: state}, Plan: tfsdk.Plan{Schema: s, Raw: plan},
			Config: tfsdk.Config{Schema: s, Raw: plan}}
	}
	was := obj("a", 30, 10)
	null := tftypes.NewValue(typ, nil)
	for name, c := range map[string]struct {
		plan, state tftypes.Value
		want        bool
	}{
		"no change": {was, was, false},
		"size":      {obj("a", 30, 20), was, false},
		"kind":      {obj("b", 30, 10), was, true},
		"ratio":     {obj("a", 40, 20), was, true},
		"create":    {was, null, false},
		"destroy":   {null, was, false},
	} {
		if got := Replaces(ctx, s.Attributes, request(c.state, c.plan)); got != c.want {
			t.Errorf("%s: Replaces = %v, want %v", name, got, c.want)
		}
	}
}
