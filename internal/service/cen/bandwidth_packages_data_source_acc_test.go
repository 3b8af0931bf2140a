package cen_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// dataSourcePlans is more than one page (50) of DescribeCenBandwidthPackages.
const dataSourcePlans = 57

// seedPlans buys n plans behind Terraform's back: even ones POSTPAY and
// tagged team=even, odd ones PREPAY; each named ds-NN. It returns their IDs.
func seedPlans(t *testing.T, emu *emulator.Server, n int) []string {
	t.Helper()
	conn := emutest.CBNClient(t, emu)
	ids := make([]string, n)
	for i := range n {
		request := cbn.CreateCreateCenBandwidthPackageRequest()
		request.Bandwidth = requests.NewInteger(10 + i)
		request.GeographicRegionAId = "China"
		request.GeographicRegionBId = "Europe"
		request.Name = fmt.Sprintf("ds-%02d", i)
		request.BandwidthPackageChargeType = "PREPAY"
		request.Period = requests.NewInteger(1)
		request.PricingCycle = "Month"
		if i%2 == 0 {
			request.BandwidthPackageChargeType = "POSTPAY"
			request.Period, request.PricingCycle = "", ""
			request.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "team", Value: "even"}}
		}
		request.AutoPay = requests.NewBoolean(true)
		out, err := conn.CreateCenBandwidthPackage(request)
		if err != nil {
			t.Fatalf("seeding plan %d: %v", i, err)
		}
		ids[i] = out.CenBandwidthPackageId
	}
	return ids
}

// Every page is read: all the plans, in creation order, with the attributes
// the resource reports.
func TestAccCENBandwidthPackagesDataSource_allPages(t *testing.T) {
	emu := acctest.NewTarget(t, emulator.WithReadyDelay(0)).Emulator("it seeds 57 plans, half of them subscriptions, to read two pages")
	ids := seedPlans(t, emu, dataSourcePlans)
	const ds = "data.aliyun_cen_bandwidth_packages.all"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `data "aliyun_cen_bandwidth_packages" "all" {}`),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "ids.#", fmt.Sprint(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "names.#", fmt.Sprint(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "packages.#", fmt.Sprint(dataSourcePlans)),
				resource.TestCheckResourceAttr(ds, "ids.0", ids[0]),
				resource.TestCheckResourceAttr(ds, "ids.56", ids[56]),
				resource.TestCheckResourceAttr(ds, "names.51", "ds-51"),
				resource.TestCheckResourceAttr(ds, "packages.51.id", ids[51]),
				resource.TestCheckResourceAttr(ds, "packages.51.charge_type", "PREPAY"),
				resource.TestCheckResourceAttrSet(ds, "packages.51.expired_time"),
				resource.TestCheckResourceAttr(ds, "packages.51.tags.%", "0"),
				resource.TestCheckResourceAttr(ds, "packages.52.tags.team", "even"),
				resource.TestCheckNoResourceAttr(ds, "packages.52.expired_time"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("packages").AtSliceIndex(51), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                     knownvalue.StringExact(ids[51]),
					"bandwidth":              knownvalue.Int64Exact(61),
					"geographic_region_a_id": knownvalue.StringExact("China"),
					"geographic_region_b_id": knownvalue.StringExact("Europe"),
					"name":                   knownvalue.StringExact("ds-51"),
					"description":            knownvalue.Null(),
					"charge_type":            knownvalue.StringExact("PREPAY"),
					"resource_group_id":      knownvalue.NotNull(),
					"tags":                   knownvalue.MapExact(map[string]knownvalue.Check{}),
					"status":                 knownvalue.StringExact("Idle"),
					"business_status":        knownvalue.StringExact("Normal"),
					"expired_time":           knownvalue.NotNull(),
					"creation_time":          knownvalue.NotNull(),
					"is_cross_border":        knownvalue.Bool(true),
					"cen_ids":                knownvalue.SetExact([]knownvalue.Check{}),
				})),
			},
		}},
	})
}

