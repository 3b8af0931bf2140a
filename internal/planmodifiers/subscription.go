package planmodifiers

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
)

// Subscription describes how a product's subscription plans behave when
// they are replaced, for ReplaceString and ReplaceInt64.
type Subscription struct {
	// Product names the plan: "CEN" or "GA".
	Product string
	// DestroyDoes says what destroy does to an unexpired subscription.
	DestroyDoes string
}

// ReplaceString wraps a plan modifier that may require replacement: when it
// does and the plan is a subscription (PREPAY), it also warns at plan time
// that the old plan cannot be released and keeps billing while a second one
// is bought. Every such attribute adds the same warning, which the framework
// keeps once.
func ReplaceString(inner planmodifier.String, s Subscription) planmodifier.String {
	return replaceString{inner, s}
}

// ReplaceInt64 is ReplaceString for Int64 attributes.
func ReplaceInt64(inner planmodifier.Int64, s Subscription) planmodifier.Int64 {
	return replaceInt64{inner, s}
}

type replaceString struct {
	inner planmodifier.String
	s     Subscription
}

func (m replaceString) Description(ctx context.Context) string {
	return m.inner.Description(ctx) + " " + replaceNote
}

func (m replaceString) MarkdownDescription(ctx context.Context) string {
	return m.inner.MarkdownDescription(ctx) + " " + replaceNote
}

func (m replaceString) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	m.inner.PlanModifyString(ctx, req, resp)
	m.s.warn(ctx, req.State, resp.RequiresReplace, &resp.Diagnostics)
}

type replaceInt64 struct {
	inner planmodifier.Int64
	s     Subscription
}

func (m replaceInt64) Description(ctx context.Context) string {
	return m.inner.Description(ctx) + " " + replaceNote
}

func (m replaceInt64) MarkdownDescription(ctx context.Context) string {
	return m.inner.MarkdownDescription(ctx) + " " + replaceNote
}

func (m replaceInt64) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	m.inner.PlanModifyInt64(ctx, req, resp)
	m.s.warn(ctx, req.State, resp.RequiresReplace, &resp.Diagnostics)
}

const replaceNote = "Replacing a subscription plan is warned about at plan time: the old plan keeps billing until it expires."

func (s Subscription) warn(ctx context.Context, state tfsdk.State, requiresReplace bool, d *diag.Diagnostics) {
	if !requiresReplace || state.Raw.IsNull() {
		return
	}
	var id, chargeType, expiry types.String
	d.Append(state.GetAttribute(ctx, path.Root("id"), &id)...)
	d.Append(state.GetAttribute(ctx, path.Root("charge_type"), &chargeType)...)
	d.Append(state.GetAttribute(ctx, path.Root("expired_time"), &expiry)...)
	if !strings.EqualFold(chargeType.ValueString(), "PREPAY") {
		return
	}
	purchase.SubscriptionAtRisk(d, s.Product+" bandwidth plan "+id.ValueString(), expiry.ValueString(),
		apitime.Expired(expiry.ValueString(), time.Now()), true, s.DestroyDoes)
}
