package emulator

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// endReadAfterCreate moves a plan's read-after-create delay into the past, so a test
// does not have to wait for it.
func endReadAfterCreate(s *Server, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.plans[id].ListedAt = time.Now().Add(-time.Second)
}

func TestReadAfterCreateDelayCEN(t *testing.T) {
	s := startServer(t, WithReadAfterCreateDelay(time.Hour))
	c := cenClient(t, s)
	mk := func() *cbn.CreateCenBandwidthPackageRequest {
		req := cbn.CreateCreateCenBandwidthPackageRequest()
		req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId = requests.NewInteger(10), "China", "Europe"
		req.AutoPay, req.BandwidthPackageChargeType, req.ClientToken = "true", "POSTPAY", "rac-cen"
		return req
	}
	first, err := c.CreateCenBandwidthPackage(mk())
	if err != nil {
		t.Fatal(err)
	}
	id := first.CenBandwidthPackageId

	// Filtered on its ID: the empty list that is the API's "not found".
	if got := describeCEN(t, c, id); len(got) != 0 {
		t.Fatalf("filtered Describe lists the plan during the delay: %+v", got)
	}
	all, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all.CenBandwidthPackages.CenBandwidthPackage); n != 0 || all.TotalCount != 0 {
		t.Fatalf("unfiltered Describe lists %d plans (TotalCount %d) during the delay", n, all.TotalCount)
	}

	// The same ClientToken still answers the same plan, and creates no second one.
	again, err := c.CreateCenBandwidthPackage(mk())
	if err != nil {
		t.Fatal(err)
	}
	if again.CenBandwidthPackageId != id || again.CenBandwidthPackageOrderId != first.CenBandwidthPackageOrderId {
		t.Fatalf("replay during the delay answered %+v, want %+v", again, first)
	}
	if res := s.Resources(); len(res) != 1 || res[0].ID != id {
		t.Fatalf("control API resources: %+v", res)
	}

	endReadAfterCreate(s, id)
	if got := describeCEN(t, c, id); len(got) != 1 || got[0].CenBandwidthPackageId != id {
		t.Fatalf("Describe after the delay: %+v", got)
	}
}

func TestReadAfterCreateDelayGA(t *testing.T) {
	s := startServer(t, WithReadAfterCreateDelay(time.Hour))
	g := gaClient(t, s)
	created := createGA(t, g, func(r *ga.CreateBandwidthPackageRequest) { r.ClientToken = "rac-ga" })
	id := created.BandwidthPackageId

	describe := func() error {
		req := ga.CreateDescribeBandwidthPackageRequest()
		req.BandwidthPackageId = id
		_, err := g.DescribeBandwidthPackage(req)
		return err
	}
	list := func() int {
		resp, err := g.ListBandwidthPackages(ga.CreateListBandwidthPackagesRequest())
		if err != nil {
			t.Fatal(err)
		}
		return len(resp.BandwidthPackages)
	}
	update := func() error {
		req := ga.CreateUpdateBandwidthPackageRequest()
		req.BandwidthPackageId, req.Bandwidth = id, requests.NewInteger(30)
		_, err := g.UpdateBandwidthPackage(req)
		return err
	}

	wantAPIError(t, describe(), "NotExist.BandwidthPackage", 400)
	if n := list(); n != 0 {
		t.Fatalf("ListBandwidthPackages shows %d plans during the delay", n)
	}
	wantAPIError(t, update(), "NotExist.BandwidthPackage", 400)

	again := createGA(t, g, func(r *ga.CreateBandwidthPackageRequest) { r.ClientToken = "rac-ga" })
	if again.BandwidthPackageId != id || again.OrderId != created.OrderId {
		t.Fatalf("replay during the delay answered %+v, want %+v", again, created)
	}
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("want 1 plan, got %d", n)
	}

	endReadAfterCreate(s, id)
	if err := describe(); err != nil {
		t.Fatalf("Describe after the delay: %v", err)
	}
	if n := list(); n != 1 {
		t.Fatalf("ListBandwidthPackages shows %d plans after the delay", n)
	}
	// The plan is still init for the ready delay, so Update now gets past "not found".
	settle(t, s, "the plan to be active", func() bool { return gaState(t, g, id) == "active" })
	if err := update(); err != nil {
		t.Fatalf("Update after the delay: %v", err)
	}
}

// The delay ends by itself, and a plan created without the option is listed at once.
func TestReadAfterCreateDelayEnds(t *testing.T) {
	s := startServer(t, WithReadAfterCreateDelay(100*time.Millisecond))
	c := cenClient(t, s)
	id := createCEN(t, c, nil).CenBandwidthPackageId
	settle(t, s, "the plan to be listed", func() bool { return len(describeCEN(t, c, id)) == 1 })

	plain := startServer(t)
	pc := cenClient(t, plain)
	pid := createCEN(t, pc, nil).CenBandwidthPackageId
	if got := describeCEN(t, pc, pid); len(got) != 1 {
		t.Fatalf("without the option the plan must be listed at once: %+v", got)
	}
}

// The delay is part of the plan's schedule, so a state file keeps it across a restart.
func TestReadAfterCreateDelaySurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s1, err := New(WithStateFile(path), WithReadAfterCreateDelay(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	id := createCEN(t, cenClient(t, s1), nil).CenBandwidthPackageId
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := startServer(t, WithStateFile(path))
	c := cenClient(t, s2)
	if got := describeCEN(t, c, id); len(got) != 0 {
		t.Fatalf("reloaded plan listed before its delay ended: %+v", got)
	}
	endReadAfterCreate(s2, id)
	if got := describeCEN(t, c, id); len(got) != 1 {
		t.Fatalf("reloaded plan not listed after its delay: %+v", got)
	}
}
