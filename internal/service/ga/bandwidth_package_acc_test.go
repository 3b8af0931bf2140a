package ga_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
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

const resourceName = "aliyun_ga_bandwidth_package.test"

// purchaseOnly are the attributes the API never reports, so import cannot restore them.
var purchaseOnly = []string{"duration", "pricing_cycle", "auto_pay", "auto_use_coupon", "promotion_option_no", "order_id", "timeouts"}

// newEmulator starts this test's own emulator with short delays.
func newEmulator(t *testing.T, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return emutest.FastEmulator(t, 300*time.Millisecond, 200*time.Millisecond, opts...)
}

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
// option, each an in-place update that keeps the plan's ID.
func TestAccGABandwidthPackage_updateInPlace(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	cfg := func(body string) string {
		return acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  type        = "Basic"
  charge_type = "POSTPAY"
` + body + `
}
`
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
	updates := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
	}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{
				Config: cfg(`
  bandwidth      = 10
  bandwidth_type = "Basic"
  name           = "before"
  tags           = { a = "1", b = "2" }
`),
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("billing_type", str("PayByTraffic")),
					stateIs("auto_renew", knownvalue.Bool(false)),
					stateIs("auto_renew_duration", knownvalue.Null()),
					stateIs("resource_group_id", knownvalue.NotNull()),
					stateIs("description", knownvalue.Null()),
					stateIs("expired_time", str("")),
				},
				Check: resource.ComposeTestCheckFunc(sameID, func(*terraform.State) error {
					// A pay-as-you-go plan has no renewal to read, and the
					// answers carry the tags: neither call is made.
					for _, action := range []string{"DescribeBandwidthPackageAutoRenewAttribute", "ListTagResources"} {
						if n := emu.Calls(action); n != 0 {
							return fmt.Errorf("%s called %d times, want 0", action, n)
						}
					}
					return nil
				}),
			},
			{
				Config: cfg(`
  bandwidth      = 20
  bandwidth_type = "Enhanced"
  name           = "after"
  description    = "now described"
  tags           = { b = "3", c = "4" }
`),
				ConfigPlanChecks: updates,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(20)),
					stateIs("bandwidth_type", str("Enhanced")),
					stateIs("name", str("after")),
					stateIs("description", str("now described")),
					stateIs("tags", knownvalue.MapExact(map[string]knownvalue.Check{"b": str("3"), "c": str("4")})),
					stateIs("status", str("active")),
				},
				Check: resource.ComposeTestCheckFunc(sameID, withPlan(func(id string) error {
					r, _ := findResource(emu, id)
					if r.Bandwidth != 20 || r.BandwidthType != "Enhanced" || r.Description != "now described" || len(r.Tags) != 2 || r.Tags["a"] != "" {
						return fmt.Errorf("emulator holds %+v", r)
					}
					return nil
				})),
			},
			{
				Config: cfg(`
  bandwidth           = 20
  bandwidth_type      = "Enhanced"
  name                = "after"
  description         = "now described"
  tags                = { b = "3", c = "4" }
  auto_renew          = true
  auto_renew_duration = 6
`),
				// Renewal is a subscription's: refused at plan time, nothing changes.
				ExpectError: regexp.MustCompile(`(?s)auto_renew.*only with\s+charge_type = "PREPAY"`),
			},
			{
				Config: cfg(`
  bandwidth           = 20
  bandwidth_type      = "Enhanced"
  name                = "after"
  description         = "now described"
  tags                = { b = "3", c = "4" }
  resource_group_id   = "rg-moved"
  auto_pay            = false
`),
				ConfigPlanChecks: updates,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("resource_group_id", str("rg-moved")),
					stateIs("auto_pay", knownvalue.Bool(false)),
				},
				Check: resource.ComposeTestCheckFunc(sameID, withPlan(func(id string) error {
					r, _ := findResource(emu, id)
					if r.ResourceGroupID != "rg-moved" {
						return fmt.Errorf("resource group %q, want rg-moved", r.ResourceGroupID)
					}
					return nil
				})),
			},
			{
				// auto_renew back off: the duration goes with it.
				Config: cfg(`
  bandwidth         = 20
  bandwidth_type    = "Enhanced"
  resource_group_id = "rg-moved"
`),
				ConfigPlanChecks: updates,
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("auto_renew", knownvalue.Bool(false)),
					stateIs("auto_renew_duration", knownvalue.Null()),
					stateIs("tags", knownvalue.Null()),
					// The API cannot clear a name: it is kept.
					stateIs("name", str("after")),
				},
				Check: sameID,
			},
		},
	})
}

// TestAccGABandwidthPackage_replaceOnTypeChange: a new type is a new plan.
func TestAccGABandwidthPackage_replaceOnTypeChange(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	cfg := func(typ string) string {
		return acctest.ProviderConfig(emu) + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 5
  type           = %q
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}
`, typ)
	}
	var first string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
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
					if id == first {
						return fmt.Errorf("type change kept plan %s", id)
					}
					if _, ok := findResource(emu, first); ok {
						return fmt.Errorf("replaced plan %s still exists", first)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccGABandwidthPackage_crossDomainPayBY95: a cross-region pay-as-you-go
// plan metered at the 95th percentile, released on destroy.
func TestAccGABandwidthPackage_crossDomainPayBY95(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth                  = 100
  type                       = "CrossDomain"
  charge_type                = "POSTPAY"
  billing_type               = "PayBY95"
  ratio                      = 40
  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"
}
`,
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
func TestAccGABandwidthPackage_payBy95Spelling(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	config := func(spelling string) string {
		return acctest.ProviderConfig(emu) + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth                  = 100
  type                       = "CrossDomain"
  charge_type                = "POSTPAY"
  billing_type               = %q
  ratio                      = 40
  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"
}
`, spelling)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{
				Config:            config("PayBy95"),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("billing_type", str("PayBy95"))},
				Check: withPlan(func(id string) error {
					raw, err := emutest.GACommon(t, emu, "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id})
					if err != nil {
						return err
					}
					if raw["BillingType"] != "PayBY95" {
						return fmt.Errorf("the API got BillingType %v, want the documented PayBY95", raw["BillingType"])
					}
					return nil
				}),
			},
			{
				Config: config("PayBY95"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}},
			},
		},
	})
}

