// Package purchase keeps a bought bandwidth plan safe from what follows the
// purchase (DESIGN.md, "Never buy twice").
//
// A plan is bought the moment its create call answers. Terraform core taints
// every object a failed Create returns and replaces it on the next apply, and
// for a plan a replacement is a second purchase. So once the create call has
// answered, Create never fails: whatever stops it afterwards (the timeout, an
// interrupt, a transient error, an unpaid order, a failed follow-up call)
// ends in a warning, and the plan stays in state, untainted, with a Pending
// record in its private state. The next plan shows an in-place update that
// says why (ModifyPlan), and that Update resumes the wait and the follow-up
// calls. Read keeps a plan Describe has never shown, since a plan whose
// order awaits payment, or that the API does not list yet, is not gone.
package purchase

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/diagnostics"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// privateKey is the private-state key of the Pending record.
const privateKey = "unfinished_purchase"

// Pending is what a create, or an apply that resumed one, left undone.
type Pending struct {
	// Reason says what stopped the last attempt, in words for the user.
	Reason string `json:"reason"`
	// Seen: Describe has shown the plan at least once. Until then "not
	// found" means "not visible yet" (an unpaid order, a lagging
	// Describe), never "gone".
	Seen bool `json:"seen"`
	// FollowUp: settings that only a call after the plan is ready can
	// apply (a GA plan's name and description) are still to be sent.
	FollowUp bool `json:"follow_up,omitempty"`
}

// Private is the part of the framework's private state data this package
// uses; every request and response of a resource offers it.
type Private interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// PrivateSetter stores private state data.
type PrivateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// Get reads the Pending record; nil when the plan's purchase is complete.
func Get(ctx context.Context, p Private) (*Pending, diag.Diagnostics) {
	if p == nil {
		return nil, nil
	}
	raw, diags := p.GetKey(ctx, privateKey)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var out Pending
	if err := json.Unmarshal(raw, &out); err != nil {
		// A record this version cannot read still marks an unfinished plan.
		return &Pending{Reason: "an earlier apply did not finish"}, diags
	}
	return &out, diags
}

// Set stores the Pending record; nil removes it.
func Set(ctx context.Context, p PrivateSetter, pending *Pending) diag.Diagnostics {
	if p == nil {
		return nil
	}
	if pending == nil {
		return p.SetKey(ctx, privateKey, nil)
	}
	raw, err := json.Marshal(pending)
	if err != nil {
		var d diag.Diagnostics
		d.AddError("storing the unfinished purchase", err.Error())
		return d
	}
	return p.SetKey(ctx, privateKey, raw)
}

// UnpaidHint is added to the reason of a plan Describe never showed whose
// order was placed with auto_pay = false.
func UnpaidHint(order string) string {
	return fmt.Sprintf("; with auto_pay = false the plan exists only once order %s is paid in the Alibaba Cloud console (Order Hub)", order)
}

// Reason says in words why a step after the purchase stopped with err.
// timeout is the operation's configured timeout; ctx is the operation's
// context. An interrupt (Terraform cancels the context on Ctrl-C or SIGTERM)
// is called an interrupt, never a timeout.
func Reason(ctx context.Context, err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled):
		return "the apply was interrupted (Ctrl-C or SIGTERM) while the provider waited"
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		var te *wait.TimeoutError
		if errors.As(err, &te) && te.Cause != nil {
			if api, ok := apierrors.From(te.Cause); ok {
				return fmt.Sprintf("the wait timed out after %s while the API kept failing (transient error, last: %s)", timeout, answered(api))
			}
		}
		return fmt.Sprintf("the wait timed out after %s", timeout)
	}
	if api, ok := apierrors.From(err); ok {
		s := answered(api)
		if apierrors.Retryable(err) || api.HTTPStatus >= 500 {
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < time.Minute {
				return fmt.Sprintf("the wait timed out after %s while the API kept failing (transient error, last: %s)", timeout, s)
			}
			return "a transient error: " + s
		}
		return s
	}
	return err.Error()
}

