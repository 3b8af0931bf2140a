package ga_test

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// dataSourcePlans is more than one page (50) of ListBandwidthPackages.
const dataSourcePlans = 56

// seedPlans buys n plans behind Terraform's back, named ga-NN: every third
// one CrossDomain PayBY95, the others Basic; even ones subscriptions tagged
// team=even, odd ones pay-as-you-go. It returns their IDs.
func seedPlans(t *testing.T, emu *emulator.Server, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range n {
		q := map[string]string{
			"Bandwidth": strconv.Itoa(10 + i), "Type": "Basic", "BandwidthType": "Basic",
			"ChargeType": "POSTPAY", "AutoPay": "true", "Name": fmt.Sprintf("ga-%02d", i),
		}
		if i%3 == 0 {
			q["Type"], q["BillingType"], q["Ratio"] = "CrossDomain", "PayBY95", "40"
			delete(q, "BandwidthType")
		}
		if i%2 == 0 {
			q["ChargeType"], q["Duration"], q["PricingCycle"] = "PREPAY", "1", "Month"
			delete(q, "BillingType")
			delete(q, "Ratio")
			q["Tag.1.Key"], q["Tag.1.Value"] = "team", "even"
		}
		out, err := emutest.GACommon(t, emu, "CreateBandwidthPackage", q)
		if err != nil {
			t.Fatalf("seeding plan %d: %v", i, err)
		}
		ids[i] = out["BandwidthPackageId"].(string)
	}
	return ids
}

// Every page is read: all the plans, in creation order, with the attributes
// the resource reports.
func TestAccGABandwidthPackagesDataSource_allPages(t *testing.T) {
	emu := acctest.NewTarget(t, emulator.WithReadyDelay(0)).Emulator("it seeds 56 plans, subscriptions among them, " +
		"to fill more than one page, and expects them to be all the plans there are")
	ids := seedPlans(t, emu, dataSourcePlans)
	const ds = "data.aliyun_ga_bandwidth_packages.all"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + `data "aliyun_ga_bandwidth_packages" "all" {}`,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "ids.#", strconv.Itoa(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "names.#", strconv.Itoa(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "packages.#", strconv.Itoa(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "ids.0", ids[0]),
				resource.TestCheckResourceAttr(ds, "ids.55", ids[55]),
				resource.TestCheckResourceAttr(ds, "names.52", "ga-52"),
				resource.TestCheckResourceAttr(ds, "packages.52.tags.team", "even"),
				resource.TestCheckResourceAttr(ds, "packages.53.tags.%", "0"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				// ga-51: CrossDomain, pay-as-you-go at the 95th percentile.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(51), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                         knownvalue.StringExact(ids[51]),
					"bandwidth":                  knownvalue.Int64Exact(61),
					"type":                       knownvalue.StringExact("CrossDomain"),
					"bandwidth_type":             knownvalue.Null(),
					"charge_type":                knownvalue.StringExact("POSTPAY"),
					"billing_type":               knownvalue.StringExact("PayBY95"),
					"ratio":                      knownvalue.Int64Exact(40),
					"cbn_geographic_region_id_a": knownvalue.StringExact("China-mainland"),
					"cbn_geographic_region_id_b": knownvalue.StringExact("Global"),
					"resource_group_id":          knownvalue.NotNull(),
					"name":                       knownvalue.StringExact("ga-51"),
					"description":                knownvalue.Null(),
					"tags":                       knownvalue.MapExact(map[string]knownvalue.Check{}),
					"status":                     knownvalue.StringExact("active"),
					"expired_time":               knownvalue.StringExact(""),
					"create_time":                knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)),
					"region_id":                  knownvalue.StringExact("cn-hangzhou"),
					"accelerators":               knownvalue.ListExact([]knownvalue.Check{}),
				})),
				// ga-52: a Basic subscription.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(52).AtMapKey("bandwidth_type"), knownvalue.StringExact("Basic")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(52).AtMapKey("charge_type"), knownvalue.StringExact("PREPAY")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(52).AtMapKey("billing_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(52).AtMapKey("expired_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
			},
		}},
	})
}

// Filters narrow the list, those the API takes and those applied to its
// answer alike, and combine.
func TestAccGABandwidthPackagesDataSource_filters(t *testing.T) {
	emu := acctest.NewTarget(t, emulator.WithReadyDelay(0), emulator.WithUpdateDelay(time.Hour)).Emulator(
		"it seeds 56 plans, subscriptions among them, and counts the matches among all the plans there are")
	ids := seedPlans(t, emu, dataSourcePlans)
	// A plan just modified stays updating for the test's duration.
	if _, err := emutest.GACommon(t, emu, "UpdateBandwidthPackage", map[string]string{"BandwidthPackageId": ids[5], "Bandwidth": "99"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + fmt.Sprintf(`
data "aliyun_ga_bandwidth_packages" "one_id" {
  ids = [%[1]q]
}

data "aliyun_ga_bandwidth_packages" "two_ids" {
  ids = [%[2]q, %[1]q, "gbwp-doesnotexist"]
}

data "aliyun_ga_bandwidth_packages" "cross_domain" {
  type = "CrossDomain"
}

data "aliyun_ga_bandwidth_packages" "updating" {
  status = "updating"
}

data "aliyun_ga_bandwidth_packages" "tagged_basic_in_fifties" {
  type       = "Basic"
  name_regex = "^ga-5"
  tags       = { team = "even" }
}
`, ids[7], ids[50]),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.one_id", "ids.#", "1"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.one_id", "names.0", "ga-07"),
				// Several IDs come back in the API's order, not the configuration's.
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.two_ids", "ids.#", "2"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.two_ids", "ids.0", ids[7]),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.two_ids", "ids.1", ids[50]),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.cross_domain", "ids.#", "19"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.updating", "ids.#", "1"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.updating", "packages.0.bandwidth", "99"),
				// ga-50, 52 and 54 are the even ones in the fifties; 54 is CrossDomain.
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.tagged_basic_in_fifties", "names.#", "2"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.tagged_basic_in_fifties", "names.0", "ga-50"),
				resource.TestCheckResourceAttr("data.aliyun_ga_bandwidth_packages.tagged_basic_in_fifties", "names.1", "ga-52"),
			),
		}},
	})
}

// An empty list of IDs is a filter that matches no plan, answered without a
// call; only leaving ids out lists every plan. It runs in both modes: in
// cloud mode one pay-as-you-go plan is seeded (and released by the test's
// cleanup), so the account surely holds one; that no call is made is an
// emulator check.
func TestAccGABandwidthPackagesDataSource_emptyIDs(t *testing.T) {
	tg := acctest.NewTarget(t, emulator.WithReadyDelay(0))
	if emu := tg.Emu(); emu != nil {
		seedPlans(t, emu, 3)
	} else {
		seedPlan(t, apiOf(tg), tg.Name(), nil)
	}
	const ds = "data.aliyun_ga_bandwidth_packages.none"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: tg.Config(`data "aliyun_ga_bandwidth_packages" "none" { ids = [] }`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "ids.#", "0"),
				resource.TestCheckResourceAttr(ds, "names.#", "0"),
				resource.TestCheckResourceAttr(ds, "packages.#", "0"),
				tg.EmulatorCheck("no list call", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if n := emu.Calls("ListBandwidthPackages"); n != 0 {
							return fmt.Errorf("ListBandwidthPackages called %d times, want 0", n)
						}
						return nil
					}
				}),
			),
		}},
	})
}
