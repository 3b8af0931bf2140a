package cen_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

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
)

const resourceName = "aliyun_cen_bandwidth_package.test"

// purchaseOnly are the attributes Describe cannot return: null after import.
var purchaseOnly = []string{"period", "pricing_cycle", "auto_pay", "auto_renew", "auto_renew_duration", "order_id"}

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

// fullConfig is a subscription with every attribute set. The resource
// group rg-acc exists only in the emulator: in cloud mode it is left out
// and the plan joins the account's default group.
func fullConfig(tg *acctest.Target, name string) string {
	return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = %q
  description            = "created by the acceptance test"
  charge_type            = "PREPAY"
  period                 = 2
  pricing_cycle          = "Month"
  auto_pay               = true
  auto_renew             = true
  auto_renew_duration    = 3
  %s
  tags = {
    env  = "test"
    team = "network"
  }
  timeouts {
    create = "2m"
  }
}
`, name, resourceGroupLine(tg))
}

// importedConfig is the plan left in config after import: no purchase
// options, which Describe cannot return.
func importedConfig(tg *acctest.Target, name string) string {
	return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  name                   = %q
  description            = "created by the acceptance test"
  charge_type            = "PREPAY"
  %s
  tags = {
    env  = "test"
    team = "network"
  }
}
`, name, resourceGroupLine(tg))
}

// resourceGroupLine sets the emulator's resource group rg-acc; a real
// account has no such group.
func resourceGroupLine(tg *acctest.Target) string {
	if tg.Cloud() {
		return ""
	}
	return `resource_group_id      = "rg-acc"`
}

func TestAccCENBandwidthPackage_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	tg.Prepay()
	conn := tg.Client().CEN()
	name := tg.Name()
	str := func(attr, want string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), knownvalue.StringExact(want))
	}
	resourceGroup := knownvalue.Check(knownvalue.NotNull())
	if !tg.Cloud() {
		resourceGroup = knownvalue.StringExact("rg-acc")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		// A subscription stays in the account after destroy (see _prepayDestroy).
		CheckDestroy: plansKept(conn),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(fullConfig(tg, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cenbwp-`))),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(2)),
					str("geographic_region_a_id", "China"),
					str("geographic_region_b_id", "China"),
					str("name", name),
					str("description", "created by the acceptance test"),
					str("charge_type", "PREPAY"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("period"), knownvalue.Int64Exact(2)),
					str("pricing_cycle", "Month"),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_pay"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew_duration"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("resource_group_id"), resourceGroup),
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
				Check: resource.ComposeTestCheckFunc(
					checkPlan(conn, "", func(p cbn.CenBandwidthPackage) error {
						if p.BandwidthPackageChargeType != "PREPAY" || p.Bandwidth != 2 || p.Name != name || tagsOf(p)["team"] != "network" {
							return fmt.Errorf("Describe answers %+v", p)
						}
						return nil
					}),
					// Describe does not answer the renewal: only the emulator's record shows it.
					tg.EmulatorCheck("auto-renewal recorded", func(emu *emulator.Server) resource.TestCheckFunc {
						return checkEmulator(emu, func(r emulator.Resource) error {
							if !r.AutoRenew {
								return fmt.Errorf("emulator has %+v", r)
							}
							return nil
						})
					}),
				),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts"}, purchaseOnly...),
			},
			{
				Config:          tg.Config(importedConfig(tg, name)),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{
				// terraform plan -generate-config-out writes a config that plans clean.
				Config:          tg.ProviderConfig(),
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
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	one, two := tg.Name(), tg.Name()
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(postpayConfig(2, one, "first", `{ a = "1", b = "2" }`, "China")),
				Check: func(s *terraform.State) (err error) {
					id, err = stateID(s)
					return err
				},
			},
			{
				Config: tg.Config(postpayConfig(3, two, "second", `{ b = "3", c = "4" }`, "China")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact(two)),
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
					checkPlan(conn, "", func(p cbn.CenBandwidthPackage) error {
						if tags := tagsOf(p); p.Bandwidth != 3 || p.Name != two || p.Description != "second" || len(tags) != 2 || tags["c"] != "4" {
							return fmt.Errorf("Describe answers %+v", p)
						}
						return nil
					}),
				),
			},
			{
				// Letter case alone is no change of area: an update without API calls.
				Config: tg.Config(strings.Replace(postpayConfig(3, two, "second", `{ b = "3", c = "4" }`, "China"),
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
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	name := tg.Name()
	var first string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn, &first),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(postpayConfig(2, name, "", "null", "China")),
				Check: func(s *terraform.State) (err error) {
					first, err = stateID(s)
					return err
				},
			},
			{
				Config: tg.Config(postpayConfig(2, name, "", "null", "Asia-Pacific")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("geographic_region_b_id"), knownvalue.StringExact("Asia-Pacific")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("is_cross_border"), knownvalue.Bool(true)),
				},
				// The first plan is released, its successor bought (the API answers areas in lower case).
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						if list, err := describePlans(conn, first); err != nil || len(list) != 0 {
							return fmt.Errorf("the replaced plan %s is still described: %+v, %v", first, list, err)
						}
						return nil
					},
					checkPlan(conn, "", func(p cbn.CenBandwidthPackage) error {
						if p.CenBandwidthPackageId == first || !strings.EqualFold(p.GeographicRegionBId, "Asia-Pacific") {
							return fmt.Errorf("Describe answers %+v", p)
						}
						return nil
					}),
				),
			},
		},
	})
}

// TestAccCENBandwidthPackage_purchaseOptionsInPlace changes every purchase
// option: an update that calls no API and never replaces the plan.
func TestAccCENBandwidthPackage_purchaseOptionsInPlace(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	tg.Prepay()
	name := tg.Name()
	cfg := func(period int, cycle string, renew bool) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "Europe"
  name                   = %q
  period                 = %d
  pricing_cycle          = %q
  auto_renew             = %t
  auto_renew_duration    = 1
  auto_pay               = true
}
`, name, period, cycle, renew))
	}
	modifies := func(emu *emulator.Server) int {
		return emu.Calls("ModifyCenBandwidthPackageSpec") + emu.Calls("ModifyCenBandwidthPackageAttribute")
	}
	var id string
	var before int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg(1, "Month", false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("charge_type"), knownvalue.StringExact("PREPAY")),
				},
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) (err error) {
						id, err = stateID(s)
						return err
					},
					tg.EmulatorCheck("modify calls so far", func(emu *emulator.Server) resource.TestCheckFunc {
						return func(*terraform.State) error {
							before = modifies(emu)
							return nil
						}
					}),
				),
			},
			{
				Config: cfg(1, "Year", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("pricing_cycle"), knownvalue.StringExact("Year")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auto_renew"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
						if v != id {
							return fmt.Errorf("id changed from %s to %s: the plan was bought again", id, v)
						}
						return nil
					})),
				},
				Check: tg.EmulatorCheck("no modify call, one create call", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if n := modifies(emu); n != before {
							return fmt.Errorf("purchase options made %d modify calls", n-before)
						}
						if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
							return fmt.Errorf("%d create calls: the plan was bought again", n)
						}
						return nil
					}
				}),
			},
		},
	})
}

