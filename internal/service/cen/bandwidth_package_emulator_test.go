package cen

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
)

// These tests drive the resource's methods and helpers directly against an
// in-process emulator, for what Terraform's CLI output does not expose
// (the text of a destroy warning) and for timing, which belongs in benchmarks.

func emulatorClient(tb testing.TB, opts ...emulator.Option) (*emulator.Server, *client.Client) {
	tb.Helper()
	emu := emutest.Emulator(tb, opts...)
	return emu, emutest.Client(tb, emu)
}

func createPlan(tb testing.TB, c *client.Client, chargeType string) string {
	tb.Helper()
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.Bandwidth = requests.NewInteger(2)
	req.GeographicRegionAId = "China"
	req.GeographicRegionBId = "China"
	req.BandwidthPackageChargeType = chargeType
	req.AutoPay = requests.NewBoolean(true)
	req.Name = "direct"
	out, err := c.CEN().CreateCenBandwidthPackage(req)
	if err != nil {
		tb.Fatal(err)
	}
	return out.CenBandwidthPackageId
}

func stateOf(t *testing.T, id string) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	s := testSchema(t)
	st := tfsdk.State{Schema: s}
	m := bandwidthPackageModel{
		ID: types.StringValue(id), Bandwidth: types.Int64Value(2),
		GeographicRegionAID: types.StringValue("China"), GeographicRegionBID: types.StringValue("China"),
		Name: types.StringValue("direct"), Description: types.StringNull(), ChargeType: types.StringValue("PREPAY"),
		Period: types.Int64Null(), PricingCycle: types.StringNull(), AutoPay: types.BoolNull(), AutoRenew: types.BoolNull(),
		AutoRenewDuration: types.Int64Null(), ResourceGroupID: types.StringNull(), Tags: types.MapNull(types.StringType),
		Status: types.StringNull(), BusinessStatus: types.StringNull(), ExpiredTime: types.StringNull(),
		CreationTime: types.StringNull(), OrderID: types.StringNull(), IsCrossBorder: types.BoolNull(),
		CenIDs: types.SetNull(types.StringType),
	}
	m.Timeouts.Object = types.ObjectNull(map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType})
	if d := st.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	return st
}

func TestDeleteSubscriptionWarns(t *testing.T) {
	t.Parallel()
	emu, c := emulatorClient(t, emulator.WithReadyDelay(10*time.Millisecond))
	id := createPlan(t, c, "PREPAY")
	p, err := waitBandwidthPackageCreated(context.Background(), c, id)
	if err != nil {
		t.Fatal(err)
	}

	r := &bandwidthPackageResource{client: c}
	// The warning comes once, at plan time: planning the destroy names
	// the plan, its expiry and that it keeps billing.
	state := stateOf(t, id)
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	var m bandwidthPackageModel
	if d := state.Get(context.Background(), &m); d.HasError() {
		t.Fatal(d)
	}
	m.ChargeType, m.ExpiredTime = types.StringValue("PREPAY"), types.StringValue(p.ExpiredTime)
	if d := state.Set(context.Background(), &m); d.HasError() {
		t.Fatal(d)
	}
	planResp := &resource.ModifyPlanResponse{Plan: tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(context.Background()), nil)}}
	r.ModifyPlan(context.Background(), resource.ModifyPlanRequest{State: state, Plan: planResp.Plan}, planResp)
	warnings := planResp.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("want one plan-time warning, got %v", planResp.Diagnostics)
	}
	text := warnings[0].Summary() + " " + warnings[0].Detail()
	for _, want := range []string{id, p.ExpiredTime, "subscription", "keeps billing"} {
		if !strings.Contains(text, want) {
			t.Errorf("warning does not name %q: %s", want, text)
		}
	}

	resp := &resource.DeleteResponse{}
	r.Delete(context.Background(), resource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() || len(resp.Diagnostics) != 0 {
		t.Fatalf("delete of a subscription: want no diagnostic (the plan warned), got %v", resp.Diagnostics)
	}
	if n := emu.Calls("DeleteCenBandwidthPackage"); n != 0 {
		t.Errorf("DeleteCenBandwidthPackage called %d times", n)
	}
	if len(emu.Resources()) != 1 {
		t.Errorf("the plan should still exist")
	}
}

func TestDeleteAlreadyGoneSucceeds(t *testing.T) {
	t.Parallel()
	_, c := emulatorClient(t)
	r := &bandwidthPackageResource{client: c}
	resp := &resource.DeleteResponse{}
	r.Delete(context.Background(), resource.DeleteRequest{State: stateOf(t, "cenbwp-doesnotexist")}, resp)
	if resp.Diagnostics.HasError() || len(resp.Diagnostics.Warnings()) != 0 {
		t.Fatalf("deleting a plan that is gone: %v", resp.Diagnostics)
	}
}

