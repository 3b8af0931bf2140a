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
	"github.com/bwplan/terraform-provider-aliyun/internal/testsupport"
)

const resourceName = "aliyun_cen_bandwidth_package.test"

// purchaseOnly are the attributes Describe cannot return: null after import.
var purchaseOnly = []string{"period", "pricing_cycle", "auto_pay", "auto_renew", "auto_renew_duration", "order_id"}

// fastEmulator starts an emulator with delays short enough for the package to
// run in well under three minutes, yet long enough that every wait waits.
func fastEmulator(t *testing.T, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return testsupport.FastEmulator(t, 200*time.Millisecond, 150*time.Millisecond, opts...)
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
	conn := testsupport.CBNClient(t, emu)
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
	conn := testsupport.CBNClient(t, emu)
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

// TestAccCENBandwidthPackage_prepayDestroy: destroy forgets a subscription
// plan without calling Delete (the API would refuse) and without failing.
// The warning's text is checked in TestDeleteSubscriptionWarns.
func TestAccCENBandwidthPackage_prepayDestroy(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := emu.Calls("DeleteCenBandwidthPackage"); n != 0 {
				return fmt.Errorf("destroy called DeleteCenBandwidthPackage %d times", n)
			}
			return acctest.CheckPlanCount(emu, 1)(s)
		},
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
}
`),
		}},
	})
}

// TestAccCENBandwidthPackage_expiredPrepayDestroy: once a subscription has
// expired, destroy releases it.
func TestAccCENBandwidthPackage_expiredPrepayDestroy(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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

// TestAccCENBandwidthPackage_errors: each documented error code of
// CreateCenBandwidthPackage surfaces as its diagnostic, on the attribute it
// concerns (Terraform prints that attribute's line of configuration).
func TestAccCENBandwidthPackage_errors(t *testing.T) {
	t.Parallel()
	crossBorder := `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
}
`
	fault := func(code string, status int) func(*emulator.Server) {
		return func(emu *emulator.Server) {
			emu.AddFault(emulator.Fault{Action: "CreateCenBandwidthPackage", Mode: emulator.FaultError, Code: code, Status: status})
		}
	}
	// onLine matches Terraform's excerpt of the configuration line a
	// diagnostic is attached to, which it prints only for attribute paths.
	onLine := func(attr string) string { return `\d+:\s+` + attr + `\s+=` }
	cases := []struct {
		name    string
		account emulator.Account
		setup   func(*emulator.Server)
		want    string
	}{
		{"OperationInvalid.UserCanNotBuyCrossBorderBwp", emulator.Account{CrossBorderDenied: true}, nil,
			`may not buy cross-border bandwidth(.|\n)*` + onLine("geographic_region_a_id") + `(.|\n)*Concerns geographic_region_a_id and geographic_region_b_id`},
		{"Order.AccountStatusIllegal", emulator.Account{PostpayNotOpened: true}, nil,
			`pay-as-you-go is not enabled(.|\n)*` + onLine("charge_type")},
		{"PayFor.AccountMoneyValidateError", emulator.Account{QuotaExhausted: true}, nil,
			`channel partner's quota is insufficient`},
		{"Unauthorized", emulator.Account{DeniedActions: []string{"CreateCenBandwidthPackage"}}, nil,
			`not authorized(.|\n)*cen:CreateCenBandwidthPackage`},
		{"UnSupported.ChargeType", emulator.Account{}, fault("UnSupported.ChargeType", 400),
			`billing method is not supported(.|\n)*` + onLine("charge_type")},
		{"InvalidParameter", emulator.Account{}, fault("InvalidParameter", 400),
			`a parameter is invalid`},
		{"ParameterIllegal.BandwidthPackage", emulator.Account{}, fault("ParameterIllegal.BandwidthPackage", 400),
			`parameters are invalid(.|\n)*` + onLine("bandwidth")},
		{"OperationInvalid.UserCanNotBuyBwp", emulator.Account{}, fault("OperationInvalid.UserCanNotBuyBwp", 400),
			`may not buy CEN bandwidth plans`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			emu := fastEmulator(t, emulator.WithAccount(c.account))
			if c.setup != nil {
				c.setup(emu)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				CheckDestroy:             acctest.CheckPlanCount(emu, 0),
				Steps: []resource.TestStep{{
					Config:      acctest.Config(emu, crossBorder),
					ExpectError: regexp.MustCompile(`creating CEN bandwidth plan(.|\n)*` + c.want + `(.|\n)*` + regexp.QuoteMeta(c.name)),
				}},
			})
		})
	}
}

