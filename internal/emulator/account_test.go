package emulator

import (
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

func TestRestrictedAccount(t *testing.T) {
	s := startServer(t)
	c, g := cenClient(t, s), gaClient(t, s)
	crossCEN := func(r *cbn.CreateCenBandwidthPackageRequest) { r.GeographicRegionBId = "Europe" }
	prepayCEN := func(r *cbn.CreateCenBandwidthPackageRequest) { r.BandwidthPackageChargeType = "PREPAY" }
	createCENErr := func(mod func(*cbn.CreateCenBandwidthPackageRequest)) error {
		req := cbn.CreateCreateCenBandwidthPackageRequest()
		req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId = "5", "China", "China"
		req.BandwidthPackageChargeType, req.AutoPay = "POSTPAY", "true"
		if mod != nil {
			mod(req)
		}
		_, err := c.CreateCenBandwidthPackage(req)
		return err
	}
	createGAErr := func(mod func(*ga.CreateBandwidthPackageRequest)) error {
		req := ga.CreateCreateBandwidthPackageRequest()
		req.Bandwidth, req.Type, req.BandwidthType, req.ChargeType, req.AutoPay = "5", "Basic", "Basic", "POSTPAY", "true"
		if mod != nil {
			mod(req)
		}
		_, err := g.CreateBandwidthPackage(req)
		return err
	}

	// By default everything documented is allowed.
	if err := createCENErr(crossCEN); err != nil {
		t.Fatalf("cross-border by default: %v", err)
	}

	s.SetAccount(Account{CrossBorderDenied: true})
	wantAPIError(t, createCENErr(crossCEN), "OperationInvalid.UserCanNotBuyCrossBorderBwp", 400)
	wantAPIError(t, createGAErr(func(r *ga.CreateBandwidthPackageRequest) { r.Type = "CrossDomain" }), "OperationInvalid.UserCanNotBuyCrossBorderBwp", 400)
	if err := createCENErr(nil); err != nil {
		t.Fatalf("China-China while cross-border denied: %v", err)
	}

	s.SetAccount(Account{PostpayNotOpened: true})
	wantAPIError(t, createCENErr(nil), "Order.AccountStatusIllegal", 400)
	wantAPIError(t, createGAErr(nil), "Order.AccountStatusIllegal", 400)
	if err := createCENErr(prepayCEN); err != nil {
		t.Fatalf("PREPAY while postpay not opened: %v", err)
	}

	s.SetAccount(Account{QuotaExhausted: true})
	wantAPIError(t, createCENErr(prepayCEN), "PayFor.AccountMoneyValidateError", 500)
	wantAPIError(t, createGAErr(nil), "PayFor.AccountMoneyValidateError", 500)

	s.SetAccount(Account{DeniedActions: []string{"DeleteCenBandwidthPackage", "UpdateBandwidthPackage"}})
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = "cenbwp-whatever"
	_, err := c.DeleteCenBandwidthPackage(del)
	wantAPIError(t, err, "Unauthorized", 400)
	up := ga.CreateUpdateBandwidthPackageRequest()
	up.BandwidthPackageId = "gbwp-whatever"
	_, err = g.UpdateBandwidthPackage(up)
	wantAPIError(t, err, "Forbidden.RAM", 403)
	if err := createCENErr(nil); err != nil {
		t.Fatalf("an action not denied: %v", err)
	}

	s.SetAccount(Account{ChinaSite: true})
	wantAPIError(t, createGAErr(func(r *ga.CreateBandwidthPackageRequest) { r.Type = "CrossDomain" }), "InvalidParameter", 400)
	if err := createGAErr(nil); err != nil {
		t.Fatalf("Basic on the China site: %v", err)
	}

	// The control API speaks the same settings in snake_case JSON.
	var acct map[string]any
	if code := ctl(t, s, "POST", "account", `{"cross_border_denied":true,"denied_actions":["TagResources"]}`, &acct); code != 200 {
		t.Fatalf("POST account: %d", code)
	}
	if acct["cross_border_denied"] != true || acct["china_site"] != true || acct["postpay_not_opened"] != false ||
		acct["quota_exhausted"] != false || len(acct["denied_actions"].([]any)) != 1 {
		t.Fatalf("account JSON: %v", acct)
	}
	if got := s.Account(); !got.CrossBorderDenied || !got.ChinaSite || got.DeniedActions[0] != "TagResources" {
		t.Fatalf("Account(): %+v", got)
	}
	ctl(t, s, "GET", "account", "", &acct)
	if acct["cross_border_denied"] != true {
		t.Fatalf("GET account: %v", acct)
	}
}

func TestAutoPayFalseWaitsForPayment(t *testing.T) {
	s := startServer(t)
	c, g := cenClient(t, s), gaClient(t, s)
	created := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.BandwidthPackageChargeType = "PREPAY"
		r.AutoPay = requests.NewBoolean(false)
	})
	if got := describeCEN(t, c, created.CenBandwidthPackageId); len(got) != 0 {
		t.Fatalf("unpaid plan visible: %+v", got)
	}
	res := s.Resources()
	if len(res) != 1 || res[0].Paid || res[0].Status != "PendingPayment" || res[0].OrderID != created.CenBandwidthPackageOrderId {
		t.Fatalf("resources: %+v", res)
	}
	if code := ctl(t, s, "POST", "pay/"+created.CenBandwidthPackageOrderId, "", nil); code != 200 {
		t.Fatalf("pay: %d", code)
	}
	if st := cenStatus(t, c, created.CenBandwidthPackageId); st != "Creating" {
		t.Fatalf("after payment: %q", st)
	}
	settle(t, s, "Idle", func() bool { return cenStatus(t, c, created.CenBandwidthPackageId) == "Idle" })
	if code := ctl(t, s, "POST", "pay/"+created.CenBandwidthPackageOrderId, "", nil); code != 404 {
		t.Fatalf("paying twice: %d", code)
	}
	if err := s.PayOrder("999"); err == nil {
		t.Fatal("unknown order paid")
	}

	gp := createGA(t, g, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration, r.AutoPay = "PREPAY", "Month", "1", "false"
	})
	if st := gaState(t, g, gp.BandwidthPackageId); st != "gone" {
		t.Fatalf("unpaid GA plan visible: %q", st)
	}
	if err := s.PayOrder(gp.OrderId); err != nil {
		t.Fatal(err)
	}
	if st := gaState(t, g, gp.BandwidthPackageId); st != "init" {
		t.Fatalf("paid GA plan: %q", st)
	}
}

