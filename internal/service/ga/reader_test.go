package ga

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

func buyPlans(t *testing.T, c *client.Client, n int) []string {
	t.Helper()
	var ids []string
	for range n {
		req := gasdk.CreateCreateBandwidthPackageRequest()
		req.Bandwidth, req.Type, req.BandwidthType = requests.NewInteger(2), "Basic", "Basic"
		req.ChargeType, req.ClientToken = "POSTPAY", client.NewClientToken()
		out, err := c.GA().CreateBandwidthPackage(req)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strings.ToLower(out.BandwidthPackageId))
	}
	return ids
}

// The reader lists several plans with ListBandwidthPackages pages, at first
// every page, then only the pages they were last seen on; one plan takes a
// DescribeBandwidthPackage; a plan missing from the list is described on its
// own before it is called gone.
func TestReaderListsPagesAndConfirmsAbsence(t *testing.T) {
	emu := emutest.Emulator(t)
	c := emutest.Client(t, emu)
	ids := buyPlans(t, c, listPageSize+30) // two pages
	r := &planReader{c: c, pageOf: map[string]int{}}
	ctx := context.Background()
	calls := func() (list, describe int) {
		return emu.Calls("ListBandwidthPackages"), emu.Calls("DescribeBandwidthPackage")
	}

	// Unknown pages: read until every plan is found.
	want := []string{ids[0], ids[len(ids)-1]}
	l0, d0 := calls()
	got, err := r.fetch(ctx, want)
	l1, d1 := calls()
	if err != nil || len(got) != 2 || got[ids[0]] == nil || got[ids[len(ids)-1]] == nil {
		t.Fatalf("fetch = %v, %v; want both plans", got, err)
	}
	if l1-l0 != 2 || d1 != d0 {
		t.Errorf("first fetch: %d List and %d Describe calls, want 2 and 0", l1-l0, d1-d0)
	}

	// Known pages: plans that share a page cost one call.
	same := []string{ids[len(ids)-1], ids[len(ids)-2], ids[len(ids)-3]}
	if r.pageOf[same[0]] != r.pageOf[same[1]] || r.pageOf[same[1]] != r.pageOf[same[2]] {
		t.Fatalf("test setup: %v are on pages %d %d %d", same, r.pageOf[same[0]], r.pageOf[same[1]], r.pageOf[same[2]])
	}
	got, err = r.fetch(ctx, same)
	l2, d2 := calls()
	if err != nil || len(got) != 3 {
		t.Fatalf("fetch = %v, %v", got, err)
	}
	if l2-l1 != 1 || d2 != d1 {
		t.Errorf("hinted fetch: %d List and %d Describe calls, want 1 and 0", l2-l1, d2-d1)
	}

	// One plan: one Describe.
	if got, err := r.fetch(ctx, ids[5:6]); err != nil || got[ids[5]] == nil {
		t.Fatalf("single fetch = %v, %v", got, err)
	}
	if l3, d3 := calls(); l3 != l2 || d3-d2 != 1 {
		t.Errorf("single fetch: %d List and %d Describe calls, want 0 and 1", l3-l2, d3-d2)
	}

	// A plan the list leaves out is gone only when Describe says so.
	_, d3 := calls()
	got, err = r.fetch(ctx, []string{ids[1], "gbwp-neverbought"})
	if err != nil || got[ids[1]] == nil {
		t.Fatalf("fetch = %v, %v", got, err)
	}
	if _, ok := got["gbwp-neverbought"]; ok {
		t.Fatal("a plan that does not exist was found")
	}
	if _, d4 := calls(); d4-d3 != 1 {
		t.Errorf("%d Describe calls for a plan the list left out, want 1 (its NotExist is the proof)", d4-d3)
	}
	// A Describe that fails leaves the plan neither found nor gone.
	emu.AddFault(emulator.Fault{Action: "DescribeBandwidthPackage", Mode: emulator.FaultError, Code: "Forbidden.RAM", Status: 403, Count: 1})
	if _, err := r.fetch(ctx, []string{ids[1], "gbwp-neverbought"}); err == nil {
		t.Error("fetch ended well though the proof of absence failed")
	}
}

// A refresh's reads share one complete listing while it is fresh; a call
// that may change a plan makes the next read list again; a plan whose
// delete the API took is gone once the list leaves it out, with no Describe.
func TestReaderSharesFreshListing(t *testing.T) {
	// Plans are ready and settle at once; a deleted plan stays Deleting
	// for an hour, so only the delete call's record can call it gone.
	emu := emutest.Emulator(t, emulator.WithReadyDelay(0), emulator.WithUpdateDelay(0), emulator.WithDeleteDelay(time.Hour))
	c := emutest.Client(t, emu)
	ids := buyPlans(t, c, 30)
	// Fresh for an hour, so a slow machine cannot make the listing stale.
	r := &planReader{c: c, pageOf: map[string]int{}, released: map[string]bool{}, fresh: time.Hour}
	ctx := context.Background()
	list := func() int { return emu.Calls("ListBandwidthPackages") }

	for i := 0; i < 30; i += 10 {
		got, err := r.read(ctx, ids[i:i+10])
		if err != nil || len(got) != 10 {
			t.Fatalf("read = %d plans, %v", len(got), err)
		}
	}
	if n := list(); n != 1 {
		t.Errorf("three reads while the listing is fresh made %d listings, want 1", n)
	}

	if err := setNameAndDescription(ctx, c, ids[0], "renamed", ""); err != nil {
		t.Fatal(err)
	}
	got, err := r.read(ctx, ids[:2])
	if err != nil || got[ids[0]] == nil || got[ids[0]].Name != "renamed" {
		t.Fatalf("read after a change = %v, %v; want the new name", got, err)
	}
	if n := list(); n != 2 {
		t.Errorf("%d listings, want a new one after a change", n)
	}

	if err := deleteBandwidthPackage(ctx, c, ids[1]); err != nil {
		t.Fatal(err)
	}
	// Still listed (Deleting): found. The fetch of a wait lists it.
	if got, err := r.fetch(ctx, ids[1:3]); err != nil || got[ids[1]] == nil {
		t.Fatalf("fetch = %v, %v; want the plan still listed", got, err)
	}
	// A released plan the list leaves out is gone without a Describe; any
	// other plan the list leaves out is described.
	r.mu.Lock()
	r.released["gbwp-releasedbefore"] = true
	r.mu.Unlock()
	before := emu.Calls("DescribeBandwidthPackage")
	got, err = r.fetch(ctx, []string{ids[2], "gbwp-releasedbefore", "gbwp-neverbought"})
	if err != nil || got[ids[2]] == nil || len(got) != 1 {
		t.Fatalf("fetch = %v, %v", got, err)
	}
	if n := emu.Calls("DescribeBandwidthPackage") - before; n != 1 {
		t.Errorf("%d Describe calls, want 1 (for the plan never released)", n)
	}
}
