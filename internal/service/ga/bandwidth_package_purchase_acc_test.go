package ga_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
)

// TestAccGABandwidthPackage_unpaidOrder: with auto_pay = false the plan
// appears only once its order is paid; create waits for that.
func TestAccGABandwidthPackage_unpaidOrder(t *testing.T) {
	t.Parallel()
	emu := newTarget(t).Emulator("the order is paid behind Terraform's back through the emulator's /_emulator/pay")
	payer := func() {
		go func() {
			for range 600 {
				for _, r := range emu.Resources() {
					if r.Product == "ga" && !r.Paid {
						time.Sleep(500 * time.Millisecond) // let create see the unpaid order first
						_ = emu.PayOrder(r.OrderID)
						return
					}
				}
				time.Sleep(50 * time.Millisecond)
			}
		}()
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{{
			PreConfig: payer,
			Config: acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  auto_pay       = false
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				stateIs("status", str("active")),
				stateIs("auto_pay", knownvalue.Bool(false)),
			},
		}},
	})
}

// TestAccGABandwidthPackage_unpaidUpgrade: a larger subscription with
// auto_pay = false is an order that awaits payment. The update fails on
// bandwidth without writing the new value into state, the next plan still
// shows the change, and once the order is paid the refresh picks the new
// bandwidth up and the plan is empty.
func TestAccGABandwidthPackage_unpaidUpgrade(t *testing.T) {
	t.Parallel()
	emu := newTarget(t).Emulator("a subscription's upgrade order is paid behind Terraform's back through the emulator's /_emulator/pay")
	config := func(bandwidth int, autoPay bool) string {
		return acctest.ProviderConfig(emu) + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = %d
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "PREPAY"
  auto_pay       = %t
}
`, bandwidth, autoPay)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 1), // a subscription is kept
		Steps: []resource.TestStep{
			{Config: config(5, true), ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(5))}},
			{
				Config:      config(10, false),
				ExpectError: regexp.MustCompile(`(?s)new bandwidth is not in effect.*still has 5 Mbit/s.*awaits payment`),
			},
			{
				// Not paid yet: the change is still to do.
				Config:             config(10, false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() {
					orders := emu.UnpaidOrders()
					if len(orders) != 1 || orders[0].Bandwidth != 10 {
						t.Fatalf("unpaid orders %+v, want the one upgrade to 10", orders)
					}
					if err := emu.PayOrder(orders[0].ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(10, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop)}},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(10))},
			},
		},
	})
}