func TestClientTokenIdempotency(t *testing.T) {
	s := startServer(t)
	c, g := cenClient(t, s), gaClient(t, s)
	mk := func(bw int) *cbn.CreateCenBandwidthPackageRequest {
		req := cbn.CreateCreateCenBandwidthPackageRequest()
		req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId = requests.NewInteger(bw), "China", "China"
		req.AutoPay, req.BandwidthPackageChargeType, req.ClientToken = "true", "POSTPAY", "token-1"
		return req
	}
	first, err := c.CreateCenBandwidthPackage(mk(10))
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateCenBandwidthPackage(mk(10))
	if err != nil {
		t.Fatal(err)
	}
	if again.CenBandwidthPackageId != first.CenBandwidthPackageId || again.CenBandwidthPackageOrderId != first.CenBandwidthPackageOrderId ||
		again.RequestId == first.RequestId {
		t.Fatalf("replay: %+v vs %+v", again, first)
	}
	_, err = c.CreateCenBandwidthPackage(mk(11))
	wantAPIError(t, err, "IdempotentParameterMismatch", 400)
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("want 1 plan, got %d", n)
	}

	// The same token on another action or product is independent.
	gr := ga.CreateCreateBandwidthPackageRequest()
	gr.Bandwidth, gr.Type, gr.BandwidthType, gr.ChargeType, gr.AutoPay, gr.ClientToken = "5", "Basic", "Basic", "POSTPAY", "true", "token-1"
	g1, err := g.CreateBandwidthPackage(gr)
	if err != nil {
		t.Fatal(err)
	}
	gr2 := ga.CreateCreateBandwidthPackageRequest()
	gr2.Bandwidth, gr2.Type, gr2.BandwidthType, gr2.ChargeType, gr2.AutoPay, gr2.ClientToken = "5", "Basic", "Basic", "POSTPAY", "true", "token-1"
	g2, err := g.CreateBandwidthPackage(gr2)
	if err != nil || g2.BandwidthPackageId != g1.BandwidthPackageId || g2.OrderId != g1.OrderId {
		t.Fatalf("GA replay: %v %+v %+v", err, g1, g2)
	}
	if n := len(s.Resources()); n != 2 {
		t.Fatalf("want 2 plans, got %d", n)
	}
}

