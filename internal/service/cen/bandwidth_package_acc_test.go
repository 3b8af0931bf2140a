package cen_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

const resourceName = "aliyun_cen_bandwidth_package.test"

// purchaseOnly are the attributes Describe cannot return: null after import.
var purchaseOnly = []string{"period", "pricing_cycle", "auto_pay", "auto_renew", "auto_renew_duration", "order_id"}

// fastEmulator starts an emulator with delays short enough for the package to
// run in well under three minutes, yet long enough that every wait waits.
func fastEmulator(t *testing.T, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return emutest.FastEmulator(t, 200*time.Millisecond, 150*time.Millisecond, opts...)
}

func stateID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[resourceName]
	if !ok {
		return "", fmt.Errorf("%s not in state", resourceName)
	}
	return rs.Primary.ID, nil
}

// checkEmulator asserts on the emulator's record of the plan in state.
func checkEmulator(emu *emulator.Server, check func(emulator.Resource) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := stateID(s)
		if err != nil {
			return err
		}
		for _, r := range emu.Resources() {
			if r.ID == id {
				return check(r)
			}
		}
		return fmt.Errorf("plan %s not in the emulator", id)
	}
}

const fullConfig = `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 20
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = "acc-full"
  description            = "created by the acceptance test"
  charge_type            = "PREPAY"
  period                 = 2
  pricing_cycle          = "Month"
  auto_pay               = true
  auto_renew             = true
  auto_renew_duration    = 3
  resource_group_id      = "rg-acc"
  tags = {
    env  = "test"
    team = "network"
  }
  timeouts {
    create = "2m"
  }
}
`

// The plan left in config after import: no purchase options, which Describe
// cannot return.
const importedConfig = `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 20
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = "acc-full"
  description            = "created by the acceptance test"
  charge_type            = "PREPAY"
  resource_group_id      = "rg-acc"
  tags = {
    env  = "test"
    team = "network"
  }
}
`

func TestAccCENBandwidthPackage_basic(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	str := func(attr, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), knownvalue.StringExact(want))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		// A subscription stays in the account after destroy (see _prepayDestroy).
		CheckDestroy: acctest.CheckPlanCount(emu, 1),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, fullConfig),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cenbwp-`))),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(20)),
					str("geographic_region_a_id", "China"),
					str("geographic_region_b_id", "China"),
					str("name", "acc-full"),
					str("description", "created by the acceptance test"),
					str("charge_type", "PREPAY"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("period"), knownvalue.Int64Exact(2)),
					str("pricing_cycle", "Month"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_pay"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew_duration"), knownvalue.Int64Exact(3)),
					str("resource_group_id", "rg-acc"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"env": knownvalue.StringExact("test"), "team": knownvalue.StringExact("network"),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringRegexp(regexp.MustCompile(`^(Idle|InUse)$`))),
					str("business_status", "Normal"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("expired_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("creation_time"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("order_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("is_cross_border"), knownvalue.Bool(false)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkEmulator(emu, func(r emulator.Resource) error {
					if r.ChargeType != "PREPAY" || !r.AutoRenew || r.Bandwidth != 20 || r.Tags["team"] != "network" {
						return fmt.Errorf("emulator has %+v", r)
					}
					return nil
				}),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, purchaseOnly...),
			},
			{
				Config:          acctest.Config(emu, importedConfig),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// terraform plan -generate-config-out writes a config that plans clean.
				Config:          acctest.ProviderConfig(emu),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
			},
		},
	})
}

// postpayConfig: an empty desc leaves description out ("" is refused).
func postpayConfig(bandwidth int, name, desc, tags, areaB string) string {
	description := "null"
	if desc != "" {
		description = fmt.Sprintf("%q", desc)
	}
	return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = %d
  geographic_region_a_id = "China"
  geographic_region_b_id = %q
  name                   = %q
  description            = %s
  charge_type            = "POSTPAY"
  tags                   = %s
}
`, bandwidth, areaB, name, description, tags)
}

