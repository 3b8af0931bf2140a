package reliability_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// Never buy twice (DESIGN.md): once the create call has bought a plan, no
// failure may lead the next apply to buy a second one or to lose the first.
// Each test below breaks a create after the purchase, for both products and
// both charge types, and asserts three things: after the second apply the
// emulator holds exactly one plan, the state holds that plan's ID, and the
// plan after that is empty. The first apply must not fail (a failed create
// is tainted, and a tainted plan is replaced: bought again), so the second
// apply must be an update in place, never a replacement.

// chargeTypes are the two ways to pay, with the arguments each needs.
var chargeTypes = []struct{ name, args string }{
	{"POSTPAY", `charge_type = "POSTPAY"`},
	{"PREPAY", `charge_type = "PREPAY"`},
}

// purchaseCase is one failure after the purchase, for one product and charge type.
type purchaseCase struct {
	opts []emulator.Option
	// first breaks the first apply; extra goes into the resource block of
	// the first apply only (a short timeout, auto_pay = false).
	first func(t *testing.T, emu *emulator.Server)
	extra string
	// resumeNeeded: the first apply stopped after the purchase (with a
	// warning), so the second is an update in place that finishes the plan;
	// otherwise the first apply rode the failure out and the second plans
	// nothing.
	resumeNeeded bool
}

// resourceBody returns the resource block for kind k with extra arguments.
func resourceBody(k string, charge, extra string) string {
	switch k {
	case "cen":
		return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = "never-twice"
  %s
  %s
}
`, charge, extra)
	default:
		return fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 5
  type           = "Basic"
  bandwidth_type = "Basic"
  name           = "never-twice"
  %s
  %s
}
`, charge, extra)
	}
}

// runPurchaseCase runs c for every product and charge type.
func runPurchaseCase(t *testing.T, c purchaseCase) {
	t.Helper()
	for _, k := range kinds {
		for _, ct := range chargeTypes {
			t.Run(k.name+"/"+ct.name, func(t *testing.T) {
				t.Parallel()
				acctest.PreCheck(t)
				emu := fastEmulator(t, c.opts...)
				if c.first != nil {
					c.first(t, emu)
				}
				var boughtID string
				remember := func(s *terraform.State) error {
					rs, ok := s.RootModule().Resources[k.address]
					if !ok || rs.Primary.ID == "" {
						return fmt.Errorf("the first apply left no %s in state: the bought plan was lost", k.address)
					}
					if rs.Primary.Tainted {
						return fmt.Errorf("%s is tainted: the next apply would buy a second plan", k.address)
					}
					boughtID = rs.Primary.ID
					return nil
				}
				sameID := func(s *terraform.State) error {
					rs := s.RootModule().Resources[k.address]
					if rs == nil || rs.Primary.ID != boughtID {
						return fmt.Errorf("state holds %v, want the plan bought first, %s", rs, boughtID)
					}
					return nil
				}
				second := plancheck.ExpectResourceAction(k.address, plancheck.ResourceActionNoop)
				if c.resumeNeeded {
					second = plancheck.ExpectResourceAction(k.address, plancheck.ResourceActionUpdate)
				}
				left := 0 // a destroyed subscription stays in the account
				if ct.name == "PREPAY" {
					left = 1
				}
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
					CheckDestroy:             acctest.CheckPlanCount(emu, left),
					Steps: []resource.TestStep{
						{
							Config:             defaultProvider(emu) + resourceBody(k.name, ct.args, c.extra),
							Check:              resource.ComposeTestCheckFunc(remember, acctest.CheckPlanCount(emu, 1), inEmulator(emu)),
							ExpectNonEmptyPlan: c.resumeNeeded,
						},
						{
							PreConfig: emu.ClearFaults,
							Config:    defaultProvider(emu) + resourceBody(k.name, ct.args, ""),
							ConfigPlanChecks: resource.ConfigPlanChecks{
								PreApply:             []plancheck.PlanCheck{second},
								PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
							},
							Check: resource.ComposeTestCheckFunc(sameID, acctest.CheckPlanCount(emu, 1), inEmulator(emu)),
						},
					},
				})
			})
		}
	}
}

// The create timeout runs out while the plan is still being prepared.
func TestAccNeverBuyTwice_createTimeout(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		opts:         []emulator.Option{emulator.WithReadyDelay(4 * time.Second)},
		extra:        "timeouts {\n    create = \"1s\"\n  }",
		resumeNeeded: true,
	})
}

// Transient errors on every Describe of the wait, more than max_retries in a
// row: the wait polls through them until it sees the plan ready.
func TestAccNeverBuyTwice_transientErrorsWhileWaiting(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		first: func(t *testing.T, emu *emulator.Server) {
			for _, a := range []string{"DescribeCenBandwidthPackages", "DescribeBandwidthPackage"} {
				emu.AddFault(emulator.Fault{Action: a, Mode: emulator.FaultError, Code: "ServiceUnavailable", Status: 503, Count: 4})
				emu.AddFault(emulator.Fault{Action: a, Mode: emulator.FaultReset, Count: 2})
				emu.AddFault(emulator.Fault{Action: a, Mode: emulator.FaultError, Code: "Throttling.User", Status: 400, Count: 2})
			}
		},
	})
}

// The create call's answer is lost more times than max_retries (5): the call
// is retried with the same ClientToken until an answer comes.
func TestAccNeverBuyTwice_lostCreateAnswers(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		first: func(t *testing.T, emu *emulator.Server) {
			for _, a := range []string{"CreateCenBandwidthPackage", "CreateBandwidthPackage"} {
				emu.AddFault(emulator.Fault{Action: a, Mode: emulator.FaultDropResponse, Count: 6})
			}
		},
	})
}

