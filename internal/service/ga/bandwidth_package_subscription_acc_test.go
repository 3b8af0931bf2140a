package ga_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// TestAccGABandwidthPackage_subscription: a PREPAY plan with every
// attribute, plan-after-apply empty, import (command, block, generated
// config), and destroy turning renewal off instead of releasing.
func TestAccGABandwidthPackage_subscription(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	var id string
	config := acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth           = 10
  type                = "Basic"
  bandwidth_type      = "Enhanced"
  charge_type         = "PREPAY"
  duration            = 2
  pricing_cycle       = "Month"
  auto_pay            = true
  auto_use_coupon     = false
  promotion_option_no = "500032980140001"
  auto_renew          = true
  auto_renew_duration = 3
  resource_group_id   = "rg-acctest"
  name                = "acc-ga"
  description         = "GA plan from the acceptance test"
  tags = {
    env  = "test"
    team = "net"
  }
  timeouts {
    create = "2m"
  }
}
`
	importConfig := acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth           = 10
  type                = "Basic"
  bandwidth_type      = "Enhanced"
  auto_renew          = true
  auto_renew_duration = 3
  resource_group_id   = "rg-acctest"
  name                = "acc-ga"
  description         = "GA plan from the acceptance test"
  tags = {
    env  = "test"
    team = "net"
  }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			// A subscription is not released early: it stays, set to lapse.
			r, ok := findResource(emu, id)
			if !ok {
				return fmt.Errorf("subscription plan %s was released; it should have been kept to lapse", id)
			}
			out, err := emutest.GACommon(t, emu, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
			if err != nil {
				return err
			}
			if out["RenewalStatus"] != "NotRenewal" || r.AutoRenew {
				return fmt.Errorf("after destroy: RenewalStatus %v, auto renew %v; want NotRenewal, false", out["RenewalStatus"], r.AutoRenew)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(10)),
					stateIs("type", str("Basic")),
					stateIs("bandwidth_type", str("Enhanced")),
					stateIs("charge_type", str("PREPAY")),
					stateIs("duration", num(2)),
					stateIs("pricing_cycle", str("Month")),
					stateIs("auto_pay", knownvalue.Bool(true)),
					stateIs("auto_use_coupon", knownvalue.Bool(false)),
					stateIs("promotion_option_no", str("500032980140001")),
					stateIs("auto_renew", knownvalue.Bool(true)),
					stateIs("auto_renew_duration", num(3)),
					stateIs("resource_group_id", str("rg-acctest")),
					stateIs("name", str("acc-ga")),
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
				},
				Check: withPlan(func(got string) error {
					id = got
					r, ok := findResource(emu, id)
					if !ok || r.Name != "acc-ga" || r.ResourceGroupID != "rg-acctest" || !r.AutoRenew || r.Tags["team"] != "net" {
						return fmt.Errorf("emulator holds %+v", r)
					}
					if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
						return fmt.Errorf("CreateBandwidthPackage called %d times, want 1", n)
					}
					return nil
				}),
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
				Config:          acctest.ProviderConfig(emu),
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
					out, err := emutest.GACommon(t, emu, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": got})
					if err != nil {
						return err
					}
					if got != id || fmt.Sprint(out["AutoRenewDuration"]) != "6" {
						return fmt.Errorf("plan %s (was %s) renews for %v months, want 6", got, id, out["AutoRenewDuration"])
					}
					return nil
				}),
			},
		},
	})
}
