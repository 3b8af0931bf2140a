package ga_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// TestAccGABandwidthPackage_apiErrors: documented error codes surface as
// diagnostics through the shared error table; UnknownError is retried first.
func TestAccGABandwidthPackage_apiErrors(t *testing.T) {
	t.Parallel()
	emu := newTarget(t).Emulator("fault injection: the API's refusals and 5xx answers are injected faults")
	// Fewer retries, so the test does not sit through the default backoff.
	provider := strings.Replace(acctest.ProviderConfig(emu), `provider "aliyun" {`, "provider \"aliyun\" {\n  max_retries = 2", 1)
	createsBefore := 0
	config := provider + `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkGone(emu),
		Steps: []resource.TestStep{
			{
				// The provider refuses a Basic plan without bandwidth_type at plan time,
				// so the API's own answer is reproduced by a fault rule.
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "CreateBandwidthPackage", Mode: emulator.FaultError,
						Code: "MissingParameter.BandwidthType", Message: "You must specify BandwidthType.", Status: 400, Count: 1})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)bandwidth_type.*MissingParameter\.BandwidthType`),
			},
			{
				// A 5xx may hide a purchase, so the create call outlasts
				// max_retries (2): it is retried with its ClientToken until
				// the create timeout, and here gives up with the token.
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "CreateBandwidthPackage", Mode: emulator.FaultError,
						Code: "UnknownError", Message: "An error occurred while processing your request.", Status: 500})
				},
				Config:      strings.Replace(config, `charge_type    = "POSTPAY"`, "charge_type    = \"POSTPAY\"\n  timeouts {\n    create = \"3s\"\n  }", 1),
				ExpectError: regexp.MustCompile(`(?s)a plan may have been bought.*ClientToken: tf-[0-9a-f]+.*terraform import`),
			},
			{
				// Retried past max_retries: the plan is bought once.
				PreConfig: func() {
					emu.ClearFaults()
					emu.AddFault(emulator.Fault{Action: "CreateBandwidthPackage", Mode: emulator.FaultError,
						Code: "UnknownError", Status: 500, Count: 4})
					createsBefore = emu.Calls("CreateBandwidthPackage")
				},
				Config: config,
				Check: func(*terraform.State) error {
					// 4 refused, then the create: more than 1 + max_retries.
					if n := emu.Calls("CreateBandwidthPackage") - createsBefore; n != 5 {
						return fmt.Errorf("CreateBandwidthPackage reached %d times, want 5 (4 refused, then the create)", n)
					}
					if n := len(emu.Resources()); n != 1 {
						return fmt.Errorf("%d plans bought, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccGABandwidthPackage_busyAndRefused: busy answers are waited out
// (update and delete); an update the plan cannot take is reported on its attribute.
func TestAccGABandwidthPackage_busyAndRefused(t *testing.T) {
	t.Parallel()
	emu := newTarget(t).Emulator("fault injection: the busy answers and the refused update are injected faults, counted")
	cfg := func(bw int) string {
		return acctest.ProviderConfig(emu) + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = %d
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}
`, bw)
	}
	var updates int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(checkGone(emu), func(*terraform.State) error {
			if n := emu.Calls("DeleteBandwidthPackage"); n != 3 {
				return fmt.Errorf("DeleteBandwidthPackage reached %d times, want 3 (two busy answers, then the release)", n)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{Config: cfg(10)},
			{
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "UpdateBandwidthPackage", Mode: emulator.FaultError,
						Code: "StateError.BandwidthPackage", Status: 400, Count: 2})
				},
				Config:            cfg(20),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(20))},
				Check: func(*terraform.State) error {
					updates = emu.Calls("UpdateBandwidthPackage")
					if updates != 3 {
						return fmt.Errorf("UpdateBandwidthPackage reached %d times, want 3", updates)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "UpdateBandwidthPackage", Mode: emulator.FaultError,
						Code: "GreaterThanGa.IpSetBandwidth", Message: "The bandwidth is less than the IP sets use.", Status: 400, Count: 1})
				},
				Config:      cfg(5),
				ExpectError: regexp.MustCompile(`(?s)bandwidth\s+= 5.*GreaterThanGa\.IpSetBandwidth`),
			},
			{
				Config:            cfg(20),
				ConfigStateChecks: []statecheck.StateCheck{stateIs("bandwidth", num(20))},
				Check: func(*terraform.State) error {
					if n := emu.Calls("UpdateBandwidthPackage"); n != updates+1 {
						return fmt.Errorf("refused update retried: %d calls, want %d", n, updates+1)
					}
					emu.AddFault(emulator.Fault{Action: "DeleteBandwidthPackage", Mode: emulator.FaultError,
						Code: "BindExist.BandwidthPackage", Status: 400, Count: 2})
					return nil
				},
			},
		},
	})
}

// TestAccGABandwidthPackage_planTimeRules: every cross-attribute rule fails
// at plan with the attribute and the API's rule, before any API call. It
// runs in both modes and buys nothing; that no call is made is an emulator
// check.
func TestAccGABandwidthPackage_planTimeRules(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	cases := []struct{ body, want string }{
		{`type = "Basic"`, `(?s)bandwidth_type.*required when type = "Basic"`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  pricing_cycle = "Year"
  duration = 4`, `(?s)duration.*1 to 3`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  auto_pay = false
  auto_use_coupon = true`, `(?s)auto_use_coupon.*requires auto_pay = true`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  billing_type = "PayByTraffic"`, `(?s)billing_type.*only with charge_type = "POSTPAY"`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  charge_type = "POSTPAY"
  billing_type = "PayBY95"`, `(?s)ratio.*required when billing_type = "PayBY95"`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  cbn_geographic_region_id_b = "Global"`, `(?s)cbn_geographic_region_id_b.*only with type = "CrossDomain"`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  auto_renew_duration = 2`, `(?s)auto_renew_duration.*only with auto_renew = true`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  charge_type = "POSTPAY"
  auto_renew = true`, `(?s)auto_renew.*only with\s+charge_type = "PREPAY"`},
		{`type = "Basic"
  bandwidth_type = "Basic"
  ratio = 20`, `(?s)ratio.*between 30 and 100`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, tg.RefusedAtPlan(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth = 10
  `+c.body+`
}
`, regexp.MustCompile(c.want)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
		CheckDestroy: tg.EmulatorCheck("no API call", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				if st := emu.Stats(); st.Total != 0 {
					return fmt.Errorf("plan-time rules called the API: %v", st.Calls)
				}
				return nil
			}
		}),
	})
}
