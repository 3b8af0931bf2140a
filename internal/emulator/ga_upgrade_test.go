package emulator

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// A larger subscription bought with AutoPay=false is an order that awaits
// payment: the plan keeps its bandwidth until the order is paid.
func TestGAUpgradeOrderAwaitsPayment(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	id := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Month", "1"
	}).BandwidthPackageId
	settle(t, s, "plan active", func() bool { return gaState(t, c, id) == "active" })

	bandwidth := func() int {
		req := ga.CreateDescribeBandwidthPackageRequest()
		req.BandwidthPackageId = id
		d, err := c.DescribeBandwidthPackage(req)
		if err != nil {
			t.Fatal(err)
		}
		return d.Bandwidth
	}
	upgrade := func(bw int, autoPay bool) {
		req := ga.CreateUpdateBandwidthPackageRequest()
		req.BandwidthPackageId = id
		req.Bandwidth = requests.NewInteger(bw)
		req.AutoPay = requests.NewBoolean(autoPay)
		if _, err := c.UpdateBandwidthPackage(req); err != nil {
			t.Fatal(err)
		}
		settle(t, s, "plan active after update", func() bool { return gaState(t, c, id) == "active" })
	}

	upgrade(40, false)
	if bw := bandwidth(); bw != 20 {
		t.Fatalf("unpaid upgrade changed the bandwidth to %d", bw)
	}
	orders := s.UnpaidOrders()
	if len(orders) != 1 || orders[0].PlanID != id || orders[0].Bandwidth != 40 {
		t.Fatalf("unpaid orders %+v, want one upgrade of %s to 40", orders, id)
	}
	if err := s.PayOrder(orders[0].ID); err != nil {
		t.Fatal(err)
	}
	settle(t, s, "paid upgrade applied", func() bool { return gaState(t, c, id) == "active" && bandwidth() == 40 })

	// AutoPay=true pays at once; a smaller bandwidth needs no payment.
	upgrade(60, true)
	upgrade(30, false)
	if bw := bandwidth(); bw != 30 || len(s.UnpaidOrders()) != 0 {
		t.Fatalf("bandwidth %d, unpaid %+v; want 30 and none", bw, s.UnpaidOrders())
	}
}
