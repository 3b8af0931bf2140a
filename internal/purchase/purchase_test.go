package purchase

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// private is an in-memory stand-in for the framework's private state data.
type private map[string][]byte

func (p private) GetKey(_ context.Context, k string) ([]byte, diag.Diagnostics) { return p[k], nil }
func (p private) SetKey(_ context.Context, k string, v []byte) diag.Diagnostics {
	if len(v) == 0 {
		delete(p, k)
	} else {
		p[k] = v
	}
	return nil
}

func TestPendingRoundTrip(t *testing.T) {
	ctx := context.Background()
	p := private{}
	if got, _ := Get(ctx, p); got != nil {
		t.Fatalf("empty private state gave %+v", got)
	}
	want := &Pending{Reason: "interrupted", Seen: true, FollowUp: true}
	Set(ctx, p, want)
	got, _ := Get(ctx, p)
	if got == nil || *got != *want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	Set(ctx, p, nil)
	if got, _ := Get(ctx, p); got != nil || len(p) != 0 {
		t.Fatalf("cleared record still there: %+v %v", got, p)
	}
	// A record this version cannot read still marks the plan unfinished.
	p[privateKey] = []byte(`"not an object"`)
	if got, _ := Get(ctx, p); got == nil {
		t.Fatal("an unreadable record was taken as no record")
	}
}

func TestReason(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	soon, cancel3 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel3()
	later, cancel4 := context.WithTimeout(context.Background(), time.Hour)
	defer cancel4()
	busy := apierrors.NewAPIError("ServiceUnavailable", "down", "R1", 503, nil)
	locked := apierrors.NewAPIError("Forbidden.RAM", "denied", "R2", 403, nil)
	cases := []struct {
		ctx  context.Context
		err  error
		want []string
		not  string
	}{
		{cancelled, context.Canceled, []string{"interrupted"}, "timed out"},
		{expired, fmt.Errorf("wait: %w", context.DeadlineExceeded), []string{"timed out after 5m0s"}, "interrupted"},
		{soon, busy, []string{"timed out after 5m0s", "ServiceUnavailable"}, "interrupted"},
		{later, busy, []string{"transient", "ServiceUnavailable"}, "timed out"},
		{later, locked, []string{"Forbidden.RAM", "denied"}, "transient"},
		// A shared poll that kept failing: the timeout names the last failure.
		{expired, &wait.TimeoutError{Err: context.DeadlineExceeded, Cause: busy}, []string{"timed out after 5m0s", "kept failing", "ServiceUnavailable"}, "interrupted"},
	}
	for i, c := range cases {
		got := Reason(c.ctx, c.err, 5*time.Minute)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("case %d: %q lacks %q", i, got, w)
			}
		}
		if strings.Contains(got, c.not) {
			t.Errorf("case %d: %q says %q", i, got, c.not)
		}
	}
}

func TestMayHaveBought(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{apierrors.NewAPIError("InvalidParameter", "bad", "R", 400, nil), false},
		{apierrors.NewAPIError("ServiceUnavailable", "down", "R", 503, nil), true},
		{apierrors.NewAPIError("Throttling.User", "slow", "R", 400, nil), true},
		{apierrors.NewAPIError(apierrors.CodeConnection, "reset", "", 0, nil), true},
		{apierrors.NewAPIError("SomethingNew", "?", "R", 502, nil), true},
		{apierrors.NewAPIError("SomethingNew", "?", "R", 400, nil), false},
		{context.DeadlineExceeded, true},
		{errors.New("not an API error"), true},
	} {
		if got := MayHaveBought(c.err); got != c.want {
			t.Errorf("MayHaveBought(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func testSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":       schema.StringAttribute{Computed: true},
		"name":     schema.StringAttribute{Optional: true, Computed: true},
		"status":   schema.StringAttribute{Computed: true},
		"size":     schema.Int64Attribute{Required: true},
		"order_id": schema.StringAttribute{Computed: true},
	}}
}

