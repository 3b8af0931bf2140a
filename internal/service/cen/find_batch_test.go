package cen

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// Concurrent finds share Describe calls filtered on many IDs; every plan is
// found, and an unknown one is reported not found.
func TestFindBatchesConcurrentReads(t *testing.T) {
	emu, c := emulatorClient(t)
	var ids []string
	for range 120 {
		ids = append(ids, createPlan(t, c, "POSTPAY"))
	}
	before := emu.Calls("DescribeCenBandwidthPackages")
	var wg sync.WaitGroup
	for _, id := range append(ids, "cenbwp-doesnotexist") {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := findBandwidthPackageByID(context.Background(), c, id)
			switch {
			case id == "cenbwp-doesnotexist":
				if !errors.Is(err, wait.ErrNotFound) {
					t.Errorf("unknown plan: %v", err)
				}
			case err != nil || p.CenBandwidthPackageId != id:
				t.Errorf("find %s: %v %+v", id, err, p)
			}
		}()
	}
	wg.Wait()
	// Batches of describeBatch IDs: 13 calls, a few more if a batch leaves
	// early on its window; one call per find would be 121.
	if n := emu.Calls("DescribeCenBandwidthPackages") - before; n > 121/describeBatch+6 {
		t.Errorf("121 concurrent finds took %d Describe calls, want about %d (%d IDs each)", n, 121/describeBatch+1, describeBatch)
	}
}

// An account that answers ParameterCenInstanceId for an unknown ID fails the
// whole batch; each ID is then described alone.
func TestFindBatchFallsBackOnParameterCenInstanceId(t *testing.T) {
	emu, c := emulatorClient(t)
	id := createPlan(t, c, "POSTPAY")
	emu.AddFault(emulator.Fault{Action: "DescribeCenBandwidthPackages", Mode: emulator.FaultError, Code: "ParameterCenInstanceId", Status: 400, Count: 1})
	got, err := describeBandwidthPackages(context.Background(), c, []string{id, "cenbwp-gone"})
	if err != nil || got[id] == nil {
		t.Fatalf("fallback: %v %v", err, got)
	}
	if _, ok := got["cenbwp-gone"]; ok {
		t.Fatal("an unknown plan was found")
	}
	// First the batch, then one call per ID.
	if n := emu.Calls("DescribeCenBandwidthPackages"); n != 3 {
		t.Fatalf("%d Describe calls, want 3", n)
	}
}