func TestAccCENBandwidthPackage_update(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, postpayConfig(2, "one", "first", `{ a = "1", b = "2" }`, "China")),
				Check: func(s *terraform.State) (err error) {
					id, err = stateID(s)
					return err
				},
			},
			{
				Config: acctest.Config(emu, postpayConfig(50, "two", "second", `{ b = "3", c = "4" }`, "China")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(50)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("two")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("second")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"b": knownvalue.StringExact("3"), "c": knownvalue.StringExact("4"),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrWith(resourceName, "id", func(v string) error {
						if v != id {
							return fmt.Errorf("id changed from %s to %s: the plan was replaced", id, v)
						}
						return nil
					}),
					checkEmulator(emu, func(r emulator.Resource) error {
						if r.Bandwidth != 50 || r.Name != "two" || r.Description != "second" || len(r.Tags) != 2 || r.Tags["c"] != "4" {
							return fmt.Errorf("emulator has %+v", r)
						}
						return nil
					}),
				),
			},
			{
				// Letter case alone is no change of area: an update without API calls.
				Config: acctest.Config(emu, strings.Replace(postpayConfig(50, "two", "second", `{ b = "3", c = "4" }`, "China"),
					`geographic_region_a_id = "China"`, `geographic_region_a_id = "CHINA"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("geographic_region_a_id"), knownvalue.StringExact("CHINA")),
				},
			},
		},
	})
}

func TestAccCENBandwidthPackage_replaceOnAreaChange(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{Config: acctest.Config(emu, postpayConfig(2, "area", "", "null", "China"))},
			{
				Config: acctest.Config(emu, postpayConfig(2, "area", "", "null", "Asia-Pacific")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("geographic_region_b_id"), knownvalue.StringExact("Asia-Pacific")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("is_cross_border"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if n := len(emu.Resources()); n != 1 {
						return fmt.Errorf("emulator holds %d plans after replacement, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCENBandwidthPackage_purchaseOptionsInPlace changes every purchase
// option: an update that calls no API and never replaces the plan.
func TestAccCENBandwidthPackage_purchaseOptionsInPlace(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	cfg := func(period int, cycle string, renew bool) string {
		return acctest.Config(emu, fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "Europe"
  period                 = %d
  pricing_cycle          = %q
  auto_renew             = %t
  auto_renew_duration    = 1
  auto_pay               = true
}
`, period, cycle, renew))
	}
	var modifies int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg(1, "Month", false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("charge_type"), knownvalue.StringExact("PREPAY")),
				},
				Check: func(*terraform.State) error {
					modifies = emu.Calls("ModifyCenBandwidthPackageSpec") + emu.Calls("ModifyCenBandwidthPackageAttribute")
					return nil
				},
			},
			{
				Config: cfg(1, "Year", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("pricing_cycle"), knownvalue.StringExact("Year")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if n := emu.Calls("ModifyCenBandwidthPackageSpec") + emu.Calls("ModifyCenBandwidthPackageAttribute"); n != modifies {
						return fmt.Errorf("purchase options made %d modify calls", n-modifies)
					}
					if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
						return fmt.Errorf("%d create calls: the plan was bought again", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccCENBandwidthPackage_disappears(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	conn := emutest.CBNClient(t, emu)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, postpayConfig(2, "gone", "", "null", "China")),
				Check: func(s *terraform.State) error {
					id, err := stateID(s)
					if err != nil {
						return err
					}
					req := cbn.CreateDeleteCenBandwidthPackageRequest()
					req.CenBandwidthPackageId = id
					if _, err := conn.DeleteCenBandwidthPackage(req); err != nil {
						return err
					}
					for deadline := time.Now().Add(10 * time.Second); len(emu.Resources()) > 0; {
						if time.Now().After(deadline) {
							return fmt.Errorf("plan %s not gone", id)
						}
						time.Sleep(50 * time.Millisecond)
					}
					return nil
				},
				// Refresh finds the plan gone, drops it with a warning, and plans it anew.
				ExpectNonEmptyPlan: true,
			},
			{
				Config: acctest.Config(emu, postpayConfig(2, "gone", "", "null", "China")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccCENBandwidthPackage_drift(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	conn := emutest.CBNClient(t, emu)
	var id string
	cfg := acctest.Config(emu, postpayConfig(10, "kept", "kept", `{ k = "v" }`, "China"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) (err error) {
					id, err = stateID(s)
					return err
				},
			},
			{
				PreConfig: func() {
					spec := cbn.CreateModifyCenBandwidthPackageSpecRequest()
					spec.CenBandwidthPackageId = id
					spec.Bandwidth = requests.NewInteger(7)
					if _, err := conn.ModifyCenBandwidthPackageSpec(spec); err != nil {
						t.Fatalf("out-of-band spec change: %v", err)
					}
					time.Sleep(300 * time.Millisecond) // let the emulator's update finish
					attr := cbn.CreateModifyCenBandwidthPackageAttributeRequest()
					attr.CenBandwidthPackageId = id
					attr.Name = "changed"
					if _, err := conn.ModifyCenBandwidthPackageAttribute(attr); err != nil {
						t.Fatalf("out-of-band rename: %v", err)
					}
					time.Sleep(300 * time.Millisecond)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(10)),
					},
				},
				Check: checkEmulator(emu, func(r emulator.Resource) error {
					if r.Bandwidth != 10 || r.Name != "kept" {
						return fmt.Errorf("drift not corrected: %+v", r)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccCENBandwidthPackage_example applies the documentation's example.
func TestAccCENBandwidthPackage_example(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	example, err := os.ReadFile("../../../examples/resources/aliyun_cen_bandwidth_package/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	emu := fastEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		// The subscription plan stays until it expires; the other is released.
		CheckDestroy: acctest.CheckPlanCount(emu, 1),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, string(example)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}
