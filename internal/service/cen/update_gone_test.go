package cen

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// An update of a plan deleted outside Terraform fails at once, saying the
// plan no longer exists, instead of retrying until the update timeout. (The
// acceptance tests cannot reach this: their refresh drops the plan first; a
// user gets here with -refresh=false, or when the plan goes between the
// refresh and the apply.)
func TestUpdateOfDeletedPlanFailsAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	emu, c := emulatorClient(t, emulator.WithReadyDelay(10*time.Millisecond), emulator.WithDeleteDelay(0))
	id := createPlan(t, c, "POSTPAY")
	if _, err := waitBandwidthPackageCreated(ctx, c, id); err != nil {
		t.Fatal(err)
	}
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = id
	if _, err := c.CEN().DeleteCenBandwidthPackage(del); err != nil {
		t.Fatal(err)
	}

	state := stateOf(t, id)
	var m bandwidthPackageModel
	state.Get(ctx, &m)
	m.ChargeType = types.StringValue("POSTPAY")
	state.Set(ctx, &m)
	for _, change := range []func(*bandwidthPackageModel){
		func(m *bandwidthPackageModel) { m.Bandwidth = types.Int64Value(3) },
		func(m *bandwidthPackageModel) { m.Name = types.StringValue("renamed") },
	} {
		pm := m
		change(&pm)
		plan := tfsdk.Plan{Schema: state.Schema}
		plan.Set(ctx, &pm)
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
		// Not the 10-minute timeout: a few calls, well under a minute.
		if took := time.Since(start); took > time.Minute {
			t.Errorf("took %s", took)
		}
	}
	if n := emu.Calls("ModifyCenBandwidthPackageSpec") + emu.Calls("ModifyCenBandwidthPackageAttribute"); n != 2 {
		t.Errorf("modify calls: %d, want one per update (no retries)", n)
	}
}
