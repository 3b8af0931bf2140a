package planmodifiers

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
)

// Bought is a plan in state, as the plan-time steps of "Never buy twice"
// (DESIGN.md) need it.
type Bought struct {
	// Label names the plan: "CEN bandwidth plan cenbwp-...".
	Label string
	// Subscription: the plan is PREPAY, which the API cannot release
	// before ExpiredTime (as the API reports it).
	Subscription bool
	ExpiredTime  string
	// DestroyDoes says what destroy does to an unexpired subscription.
	DestroyDoes string
	// ResumeTodo says what an apply that resumes an unfinished purchase does.
	ResumeTodo string
	// Schema is the resource's schema. Keep names the computed attributes
	// that a resumed purchase keeps as they are: those the API does not
	// report (purchase options, the order), and the ID.
	Schema schema.Schema
	Keep   []string
}

// PlanBought runs the resource-wide plan-time steps of "Never buy twice"
// for a resource in state, after its attribute plan modifiers: it warns
// before an unexpired subscription is destroyed, and plans an unfinished
// purchase as an update in place that resumes it. (A replacement warns from
// the attributes that force it, ReplaceString and ReplaceInt64: the
// framework gives ModifyPlan no RequiresReplace.)
func PlanBought(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, b Bought) {
	if req.Plan.Raw.IsNull() {
		if b.Subscription {
			purchase.SubscriptionAtRisk(&resp.Diagnostics, b.Label, b.ExpiredTime,
				apitime.Expired(b.ExpiredTime, time.Now()), false, b.DestroyDoes)
		}
		return
	}
	pending, diags := purchase.Get(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if pending == nil || resp.Diagnostics.HasError() {
		return
	}
	purchase.AddResume(&resp.Diagnostics, b.Label, pending, b.ResumeTodo)
	resp.Diagnostics.Append(purchase.MarkComputedUnknown(ctx, b.Schema, req.Config, &resp.Plan, b.Keep...)...)
}