func obj(vals map[string]tftypes.Value) tftypes.Value {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "status": tftypes.String, "size": tftypes.Number, "order_id": tftypes.String}}
	full := map[string]tftypes.Value{}
	for k, tt := range typ.AttributeTypes {
		full[k] = tftypes.NewValue(tt, nil)
	}
	for k, v := range vals {
		full[k] = v
	}
	return tftypes.NewValue(typ, full)
}

func TestMarkComputedUnknown(t *testing.T) {
	ctx := context.Background()
	s := testSchema()
	known := map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "x-1"), "name": tftypes.NewValue(tftypes.String, "old"),
		"status": tftypes.NewValue(tftypes.String, "Creating"), "size": tftypes.NewValue(tftypes.Number, 5),
		"order_id": tftypes.NewValue(tftypes.String, "o-1"),
	}
	plan := tfsdk.Plan{Schema: s, Raw: obj(known)}
	config := tfsdk.Config{Schema: s, Raw: obj(map[string]tftypes.Value{"size": tftypes.NewValue(tftypes.Number, 5)})}
	if d := MarkComputedUnknown(ctx, s, config, &plan, "id", "order_id"); d.HasError() {
		t.Fatal(d)
	}
	for name, wantUnknown := range map[string]bool{"id": false, "order_id": false, "size": false, "status": true, "name": true} {
		v, _ := plan.Raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName(name))
		if got := !v.(tftypes.Value).IsKnown(); got != wantUnknown {
			t.Errorf("%s unknown = %v, want %v", name, got, wantUnknown)
		}
	}
	// A configured optional+computed value stays as configured.
	plan = tfsdk.Plan{Schema: s, Raw: obj(known)}
	config.Raw = obj(map[string]tftypes.Value{"size": tftypes.NewValue(tftypes.Number, 5), "name": tftypes.NewValue(tftypes.String, "old")})
	MarkComputedUnknown(ctx, s, config, &plan)
	v, _ := plan.Raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName("name"))
	if !v.(tftypes.Value).IsKnown() {
		t.Error("a configured name was planned unknown")
	}
}

func TestNullUnknowns(t *testing.T) {
	s := testSchema()
	st := tfsdk.State{Schema: s, Raw: obj(map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "x-1"), "status": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})}
	if d := NullUnknowns(&st); d.HasError() {
		t.Fatal(d)
	}
	if !st.Raw.IsFullyKnown() {
		t.Fatal("unknown values left in state")
	}
	v, _ := st.Raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName("id"))
	if !v.(tftypes.Value).Equal(tftypes.NewValue(tftypes.String, "x-1")) {
		t.Errorf("a known value changed: %v", v)
	}
}

func TestWarningsSayWhatHappened(t *testing.T) {
	var d diag.Diagnostics
	AddUnfinished(&d, `creating CEN bandwidth plan ("x")`, "CEN bandwidth plan cenbwp-1", "o-1", "the apply was interrupted", "waits")
	if d.HasError() || len(d) != 1 {
		t.Fatalf("want one warning, got %v", d)
	}
	text := d[0].Summary() + d[0].Detail()
	for _, w := range []string{"cenbwp-1", "bought", "o-1", "interrupted", "not tainted", "terraform apply"} {
		if !strings.Contains(text, w) {
			t.Errorf("warning lacks %q: %s", w, text)
		}
	}
	d = nil
	SubscriptionAtRisk(&d, "GA bandwidth plan gbwp-1", "2027-01-01T00:00:00Z", false, true, "forgets it")
	if len(d) != 1 || !strings.Contains(d[0].Detail(), "2027-01-01T00:00:00Z") || !strings.Contains(d[0].Summary(), "second subscription") {
		t.Errorf("replace warning: %v", d)
	}
	d = nil
	SubscriptionAtRisk(&d, "GA bandwidth plan gbwp-1", "2020-01-01T00:00:00Z", true, false, "forgets it")
	if len(d) != 0 {
		t.Errorf("destroying an expired subscription warned: %v", d)
	}
}