func TestDropResponseThenRetryWithToken(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	s.AddFault(Fault{Action: "CreateCenBandwidthPackage", Mode: FaultDropResponse, Count: 1})
	mk := func() *cbn.CreateCenBandwidthPackageRequest {
		req := cbn.CreateCreateCenBandwidthPackageRequest()
		req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId = "10", "China", "China"
		req.AutoPay, req.BandwidthPackageChargeType, req.ClientToken = "true", "POSTPAY", "drop-1"
		return req
	}
	_, err := c.CreateCenBandwidthPackage(mk())
	if err == nil {
		t.Fatal("dropped response should fail the client")
	}
	res := s.Resources()
	if len(res) != 1 {
		t.Fatalf("the dropped call must still create the plan: %+v", res)
	}
	resp, err := c.CreateCenBandwidthPackage(mk())
	if err != nil || resp.CenBandwidthPackageId != res[0].ID {
		t.Fatalf("retry with the same token: %v %+v, want %s", err, resp, res[0].ID)
	}
	if n := len(s.Resources()); n != 1 || s.Calls("CreateCenBandwidthPackage") != 2 {
		t.Fatalf("plans %d calls %d", n, s.Calls("CreateCenBandwidthPackage"))
	}
}

func TestFaultRules(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	describe := func() error {
		_, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	}

	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultError, Count: 2})
	wantAPIError(t, describe(), "ServiceUnavailable", 503)
	wantAPIError(t, describe(), "ServiceUnavailable", 503)
	if err := describe(); err != nil {
		t.Fatalf("after the count ran out: %v", err)
	}
	if n := s.Calls("DescribeCenBandwidthPackages"); n != 3 {
		t.Fatalf("faulted calls are counted too: %d", n)
	}

	// Through the control API, with a custom code, on every action.
	if code := ctl(t, s, "POST", "faults", `{"action":"*","mode":"error","code":"Throttling","status":400,"count":1}`, nil); code != 200 {
		t.Fatalf("POST faults: %d", code)
	}
	wantAPIError(t, describe(), "Throttling", 400)
	if code := ctl(t, s, "POST", "faults", `{"action":"*","mode":"explode"}`, nil); code != 400 {
		t.Fatalf("bad mode accepted: %d", code)
	}

	s.AddFault(Fault{Action: "CreateCenBandwidthPackage", Mode: FaultReset, Count: 1})
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId, req.AutoPay = "10", "China", "China", "true"
	_, err := c.CreateCenBandwidthPackage(req)
	var ne net.Error
	if err == nil || (!errors.As(err, &ne) && !strings.Contains(err.Error(), "EOF") && !strings.Contains(err.Error(), "reset")) {
		t.Fatalf("reset: %v", err)
	}
	if n := len(s.Resources()); n != 0 {
		t.Fatalf("reset must not process the call: %d plans", n)
	}

	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultLatency, LatencyMS: 150, Count: 1})
	start := time.Now()
	if err := describe(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("latency fault took only %v", d)
	}

	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultError, Probability: 0.5})
	failures := 0
	for range 100 {
		if describe() != nil {
			failures++
		}
	}
	if failures < 20 || failures > 80 {
		t.Fatalf("probability 0.5 failed %d of 100 calls", failures)
	}
	var listed []Fault
	ctl(t, s, "GET", "faults", "", &listed)
	if len(listed) != 1 || listed[0].Probability != 0.5 {
		t.Fatalf("listed faults: %+v", listed)
	}
	if code := ctl(t, s, "DELETE", "faults", "", nil); code != 200 {
		t.Fatal("DELETE faults")
	}
	for range 10 {
		if err := describe(); err != nil {
			t.Fatalf("after clearing faults: %v", err)
		}
	}
}

