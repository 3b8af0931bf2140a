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
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// An update of a plan deleted outside Terraform fails at once, saying the
// plan no longer exists: NotExist.BandwidthPackage is retried only while
// Describe still shows the plan (the lag just after create). (The acceptance
// tests cannot reach this: their refresh drops the plan first.)
func TestUpdateOfDeletedPlanFailsAtOnce(t *testing.T) {
	emu := emutest.Emulator(t, emulator.WithReadyDelay(10*time.Millisecond), emulator.WithDeleteDelay(0))
	c := emutest.Client(t, emu)
	ctx := context.Background()
	create := gasdk.CreateCreateBandwidthPackageRequest()
	create.RegionId, create.Bandwidth, create.Type, create.BandwidthType = "cn-hangzhou", requests.NewInteger(5), "Basic", "Basic"
	create.ChargeType, create.AutoPay = "POSTPAY", requests.NewBoolean(true)
	created, err := c.GA().CreateBandwidthPackage(create)
	if err != nil {
		t.Fatal(err)
	}
	id := created.BandwidthPackageId
	if _, err := waitBandwidthPackageCreated(ctx, c, id); err != nil {
		t.Fatal(err)
	}
	del := gasdk.CreateDeleteBandwidthPackageRequest()
	del.RegionId, del.BandwidthPackageId = "cn-hangzhou", id
	if _, err := c.GA().DeleteBandwidthPackage(del); err != nil {
		t.Fatal(err)
	}

	s := bandwidthPackageSchema(ctx)
	m := bandwidthPackageModel{
		ID: types.StringValue(id), Bandwidth: types.Int64Value(5), Type: types.StringValue("Basic"),
		BandwidthType: types.StringValue("Basic"), ChargeType: types.StringValue("POSTPAY"),
		Name: types.StringValue("before"), Tags: types.MapNull(types.StringType), Accelerators: types.ListNull(types.StringType),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
	state := tfsdk.State{Schema: s}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	for _, change := range []func(*bandwidthPackageModel){
		func(m *bandwidthPackageModel) { m.Name = types.StringValue("after") },
		func(m *bandwidthPackageModel) { m.AutoRenew = types.BoolValue(true) },
		func(m *bandwidthPackageModel) {
			m.Tags = types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("v")})
		},
	} {
		pm := m
		change(&pm)
		plan := tfsdk.Plan{Schema: s}
		if d := plan.Set(ctx, &pm); d.HasError() {
			t.Fatal(d)
		}
		resp := &resource.UpdateResponse{State: state}
		start := time.Now()
		(&bandwidthPackageResource{client: c}).Update(ctx, resource.UpdateRequest{Plan: plan, State: state}, resp)
		if !resp.Diagnostics.HasError() {
			t.Fatal("the update of a deleted plan succeeded")
		}
		msg := resp.Diagnostics.Errors()[0].Summary() + " " + resp.Diagnostics.Errors()[0].Detail()
		if !strings.Contains(msg, "no longer exists") || !strings.Contains(msg, id) {
			t.Errorf("diagnostic does not say that %s no longer exists: %s", id, msg)
		}
		if took := time.Since(start); took > time.Minute {
			t.Errorf("took %s", took)
		}
	}
	if n := emu.Calls("UpdateBandwidthPackage"); n != 1 {
		t.Errorf("UpdateBandwidthPackage reached %d times, want 1 (no retries of NotExist)", n)
	}
}