func TestKeepPriorForUnknown(t *testing.T) {
	s := testSchema()
	prior := tfsdk.State{Schema: s, Raw: obj(map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "x-1"), "order_id": tftypes.NewValue(tftypes.String, "o-1")})}
	st := tfsdk.State{Schema: s, Raw: obj(map[string]tftypes.Value{
		"id":       tftypes.NewValue(tftypes.String, "x-1"),
		"order_id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"status":   tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"size":     tftypes.NewValue(tftypes.Number, 7),
	})}
	if d := KeepPriorForUnknown(&st, prior); d.HasError() {
		t.Fatal(d)
	}
	want := map[string]tftypes.Value{
		"order_id": tftypes.NewValue(tftypes.String, "o-1"),
		"status":   tftypes.NewValue(tftypes.String, nil),
		"size":     tftypes.NewValue(tftypes.Number, 7),
	}
	for name, w := range want {
		v, _ := st.Raw.ApplyTerraform5AttributePathStep(tftypes.AttributeName(name))
		if !v.(tftypes.Value).Equal(w) {
			t.Errorf("%s = %v, want %v", name, v, w)
		}
	}
}

// FindToDelete: a plan never seen is waited for, unless its order is unpaid
// (then forgotten with a warning); a seen plan that is gone is simply gone.
func TestFindToDelete(t *testing.T) {
	ctx := context.Background()
	notFound := func(context.Context) (string, error) { return "", fmt.Errorf("x: %w", wait.ErrNotFound) }
	found := func(context.Context) (string, error) { return "plan", nil }
	broken := func(context.Context) (string, error) { return "", errors.New("boom") }
	unseen := private{}
	Set(ctx, unseen, &Pending{Reason: "interrupted"})
	cases := []struct {
		name           string
		p              private
		autoPay        types.Bool
		find, visible  func(context.Context) (string, error)
		wantFound      bool
		wantErr        bool
		wantSeverities string // "", "warning" or "error"
	}{
		{"seen and there", private{}, types.BoolNull(), found, broken, true, false, ""},
		{"seen and gone", private{}, types.BoolNull(), notFound, broken, false, false, ""},
		{"lookup fails", private{}, types.BoolNull(), broken, broken, false, true, ""},
		{"never seen, shows up", unseen, types.BoolValue(true), broken, found, true, false, ""},
		{"never seen, never shows", unseen, types.BoolNull(), found, broken, false, false, "error"},
		{"unpaid order", unseen, types.BoolValue(false), notFound, broken, false, false, "warning"},
		{"unpaid order, paid meanwhile", unseen, types.BoolValue(false), found, broken, true, false, ""},
	}
	noState := func() (string, bool) { return "", false }
	for _, c := range cases {
		var d diag.Diagnostics
		obj, ok, err := FindToDelete(ctx, &d, c.p, c.autoPay, "deleting X", "plan x-1", "o-1", noState, c.find, c.visible)
		if ok != c.wantFound || (err != nil) != c.wantErr || (ok && obj != "plan") {
			t.Errorf("%s: found=%v err=%v obj=%q", c.name, ok, err, obj)
		}
		got := ""
		switch {
		case d.HasError():
			got = "error"
		case d.WarningsCount() > 0:
			got = "warning"
		}
		if got != c.wantSeverities {
			t.Errorf("%s: diagnostics %v, want %q", c.name, d, c.wantSeverities)
		}
	}

	// What state tells is enough with no record, and never with one.
	fromState := func() (string, bool) { return "plan", true }
	var d diag.Diagnostics
	if obj, ok, err := FindToDelete(ctx, &d, private{}, types.BoolNull(), "deleting X", "plan x-1", "o-1", fromState, broken, broken); !ok || err != nil || obj != "plan" {
		t.Errorf("settled plan: found=%v err=%v obj=%q, want the state's answer and no lookup", ok, err, obj)
	}
	if _, ok, _ := FindToDelete(ctx, &d, unseen, types.BoolValue(false), "deleting X", "plan x-1", "o-1", fromState, notFound, broken); ok || d.WarningsCount() != 1 {
		t.Errorf("unpaid order: found=%v diagnostics %v; state alone must not skip the unpaid check", ok, d)
	}
}
