package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

const cenPlan = `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 10
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
}
`

// The provider configures from the provider block, signs calls the emulator
// accepts, and a resource goes through create, read and destroy.
func TestAccProvider_configuresAgainstEmulator(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + cenPlan,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrSet("aliyun_cen_bandwidth_package.test", "id"),
				acctest.CheckPlanCount(emu, 1),
			),
		}},
		CheckDestroy: acctest.CheckPlanCount(emu, 0),
	})
}

// A wrong secret or an unknown key fails with the credential diagnostic
// after at most two API calls: no retry storm.
func TestAccProvider_wrongCredentialsFailFast(t *testing.T) {
	acctest.PreCheck(t)
	cases := []struct {
		name, ak, sk string
		want         *regexp.Regexp
	}{
		{"wrong secret", acctest.AccessKey, "not-the-secret", regexp.MustCompile(`secret key does not match(.|\n)*SignatureDoesNotMatch(.|\n)*RequestId`)},
		{"unknown key", "no-such-key", acctest.SecretKey, regexp.MustCompile(`access key ID does not exist(.|\n)*InvalidAccessKeyId.NotFound`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu := acctest.Emulator(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfigWithCredentials(emu, tc.ak, tc.sk) + cenPlan,
					ExpectError: tc.want,
				}},
			})
			if n := emu.Stats().Total; n > 2 {
				t.Fatalf("%d API calls for a credential error, want at most 2: %v", n, emu.Stats().Calls)
			}
			if n := emu.Stats().Total; n == 0 {
				t.Fatal("no API call reached the emulator: the diagnostic did not come from it")
			}
		})
	}
}

// A RAM denial names the action to grant.
func TestAccProvider_unauthorizedNamesRAMAction(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t, emulator.WithAccount(emulator.Account{DeniedActions: []string{"CreateCenBandwidthPackage"}}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderConfig(emu) + cenPlan,
			ExpectError: regexp.MustCompile(`cen:CreateCenBandwidthPackage`),
		}},
	})
	if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
		t.Fatalf("a RAM denial was sent %d times, want once", n)
	}
}

// Throttling on create is retried with the same ClientToken: one plan, not three.
func TestAccProvider_throttledCreateRetriedOnce(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	emu.AddFault(emulator.Fault{Action: "CreateCenBandwidthPackage", Mode: emulator.FaultError, Code: "Throttling.User", Status: 400, Count: 2})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(emu) + cenPlan,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckPlanCount(emu, 1),
				func(*terraform.State) error {
					if n := emu.Calls("CreateCenBandwidthPackage"); n != 3 {
						return fmt.Errorf("CreateCenBandwidthPackage called %d times, want 3 (2 throttled + 1)", n)
					}
					return nil
				},
			),
		}},
	})
}

// A malformed endpoint is a configuration error on that attribute, before any call.
func TestAccProvider_badEndpoint(t *testing.T) {
	acctest.PreCheck(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "aliyun" {
  access_key = "test-ak"
  secret_key = "test-sk"
  endpoints {
    cen = "cbn.aliyuncs.com"
  }
}
` + cenPlan,
			ExpectError: regexp.MustCompile(`(?s)Invalid endpoint URL.*cen = "cbn.aliyuncs.com".*has no scheme; write https://cbn.aliyuncs.com`),
		}},
	})
}

// The provider's own rules fail terraform validate, on the attribute, before
// any API call: a negative max_retries and an STS session outside 900–43200 s.
func TestAccProvider_invalidSettingsAtValidate(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	cases := []struct {
		block string
		want  *regexp.Regexp
	}{
		{`max_retries = -1`, regexp.MustCompile(`max_retries`)},
		{"assume_role {\n    role_arn = \"acs:ram::1:role/x\"\n    session_expiration = 899\n  }", regexp.MustCompile(`(?s)session_expiration.*900`)},
		{"assume_role {\n    role_arn = \"acs:ram::1:role/x\"\n    session_expiration = 43201\n  }", regexp.MustCompile(`(?s)session_expiration.*43200`)},
	}
	for _, tc := range cases {
		config := fmt.Sprintf("provider \"aliyun\" {\n  access_key = %q\n  secret_key = %q\n  %s\n  endpoints {\n    cen = %q\n    ga  = %q\n  }\n}\n%s",
			acctest.AccessKey, acctest.SecretKey, tc.block, emu.URL(), emu.URL(), cenPlan)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
			Steps:                    []resource.TestStep{{Config: config, PlanOnly: true, ExpectError: tc.want}},
		})
	}
	if n := emu.Stats().Total; n != 0 {
		t.Fatalf("invalid provider settings made %d API calls, want 0", n)
	}
}

// A region that cannot be a region ID fails terraform plan on the region
// attribute (Terraform quotes the line), before any API call; a well-formed
// unknown one only warns, and the plan goes on.
func TestAccProvider_regionCheckedAtPlan(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.Emulator(t)
	config := func(region string) string {
		return fmt.Sprintf("provider \"aliyun\" {\n  region     = %q\n  access_key = %q\n  secret_key = %q\n  endpoints {\n    cen = %q\n    ga  = %q\n  }\n}\n%s",
			region, acctest.AccessKey, acctest.SecretKey, emu.URL(), emu.URL(), cenPlan)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      config("Hang Zhou"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid region.*region\s+= "Hang Zhou".*cannot be an Alibaba Cloud region ID`),
			},
			{
				Config:             config("xx-newplace-9"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if n := emu.Stats().Total; n != 0 {
		t.Fatalf("plans made %d API calls, want 0", n)
	}
}