func TestRateLimit(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	g := gaClient(t, s)
	s.SetRateLimit("DescribeCenBandwidthPackages", 2)
	throttled := 0
	for range 6 {
		_, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		if err != nil {
			wantAPIError(t, err, "Throttling.User", 400)
			throttled++
		}
	}
	if throttled < 3 {
		t.Fatalf("only %d of 6 back-to-back calls throttled at 2 rps", throttled)
	}
	// Other actions are not limited.
	for range 5 {
		if _, err := g.ListBandwidthPackages(ga.CreateListBandwidthPackagesRequest()); err != nil {
			t.Fatalf("unlimited action: %v", err)
		}
	}
	clockOf(t, s).Advance(600 * time.Millisecond)
	if _, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest()); err != nil {
		t.Fatalf("tokens should refill: %v", err)
	}
	s.SetRateLimit("DescribeCenBandwidthPackages", 0)
	s.SetRateLimit("*", 1)
	_, err1 := g.ListBandwidthPackages(ga.CreateListBandwidthPackagesRequest())
	_, err2 := g.ListBandwidthPackages(ga.CreateListBandwidthPackagesRequest())
	if err1 != nil || err2 == nil {
		t.Fatalf("wildcard limit: %v, %v", err1, err2)
	}
	s.SetRateLimit("*", 0)
	for range 5 {
		if _, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest()); err != nil {
			t.Fatalf("limit removed: %v", err)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	const workers, each = 8, 10
	var wg sync.WaitGroup
	ids := make(chan string, workers*each)
	errs := make(chan error, workers*each*3)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cenClient(t, s)
			for range each {
				req := cbn.CreateCreateCenBandwidthPackageRequest()
				req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId = "10", "China", "Europe"
				req.AutoPay, req.BandwidthPackageChargeType = "true", "POSTPAY"
				r, err := c.CreateCenBandwidthPackage(req)
				if err != nil {
					errs <- err
					continue
				}
				ids <- r.CenBandwidthPackageId
				d := cbn.CreateDescribeCenBandwidthPackagesRequest()
				d.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{r.CenBandwidthPackageId}}}
				if dr, err := c.DescribeCenBandwidthPackages(d); err != nil || dr.TotalCount != 1 {
					errs <- err
				}
				tag := cbn.CreateTagResourcesRequest()
				tag.ResourceType, tag.ResourceId = "bandwidthpackage", &[]string{r.CenBandwidthPackageId}
				tag.Tag = &[]cbn.TagResourcesTag{{Key: "k", Value: "v"}}
				if _, err := c.TagResources(tag); err != nil {
					errs <- err
				}
			}
		}()
	}
	// Control calls race with API calls.
	for range 20 {
		_ = s.Stats()
		_ = s.Resources()
	}
	wg.Wait()
	close(ids)
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent call failed: %v", err)
	}
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Fatalf("duplicate ID %s", id)
		}
		seen[id] = true
	}
	st := s.Stats()
	if len(seen) != workers*each || st.Calls["CreateCenBandwidthPackage"] != workers*each || st.Total != 3*workers*each {
		t.Fatalf("ids %d stats %+v", len(seen), st)
	}
}
