package ga_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

const resourceName = "aliyun_ga_bandwidth_package.test"

// purchaseOnly are the attributes the API never reports, so import cannot restore them.
var purchaseOnly = []string{"duration", "pricing_cycle", "auto_pay", "auto_use_coupon", "promotion_option_no", "order_id", "timeouts"}

func planID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[resourceName]
	if !ok {
		return "", fmt.Errorf("%s not in state", resourceName)
	}
	return rs.Primary.ID, nil
}

// withPlan runs f on the plan's ID as a test step check.
func withPlan(f func(id string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := planID(s)
		if err != nil {
			return err
		}
		return f(id)
	}
}

func findResource(emu *emulator.Server, id string) (emulator.Resource, bool) {
	for _, r := range emu.Resources() {
		if r.ID == id {
			return r, true
		}
	}
	return emulator.Resource{}, false
}

// checkGone is a CheckDestroy: no GA plan is left in the emulator.
func checkGone(emu *emulator.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range emu.Resources() {
			if r.Product == "ga" {
				return fmt.Errorf("GA plan %s (%s) still exists after destroy", r.ID, r.Status)
			}
		}
		return nil
	}
}

func str(v string) knownvalue.Check { return knownvalue.StringExact(v) }

func num(v int64) knownvalue.Check { return knownvalue.Int64Exact(v) }

func attr(name string) tfjsonpath.Path {
	return tfjsonpath.New(name)
}

func stateIs(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(resourceName, attr(name), v)
}

