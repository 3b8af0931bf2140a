package ga_test

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccGABandwidthPackage_subscription: a PREPAY plan with every
// attribute, plan-after-apply empty, import (command, block, generated
// config), and destroy turning renewal off instead of releasing. It buys a
// subscription, so in cloud mode it runs only with TF_ACC_CLOUD_PREPAY=1
// (Target.Prepay); there the resource group and the promotion number, which
// exist only in the emulator, are left out.
func TestAccGABandwidthPackage_subscription(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	tg.Prepay()
	a := apiOf(tg)
	name := tg.Name()
	var id string
	rg, promotion := "", ""
	emulatorOnly := []statecheck.StateCheck{stateIs("resource_group_id", knownvalue.NotNull()), stateIs("promotion_option_no", knownvalue.Null())}
	if tg.Emu() != nil {
		rg, promotion = `resource_group_id   = "rg-acctest"`, `promotion_option_no = "500032980140001"`
		emulatorOnly = []statecheck.StateCheck{stateIs("resource_group_id", str("rg-acctest")), stateIs("promotion_option_no", str("500032980140001"))}
	}
	config := tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth           = 2
  type                = "Basic"
  bandwidth_type      = "Enhanced"
  charge_type         = "PREPAY"
  duration            = 2
  pricing_cycle       = "Month"
  auto_pay            = true
  auto_use_coupon     = false
  %s
  auto_renew          = true
  auto_renew_duration = 3
  %s
  name                = %q
  description         = "GA plan from the acceptance test"
  tags = {
    env  = "test"
    team = "net"
  }
  timeouts {
    create = "2m"
  }
}
`, promotion, rg, name))
	importConfig := tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth           = 2
  type                = "Basic"
  bandwidth_type      = "Enhanced"
  auto_renew          = true
  auto_renew_duration = 3
  %s
  name                = %q
  description         = "GA plan from the acceptance test"
  tags = {
    env  = "test"
    team = "net"
  }
}
`, rg, name))
	renews := func(id, wantStatus, wantMonths string) error {
		status, months, err := a.renewal(id)
		if err != nil || status != wantStatus || (wantMonths != "" && months != wantMonths) {
			return fmt.Errorf("renewal of %s: %s for %s months, %v; want %s for %s", id, status, months, err, wantStatus, wantMonths)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(func(*terraform.State) error {
			// A subscription is not released early: it stays, set to lapse.
			if p, err := a.plan(id); err != nil {
				return fmt.Errorf("subscription plan %s was released (%+v, %v); it should have been kept to lapse", id, p, err)
			}
			return renews(id, "NotRenewal", "")
		}, tg.EmulatorCheck("the emulator's renewal flag", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				if r, _ := findResource(emu, id); r.AutoRenew {
					return fmt.Errorf("after destroy the emulator still renews %s", id)
				}
				return nil
			}
		})),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: append(emulatorOnly,
					stateIs("bandwidth", num(2)),
					stateIs("type", str("Basic")),
					stateIs("bandwidth_type", str("Enhanced")),
					stateIs("charge_type", str("PREPAY")),
					stateIs("duration", num(2)),
					stateIs("pricing_cycle", str("Month")),
					stateIs("auto_pay", knownvalue.Bool(true)),
					stateIs("auto_use_coupon", knownvalue.Bool(false)),
					stateIs("auto_renew", knownvalue.Bool(true)),
					stateIs("auto_renew_duration", num(3)),
					stateIs("name", str(name)),
					stateIs("description", str("GA plan from the acceptance test")),
					stateIs("tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": str("test"), "team": str("net")})),
					stateIs("status", str("active")),
					stateIs("billing_type", knownvalue.Null()),
					stateIs("ratio", knownvalue.Null()),
					stateIs("cbn_geographic_region_id_a", knownvalue.Null()),
					stateIs("id", knownvalue.StringRegexp(regexp.MustCompile(`^gbwp-`))),
					stateIs("order_id", knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					stateIs("expired_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					stateIs("create_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					stateIs("region_id", str("cn-hangzhou")),
				),
				Check: resource.ComposeTestCheckFunc(withPlan(func(got string) error {
					id = got
					p, err := a.plan(id)
					if err != nil || p.Name != name || p.ChargeType != "PREPAY" || p.Bandwidth != 2 || p.BandwidthType != "Enhanced" {
						return fmt.Errorf("Describe of %s answers %+v, %v", id, p, err)
					}
					if got, err := a.tags(id); err != nil || !maps.Equal(got, map[string]string{"env": "test", "team": "net"}) {
						return fmt.Errorf("tags of %s: %v, %v", id, got, err)
					}
					return renews(id, "AutoRenewal", "3")
				}), tg.EmulatorCheck("resource group and one purchase", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if r, ok := findResource(emu, id); !ok || r.ResourceGroupID != "rg-acctest" || !r.AutoRenew {
							return fmt.Errorf("emulator holds %+v", r)
						}
						if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
							return fmt.Errorf("CreateBandwidthPackage called %d times, want 1", n)
						}
						return nil
					}
				})),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: purchaseOnly,
			},
			{
				Config:          importConfig,
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				Config:          tg.ProviderConfig(),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
			},
			{
				// Renewal settings change in place.
				Config: strings.Replace(config, "auto_renew_duration = 3", "auto_renew_duration = 6", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("auto_renew", knownvalue.Bool(true)),
					stateIs("auto_renew_duration", num(6)),
				},
				Check: withPlan(func(got string) error {
					if got != id {
						return fmt.Errorf("plan replaced: %s became %s", id, got)
					}
					return renews(got, "AutoRenewal", "6")
				}),
			},
		},
	})
}
