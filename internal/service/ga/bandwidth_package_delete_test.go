package ga

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// TestDeleteSubscriptionTurnsRenewalOff checks what the acceptance test
// cannot see: the warning destroy gives for a subscription, with its expiry.
func TestDeleteSubscriptionTurnsRenewalOff(t *testing.T) {
	emu := emutest.Emulator(t, emulator.WithReadyDelay(50*time.Millisecond), emulator.WithUpdateDelay(50*time.Millisecond))
	c := emutest.Client(t, emu)
	ctx := context.Background()

	create := gasdk.CreateCreateBandwidthPackageRequest()
	create.RegionId, create.Bandwidth, create.Type, create.BandwidthType = "cn-hangzhou", requests.NewInteger(5), "Basic", "Basic"
	create.ChargeType, create.Duration, create.PricingCycle, create.AutoPay = "PREPAY", "1", "Month", requests.NewBoolean(true)
	create.QueryParams["AutoRenew"] = "true"
	var created *gasdk.CreateBandwidthPackageResponse
	if err := c.Do(ctx, "CreateBandwidthPackage", func() (err error) {
		created, err = c.GA().CreateBandwidthPackage(create)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	id := created.BandwidthPackageId
	if _, err := waitBandwidthPackageCreated(ctx, c, id); err != nil {
		t.Fatal(err)
	}
	bp, err := findBandwidthPackageByID(ctx, c, id)
	if err != nil {
		t.Fatal(err)
	}

	r := &bandwidthPackageResource{client: c}
	s := bandwidthPackageSchema(ctx)
	state := tfsdk.State{Schema: s}
	m := bandwidthPackageModel{
		ID: types.StringValue(id), ChargeType: types.StringValue("PREPAY"), Name: types.StringValue("kept"),
		Tags: types.MapNull(types.StringType), Accelerators: types.ListNull(types.StringType),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	// The warning comes once, at plan time (planning the destroy).
	expiry := apitime.RFC3339(bp.ExpiredTime)
	m.ExpiredTime = types.StringValue(expiry)
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	destroy := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	planResp := &resource.ModifyPlanResponse{Plan: destroy}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{State: state, Plan: destroy}, planResp)
	if len(planResp.Diagnostics.Warnings()) != 1 || planResp.Diagnostics.HasError() {
		t.Fatalf("want one plan-time warning, got %v", planResp.Diagnostics)
	}
	w := planResp.Diagnostics.Warnings()[0]
	if !strings.Contains(w.Summary(), id) || !strings.Contains(w.Detail(), "NotRenewal") || !strings.Contains(w.Detail(), expiry) {
		t.Errorf("warning does not name the plan, NotRenewal and the expiry %s: %s / %s", expiry, w.Summary(), w.Detail())
	}

	resp := &resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() || len(resp.Diagnostics) != 0 {
		t.Fatalf("delete of a subscription: want no diagnostic (the plan warned), got %v", resp.Diagnostics)
	}
	renew, err := findAutoRenewAttribute(ctx, c, id)
	if err != nil {
		t.Fatal(err)
	}
	if renew.RenewalStatus != "NotRenewal" {
		t.Errorf("RenewalStatus %q, want NotRenewal", renew.RenewalStatus)
	}
	if n := emu.Calls("DeleteBandwidthPackage"); n != 0 {
		t.Errorf("DeleteBandwidthPackage called %d times for an unexpired subscription", n)
	}

	// Once expired, the same destroy releases it, and planning it says so
	// rather than warning that it is kept.
	if err := emu.ExpirePlan(id); err != nil {
		t.Fatal(err)
	}
	m.ExpiredTime = types.StringValue(time.Now().Add(-time.Hour).UTC().Format(time.RFC3339))
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	planResp = &resource.ModifyPlanResponse{Plan: destroy}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{State: state, Plan: destroy}, planResp)
	if len(planResp.Diagnostics) != 0 {
		t.Errorf("planning the destroy of an expired subscription: want no warning, got %v", planResp.Diagnostics)
	}
	resp = &resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() || len(resp.Diagnostics.Warnings()) != 0 {
		t.Fatalf("deleting an expired subscription: %v", resp.Diagnostics)
	}
	if _, err := findBandwidthPackageByID(ctx, c, id); err == nil {
		t.Error("expired subscription still exists after delete")
	}
}