// TestAccCENBandwidthPackage_waitOvershoot: with a plan that takes 3 s to
// become ready, the create wait makes only a handful of Describe calls (a
// 0.8 s floor, growing by 9 % of the time waited). Timing itself is measured
// in BenchmarkWaitCreated, not asserted here.
func TestAccCENBandwidthPackage_waitOvershoot(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := acctest.Emulator(t, emulator.WithReadyDelay(3*time.Second),
		emulator.WithUpdateDelay(100*time.Millisecond), emulator.WithDeleteDelay(100*time.Millisecond))
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

// TestAccCENBandwidthPackage_unknownAtPlan: values known only at apply never
// fail validation, including the PREPAY-only rule.
func TestAccCENBandwidthPackage_unknownAtPlan(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{{
			Config: acctest.Config(emu, `
resource "terraform_data" "later" {
  input = {
    bandwidth   = 4
    area        = "Asia-Pacific"
    name        = "from-terraform-data"
    charge_type = "POSTPAY"
    tag         = "late"
  }
}

resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = terraform_data.later.output.bandwidth
  geographic_region_a_id = terraform_data.later.output.area
  geographic_region_b_id = terraform_data.later.output.area
  name                   = terraform_data.later.output.name
  charge_type            = terraform_data.later.output.charge_type
  tags                   = { when = terraform_data.later.output.tag }
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("bandwidth")),
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("charge_type")),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("bandwidth"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("geographic_region_a_id"), knownvalue.StringExact("Asia-Pacific")),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("charge_type"), knownvalue.StringExact("POSTPAY")),
			},
		}},
	})
}

// TestAccCENBandwidthPackage_planTimeValidation: every rule is checked at
// plan time, with no API call.
func TestAccCENBandwidthPackage_planTimeValidation(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	body := func(extra string) string {
		if !strings.Contains(extra, "geographic_region_a_id") {
			extra += "\ngeographic_region_a_id = \"China\""
		}
		return acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  geographic_region_b_id = "China"
`+extra+`
}
`)
	}
	steps := []resource.TestStep{
		{Config: body(`bandwidth = 1`), ExpectError: regexp.MustCompile(`(?s)bandwidth.*between 2 and 10000`)},
		{Config: body(`bandwidth = 10001`), ExpectError: regexp.MustCompile(`(?s)bandwidth.*between 2 and 10000`)},
		{Config: body("bandwidth = 2\nname = \"https://x\""), ExpectError: regexp.MustCompile(`(?s)name.*https://`)},
		{Config: body("bandwidth = 2\ngeographic_region_a_id = \"Mars\""), ExpectError: regexp.MustCompile(`(?s)geographic_region_a_id.*value must be one of.*Mars`)},
		{Config: body("bandwidth = 2\ncharge_type = \"POSTPAY\"\nperiod = 1"), ExpectError: regexp.MustCompile(`(?s)period.*PREPAY`)},
		{Config: body("bandwidth = 2\ncharge_type = \"POSTPAY\"\nauto_renew = true"), ExpectError: regexp.MustCompile(`(?s)auto_renew.*PREPAY`)},
		{Config: body("bandwidth = 2\ntags = { \"acs:x\" = \"v\" }"), ExpectError: regexp.MustCompile(`(?s)tag key.*acs:`)},
	}
	for i := range steps {
		steps[i].PlanOnly = true
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			if n := emu.Stats().Total; n != 0 {
				return fmt.Errorf("plan-time validation made %d API calls", n)
			}
			return nil
		},
	})
}

// TestAccCENBandwidthPackage_autoPayFalse: an unpaid order never shows the
// plan; the create warns naming the order (it does not fail: a failed create
// is tainted and bought again), and the plan stays tracked, so the plan that
// follows is an update in place that resumes the wait.
func TestAccCENBandwidthPackage_autoPayFalse(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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

// TestAccCENBandwidthPackage_clientTokenReused: the first create's answer is
// lost; the retry carries the same ClientToken, so one plan is bought.
func TestAccCENBandwidthPackage_clientTokenReused(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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

// TestAccCENBandwidthPackage_busyRetried: modify and delete answers that mean
// "busy" are retried until they pass.
func TestAccCENBandwidthPackage_busyRetried(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := emu.Calls("DeleteCenBandwidthPackage"); n != 3 {
				return fmt.Errorf("delete calls %d, want 3 (two busy answers, then success)", n)
			}
			return acctest.CheckPlanCount(emu, 0)(s)
		},
		Steps: []resource.TestStep{
			{Config: acctest.Config(emu, postpayConfig(2, "busy", "", "null", "China"))},
			{
				PreConfig: func() {
					for _, f := range []emulator.Fault{
						{Action: "ModifyCenBandwidthPackageSpec", Mode: emulator.FaultError, Code: "InvalidStatus.Resource", Status: 400, Count: 2},
						{Action: "ModifyCenBandwidthPackageAttribute", Mode: emulator.FaultError, Code: "Operation.Blocking", Status: 400, Count: 2},
						{Action: "DeleteCenBandwidthPackage", Mode: emulator.FaultError, Code: "InvalidOperation.CenBandwidthLimitsNotZero", Status: 400, Count: 2},
					} {
						emu.AddFault(f)
					}
				},
				Config: acctest.Config(emu, postpayConfig(3, "busy2", "", "null", "China")),
				Check: func(*terraform.State) error {
					// Each modify met two busy answers before it passed.
					if a, b := emu.Calls("ModifyCenBandwidthPackageSpec"), emu.Calls("ModifyCenBandwidthPackageAttribute"); a != 3 || b != 3 {
						return fmt.Errorf("spec calls %d, attribute calls %d; want 3 each", a, b)
					}
					return nil
				},
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

// TestAccCENBandwidthPackage_autoPayFalsePaidInTime: an order paid in the
// console while the create waits becomes the plan in state.
func TestAccCENBandwidthPackage_autoPayFalsePaidInTime(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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