func TestAccCENBandwidthPackage_disappears(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	name := tg.Name()
	var gone string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn, &gone),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(postpayConfig(2, name, "", "null", "China")),
				Check: func(s *terraform.State) error {
					id, err := stateID(s)
					if err != nil {
						return err
					}
					gone = id
					req := cbn.CreateDeleteCenBandwidthPackageRequest()
					req.CenBandwidthPackageId = id
					if _, err := conn.DeleteCenBandwidthPackage(req); err != nil {
						return err
					}
					return waitPlan(tg, conn, id, "released", planGone)
				},
				// Refresh finds the plan gone, drops it with a warning, and plans it anew.
				ExpectNonEmptyPlan: true,
			},
			{
				Config: tg.Config(postpayConfig(2, name, "", "null", "China")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccCENBandwidthPackage_drift(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	// The rename behind Terraform's back keeps the prefix, so a leftover is swept.
	kept, changed := tg.Name(), tg.Name()
	var id string
	cfg := tg.Config(postpayConfig(3, kept, "kept", `{ k = "v" }`, "China"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn),
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
					spec.Bandwidth = requests.NewInteger(2)
					if _, err := conn.ModifyCenBandwidthPackageSpec(spec); err != nil {
						t.Fatalf("out-of-band spec change: %v", err)
					}
					// The change is asynchronous: the plan is Updating until it is made.
					if err := waitPlan(tg, conn, id, "Idle at 2 Mbit/s", func(p *cbn.CenBandwidthPackage) bool {
						return p != nil && p.Bandwidth == 2 && p.Status == "Idle"
					}); err != nil {
						t.Fatal(err)
					}
					attr := cbn.CreateModifyCenBandwidthPackageAttributeRequest()
					attr.CenBandwidthPackageId = id
					attr.Name = changed
					if _, err := conn.ModifyCenBandwidthPackageAttribute(attr); err != nil {
						t.Fatalf("out-of-band rename: %v", err)
					}
					if err := waitPlan(tg, conn, id, "Idle and renamed", func(p *cbn.CenBandwidthPackage) bool {
						return p != nil && p.Name == changed && p.Status == "Idle"
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(3)),
					},
				},
				Check: checkPlan(conn, "", func(p cbn.CenBandwidthPackage) error {
					if p.Bandwidth != 3 || p.Name != kept {
						return fmt.Errorf("drift not corrected: %+v", p)
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
	emu := emulatorOnly(t, "the documentation's example buys a subscription of 5 Mbit/s and a plan of 10, "+
		"named without the tf-acc- prefix")
	example, err := os.ReadFile("../../../examples/resources/aliyun_cen_bandwidth_package/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
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