// Describe answers that make no sense are retried, never taken as "gone": a
// 200 without the plan's ID (GA) or an empty list (CEN) for a plan that
// exists, and a status the API never documented.
func TestAccNeverBuyTwice_nonsenseDescribe(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		first: func(t *testing.T, emu *emulator.Server) {
			emu.AddFault(emulator.Fault{Action: "DescribeBandwidthPackage", Mode: emulator.FaultBody, Count: 3,
				Body: `{"RequestId":"R-empty"}`})
			emu.AddFault(emulator.Fault{Action: "DescribeCenBandwidthPackages", Mode: emulator.FaultBody, Count: 3,
				Body: `{"RequestId":"R-empty","TotalCount":0,"PageNumber":1,"PageSize":50,"CenBandwidthPackages":{"CenBandwidthPackage":[]}}`})
		},
	})
}

// A call after the purchase fails with a code that retrying cannot help (GA
// sets the name with a second call; CEN has none, so its wait's Describe
// stands in): the plan is kept, and the next apply finishes it.
func TestAccNeverBuyTwice_followUpFails(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		first: func(t *testing.T, emu *emulator.Server) {
			emu.AddFault(emulator.Fault{Action: "UpdateBandwidthPackage", Mode: emulator.FaultError,
				Code: "Forbidden.RAM", Message: "not allowed", Status: 403, Count: 1})
			emu.AddFault(emulator.Fault{Action: "DescribeCenBandwidthPackages", Mode: emulator.FaultError,
				Code: "Forbidden.RAM", Message: "not allowed", Status: 403, Count: 1})
		},
		resumeNeeded: true,
	})
}

// The order is not paid (auto_pay = false) within the create timeout, and is
// paid before the next apply. A pay-as-you-go plan needs no payment and is
// simply ready.
func TestAccNeverBuyTwice_unpaidOrder(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			var boughtID string
			body := func(extra string) string {
				return defaultProvider(emu) + resourceBody(k.name, `charge_type = "PREPAY"`, "auto_pay = false\n  "+extra)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 1),
				Steps: []resource.TestStep{
					{
						Config: body("timeouts {\n    create = \"2s\"\n  }"),
						Check: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), func(s *terraform.State) error {
							rs := s.RootModule().Resources[k.address]
							if rs == nil || rs.Primary.Tainted || rs.Primary.ID == "" {
								return fmt.Errorf("the unpaid plan is not kept untainted in state: %+v", rs)
							}
							boughtID = rs.Primary.ID
							order := rs.Primary.Attributes["order_id"]
							if order == "" {
								return fmt.Errorf("no order_id in state: %v", rs.Primary.Attributes)
							}
							return emu.PayOrder(order)
						}),
						ExpectNonEmptyPlan: true,
					},
					{
						Config: body(""),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(k.address, plancheck.ResourceActionUpdate)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu),
							resource.TestCheckResourceAttrWith(k.address, "id", func(v string) error {
								if v != boughtID {
									return fmt.Errorf("state holds %s, want %s", v, boughtID)
								}
								return nil
							})),
					},
				},
			})
		})
	}
}

// The order is still unpaid at the second apply: it resumes the wait rather
// than buying again, and keeps the plan when the wait runs out once more.
func TestAccNeverBuyTwice_unpaidOrderStillUnpaid(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t)
			short := defaultProvider(emu) + resourceBody(k.name, `charge_type = "PREPAY"`,
				"auto_pay = false\n  timeouts {\n    create = \"1s\"\n    update = \"1s\"\n  }")
			// Once paid, the resume gets time to wait and read back on a busy machine.
			long := defaultProvider(emu) + resourceBody(k.name, `charge_type = "PREPAY"`,
				"auto_pay = false\n  timeouts {\n    create = \"1s\"\n    update = \"2m\"\n  }")
			var order string
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 1),
				Steps: []resource.TestStep{
					{
						Config:             short,
						ExpectNonEmptyPlan: true,
						Check: resource.TestCheckResourceAttrWith(k.address, "order_id", func(v string) error {
							order = v
							return nil
						}),
					},
					{
						Config: short,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(k.address, plancheck.ResourceActionUpdate)}},
						ExpectError: regexp.MustCompile(`(?s)still not (ready|active).*(payment|paid)`),
					},
					{
						PreConfig: func() {
							if err := emu.PayOrder(order); err != nil {
								t.Fatal(err)
							}
						},
						Config: long,
						Check:  resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), inEmulator(emu)),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
				},
			})
		})
	}
}

// Describe does not show a new plan for a while (the emulator's
// read-after-create delay, as a real API may lag): the wait takes "not
// found" as "not visible yet" and the first apply ends with the plan ready.
func TestAccNeverBuyTwice_readAfterCreateDelay(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		opts: []emulator.Option{emulator.WithReadAfterCreateDelay(2 * time.Second)},
	})
}

// The same lag with a create timeout shorter than it: the plan was never
// seen, and the refresh before the next apply must not take "not found" for
// "gone" (which would drop it from state and buy another).
func TestAccNeverBuyTwice_neverSeenBeforeTimeout(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runPurchaseCase(t, purchaseCase{
		opts:         []emulator.Option{emulator.WithReadAfterCreateDelay(5 * time.Second)},
		extra:        "timeouts {\n    create = \"1s\"\n  }",
		resumeNeeded: true,
	})
}
