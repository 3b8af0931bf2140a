package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

func TestStateFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	s1, err := New(WithStateFile(path), WithReadyDelay(0), WithUpdateDelay(time.Hour), WithDeleteDelay(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	c, g := cenClient(t, s1), gaClient(t, s1)
	cenID := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.Name = "kept"
		r.ClientToken = "persist-token"
		r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "env", Value: "prod"}}
	}).CenBandwidthPackageId
	gaID := createGA(t, g, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Year", "1"
	}).BandwidthPackageId
	unpaid := createGA(t, g, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration, r.AutoPay = "PREPAY", "Month", "1", "false"
	})
	spec := cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId, spec.Bandwidth = cenID, requests.NewInteger(99)
	if _, err := c.ModifyCenBandwidthPackageSpec(spec); err != nil {
		t.Fatal(err)
	}
	s1.SetAccount(Account{ChinaSite: true, DeniedActions: []string{"TagResources"}})
	want := s1.Resources()
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(data) {
		t.Fatal("state file is not valid JSON")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}

	s2 := startServer(t, WithStateFile(path))
	got := s2.Resources()
	if len(got) != len(want) {
		t.Fatalf("reloaded %d plans, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if w.ID != g.ID || w.Status != g.Status || w.Bandwidth != g.Bandwidth || w.OrderID != g.OrderID ||
			w.Name != g.Name || w.Paid != g.Paid || len(w.Tags) != len(g.Tags) || !w.ExpiresAt.Equal(g.ExpiresAt) {
			t.Fatalf("plan %d differs after reload:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if st := cenStatus(t, cenClient(t, s2), cenID); st != "Updating" {
		t.Fatalf("the update delay survives the restart: %q", st)
	}
	if st := gaState(t, gaClient(t, s2), gaID); st != "active" {
		t.Fatalf("GA plan after reload: %q", st)
	}
	if a := s2.Account(); !a.ChinaSite || len(a.DeniedActions) != 1 {
		t.Fatalf("account after reload: %+v", a)
	}
	// Orders and ClientTokens survive too.
	if err := s2.PayOrder(unpaid.OrderId); err != nil {
		t.Fatalf("paying a reloaded order: %v", err)
	}
	again := createCEN(t, cenClient(t, s2), func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.Name = "kept"
		r.ClientToken = "persist-token"
		r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "env", Value: "prod"}}
	})
	if again.CenBandwidthPackageId != cenID {
		t.Fatalf("token replay after restart: %s, want %s", again.CenBandwidthPackageId, cenID)
	}
	// A plan whose deletion finished while the emulator was down is gone on reload.
	if err := s2.ExpirePlan(gaID); err != nil {
		t.Fatal(err)
	}
	s2.mu.Lock()
	s2.plans[gaID].DeletingUntil = time.Now().Add(-time.Second)
	s2.deleting++
	s2.mu.Unlock()
	s2.save()
	s3 := startServer(t, WithStateFile(path))
	for _, r := range s3.Resources() {
		if r.ID == gaID {
			t.Fatal("deleted plan came back")
		}
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(WithStateFile(bad)); err == nil {
		t.Fatal("corrupt state file accepted")
	}
	old := filepath.Join(dir, "old.json")
	if err := os.WriteFile(old, []byte(`{"version":99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(WithStateFile(old)); err == nil {
		t.Fatal("state file of another version accepted")
	}
	// A missing file is an empty start, and the first mutation creates it.
	fresh := filepath.Join(dir, "fresh.json")
	s := startServer(t, WithStateFile(fresh))
	if len(s.Resources()) != 0 {
		t.Fatal("fresh start has plans")
	}
	createCEN(t, cenClient(t, s), nil)
	if _, err := os.Stat(fresh); err != nil {
		t.Fatalf("state not written: %v", err)
	}
}

func TestControlAPI(t *testing.T) {
	s := startServer(t, WithReadyDelay(time.Hour))
	c := cenClient(t, s)
	id := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) { r.Name = "ctl" }).CenBandwidthPackageId
	createGA(t, gaClient(t, s), nil)

	var stats Stats
	if code := ctl(t, s, "GET", "stats", "", &stats); code != 200 {
		t.Fatalf("stats: %d", code)
	}
	if stats.Calls["CreateCenBandwidthPackage"] != 1 || stats.Calls["CreateBandwidthPackage"] != 1 || stats.Total != 2 {
		t.Fatalf("stats: %v", stats)
	}
	var res []map[string]any
	ctl(t, s, "GET", "resources", "", &res)
	if len(res) != 2 {
		t.Fatalf("resources: %v", res)
	}
	r0 := res[0]
	for _, k := range []string{"id", "product", "status", "charge_type", "bandwidth", "order_id", "name"} {
		if _, ok := r0[k]; !ok {
			t.Fatalf("resource lacks %q: %v", k, r0)
		}
	}
	if r0["id"] != id || r0["product"] != "cen" || r0["status"] != "Creating" || r0["charge_type"] != "POSTPAY" ||
		r0["bandwidth"] != float64(10) || r0["name"] != "ctl" || res[1]["product"] != "ga" || res[1]["status"] != "init" {
		t.Fatalf("resources: %v", res)
	}

	if code := ctl(t, s, "POST", "ratelimit", `{"action":"DescribeCenBandwidthPackages","rps":5}`, nil); code != 200 {
		t.Fatal("ratelimit")
	}
	if code := ctl(t, s, "POST", "expire/"+id, "", nil); code != 404 {
		t.Fatalf("expiring a POSTPAY plan: %d", code)
	}
	if code := ctl(t, s, "POST", "reset", "", nil); code != 200 {
		t.Fatal("reset")
	}
	if len(s.Resources()) != 0 || s.Stats().Total != 0 || len(s.limits.snapshot()) != 0 {
		t.Fatal("reset left state behind")
	}
	if code := ctl(t, s, "GET", "nothing", "", nil); code != 404 {
		t.Fatalf("unknown endpoint: %d", code)
	}
	if code := ctl(t, s, "POST", "faults", "{", nil); code != 400 {
		t.Fatalf("bad JSON: %d", code)
	}
}
