package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Replaces reports whether the plan replaces the resource, as far as the
// attributes whose ReplaceString or ReplaceInt64 modifiers force it tell: the
// framework hands ModifyPlan none of the attribute modifiers' RequiresReplace
// (DESIGN.md, "Validation and plan modification"), so they are asked again.
// A create or a destroy is no replacement.
func Replaces(ctx context.Context, attrs map[string]schema.Attribute, req resource.ModifyPlanRequest) bool {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return false
	}
	for name, a := range attrs {
		p := path.Root(name)
		switch a := a.(type) {
		case schema.StringAttribute:
			for _, m := range a.PlanModifiers {
				r, ok := m.(replaceString)
				if !ok {
					continue
				}
				var cfg, plan, state types.String
				req.Config.GetAttribute(ctx, p, &cfg)
				req.Plan.GetAttribute(ctx, p, &plan)
				req.State.GetAttribute(ctx, p, &state)
				resp := &planmodifier.StringResponse{PlanValue: plan}
				r.inner.PlanModifyString(ctx, planmodifier.StringRequest{Path: p, Config: req.Config, ConfigValue: cfg,
					Plan: req.Plan, PlanValue: plan, State: req.State, StateValue: state, Private: req.Private}, resp)
				if resp.RequiresReplace {
					return true
				}
			}
		case schema.Int64Attribute:
			for _, m := range a.PlanModifiers {
				r, ok := m.(replaceInt64)
				if !ok {
					continue
				}
				var cfg, plan, state types.Int64
				req.Config.GetAttribute(ctx, p, &cfg)
				req.Plan.GetAttribute(ctx, p, &plan)
				req.State.GetAttribute(ctx, p, &state)
				resp := &planmodifier.Int64Response{PlanValue: plan}
				r.inner.PlanModifyInt64(ctx, planmodifier.Int64Request{Path: p, Config: req.Config, ConfigValue: cfg,
					Plan: req.Plan, PlanValue: plan, State: req.State, StateValue: state, Private: req.Private}, resp)
				if resp.RequiresReplace {
					return true
				}
			}
		}
	}
	return false
}
