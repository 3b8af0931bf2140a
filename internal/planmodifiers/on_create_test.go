package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestOnCreate: both modifiers act only on a new resource whose
// configuration leaves the attribute out.
func TestOnCreate(t *testing.T) {
	for _, c := range []struct {
		name                  string
		existing              bool
		config                types.String
		wantDefault, wantNull types.String
	}{
		{"create, left out", false, types.StringNull(), types.StringValue("PREPAY"), types.StringNull()},
		{"create, set", false, types.StringValue("POSTPAY"), types.StringUnknown(), types.StringUnknown()},
		{"update, left out", true, types.StringNull(), types.StringUnknown(), types.StringUnknown()},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := planmodifier.StringRequest{Path: path.Root("charge_type"), State: stateWith(c.existing),
				ConfigValue: c.config, PlanValue: types.StringUnknown()}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			DefaultOnCreate("PREPAY").PlanModifyString(context.Background(), req, resp)
			if !resp.PlanValue.Equal(c.wantDefault) {
				t.Errorf("DefaultOnCreate planned %s, want %s", resp.PlanValue, c.wantDefault)
			}
			resp = &planmodifier.StringResponse{PlanValue: req.PlanValue}
			NullOnCreate().PlanModifyString(context.Background(), req, resp)
			if !resp.PlanValue.Equal(c.wantNull) {
				t.Errorf("NullOnCreate planned %s, want %s", resp.PlanValue, c.wantNull)
			}
		})
	}
	ctx := context.Background()
	if d := DefaultOnCreate("PREPAY"); d.Description(ctx) == "" || d.MarkdownDescription(ctx) == "" {
		t.Error("DefaultOnCreate has no description")
	}
	if d := NullOnCreate(); d.Description(ctx) == "" || d.MarkdownDescription(ctx) == "" {
		t.Error("NullOnCreate has no description")
	}
}