// answered says what the API answered, naming the action when known.
func answered(api *apierrors.APIError) string {
	if api.Action != "" {
		return fmt.Sprintf("%s answered %s: %s", api.Action, api.Code, api.Message)
	}
	return fmt.Sprintf("the API answered %s: %s", api.Code, api.Message)
}

// AddUnfinished adds the warning of a Create that bought a plan and could not
// finish. what names the operation and plan ("creating CEN bandwidth plan
// (name)"), plan the bought plan ("CEN bandwidth plan cenbwp-..."), order its
// order ID if known, and todo what the next apply does.
func AddUnfinished(diags *diag.Diagnostics, what, plan, order, reason, todo string) {
	bought := plan + " was bought"
	if order != "" {
		bought += " (order " + order + ")"
	}
	diags.AddWarning(
		fmt.Sprintf("%s: the plan was bought but is not finished", what),
		fmt.Sprintf("%s, then %s.\n\nThe plan is kept in Terraform state, not tainted, so it is not lost and no "+
			"second plan is bought. The next terraform apply resumes on this plan: it %s. Run terraform apply again "+
			"(terraform plan shows it as an update in place).", bought, reason, todo))
}

// AddResume adds the plan-time warning of an apply that resumes an
// unfinished purchase.
func AddResume(diags *diag.Diagnostics, plan string, p *Pending, todo string) {
	reason := p.Reason
	if reason == "" {
		reason = "an earlier apply did not finish"
	}
	diags.AddWarning(
		fmt.Sprintf("Resuming %s: bought by an earlier apply that did not finish", plan),
		fmt.Sprintf("%s was bought, but the apply that bought it stopped before the plan was finished: %s. "+
			"This apply updates it in place (no new purchase): it %s.", plan, reason, todo))
}

// MayHaveBought reports whether a create call that failed with err may still
// have bought a plan: its answer was lost (transport error, 5xx, throttling,
// a damaged answer, the deadline or an interrupt) rather than refused.
func MayHaveBought(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	api, ok := apierrors.From(err)
	if !ok {
		return true
	}
	if e, known := apierrors.Lookup(api.Code); known {
		return e.Retry
	}
	return api.HTTPStatus == 0 || api.HTTPStatus >= 500 || api.HTTPStatus == 429
}

// AddLostAnswer adds the error of a create call that never got an answer:
// a plan may have been bought under token. find says how to look for it.
func AddLostAnswer(diags *diag.Diagnostics, what string, err error, token, find, importCmd string) {
	diags.AddError(
		fmt.Sprintf("%s: no answer from the API, a plan may have been bought", what),
		fmt.Sprintf("The create call was retried with the same ClientToken until the create timeout, and no answer came "+
			"back (last error: %v). The API may still have bought the plan.\n\nClientToken: %s\n\n"+
			"Before you apply again, look for the plan: %s, or in the Alibaba Cloud console. If it exists, import it "+
			"instead of buying another: %s", err, token, find, importCmd))
}

// SubscriptionAtRisk adds the plan-time warning for destroying or replacing a
// subscription plan. expiry is the plan's expiry as the API reports it;
// expired tells whether it has passed, in which case the plan is released.
func SubscriptionAtRisk(diags *diag.Diagnostics, plan, expiry string, expired, replace bool, destroyDoes string) {
	if expired {
		if replace {
			diags.AddWarning(fmt.Sprintf("%s is replaced: a new subscription is bought", plan),
				fmt.Sprintf("%s is a subscription that expired at %s; this apply releases it and buys a new plan.", plan, expiry))
		}
		return
	}
	if expiry == "" {
		expiry = "an expiry time the API did not report"
	}
	if replace {
		diags.AddWarning(fmt.Sprintf("Replacing %s buys a second subscription", plan),
			fmt.Sprintf("%s is a subscription (PREPAY) that cannot be released before it expires at %s. Replacing it buys "+
				"a new plan, while the old one stays in your account and keeps billing until then; Terraform only %s. "+
				"If that is not what you want, change the configuration so that no attribute forces replacement.",
				plan, expiry, destroyDoes))
		return
	}
	diags.AddWarning(fmt.Sprintf("Destroying %s does not release it", plan),
		fmt.Sprintf("%s is a subscription (PREPAY) that cannot be released before it expires at %s. Destroy only %s; "+
			"the plan stays in your account and keeps billing until it expires.", plan, expiry, destroyDoes))
}

