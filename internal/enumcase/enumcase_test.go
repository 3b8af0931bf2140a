package enumcase

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var areas = []string{"China", "North-America"}

func TestKeep(t *testing.T) {
	cases := []struct {
		prior types.String
		api   string
		want  string
	}{
		{types.StringValue("China"), "china", "China"},
		{types.StringValue("CHINA"), "china", "CHINA"},
		{types.StringNull(), "north-america", "North-America"},
		{types.StringValue("China"), "north-america", "North-America"},
		{types.StringUnknown(), "china", "China"},
		{types.StringNull(), "mars", "mars"},
	}
	for _, c := range cases {
		if got := Keep(c.prior, c.api, areas).ValueString(); got != c.want {
			t.Errorf("Keep(%s, %q) = %q, want %q", c.prior, c.api, got, c.want)
		}
	}
}

func TestKeepOptional(t *testing.T) {
	if got := KeepOptional(types.StringValue("China"), "", areas); !got.IsNull() {
		t.Errorf("KeepOptional(China, \"\") = %s, want null", got)
	}
	if got := KeepOptional(types.StringValue("CHINA"), "china", areas); got.ValueString() != "CHINA" {
		t.Errorf("KeepOptional(CHINA, china) = %s, want CHINA", got)
	}
}

func TestRequiresReplace(t *testing.T) {
	// A non-null state is what makes RequiresReplaceIf consider the change.
	state := tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
	plan := tfsdk.Plan{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
	cases := []struct {
		from, to string
		replace  bool
	}{
		{"China", "china", false},
		{"China", "China", false},
		{"China", "Europe", true},
	}
	for _, c := range cases {
		req := planmodifier.StringRequest{
			StateValue: types.StringValue(c.from), PlanValue: types.StringValue(c.to),
			ConfigValue: types.StringValue(c.to), State: state, Plan: plan,
		}
		resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
		RequiresReplace().PlanModifyString(context.Background(), req, resp)
		if resp.RequiresReplace != c.replace {
			t.Errorf("%s -> %s: RequiresReplace = %v, want %v", c.from, c.to, resp.RequiresReplace, c.replace)
		}
	}
}
