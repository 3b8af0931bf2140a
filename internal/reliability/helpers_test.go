package reliability_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// fastEmulator keeps every wait short so the package runs in about a minute.
func fastEmulator(t *testing.T, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return emutest.FastEmulator(t, 200*time.Millisecond, 100*time.Millisecond, opts...)
}

// providerBlock points at emu with the given credentials and retry budget;
// empty credentials leave them to the environment.
func providerBlock(emu *emulator.Server, accessKey, secretKey, token string, maxRetries int) string {
	var b strings.Builder
	b.WriteString("provider \"aliyun\" {\n  region = \"cn-hangzhou\"\n")
	if accessKey != "" {
		fmt.Fprintf(&b, "  access_key = %q\n  secret_key = %q\n", accessKey, secretKey)
	}
	if token != "" {
		fmt.Fprintf(&b, "  security_token = %q\n", token)
	}
	if maxRetries != 0 {
		fmt.Fprintf(&b, "  max_retries = %d\n", maxRetries)
	}
	fmt.Fprintf(&b, "  endpoints {\n    cen = %q\n    ga  = %q\n  }\n}\n", emu.URL(), emu.URL())
	return b.String()
}

func defaultProvider(emu *emulator.Server) string {
	return providerBlock(emu, acctest.AccessKey, acctest.SecretKey, "", 0)
}

const cenPlan = `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
  %s
}
`

const gaPlan = `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 5
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  %s
}
`

// kinds are the two resources, for tests that run against each.
var kinds = []struct {
	name, address, config, product, create string
}{
	{"cen", "aliyun_cen_bandwidth_package.test", cenPlan, "cen", "CreateCenBandwidthPackage"},
	{"ga", "aliyun_ga_bandwidth_package.test", gaPlan, "ga", "CreateBandwidthPackage"},
}

// stateIDs returns the IDs of every resource in state.
func stateIDs(s *terraform.State) map[string]string {
	out := map[string]string{}
	for addr, rs := range s.RootModule().Resources {
		out[addr] = rs.Primary.ID
	}
	return out
}

// inEmulator asserts that every plan in state exists in the emulator and
// that the emulator holds no other.
func inEmulator(emu *emulator.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		have := map[string]bool{}
		for _, r := range emu.Resources() {
			have[r.ID] = true
		}
		ids := stateIDs(s)
		for addr, id := range ids {
			if !have[id] {
				return fmt.Errorf("%s has ID %q, which the emulator does not hold", addr, id)
			}
		}
		if len(have) != len(ids) {
			return fmt.Errorf("emulator holds %d plans, state %d: an orphan or a duplicate", len(have), len(ids))
		}
		return nil
	}
}
