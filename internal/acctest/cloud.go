package acctest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/zclconf/go-cty/cty"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/sweep"
)

// The variables that choose where acceptance tests run (README, "Testing
// against Alibaba Cloud").
const (
	// EnvCloud = 1 sends the tests written with NewTarget to the live API,
	// with the credentials the provider reads from the environment; the
	// other acceptance tests need the emulator and skip.
	EnvCloud = "TF_ACC_CLOUD"
	// EnvCloudPrepay = 1 lets cloud mode buy subscription (PREPAY) plans,
	// which cannot be released before they expire: a month of each is paid.
	EnvCloudPrepay = "TF_ACC_CLOUD_PREPAY"
)

// MaxCloudBandwidth is the most bandwidth, in Mbit/s, a test may configure:
// cloud mode buys the smallest plans (2 Mbit/s is both products' minimum).
const MaxCloudBandwidth = 5

// Mode is where acceptance tests send their calls.
type Mode int

const (
	// ModeEmulator runs them against an in-process emulator (make test).
	ModeEmulator Mode = iota
	// ModeCloud runs them against the live API (TF_ACC_CLOUD=1).
	ModeCloud
)

// ModeOf reads the mode from the environment (getenv is os.Getenv).
func ModeOf(getenv func(string) string) (Mode, error) {
	switch v := getenv(EnvCloud); v {
	case "", "0":
		return ModeEmulator, nil
	case "1":
		return ModeCloud, nil
	default:
		return ModeEmulator, fmt.Errorf("%s=%q: set it to 1 to run the acceptance tests against Alibaba Cloud, or leave it unset", EnvCloud, v)
	}
}

// Cloud reports whether this run targets the live API.
func Cloud() bool {
	m, _ := ModeOf(os.Getenv)
	return m == ModeCloud
}

// cloudSkip is why a test that needs the emulator does not run in cloud mode.
const cloudSkip = "skipped with " + EnvCloud + "=1: this test needs the in-process emulator (%s); " +
	"run it without " + EnvCloud + " (make test)"

// Target is where a test that can also run against the live API sends its
// calls: an in-process emulator, or in cloud mode the live API.
type Target struct {
	t      *testing.T
	emu    *emulator.Server
	prepay bool
}

// NewTarget starts a test that runs in both modes: it checks what the mode
// needs (TF_ACC, the terraform CLI, in cloud mode the credentials) and, in
// emulator mode, starts the test's emulator with opts.
func NewTarget(t *testing.T, opts ...emulator.Option) *Target {
	t.Helper()
	mode, err := ModeOf(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	preCheckCLI(t)
	if mode == ModeCloud {
		if _, err := sweep.Endpoint(); err != nil {
			// Never fall back to the live API when a rehearsal was meant.
			t.Fatal(err)
		}
		if _, err := client.ResolveCredentials(client.CredentialConfig{}); err != nil {
			t.Fatalf("%s=1 needs credentials in the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and "+
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a CLI profile): %v", EnvCloud, err)
		}
		return &Target{t: t}
	}
	return &Target{t: t, emu: Emulator(t, opts...)}
}

// Cloud reports whether the target is the live API.
func (tg *Target) Cloud() bool { return tg.emu == nil }

// Emulator is the target's emulator, for a step that needs one (faults,
// control endpoints, call counts): in cloud mode the test skips, saying why.
func (tg *Target) Emulator(why string) *emulator.Server {
	tg.t.Helper()
	if tg.emu == nil {
		tg.t.Skip(emulatorOnly(ModeCloud, why))
	}
	return tg.emu
}

// emulatorOnly is why a test that needs the emulator skips in mode, or "".
func emulatorOnly(mode Mode, why string) string {
	if mode != ModeCloud {
		return ""
	}
	return fmt.Sprintf(cloudSkip, why)
}

// Prepay declares that the test buys subscription plans. In cloud mode it
// skips unless TF_ACC_CLOUD_PREPAY=1, since each such plan is paid for a
// whole period and cannot be released before it expires.
func (tg *Target) Prepay() {
	tg.t.Helper()
	if r := prepayRefused(tg.Cloud(), os.Getenv); r != "" {
		tg.t.Skip(r)
	}
	tg.prepay = true
}

// prepayRefused is why a test that buys subscriptions does not run, or "".
func prepayRefused(cloud bool, getenv func(string) string) string {
	if !cloud || getenv(EnvCloudPrepay) == "1" {
		return ""
	}
	return fmt.Sprintf("skipped with %s=1: this test buys subscription (PREPAY) plans, which cost a full period each and "+
		"cannot be released before they expire; set %s=1 to allow it", EnvCloud, EnvCloudPrepay)
}

// Name is a fresh plan name with the prefix the sweepers release.
func (tg *Target) Name() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return sweep.Prefix + hex.EncodeToString(b)
}

// Config is the provider block of the target followed by body. In both modes
// body must keep to what cloud mode may buy (CheckCost), so a test that would
// cost money in the cloud fails in make test first.
func (tg *Target) Config(body string) string {
	tg.t.Helper()
	if err := CheckCost(body, tg.prepay); err != nil {
		tg.t.Fatal(err)
	}
	return tg.ProviderConfig() + body
}