func TestFindNotFound(t *testing.T) {
	t.Parallel()
	emu, c := emulatorClient(t)
	if _, err := findBandwidthPackageByID(context.Background(), c, "cenbwp-nope"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("empty list: got %v, want not found", err)
	}
	emu.AddFault(emulator.Fault{Action: "DescribeCenBandwidthPackages", Mode: emulator.FaultError, Code: "ParameterCenInstanceId", Status: 400, Count: 1})
	if _, err := findBandwidthPackageByID(context.Background(), c, "cenbwp-nope"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("ParameterCenInstanceId: got %v, want not found", err)
	}
}

// BenchmarkWaitCreated measures how late the create wait sees a plan that
// becomes ready after 3 s (bound: max(1 s, 10 %) = 1 s), and its Describe calls.
func BenchmarkWaitCreated(b *testing.B) {
	const ready = 3 * time.Second
	emu, c := emulatorClient(b, emulator.WithReadyDelay(ready))
	var late time.Duration
	for b.Loop() {
		before := emu.Calls("DescribeCenBandwidthPackages")
		start := time.Now()
		id := createPlan(b, c, "POSTPAY")
		if _, err := waitBandwidthPackageCreated(context.Background(), c, id); err != nil {
			b.Fatal(err)
		}
		late = time.Since(start) - ready
		b.ReportMetric(float64(emu.Calls("DescribeCenBandwidthPackages")-before), "describes/op")
	}
	b.ReportMetric(late.Seconds(), "s-late")
}

// TestCreateKeepsIDWhenWaitFails: a create whose wait fails (here an unpaid
// order and a short timeout) leaves the plan's ID and order in state with a
// warning, never an error (Terraform would taint it and buy it again), and
// records what is left to do in private state.
func TestCreateKeepsIDWhenWaitFails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	emu, c := emulatorClient(t)
	s := testSchema(t)
	m := bandwidthPackageModel{
		ID: types.StringUnknown(), Bandwidth: types.Int64Value(2),
		GeographicRegionAID: types.StringValue("China"), GeographicRegionBID: types.StringValue("China"),
		Name: types.StringValue("unpaid"), Description: types.StringUnknown(), ChargeType: types.StringValue("PREPAY"),
		Period: types.Int64Null(), PricingCycle: types.StringNull(), AutoPay: types.BoolValue(false), AutoRenew: types.BoolNull(),
		AutoRenewDuration: types.Int64Null(), ResourceGroupID: types.StringUnknown(), Tags: types.MapNull(types.StringType),
		Status: types.StringUnknown(), BusinessStatus: types.StringUnknown(), ExpiredTime: types.StringUnknown(),
		CreationTime: types.StringUnknown(), OrderID: types.StringUnknown(), IsCrossBorder: types.BoolUnknown(),
		CenIDs: types.SetUnknown(types.StringType),
	}
	m.Timeouts.Object = types.ObjectValueMust(
		map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType},
		map[string]attr.Value{"create": types.StringValue("1s"), "update": types.StringNull(), "delete": types.StringNull()})
	plan := tfsdk.Plan{Schema: s}
	if d := plan.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	resp := &resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: plan.Raw.Copy()}}
	// The framework hands Create an empty private state; its type is internal.
	priv := reflect.ValueOf(resp).Elem().FieldByName("Private")
	priv.Set(reflect.New(priv.Type().Elem()))
	resp.State.RemoveResource(ctx)
	r := &bandwidthPackageResource{client: c}
	r.Create(ctx, resource.CreateRequest{Plan: plan}, resp)

	if resp.Diagnostics.HasError() || len(resp.Diagnostics.Warnings()) != 1 {
		t.Fatalf("create of an unpaid plan: want one warning and no error, got %v", resp.Diagnostics)
	}
	if !resp.State.Raw.IsFullyKnown() {
		t.Fatal("state holds unknown values")
	}
	pending, _ := purchase.Get(ctx, resp.Private)
	if pending == nil || pending.Seen || !strings.Contains(pending.Reason, "timed out") {
		t.Fatalf("pending record %+v, want one that never saw the plan and says it timed out", pending)
	}
	var got bandwidthPackageModel
	if d := resp.State.Get(ctx, &got); d.HasError() {
		t.Fatal(d)
	}
	orders := emu.Resources()
	if len(orders) != 1 || got.ID.ValueString() != orders[0].ID || got.OrderID.ValueString() != orders[0].OrderID {
		t.Fatalf("state has id %s order %s; emulator has %+v", got.ID, got.OrderID, orders)
	}
	if msg := resp.Diagnostics.Warnings()[0].Summary() + resp.Diagnostics.Warnings()[0].Detail(); !strings.Contains(msg, orders[0].OrderID) ||
		!strings.Contains(msg, "auto_pay = false") || !strings.Contains(msg, "not tainted") {
		t.Errorf("diagnostic does not name the unpaid order: %s", msg)
	}
}
