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

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/testsupport"
)

// TestDeleteSubscriptionTurnsRenewalOff checks what the acceptance test
// cannot see: the warning destroy gives for a subscription, with its expiry.
func TestDeleteSubscriptionTurnsRenewalOff(t *testing.T) {
	emu := testsupport.Emulator(t, emulator.WithReadyDelay(50*time.Millisecond), emulator.WithUpdateDelay(50*time.Millisecond))
	c := testsupport.Client(t, emu)
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
	if err := waitBandwidthPackageCreated(ctx, c, id, notFoundChecks); err != nil {
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
		Tags: types.MapNull(types.StringType),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	resp := &resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if len(resp.Diagnostics.Warnings()) != 1 {
		t.Fatalf("want one warning, got %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	expiry := formatTime(bp.ExpiredTime)
	if !strings.Contains(w.Summary(), id) || !strings.Contains(w.Detail(), "NotRenewal") || !strings.Contains(w.Detail(), expiry) {
		t.Errorf("warning does not name the plan, NotRenewal and the expiry %s: %s / %s", expiry, w.Summary(), w.Detail())
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

	// Once expired, the same destroy releases it.
	if err := emu.ExpirePlan(id); err != nil {
		t.Fatal(err)
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