// Filters narrow the list, those the API takes and those applied to its
// answer alike, and combine.
func TestAccCENBandwidthPackagesDataSource_filters(t *testing.T) {
	emu := acctest.NewTarget(t, emulator.WithReadyDelay(0), emulator.WithDeleteDelay(time.Hour)).Emulator("it seeds 57 plans, half of them subscriptions, and keeps one Deleting for an hour")
	ids := seedPlans(t, emu, dataSourcePlans)
	// A POSTPAY plan being released stays Deleting for the test's duration.
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = ids[4]
	if _, err := emutest.CBNClient(t, emu).DeleteCenBandwidthPackage(del); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, fmt.Sprintf(`
data "aliyun_cen_bandwidth_packages" "by_ids" {
  ids = [%[1]q, %[2]q, "cenbwp-doesnotexist"]
}

data "aliyun_cen_bandwidth_packages" "by_regex" {
  name_regex = "^ds-5[0-9]$"
}

data "aliyun_cen_bandwidth_packages" "postpay" {
  charge_type = "POSTPAY"
}

data "aliyun_cen_bandwidth_packages" "tagged_in_fifties" {
  name_regex = "^ds-5"
  tags       = { team = "even" }
}

data "aliyun_cen_bandwidth_packages" "deleting" {
  status = "Deleting"
}

data "aliyun_cen_bandwidth_packages" "prepay_idle" {
  charge_type = "PREPAY"
  status      = "Idle"
  name_regex  = "^ds-0"
}
`, ids[3], ids[55])),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.by_ids", "ids.#", "2"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.by_ids", "ids.0", ids[3]),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.by_ids", "ids.1", ids[55]),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.by_regex", "names.#", "7"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.by_regex", "names.0", "ds-50"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.postpay", "ids.#", "29"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.tagged_in_fifties", "names.#", "4"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.tagged_in_fifties", "names.3", "ds-56"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.deleting", "ids.#", "1"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.deleting", "ids.0", ids[4]),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.deleting", "packages.0.status", "Deleting"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.prepay_idle", "names.#", "5"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.prepay_idle", "names.4", "ds-09"),
			),
		}},
	})
}

// A regular expression RE2 cannot compile fails validation, before any call.
func TestAccCENBandwidthPackagesDataSource_badRegex(t *testing.T) {
	tg := acctest.NewTarget(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			tg.RefusedAtPlan(`data "aliyun_cen_bandwidth_packages" "bad" { name_regex = "ds-(" }`, regexp.MustCompile(`Invalid regular expression`)),
		},
		CheckDestroy: tg.EmulatorCheck("no API call", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				if n := emu.Stats().Total; n != 0 {
					return fmt.Errorf("a bad regular expression made %d API calls", n)
				}
				return nil
			}
		}),
	})
}

// An empty list of IDs is a filter that matches no plan, answered without a
// call; only leaving ids out lists every plan. The emulator holds 3 plans
// seeded here; a cloud account holds its own, and none may be listed.
func TestAccCENBandwidthPackagesDataSource_emptyIDs(t *testing.T) {
	tg := acctest.NewTarget(t, emulator.WithReadyDelay(0))
	body := `data "aliyun_cen_bandwidth_packages" "none" { ids = [] }`
	if emu := tg.Emu(); emu != nil {
		seedPlans(t, emu, 3)
	} else {
		// The account may hold no plan: buy one first, so that "none" is a
		// choice the data source made, not all there is.
		body = fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "seed" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
  name                   = %q
}

data "aliyun_cen_bandwidth_packages" "none" {
  ids        = []
  depends_on = [aliyun_cen_bandwidth_package.seed]
}
`, tg.Name())
	}
	const ds = "data.aliyun_cen_bandwidth_packages.none"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: tg.Config(body),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "ids.#", "0"),
				resource.TestCheckResourceAttr(ds, "names.#", "0"),
				resource.TestCheckResourceAttr(ds, "packages.#", "0"),
				tg.EmulatorCheck("no Describe call", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if n := emu.Calls("DescribeCenBandwidthPackages"); n != 0 {
							return fmt.Errorf("DescribeCenBandwidthPackages called %d times, want 0", n)
						}
						return nil
					}
				}),
			),
		}},
	})
}

// More IDs than one Describe takes (5 filters of 5 values): they go in groups
// of 25, every one found, with the status and tags filters still applied, in
// the order the configuration gives them.
func TestAccCENBandwidthPackagesDataSource_manyIDs(t *testing.T) {
	emu := acctest.NewTarget(t, emulator.WithReadyDelay(0)).Emulator("it seeds 31 plans, half of them subscriptions")
	ids := seedPlans(t, emu, 31)
	quoted := fmt.Sprintf("%q", ids[30])
	for i := 29; i >= 0; i-- { // newest first: the order of ids, not of creation
		quoted += fmt.Sprintf(", %q", ids[i])
	}
	quoted += `, "cenbwp-doesnotexist", ` + fmt.Sprintf("%q", ids[30])
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, fmt.Sprintf(`
data "aliyun_cen_bandwidth_packages" "all" {
  ids = [%[1]s]
}

data "aliyun_cen_bandwidth_packages" "even_idle" {
  ids    = [%[1]s]
  status = "Idle"
  tags   = { team = "even" }
}
`, quoted)),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.all", "ids.#", "31"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.all", "ids.0", ids[30]),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.all", "ids.30", ids[0]),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.all", "packages.1.name", "ds-29"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.even_idle", "ids.#", "16"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.even_idle", "names.0", "ds-30"),
				resource.TestCheckResourceAttr("data.aliyun_cen_bandwidth_packages.even_idle", "names.15", "ds-00"),
			),
		}},
	})
}