// TestAccGABandwidthPackage_drift: changes and a deletion made outside
// Terraform show in the next plan, and apply puts things back.
func TestAccGABandwidthPackage_drift(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	config := acctest.ProviderConfig(emu) + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  tags           = { env = "test" }
}
`
	ga := emutest.GAClient(t, emu)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: withPlan(func(got string) error {
					id = got
					// Changed behind Terraform's back: bandwidth and tags.
					req := gasdk.CreateUpdateBandwidthPackageRequest()
					req.RegionId, req.BandwidthPackageId, req.Bandwidth = "cn-hangzhou", id, requests.NewInteger(50)
					if _, err := ga.UpdateBandwidthPackage(req); err != nil {
						return err
					}
					_, err := emutest.GACommon(t, emu, "TagResources", map[string]string{
						"ResourceType": "bandwidthpackage", "ResourceId.1": id, "Tag.1.Key": "extra", "Tag.1.Value": "x"})
					return err
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, attr("bandwidth"), num(10)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(10)),
					stateIs("tags", knownvalue.MapExact(map[string]knownvalue.Check{"env": str("test")})),
				},
				Check: withPlan(func(id string) error {
					// Deleted behind Terraform's back.
					req := gasdk.CreateDeleteBandwidthPackageRequest()
					req.RegionId, req.BandwidthPackageId = "cn-hangzhou", id
					deleted := false
					for range 50 {
						if _, err := ga.DeleteBandwidthPackage(req); err == nil {
							deleted = true
							break
						} else if !strings.Contains(err.Error(), "StateError") {
							return err
						}
						time.Sleep(100 * time.Millisecond)
					}
					if !deleted {
						return fmt.Errorf("plan %s stayed busy", id)
					}
					// The release takes the emulator's delete delay; the next
					// refresh must find the plan gone, not still releasing.
					describe := gasdk.CreateDescribeBandwidthPackageRequest()
					describe.RegionId, describe.BandwidthPackageId = "cn-hangzhou", id
					for range 50 {
						if _, err := ga.DescribeBandwidthPackage(describe); err != nil && strings.Contains(err.Error(), "NotExist.BandwidthPackage") {
							return nil
						}
						time.Sleep(50 * time.Millisecond)
					}
					return fmt.Errorf("plan %s was not gone after its release", id)
				}),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
				Check: withPlan(func(got string) error {
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
	acctest.PreCheck(t)
	emu := newEmulator(t)
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
