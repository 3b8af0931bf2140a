package planmodifiers

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
)

var boughtSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"id":       schema.StringAttribute{Computed: true},
	"order_id": schema.StringAttribute{Computed: true},
	"status":   schema.StringAttribute{Computed: true},
	"name":     schema.StringAttribute{Optional: true, Computed: true},
}}

// boughtRequest is a ModifyPlanRequest of an existing plan; destroy plans
// its removal, and pending, when set, is in its private state.
func boughtRequest(t *testing.T, destroy bool, pending *purchase.Pending) (resource.ModifyPlanRequest, *resource.ModifyPlanResponse) {
	t.Helper()
	ctx := context.Background()
	typ := boughtSchema.Type().TerraformType(ctx)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	state := tftypes.NewValue(typ, map[string]tftypes.Value{"id": str("p-1"), "order_id": str("o-1"), "status": str("Idle"), "name": str("n")})
	config := tftypes.NewValue(typ, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, nil),
		"order_id": tftypes.NewValue(tftypes.String, nil), "status": tftypes.NewValue(tftypes.String, nil), "name": tftypes.NewValue(tftypes.String, nil)})
	plan := state.Copy()
	if destroy {
		plan = tftypes.NewValue(typ, nil)
	}
	req := resource.ModifyPlanRequest{
		State:  tfsdk.State{Schema: boughtSchema, Raw: state},
		Config: tfsdk.Config{Schema: boughtSchema, Raw: config},
		Plan:   tfsdk.Plan{Schema: boughtSchema, Raw: plan},
	}
	// The framework hands ModifyPlan the private state; its type is internal.
	priv := reflect.ValueOf(&req).Elem().FieldByName("Private")
	priv.Set(reflect.New(priv.Type().Elem()))
	if d := purchase.Set(ctx, req.Private, pending); d.HasError() {
		t.Fatal(d)
	}
	return req, &resource.ModifyPlanResponse{Plan: tfsdk.Plan{Schema: boughtSchema, Raw: plan.Copy()}}
}

func TestPlanBought(t *testing.T) {
	ctx := context.Background()
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	b := Bought{Label: "CEN bandwidth plan p-1", Subscription: true, ExpiredTime: future, DestroyDoes: "removes it from state",
		ResumeTodo: "waits", Schema: boughtSchema, Keep: []string{"id", "order_id"}}

	// Destroying an unexpired subscription warns once; an expired one, or a
	// pay-as-you-go plan, does not.
	for _, c := range []struct {
		name  string
		b     Bought
		warns int
	}{
		{"unexpired subscription", b, 1},
		{"expired subscription", func() Bought { x := b; x.ExpiredTime = past; return x }(), 0},
		{"pay-as-you-go", func() Bought { x := b; x.Subscription = false; return x }(), 0},
	} {
		req, resp := boughtRequest(t, true, nil)
		PlanBought(ctx, req, resp, c.b)
		if len(resp.Diagnostics.Warnings()) != c.warns || resp.Diagnostics.HasError() {
			t.Errorf("destroy, %s: %v", c.name, resp.Diagnostics)
		}
	}

	// No pending purchase: nothing to say, the plan is left as it is.
	req, resp := boughtRequest(t, false, nil)
	PlanBought(ctx, req, resp, b)
	if len(resp.Diagnostics) != 0 || !resp.Plan.Raw.Equal(req.Plan.Raw) {
		t.Errorf("no pending purchase: %v", resp.Diagnostics)
	}

	// A pending purchase resumes: a warning that says why, and every
	// computed attribute left out of the configuration unknown but those kept.
	req, resp = boughtRequest(t, false, &purchase.Pending{Reason: "the wait timed out after 10m0s"})
	PlanBought(ctx, req, resp, b)
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Summary(), "Resuming CEN bandwidth plan p-1") ||
		!strings.Contains(w[0].Detail(), "timed out") {
		t.Fatalf("resume: %v", resp.Diagnostics)
	}
	for name, unknown := range map[string]bool{"id": false, "order_id": false, "status": true, "name": true} {
		var v types.String
		if d := resp.Plan.GetAttribute(ctx, path.Root(name), &v); d.HasError() {
			t.Fatal(d)
		}
		if v.IsUnknown() != unknown {
			t.Errorf("resume: %s planned %s, want unknown %v", name, v, unknown)
		}
	}
}