// Client is an API client of the target, for checks behind Terraform's back.
func (tg *Target) Client() *client.Client {
	tg.t.Helper()
	if tg.emu != nil {
		return emutest.Client(tg.t, tg.emu)
	}
	region := client.DefaultRegion
	for _, name := range client.EnvRegion {
		if v := os.Getenv(name); v != "" {
			region = v
			break
		}
	}
	c, err := sweep.Client(context.Background(), region)
	if err != nil {
		tg.t.Fatal(err)
	}
	return c
}

// cloudProviderConfig sets nothing: the provider reads the credentials and
// the region from the environment, as it does for users. In a rehearsal
// (sweep.EnvEndpoint set) it sends the calls there.
func cloudProviderConfig() string {
	ep, err := sweep.Endpoint()
	if err != nil || ep == (client.Endpoint{}) {
		// NewTarget has refused a bad override; none means the live API.
		return "\nprovider \"aliyun\" {}\n"
	}
	return fmt.Sprintf(`
provider "aliyun" {
  endpoints {
    cen = %q
    ga  = %q
  }
}
`, ep.URL(), ep.URL())
}

// planTypes are the resources that buy a plan.
var planTypes = map[string]bool{"aliyun_cen_bandwidth_package": true, "aliyun_ga_bandwidth_package": true}

// CheckCost refuses a configuration that cloud mode must not buy: a plan
// that is not pay-as-you-go (both resources default to PREPAY) unless
// prepay, a bandwidth over MaxCloudBandwidth, or a name without the
// sweepers' prefix. Values that are not literals are refused too: the check
// cannot see them.
func CheckCost(body string, prepay bool) error {
	f, diags := hclsyntax.ParseConfig([]byte(body), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return fmt.Errorf("parsing the test configuration: %s", diags.Error())
	}
	syntax, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return errors.New("parsing the test configuration: not native HCL syntax")
	}
	var errs []error
	for _, b := range syntax.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || !planTypes[b.Labels[0]] {
			continue
		}
		addr := b.Labels[0] + "." + b.Labels[1]
		attrs := b.Body.Attributes
		literal := func(name string) (cty.Value, bool) {
			a, ok := attrs[name]
			if !ok {
				return cty.NilVal, false
			}
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				errs = append(errs, fmt.Errorf("%s: %s must be a literal for the cost check", addr, name))
				return cty.NilVal, false
			}
			return v, true
		}
		if v, ok := literal("charge_type"); !prepay && (!ok || v.Type() != cty.String || v.AsString() != "POSTPAY") {
			errs = append(errs, fmt.Errorf("%s: cloud mode buys only pay-as-you-go plans: set charge_type = \"POSTPAY\" "+
				"(left out, it is PREPAY), or call Target.Prepay()", addr))
		}
		if v, ok := literal("bandwidth"); ok {
			if bf := v.AsBigFloat(); v.Type() != cty.Number || bf.Cmp(cty.NumberIntVal(MaxCloudBandwidth).AsBigFloat()) > 0 {
				errs = append(errs, fmt.Errorf("%s: cloud mode buys the smallest plans: bandwidth at most %d", addr, MaxCloudBandwidth))
			}
		}
		if v, ok := literal("name"); !ok || v.Type() != cty.String || !strings.HasPrefix(v.AsString(), sweep.Prefix) {
			errs = append(errs, fmt.Errorf("%s: name must start with %q (Target.Name) so the sweepers find a leftover", addr, sweep.Prefix))
		}
	}
	return errors.Join(errs...)
}

// preCheckCLI skips unless TF_ACC is set and a terraform CLI is available.
func preCheckCLI(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test skipped: set TF_ACC=1 (make test does) to run it against the in-process emulator")
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			t.Skip("acceptance test skipped: no terraform CLI on PATH (set TF_ACC_TERRAFORM_PATH or install terraform)")
		}
	}
}

// Emu is the target's emulator, or nil in cloud mode: for a test that runs
// in both modes and adds emulator-only steps or checks where it can (see
// EmulatorCheck). A test that cannot run without one calls Emulator.
func (tg *Target) Emu() *emulator.Server { return tg.emu }

// EmulatorCheck is check(emulator) against the emulator. In cloud mode it
// passes without a look and logs which check it left out: such checks read
// what only the emulator knows (call counts, its records of a plan). A test
// that runs in both modes keeps its assertions on the API answers in its
// other checks, so it asserts something in either mode.
func (tg *Target) EmulatorCheck(what string, check func(*emulator.Server) resource.TestCheckFunc) resource.TestCheckFunc {
	if tg.emu == nil {
		return func(*terraform.State) error {
			tg.t.Logf("cloud mode: left out the emulator-only check %q", what)
			return nil
		}
	}
	return check(tg.emu)
}

// ProviderConfig is the target's provider block alone, for a step that
// imports or plans nothing of its own.
func (tg *Target) ProviderConfig() string {
	if tg.emu == nil {
		return cloudProviderConfig()
	}
	return ProviderConfig(tg.emu)
}

// RefusedAtPlan is a plan-only step whose configuration must fail to plan
// with an error matching want. It runs in both modes and never applies, so
// body skips the cost check: it may hold values the cost guard refuses (a
// bandwidth over the limit, a subscription), which is what plan-time
// validation tests are about.
func (tg *Target) RefusedAtPlan(body string, want *regexp.Regexp) resource.TestStep {
	return resource.TestStep{Config: tg.ProviderConfig() + body, PlanOnly: true, ExpectError: want}
}