// TestAccGABandwidthPackage_updateInPlace: bandwidth, bandwidth type, name,
// description and tags; auto-renew; resource group; and a purchase-only
// option, each an in-place update that keeps the plan's ID. It runs in both
// modes; the resource group exists only in the emulator, so cloud mode
// leaves resource_group_id out.
func TestAccGABandwidthPackage_updateInPlace(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	before, after := tg.Name(), tg.Name()
	rg, moved := "", []statecheck.StateCheck{}
	if tg.Emu() != nil {
		rg, moved = `resource_group_id = "rg-moved"`, []statecheck.StateCheck{stateIs("resource_group_id", str("rg-moved"))}
	}
	cfg := func(body string) string {
		return tg.Config(`
resource "aliyun_ga_bandwidth_package" "test" {
  type        = "Basic"
  charge_type = "POSTPAY"
` + body + `
}
`)
	}
	var id string
	sameID := withPlan(func(got string) error {
		if id == "" {
			id = got
		} else if got != id {
			return fmt.Errorf("plan replaced: %s became %s", id, got)
		}
		return nil
	})
	// holds checks what Describe and ListTagResources answer.
	holds := func(bandwidth int, kind, name, description string, want map[string]string) resource.TestCheckFunc {
		return withPlan(func(id string) error {
			p, err := a.plan(id)
			if err != nil || p.Bandwidth != bandwidth || p.BandwidthType != kind || p.Name != name ||
				p.Description != description || p.ChargeType != "POSTPAY" {
				return fmt.Errorf("Describe of %s answers %+v, %v; want %d Mbit/s %s named %s", id, p, err, bandwidth, kind, name)
			}
			got, err := a.tags(id)
			if err != nil || !maps.Equal(got, want) {
				return fmt.Errorf("tags of %s: %v, %v; want %v", id, got, err, want)
			}
			return nil
		})
	}
	updates := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
	}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&id),
		Steps: []resource.TestStep{
			{
				Config: cfg(fmt.Sprintf(`
  bandwidth      = 2
  bandwidth_type = "Basic"
  name           = %q
  tags           = { a = "1", b = "2" }
`, before)),
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("billing_type", str("PayByTraffic")),
					stateIs("auto_renew", knownvalue.Bool(false)),
					stateIs("auto_renew_duration", knownvalue.Null()),
					stateIs("resource_group_id", knownvalue.NotNull()),
					stateIs("description", knownvalue.Null()),
					stateIs("expired_time", str("")),
				},
				// The emulator's count comes first: holds calls ListTagResources.
				Check: resource.ComposeTestCheckFunc(sameID,
					tg.EmulatorCheck("no renewal or tag read", func(emu *emulator.Server) resource.TestCheckFunc {
						return func(*terraform.State) error {
							// A pay-as-you-go plan has no renewal to read, and the
							// answers carry the tags: neither call is made.
							for _, action := range []string{"DescribeBandwidthPackageAutoRenewAttribute", "ListTagResources"} {
								if n := emu.Calls(action); n != 0 {
									return fmt.Errorf("%s called %d times, want 0", action, n)
								}
							}
							return nil
						}
					}),
					holds(2, "Basic", before, "", map[string]string{"a": "1", "b": "2"})),
			},
			{
				Config: cfg(fmt.Sprintf(`
  bandwidth      = 3
  bandwidth_type = "Enhanced"
  name           = %q
  description    = "now described"
  tags           = { b = "3", c = "4" }
`, after)),
				ConfigPlanChecks: updates,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(3)),
					stateIs("bandwidth_type", str("Enhanced")),
					stateIs("name", str(after)),
					stateIs("description", str("now described")),
					stateIs("tags", knownvalue.MapExact(map[string]knownvalue.Check{"b": str("3"), "c": str("4")})),
					stateIs("status", str("active")),
				},
				Check: resource.ComposeTestCheckFunc(sameID, holds(3, "Enhanced", after, "now described", map[string]string{"b": "3", "c": "4"})),
			},
			{
				Config: cfg(fmt.Sprintf(`
  bandwidth           = 3
  bandwidth_type      = "Enhanced"
  name                = %q
  description         = "now described"
  tags                = { b = "3", c = "4" }
  auto_renew          = true
  auto_renew_duration = 6
`, after)),
				// Renewal is a subscription's: refused at plan time, nothing changes.
				ExpectError: regexp.MustCompile(`(?s)auto_renew.*only with\s+charge_type = "PREPAY"`),
			},
			{
				Config: cfg(fmt.Sprintf(`
  bandwidth           = 3
  bandwidth_type      = "Enhanced"
  name                = %q
  description         = "now described"
  tags                = { b = "3", c = "4" }
  %s
  auto_pay            = false
`, after, rg)),
				ConfigPlanChecks:  updates,
				ConfigStateChecks: append(moved, stateIs("auto_pay", knownvalue.Bool(false))),
				Check: resource.ComposeTestCheckFunc(sameID, holds(3, "Enhanced", after, "now described", map[string]string{"b": "3", "c": "4"}),
					tg.EmulatorCheck("the plan's resource group", func(*emulator.Server) resource.TestCheckFunc {
						return withPlan(func(id string) error {
							raw, err := a.planRaw(id)
							if err != nil || raw["ResourceGroupId"] != "rg-moved" {
								return fmt.Errorf("resource group %v (%v), want rg-moved", raw["ResourceGroupId"], err)
							}
							return nil
						})
					})),
			},
			{
				// auto_renew back off: the duration goes with it. The name is
				// left out on purpose, which the cost guard refuses: the plan
				// check below stops the step before apply unless it is an
				// update, so nothing is bought.
				Config: tg.ProviderConfig() + `
resource "aliyun_ga_bandwidth_package" "test" {
  type              = "Basic"
  charge_type       = "POSTPAY"
  bandwidth         = 3
  bandwidth_type    = "Enhanced"
  ` + rg + `
}
`,
				ConfigPlanChecks: updates,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("auto_renew", knownvalue.Bool(false)),
					stateIs("auto_renew_duration", knownvalue.Null()),
					stateIs("tags", knownvalue.Null()),
					// The API cannot clear a name: it is kept.
					stateIs("name", str(after)),
				},
				Check: resource.ComposeTestCheckFunc(sameID, withPlan(func(id string) error {
					if got, err := a.tags(id); err != nil || len(got) != 0 {
						return fmt.Errorf("tags of %s: %v, %v; want none", id, got, err)
					}
					return nil
				})),
			},
		},
	})
}

