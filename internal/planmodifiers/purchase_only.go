// Package planmodifiers holds plan modifiers both resources share.
package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// PurchaseOnly marks an option that matters only when the plan is bought
// (subscription length, auto-pay, coupons). Changing it later must never
// replace the plan, which would buy a new one: the new value is stored in
// state without an API call, and the plan says so in a warning.
func PurchaseOnly() purchaseOnly { return purchaseOnly{} }

type purchaseOnly struct{}

func (purchaseOnly) Description(context.Context) string {
	return "Used only when the plan is bought; a later change is stored without any API call and never replaces the plan."
}

func (m purchaseOnly) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (purchaseOnly) warn(p path.Path, state, plan attr.Value, stateNull bool, d *diag.Diagnostics) {
	if stateNull || plan.IsUnknown() || plan.Equal(state) {
		return
	}
	d.AddAttributeWarning(p, "Change applies only at purchase",
		fmt.Sprintf("%s is used only when a bandwidth plan is bought. The existing plan is not changed and not replaced; "+
			"the new value (%s) is only recorded in state.", p, plan))
}

func (m purchaseOnly) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	m.warn(req.Path, req.StateValue, req.PlanValue, req.State.Raw.IsNull(), &resp.Diagnostics)
}

func (m purchaseOnly) PlanModifyInt64(_ context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	m.warn(req.Path, req.StateValue, req.PlanValue, req.State.Raw.IsNull(), &resp.Diagnostics)
}

func (m purchaseOnly) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	m.warn(req.Path, req.StateValue, req.PlanValue, req.State.Raw.IsNull(), &resp.Diagnostics)
}