// MarkComputedUnknown plans every computed attribute that the configuration
// leaves null as unknown, except those named in keep: a resumed purchase
// learns their values only when the plan is ready.
func MarkComputedUnknown(ctx context.Context, s schema.Schema, config tfsdk.Config, plan *tfsdk.Plan, keep ...string) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, a := range s.Attributes {
		if !a.IsComputed() || contains(keep, name) {
			continue
		}
		if a.IsOptional() || a.IsRequired() {
			v, err := config.Raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName(name))
			if tv, ok := v.(tftypes.Value); err == nil && ok && !tv.IsNull() {
				continue
			}
		}
		t := a.GetType()
		unknown, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), tftypes.UnknownValue))
		if err != nil {
			diags.AddError("planning "+name, err.Error())
			continue
		}
		diags.Append(plan.SetAttribute(ctx, path.Root(name), unknown)...)
	}
	return diags
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// NullUnknowns turns every unknown value left in s into null: a Create that
// stops early returns what it knows, and Terraform refuses unknown values in
// state (and would fail, so taint, the create).
func NullUnknowns(s *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(s.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("storing the bought plan", err.Error())
		return diags
	}
	s.Raw = raw
	return diags
}

// KeepPriorForUnknown replaces every unknown value left in s by the prior
// state's value at the same path (null where it has none): an update that
// resumes a purchase plans what it cannot read back as unknown, and state
// must hold known values only.
func KeepPriorForUnknown(s *tfsdk.State, prior tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(s.Raw, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if old, _, err := tftypes.WalkAttributePath(prior.Raw, p); err == nil {
			if ov, ok := old.(tftypes.Value); ok && ov.IsKnown() && ov.Type().Equal(v.Type()) {
				return ov, nil
			}
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
	if err != nil {
		diags.AddError("storing the plan", err.Error())
		return diags
	}
	s.Raw = raw
	return diags
}

// FindToDelete finds the plan a Delete is about to release; both products'
// Deletes share it. A plan the record says Describe never showed is waited
// for with visible (not finding it proves nothing), unless it was ordered
// with auto_pay = false: while it stays unseen its order is unpaid and
// nothing was bought, so it is forgotten with a warning. With no record,
// fromState may answer from state alone (ok true), saving the read: a
// pay-as-you-go plan needs none before its delete call. found is false when
// Delete has nothing to release (the plan is gone, or an unpaid order is
// forgotten) or has failed (the error is in diags); err is any other error
// of the lookup, for the caller's error table.
func FindToDelete[T any](ctx context.Context, diags *diag.Diagnostics, p Private, autoPay types.Bool,
	what, plan, order string, fromState func() (T, bool), find, visible func(context.Context) (T, error)) (obj T, found bool, err error) {
	pending, d := Get(ctx, p)
	diags.Append(d...)
	if pending == nil {
		if obj, ok := fromState(); ok {
			return obj, true, nil
		}
	}
	unseen := pending != nil && !pending.Seen
	unpaid := unseen && !autoPay.IsNull() && !autoPay.ValueBool()
	if unseen && !unpaid {
		var werr error
		obj, werr = visible(ctx)
		if werr != nil {
			// Reported here, in words about the unseen plan, not through
			// the caller's error table.
			diagnostics.AddNotAppeared(diags, what, plan, pending.Reason, werr)
			return obj, false, nil
		}
		return obj, true, nil
	}
	obj, err = find(ctx)
	switch {
	case errors.Is(err, wait.ErrNotFound):
		if unpaid {
			diagnostics.AddUnpaid(diags, what, plan, order)
		}
		return obj, false, nil
	case err != nil:
		return obj, false, err
	}
	return obj, true, nil
}
