package emulator

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// seedCEN inserts n ready CEN plans directly, bypassing HTTP, and returns their IDs.
func seedCEN(s *Server, n int) []string {
	now := time.Now().Add(-time.Minute)
	ids := make([]string, n)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range n {
		p := &plan{
			ID: randomID("cenbwp-"), Product: productCEN, Name: "plan-" + strconv.Itoa(i),
			Description: "benchmark plan", Bandwidth: 10, ChargeType: "POSTPAY", Period: 1, PricingCycle: "Month",
			AutoPay: true, AutoRenewDuration: 1, RenewalStatus: "Normal", ResourceGroupID: defaultResourceGroup,
			Tags: []Tag{{Key: "env", Value: "bench"}}, CreatedAt: now, AreaA: "china", AreaB: "europe",
		}
		p.Paid, p.ReadyAt = true, now // paid, ready and listed a minute ago
		s.insertPlan(p)
		ids[i] = p.ID
	}
	return ids
}

// BenchmarkDescribeAmong10000 serves a signed DescribeCenBandwidthPackages filtered on one
// plan ID among 10,000, in process (signature check included, no network).
func BenchmarkDescribeAmong10000(b *testing.B) {
	s := newServer(config{creds: []credential{{id: "test-ak", secret: "test-sk"}}, readyDelay: 0})
	ids := seedCEN(s, 10000)
	target := ids[len(ids)/2]
	now := time.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		v := signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "bench-"+strconv.Itoa(i), map[string]string{
			"Filter.1.Key": "CenBandwidthPackageId", "Filter.1.Value.1": target,
		})
		req := httptest.NewRequest(http.MethodPost, "/?"+v.Encode(), nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 200 || !strings.Contains(w.Body.String(), target) {
			b.Fatalf("answer %d: %s", w.Code, w.Body.String())
		}
	}
}

// BenchmarkMemoryPer10000Plans reports the heap held per plan with 10,000 plans stored.
func BenchmarkMemoryPer10000Plans(b *testing.B) {
	const n = 10000
	var perPlan float64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := newServer(config{creds: []credential{{id: "test-ak", secret: "test-sk"}}})
		seedCEN(s, n)
		runtime.GC()
		runtime.ReadMemStats(&after)
		perPlan = float64(after.HeapAlloc-before.HeapAlloc) / n
		runtime.KeepAlive(s)
	}
	b.ReportMetric(perPlan, "B/plan")
	b.ReportMetric(perPlan*n/(1<<20), "MB/10000plans")
}

// TestDescribeAmong10000IsIndexed guards the ID index: a filtered Describe must not depend
// on how many plans exist (checked by counting plans visited, not by timing).
func TestDescribeAmong10000IsIndexed(t *testing.T) {
	s := newServer(config{creds: []credential{{id: "test-ak", secret: "test-sk"}}})
	ids := seedCEN(s, 10000)
	s.mu.Lock()
	got := s.candidates([]string{ids[42], "cenbwp-none"}, productCEN, time.Now())
	s.mu.Unlock()
	if len(got) != 1 || got[0].ID != ids[42] {
		t.Fatalf("candidates: %v", got)
	}
	v := signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", time.Now(), "idx", map[string]string{
		"Filter.1.Key": "CenBandwidthPackageId", "Filter.1.Value.1": ids[9999],
	})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/?"+v.Encode(), nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"TotalCount":1`) {
		t.Fatalf("describe: %d %s", w.Code, w.Body.String())
	}
}
