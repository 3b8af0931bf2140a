package cen_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccCENBandwidthPackage_prepayDestroy: destroy forgets a subscription
// plan without calling Delete (the API would refuse) and without failing.
// The warning's text is checked in TestDeleteSubscriptionWarns.
func TestAccCENBandwidthPackage_prepayDestroy(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	tg.Prepay()
	conn := tg.Client().CEN()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(
			plansKept(conn),
			tg.EmulatorCheck("no delete call", func(emu *emulator.Server) resource.TestCheckFunc {
				return func(*terraform.State) error {
					if n := emu.Calls("DeleteCenBandwidthPackage"); n != 0 {
						return fmt.Errorf("destroy called DeleteCenBandwidthPackage %d times", n)
					}
					return nil
				}
			}),
		),
		Steps: []resource.TestStep{{
			Config: tg.Config(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = %q
}
`, tg.Name())),
		}},
	})
}

// TestAccCENBandwidthPackage_expiredPrepayDestroy: once a subscription has
// expired, destroy releases it.
func TestAccCENBandwidthPackage_expiredPrepayDestroy(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "a subscription expires at once only through /_emulator/expire")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
}
`),
			Check: func(s *terraform.State) error {
				id, err := stateID(s)
				if err != nil {
					return err
				}
				return emu.ExpirePlan(id)
			},
		}},
	})
}

// TestAccCENBandwidthPackage_autoPayFalse: an unpaid order never shows the
// plan; the create warns naming the order (it does not fail: a failed create
// is tainted and bought again), and the plan stays tracked, so the plan that
// follows is an update in place that resumes the wait.
func TestAccCENBandwidthPackage_autoPayFalse(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "it reads the emulator's record of the unpaid order, which the API does not show")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "PREPAY"
  auto_pay               = false
  timeouts {
    create = "3s"
  }
}
`),
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckPlanCount(emu, 1),
				resource.TestCheckResourceAttrWith("aliyun_cen_bandwidth_package.test", "id", func(id string) error {
					if rs := emu.Resources(); len(rs) != 1 || rs[0].ID != id || rs[0].Paid {
						return fmt.Errorf("state holds %s; emulator holds %+v (want that one plan, unpaid)", id, rs)
					}
					return nil
				}),
			),
		}},
	})
}

// TestAccCENBandwidthPackage_autoPayFalsePaidInTime: an order paid in the
// console while the create waits becomes the plan in state.
func TestAccCENBandwidthPackage_autoPayFalsePaidInTime(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the order is paid through /_emulator/pay")
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		// Pays the order the way a user would in the console, a moment later.
		for {
			select {
			case <-stop:
				return
			case <-time.After(500 * time.Millisecond):
			}
			for _, r := range emu.Resources() {
				if !r.Paid {
					_ = emu.PayOrder(r.OrderID)
				}
			}
		}
	}()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  auto_pay               = false
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("Idle")),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("order_id"), knownvalue.NotNull()),
			},
		}},
	})
}

// TestAccCENBandwidthPackage_clientTokenReused: the first create's answer is
// lost; the retry carries the same ClientToken, so one plan is bought.
func TestAccCENBandwidthPackage_clientTokenReused(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the lost answer is an injected fault")
	emu.AddFault(emulator.Fault{Action: "CreateCenBandwidthPackage", Mode: emulator.FaultDropResponse, Count: 1})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, postpayConfig(2, "once", "", "null", "China")),
			Check: func(*terraform.State) error {
				if n := emu.Calls("CreateCenBandwidthPackage"); n < 2 {
					return fmt.Errorf("create was called %d times; the fault should have forced a retry", n)
				}
				if n := len(emu.Resources()); n != 1 {
					return fmt.Errorf("%d plans bought, want 1", n)
				}
				return nil
			},
		}},
	})
}

// TestAccCENBandwidthPackage_waitOvershoot: with a plan that takes 3 s to
// become ready, the create wait makes only a handful of Describe calls (a
// 0.8 s floor, growing by 9 % of the time waited). Timing itself is measured
// in BenchmarkWaitCreated, not asserted here.
func TestAccCENBandwidthPackage_waitOvershoot(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "it counts the Describe calls of a create the emulator delays by 3 s",
		emulator.WithReadyDelay(3*time.Second), emulator.WithUpdateDelay(100*time.Millisecond),
		emulator.WithDeleteDelay(100*time.Millisecond))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, postpayConfig(2, "slow", "", "null", "China")),
			Check: func(*terraform.State) error {
				// ~4-5 polls while Creating, plus the reads around apply.
				n := emu.Calls("DescribeCenBandwidthPackages")
				t.Logf("DescribeCenBandwidthPackages calls for a 3 s create: %d", n)
				if n < 3 || n > 9 {
					return fmt.Errorf("%d Describe calls for a 3 s create, want 3 to 9", n)
				}
				return nil
			},
		}},
	})
}
