package cen_test

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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccCENBandwidthPackage_errors: each documented error code of
// CreateCenBandwidthPackage surfaces as its diagnostic, on the attribute it
// concerns (Terraform prints that attribute's line of configuration).
func TestAccCENBandwidthPackage_errors(t *testing.T) {
	t.Parallel()
	const why = "each case makes the API refuse the purchase with an emulator account or fault"
	if acctest.Cloud() {
		acctest.NewTarget(t).Emulator(why) // skips once, not in each case
	}
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
			emu := emulatorOnly(t, why, emulator.WithAccount(c.account))
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

// TestAccCENBandwidthPackage_busyRetried: modify and delete answers that mean
// "busy" are retried until they pass.
func TestAccCENBandwidthPackage_busyRetried(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the busy answers are injected faults, counted in calls")
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

// TestAccCENBandwidthPackage_planTimeValidation: every rule is checked at
// plan time, with no API call. Nothing is applied, so it runs in both modes.
func TestAccCENBandwidthPackage_planTimeValidation(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	body := func(extra string) string {
		if !strings.Contains(extra, "geographic_region_a_id") {
			extra += "\ngeographic_region_a_id = \"China\""
		}
		return `
resource "aliyun_cen_bandwidth_package" "test" {
  geographic_region_b_id = "China"
` + extra + `
}
`
	}
	refused := func(extra, want string) resource.TestStep {
		return tg.RefusedAtPlan(body(extra), regexp.MustCompile(want))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			refused(`bandwidth = 1`, `(?s)bandwidth.*between 2 and 10000`),
			refused(`bandwidth = 10001`, `(?s)bandwidth.*between 2 and 10000`),
			refused("bandwidth = 2\nname = \"https://x\"", `(?s)name.*https://`),
			refused("bandwidth = 2\ngeographic_region_a_id = \"Mars\"", `(?s)geographic_region_a_id.*value must be one of.*Mars`),
			refused("bandwidth = 2\ncharge_type = \"POSTPAY\"\nperiod = 1", `(?s)period.*PREPAY`),
			refused("bandwidth = 2\ncharge_type = \"POSTPAY\"\nauto_renew = true", `(?s)auto_renew.*PREPAY`),
			refused("bandwidth = 2\ntags = { \"acs:x\" = \"v\" }", `(?s)tag key.*acs:`),
		},
		CheckDestroy: tg.EmulatorCheck("no API call", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				if n := emu.Stats().Total; n != 0 {
					return fmt.Errorf("plan-time validation made %d API calls", n)
				}
				return nil
			}
		}),
	})
}

// TestAccCENBandwidthPackage_unknownAtPlan: values known only at apply never
// fail validation, including the PREPAY-only rule.
func TestAccCENBandwidthPackage_unknownAtPlan(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "it buys a plan whose charge type, bandwidth and name are known only at apply, "+
		"which the cost guard cannot check")
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