// TestAccGABandwidthPackage_replaceOnTypeChange: a new type is a new plan,
// the old one released. It runs in both modes; in cloud mode the account
// must allow pay-as-you-go CrossDomain plans (README, "Testing against
// Alibaba Cloud").
func TestAccGABandwidthPackage_replaceOnTypeChange(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	name := tg.Name()
	cfg := func(typ string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 5
  type           = %q
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  name           = %q
}
`, typ, name))
	}
	var first, second string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&first, &second),
		Steps: []resource.TestStep{
			{
				Config: cfg("Basic"),
				Check:  withPlan(func(id string) error { first = id; return nil }),
			},
			{
				Config: cfg("CrossDomain"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("type", str("CrossDomain")),
					stateIs("cbn_geographic_region_id_a", str("China-mainland")),
				},
				Check: withPlan(func(id string) error {
					second = id
					if id == first {
						return fmt.Errorf("type change kept plan %s", id)
					}
					if p, err := a.plan(id); err != nil || p.Type != "CrossDomain" {
						return fmt.Errorf("Describe of %s answers %+v, %v; want a CrossDomain plan", id, p, err)
					}
					if p, err := a.plan(first); !isNotExist(err) {
						return fmt.Errorf("replaced plan %s still exists: %+v, %v", first, p, err)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccGABandwidthPackage_crossDomainPayBY95: a cross-region pay-as-you-go
// plan metered at the 95th percentile, released on destroy. It runs in both
// modes; in cloud mode the account must allow pay-as-you-go CrossDomain
// plans and PayBY95 billing (README, "Testing against Alibaba Cloud").
func TestAccGABandwidthPackage_crossDomainPayBY95(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&id),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth                  = 2
  type                       = "CrossDomain"
  charge_type                = "POSTPAY"
  billing_type               = "PayBY95"
  ratio                      = 40
  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"
  name                       = %q
}
`, tg.Name())),
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("type", str("CrossDomain")),
					stateIs("billing_type", str("PayBY95")),
					stateIs("ratio", num(40)),
					stateIs("cbn_geographic_region_id_a", str("China-mainland")),
					stateIs("cbn_geographic_region_id_b", str("Global")),
					stateIs("bandwidth_type", knownvalue.Null()),
					stateIs("duration", knownvalue.Null()),
					stateIs("pricing_cycle", knownvalue.Null()),
				},
				Check: withPlan(func(got string) error {
					id = got
					p, err := a.plan(id)
					if err != nil || p.Type != "CrossDomain" || !strings.EqualFold(p.BillingType, "PayBY95") || p.Ratio != 40 ||
						p.CbnGeographicRegionIdB != "Global" {
						return fmt.Errorf("Describe of %s answers %+v, %v", id, p, err)
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
		},
	})
}

