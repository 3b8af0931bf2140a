package acctest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

const cenPlan = `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "Asia-Pacific"
  charge_type            = "POSTPAY"
}
`

const cenAddress = "aliyun_cen_bandwidth_package.test"

// requiredProviders declares the provider by its source address, as a
// user's configuration does; the other tests leave it implied.
const requiredProviders = `
terraform {
  required_providers {
    aliyun = { source = "bwplan/aliyun" }
  }
}
`

// One in-process provider serves an apply, a plan and a show in the same
// working directory: the plan is bought once, in state, and in the emulator.
func TestAccWorkdir_applyThenPlan(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := emutest.FastEmulator(t, 300*time.Millisecond, 100*time.Millisecond)
	w := acctest.NewWorkdir(t)
	w.SetConfig(requiredProviders + acctest.Config(emu, cenPlan))

	apply := w.Run(t.Context(), "apply", "-auto-approve", "-json")
	if apply.ExitCode != 0 || len(apply.Diagnostics) != 0 {
		t.Fatalf("apply: want exit 0 and no diagnostics, got %d and %+v\n%s", apply.ExitCode, apply.Diagnostics, apply)
	}
	if !strings.Contains(apply.Stdout, `"type":"apply_complete"`) {
		t.Errorf("apply output has no apply_complete message\n%s", apply)
	}

	rs, ok := w.State().Resource(cenAddress)
	if !ok {
		t.Fatalf("%s not in state", cenAddress)
	}
	id, _ := rs.Values["id"].(string)
	if rs.Tainted || id == "" || rs.Values["charge_type"] != "POSTPAY" || rs.Provider != acctest.ProviderAddress {
		t.Errorf("state: want an untainted POSTPAY plan with an ID, of %s, got %+v", acctest.ProviderAddress, rs)
	}
	if got := emu.Resources(); len(got) != 1 || got[0].ID != id {
		t.Errorf("emulator: want exactly plan %q, got %+v", id, got)
	}
	if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
		t.Errorf("CreateCenBandwidthPackage called %d times, want 1", n)
	}

	plan := w.Run(t.Context(), "plan", "-detailed-exitcode", "-no-color")
	if plan.ExitCode != 0 {
		t.Errorf("plan after apply: want exit 0 (no changes)\n%s", plan)
	}
}

// An error the provider reports reaches Result.Diagnostics with its
// severity, its text and the resource it concerns.
func TestAccWorkdir_diagnostics(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := emutest.FastEmulator(t, 0, 0,
		emulator.WithAccount(emulator.Account{DeniedActions: []string{"CreateCenBandwidthPackage"}}))
	w := acctest.NewWorkdir(t)
	w.SetConfig(acctest.Config(emu, cenPlan))

	res := w.Run(t.Context(), "apply", "-auto-approve", "-json")
	if res.ExitCode != 1 {
		t.Fatalf("apply without permission: want exit 1\n%s", res)
	}
	var found bool
	for _, d := range res.Diagnostics {
		found = found || d.Severity == "error" && d.Address == cenAddress &&
			strings.Contains(d.Summary+d.Detail, "CreateCenBandwidthPackage")
	}
	if !found {
		t.Errorf("no error diagnostic on %s naming CreateCenBandwidthPackage in %+v\n%s", cenAddress, res.Diagnostics, res)
	}
	if got := emu.Resources(); len(got) != 0 {
		t.Errorf("emulator holds %d plans, want 0", len(got))
	}
}

// The harness interrupts an apply while the provider waits for the plan to
// become ready: terraform exits, non-zero, long before the plan would have
// been ready, and what it printed is captured. How the provider records the
// interrupted create is the resource's tests' business, not this one's.
func TestAccWorkdir_interrupt(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	const readyDelay = 30 * time.Second
	emu := acctest.Emulator(t, emulator.WithReadyDelay(readyDelay))
	w := acctest.NewWorkdir(t)
	w.SetConfig(acctest.Config(emu, cenPlan))

	waiting := func() bool {
		return emu.Calls("CreateCenBandwidthPackage") >= 1 && emu.Calls("DescribeCenBandwidthPackages") >= 1
	}
	res := w.RunInterrupt(t.Context(), waiting, "apply", "-auto-approve", "-json")

	if res.ExitCode <= 0 {
		t.Errorf("interrupted apply: want a non-zero exit code\n%s", res)
	}
	// Without the interrupt the apply would run until the plan is ready.
	if res.AfterInterrupt >= readyDelay/2 {
		t.Errorf("terraform took %s to exit after the interrupt, the plan is ready after %s\n%s", res.AfterInterrupt, readyDelay, res)
	}
	if !strings.Contains(res.Stdout, "Interrupt received") || !strings.Contains(res.Stdout, `"type":"apply_start"`) {
		t.Errorf("output lacks the apply's start or Terraform's interrupt message\n%s", res)
	}
	var errs int
	for _, d := range res.Diagnostics {
		if d.Severity == "error" {
			errs++
		}
	}
	if errs == 0 {
		t.Errorf("interrupted apply: no error diagnostic captured\n%s", res)
	}
	if got := emu.Resources(); len(got) != 1 {
		t.Errorf("emulator holds %d plans, want 1: %+v", len(got), got)
	}
	if n := emu.Calls("CreateCenBandwidthPackage"); n != 1 {
		t.Errorf("CreateCenBandwidthPackage called %d times, want 1", n)
	}

	// Terraform stopped the provider (StopProvider); the same server still
	// answers the next command. Whether it plans a change is not asked here.
	plan := w.Run(t.Context(), "plan", "-detailed-exitcode", "-no-color")
	if plan.ExitCode != 0 && plan.ExitCode != 2 {
		t.Errorf("plan after the interrupt: want exit 0 or 2\n%s", plan)
	}
}
