package ga

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// newActivePlan buys a pay-as-you-go Basic plan in emu and waits until it is active.
func newActivePlan(ctx context.Context, t *testing.T, c *client.Client) string {
	t.Helper()
	create := gasdk.CreateCreateBandwidthPackageRequest()
	create.RegionId, create.Bandwidth, create.Type, create.BandwidthType = "cn-hangzhou", requests.NewInteger(5), "Basic", "Basic"
	create.ChargeType, create.AutoPay = "POSTPAY", requests.NewBoolean(true)
	created, err := c.GA().CreateBandwidthPackage(create)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := waitBandwidthPackageCreated(ctx, c, created.BandwidthPackageId); err != nil {
		t.Fatal(err)
	}
	return created.BandwidthPackageId
}

// TestDeleteUnbound: a bound plan is a *boundError naming the accelerator,
// at once; a BindExist answer for a plan Describe shows unbound is asked again.
func TestDeleteUnbound(t *testing.T) {
	// Binding and unbinding last a second: the second remove below comes while the first is under way.
	emu := emutest.FastEmulator(t, 50*time.Millisecond, time.Second)
	c := emutest.Client(t, emu)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	id := newActivePlan(ctx, t, c)
	acc := emu.AddAccelerator("").ID
	if err := addAccelerator(ctx, c, id, acc); err != nil {
		t.Fatal(err)
	}
	if _, err := waitAttachmentCreated(ctx, c, id, acc); err != nil {
		t.Fatal(err)
	}

	err := deleteUnbound(ctx, c, id)
	var bound *boundError
	if !errors.As(err, &bound) || len(bound.accelerators) != 1 || bound.accelerators[0] != acc {
		t.Fatalf("delete of a bound plan: %v, want a boundError naming %s", err, acc)
	}
	if n := emu.Calls("DeleteBandwidthPackage"); n != 1 {
		t.Fatalf("DeleteBandwidthPackage called %d times, want 1", n)
	}

	if err := removeAccelerator(ctx, c, id, acc); err != nil {
		t.Fatal(err)
	}
	// Being unbound, then unbound (and, below, the plan gone): nothing to send.
	if err := removeAccelerator(ctx, c, id, acc); err != nil {
		t.Fatalf("remove while unbinding: %v", err)
	}
	if err := waitAttachmentDeleted(ctx, c, id, acc); err != nil {
		t.Fatal(err)
	}
	if err := removeAccelerator(ctx, c, id, acc); !errors.Is(err, wait.ErrNotFound) {
		t.Fatalf("remove once unbound: %v, want not found", err)
	}
	if n := emu.Calls("BandwidthPackageRemoveAccelerator"); n != 1 {
		t.Fatalf("BandwidthPackageRemoveAccelerator called %d times, want 1", n)
	}
	emu.AddFault(emulator.Fault{Action: "DeleteBandwidthPackage", Mode: emulator.FaultError,
		Code: "BindExist.BandwidthPackage", Message: "The bandwidth package is already bound.", Status: 400, Count: 1})
	if err := deleteUnbound(ctx, c, id); err != nil {
		t.Fatalf("delete after a stale BindExist: %v", err)
	}
	if n := emu.Calls("DeleteBandwidthPackage"); n != 3 {
		t.Fatalf("DeleteBandwidthPackage called %d times, want 3", n)
	}
	if err := waitBandwidthPackageDeleted(ctx, c, id); err != nil {
		t.Fatal(err)
	}
	if err := removeAccelerator(ctx, c, id, acc); !errors.Is(err, wait.ErrNotFound) {
		t.Fatalf("remove from a deleted plan: %v, want not found", err)
	}
}