// TestAccGABandwidthPackage_payBy95Spelling: the official provider writes
// PayBy95, the API documents PayBY95. The provider accepts both: state keeps
// the user's spelling, the wire carries the documented one, the plan after
// apply is empty, and writing the other spelling later is an update in place
// that changes nothing (never a replacement, which would buy a second plan).
// It runs in both modes (the account must allow what crossDomainPayBY95
// needs); which spelling was sent only the emulator can tell, as it answers
// the one it got and the live API may answer either (DESIGN.md, "Emulator
// conformance choices").
func TestAccGABandwidthPackage_payBy95Spelling(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	name := tg.Name()
	config := func(spelling string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth                  = 2
  type                       = "CrossDomain"
  charge_type                = "POSTPAY"
  billing_type               = %q
  ratio                      = 40
  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"
  name                       = %q
}
`, spelling, name))
	}
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&id),
		Steps: []resource.TestStep{
			{
				Config:            config("PayBy95"),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("billing_type", str("PayBy95"))},
				Check: resource.ComposeTestCheckFunc(withPlan(func(got string) error {
					id = got
					raw, err := a.planRaw(id)
					if err != nil {
						return err
					}
					if s, _ := raw["BillingType"].(string); !strings.EqualFold(s, "PayBY95") {
						return fmt.Errorf("the API holds BillingType %v, want PayBY95", raw["BillingType"])
					}
					return nil
				}), tg.EmulatorCheck("the spelling on the wire", func(*emulator.Server) resource.TestCheckFunc {
					return withPlan(func(id string) error {
						raw, err := a.planRaw(id)
						if err != nil {
							return err
						}
						if raw["BillingType"] != "PayBY95" {
							return fmt.Errorf("the API got BillingType %v, want the documented PayBY95", raw["BillingType"])
						}
						return nil
					})
				})),
			},
			{
				Config: config("PayBY95"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}},
				Check: withPlan(func(got string) error {
					if got != id {
						return fmt.Errorf("plan replaced: %s became %s", id, got)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccGABandwidthPackage_drift: changes and a deletion made outside
// Terraform show in the next plan, and apply puts things back. It runs in
// both modes.
func TestAccGABandwidthPackage_drift(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	a := apiOf(tg)
	config := tg.Config(fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 2
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  name           = %q
  tags           = { env = "test" }
}
`, tg.Name()))
	ga := a.c.GA()
	var id, again string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkReleased(&id, &again),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: withPlan(func(got string) error {
					id = got
					// Changed behind Terraform's back: bandwidth and tags.
					req := gasdk.CreateUpdateBandwidthPackageRequest()
					req.RegionId, req.BandwidthPackageId, req.Bandwidth = client.GARegion, id, requests.NewInteger(3)
					if err := a.busy(func() error { _, err := ga.UpdateBandwidthPackage(req); return err }); err != nil {
						return err
					}
					if err := a.waitState(id, "active"); err != nil {
						return err
					}
					return a.busy(func() error {
						_, err := a.c.CommonGA(context.Background(), "TagResources", map[string]string{
							"ResourceType": "bandwidthpackage", "ResourceId.1": id, "Tag.1.Key": "extra", "Tag.1.Value": "x"})
						return err
					})
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, attr("bandwidth"), num(2)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(2)),
					stateIs("tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": str("test")})),
				},
				Check: withPlan(func(id string) error {
					if p, err := a.plan(id); err != nil || p.Bandwidth != 2 {
						return fmt.Errorf("Describe of %s answers %+v, %v; want 2 Mbit/s back", id, p, err)
					}
					if got, err := a.tags(id); err != nil || !maps.Equal(got, map[string]string{"env": "test"}) {
						return fmt.Errorf("tags of %s: %v, %v; want env=test alone", id, got, err)
					}
					// Deleted behind Terraform's back.
					req := gasdk.CreateDeleteBandwidthPackageRequest()
					req.RegionId, req.BandwidthPackageId = client.GARegion, id
					if err := a.busy(func() error { _, err := ga.DeleteBandwidthPackage(req); return err }); err != nil {
						return err
					}
					// The release takes a while; the next refresh must find
					// the plan gone, not still releasing.
					return a.waitGone(id)
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
				Check: withPlan(func(got string) error {
					again = got
					if got == id {
						return fmt.Errorf("deleted plan %s was not created again", id)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccGABandwidthPackage_example applies the documentation's example.
func TestAccGABandwidthPackage_example(t *testing.T) {
	t.Parallel()
	emu := newTarget(t).Emulator("it applies the documentation's example as written: a 20 Mbit/s subscription " +
		"and a 100 Mbit/s plan, more than cloud mode buys")
	example, err := os.ReadFile("../../../examples/resources/aliyun_ga_bandwidth_package/resource.tf")
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + string(example),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("aliyun_ga_bandwidth_package.basic", attr("status"), str("active")),
				statecheck.ExpectKnownValue("aliyun_ga_bandwidth_package.cross_domain", attr("ratio"), num(30)),
			},
		}},
	})
}
