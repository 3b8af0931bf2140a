package reliability_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

// These tests drive the terraform CLI directly (acctest.Workdir), for what
// terraform-plugin-testing cannot do: interrupt an apply, run with
// -refresh=false, and read the warnings and exit codes a user sees.

// cliScenario is one failure after the purchase, run through the CLI.
type cliScenario struct {
	name  string
	opts  []emulator.Option
	setup func(emu *emulator.Server)
	extra string
	// interrupt, when set, sends SIGINT to the first apply once it is true.
	interrupt func(emu *emulator.Server) bool
	// between runs after the first apply (e.g. paying the order).
	between func(t *testing.T, emu *emulator.Server, w *acctest.Workdir)
	// warning is what the first apply's warning must say.
	warning string
}

// firstWarning is the first warning of a command, in one line.
func firstWarning(r acctest.Result) (acctest.Diagnostic, bool) {
	for _, d := range r.Diagnostics {
		if d.Severity == "warning" && !strings.Contains(d.Summary, "CLI configuration") {
			return d, true
		}
	}
	return acctest.Diagnostic{}, false
}

// runCLIScenario runs sc for one product and charge type: the first apply
// must leave exactly one plan, in state and not tainted, with a warning that
// says what stopped it; the second apply must finish the same plan; the plan
// after that must be empty.
func runCLIScenario(t *testing.T, sc cliScenario, kind, address, charge string) {
	acctest.PreCheck(t)
	ctx := t.Context()
	emu := fastEmulator(t, sc.opts...)
	if sc.setup != nil {
		sc.setup(emu)
	}
	w := acctest.NewWorkdir(t)
	w.SetConfig(defaultProvider(emu) + resourceBody(kind, `charge_type = "`+charge+`"`, sc.extra))

	var first acctest.Result
	if sc.interrupt != nil {
		first = w.RunInterrupt(ctx, func() bool { return sc.interrupt(emu) }, "apply", "-auto-approve", "-json")
	} else {
		first = w.Run(ctx, "apply", "-auto-approve", "-json")
	}
	warn, ok := firstWarning(first)
	t.Logf("%s %s/%s: first apply exit %d; first warning: %q", sc.name, kind, charge, first.ExitCode, warn.Summary)
	if !ok || !strings.Contains(warn.Summary+" "+warn.Detail, sc.warning) {
		t.Fatalf("first apply: want a warning saying %q, got %v\n%s", sc.warning, first.Diagnostics, first)
	}
	for _, d := range first.Diagnostics {
		if d.Severity == "error" && sc.interrupt == nil {
			t.Fatalf("first apply failed (a failed create is tainted and bought again): %v", d)
		}
	}
	if sc.interrupt == nil && first.ExitCode != 0 {
		t.Fatalf("first apply exit %d, want 0:\n%s", first.ExitCode, first)
	}
	rs, ok := w.State().Resource(address)
	if !ok || rs.Tainted {
		t.Fatalf("after the first apply %s is missing or tainted (%+v): the next apply would buy again", address, rs)
	}
	id, _ := rs.Values["id"].(string)
	if plans := emu.Resources(); len(plans) != 1 || plans[0].ID != id {
		t.Fatalf("after the first apply state holds %q, the emulator %+v", id, plans)
	}

	if sc.between != nil {
		sc.between(t, emu, w)
	}
	emu.ClearFaults()
	second := w.Run(ctx, "apply", "-auto-approve", "-json")
	t.Logf("%s %s/%s: second apply exit %d", sc.name, kind, charge, second.ExitCode)
	if second.ExitCode != 0 {
		t.Fatalf("second apply exit %d:\n%s", second.ExitCode, second)
	}
	rs, _ = w.State().Resource(address)
	if got, _ := rs.Values["id"].(string); got != id {
		t.Fatalf("second apply: state holds %q, want the plan bought first, %q", got, id)
	}
	if plans := emu.Resources(); len(plans) != 1 || plans[0].ID != id {
		t.Fatalf("second apply bought again or lost the plan: emulator holds %+v", plans)
	}
	if third := w.Run(ctx, "plan", "-detailed-exitcode", "-json"); third.ExitCode != 0 {
		t.Fatalf("the plan after the second apply is not empty (exit %d):\n%s", third.ExitCode, third)
	}
}

// The scenarios, each for both products and both charge types.
func TestAccNeverBuyTwice_cli(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	scenarios := []cliScenario{
		{
			// Ctrl-C while the provider waits for the plan: Terraform cancels
			// the request, the provider keeps the plan and calls it an interrupt.
			name:    "interrupt",
			opts:    []emulator.Option{emulator.WithReadyDelay(6 * time.Second)},
			warning: "interrupted",
			interrupt: func(emu *emulator.Server) bool {
				return emu.Calls("DescribeCenBandwidthPackages")+emu.Calls("DescribeBandwidthPackage") >= 1
			},
		},
		// The create timeout is TestAccNeverBuyTwice_createTimeout's, through
		// terraform-plugin-testing; not repeated here to spare the CPU.
		{
			name: "transient errors until the deadline",
			setup: func(emu *emulator.Server) {
				for _, a := range []string{"DescribeCenBandwidthPackages", "DescribeBandwidthPackage"} {
					emu.AddFault(emulator.Fault{Action: a, Mode: emulator.FaultError, Code: "ServiceUnavailable", Status: 503})
				}
			},
			extra:   "timeouts {\n    create = \"3s\"\n  }",
			warning: "ServiceUnavailable",
		},
	}
	for _, sc := range scenarios {
		for _, k := range kinds {
			for _, ct := range []string{"POSTPAY", "PREPAY"} {
				t.Run(fmt.Sprintf("%s/%s/%s", sc.name, k.name, ct), func(t *testing.T) {
					t.Parallel()
					runCLIScenario(t, sc, k.name, k.address, ct)
				})
			}
		}
	}
}

// An unpaid order (auto_pay = false), then paid: the first apply warns naming
// the order; once paid, the next apply finishes the same plan.
func TestAccNeverBuyTwice_cliUnpaidOrder(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			runCLIScenario(t, cliScenario{
				name:    "unpaid order",
				extra:   "auto_pay = false\n  timeouts {\n    create = \"2s\"\n  }",
				warning: "auto_pay = false",
				between: func(t *testing.T, emu *emulator.Server, _ *acctest.Workdir) {
					orders := emu.UnpaidOrders()
					if len(orders) != 1 {
						t.Fatalf("unpaid orders: %+v", orders)
					}
					if err := emu.PayOrder(orders[0].ID); err != nil {
						t.Fatal(err)
					}
				},
			}, k.name, k.address, "PREPAY")
		})
	}
}

// A GA follow-up call fails (the name is set after the purchase): the plan is
// kept, and the next apply sets the name.
func TestAccNeverBuyTwice_cliFollowUpFails(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	runCLIScenario(t, cliScenario{
		name: "follow-up call fails",
		setup: func(emu *emulator.Server) {
			emu.AddFault(emulator.Fault{Action: "UpdateBandwidthPackage", Mode: emulator.FaultError,
				Code: "Forbidden.RAM", Message: "not allowed", Status: 403, Count: 1})
		},
		warning: "Forbidden.RAM",
	}, "ga", "aliyun_ga_bandwidth_package.test", "POSTPAY")
}

// Planning the destroy or the replacement of a subscription warns once,
// naming the plan and its expiry; destroy itself adds no second warning.
func TestAccSubscriptionWarnings_cli(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			acctest.PreCheck(t)
			ctx := t.Context()
			emu := fastEmulator(t)
			w := acctest.NewWorkdir(t)
			w.SetConfig(defaultProvider(emu) + resourceBody(k.name, `charge_type = "PREPAY"`, ""))
			if r := w.Run(ctx, "apply", "-auto-approve", "-json"); r.ExitCode != 0 {
				t.Fatalf("apply:\n%s", r)
			}
			rs, _ := w.State().Resource(k.address)
			id, _ := rs.Values["id"].(string)
			expiry, _ := rs.Values["expired_time"].(string)
			if expiry == "" {
				t.Fatalf("no expired_time in state: %v", rs.Values)
			}
			subscriptionWarnings := func(r acctest.Result) []acctest.Diagnostic {
				var out []acctest.Diagnostic
				for _, d := range r.Diagnostics {
					if d.Severity == "warning" && strings.Contains(d.Summary+d.Detail, "subscription") {
						out = append(out, d)
					}
				}
				return out
			}

			// A change that forces replacement.
			replaced := strings.Replace(resourceBody(k.name, `charge_type = "PREPAY"`, ""), `"China"`, `"Europe"`, 1)
			if k.name == "ga" {
				replaced = strings.Replace(resourceBody(k.name, `charge_type = "PREPAY"`, ""), `type           = "Basic"`, `type           = "CrossDomain"
  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"`, 1)
			}
			w.SetConfig(defaultProvider(emu) + replaced)
			r := w.Run(ctx, "plan", "-json")
			ws := subscriptionWarnings(r)
			t.Logf("%s replace plan: exit %d, warnings %v", k.name, r.ExitCode, ws)
			if len(ws) != 1 || !strings.Contains(ws[0].Summary, "second subscription") ||
				!strings.Contains(ws[0].Summary+ws[0].Detail, id) || !strings.Contains(ws[0].Detail, expiry) {
				t.Errorf("replace plan: want one warning naming %s, a second purchase and the expiry %s; got %v\n%s", id, expiry, ws, r)
			}

			w.SetConfig(defaultProvider(emu) + resourceBody(k.name, `charge_type = "PREPAY"`, ""))
			r = w.Run(ctx, "destroy", "-auto-approve", "-json")
			ws = subscriptionWarnings(r)
			t.Logf("%s destroy: exit %d, warnings %v", k.name, r.ExitCode, ws)
			if r.ExitCode != 0 || len(ws) != 1 || !strings.Contains(ws[0].Summary+ws[0].Detail, id) ||
				!strings.Contains(ws[0].Detail, expiry) || !strings.Contains(ws[0].Detail, "keeps billing") {
				t.Errorf("destroy: want exit 0 and exactly one warning naming %s, its expiry %s and that it keeps billing; got %v\n%s",
					id, expiry, ws, r)
			}
			if n := len(emu.Resources()); n != 1 {
				t.Errorf("the subscription was released or lost: emulator holds %d plans", n)
			}
		})
	}
}

// A tag change applied with -refresh=false while someone else has tagged the
// plan: the update waits for the tags it set and removed, not for the whole
// set to match, so it ends at once instead of at the update timeout.
func TestAccCENTagsWaitForTheChangeOnly_cli(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	ctx := t.Context()
	emu := fastEmulator(t)
	w := acctest.NewWorkdir(t)
	body := func(value string) string {
		return defaultProvider(emu) + resourceBody("cen", `charge_type = "POSTPAY"`,
			fmt.Sprintf("tags = { team = %q }\n  timeouts {\n    update = \"20s\"\n  }", value))
	}
	w.SetConfig(body("net"))
	if r := w.Run(ctx, "apply", "-auto-approve", "-json"); r.ExitCode != 0 {
		t.Fatalf("apply:\n%s", r)
	}
	rs, _ := w.State().Resource("aliyun_cen_bandwidth_package.test")
	id, _ := rs.Values["id"].(string)
	emutest.TagCEN(t, emu, id, "owner", "someone-else")

	w.SetConfig(body("edge"))
	r := w.Run(ctx, "apply", "-auto-approve", "-refresh=false", "-json")
	if r.ExitCode != 0 {
		t.Fatalf("apply with -refresh=false: exit %d (the wait for the tags must not need the other tag gone):\n%s", r.ExitCode, r)
	}
	for _, p := range emu.Resources() {
		if p.ID == id && (p.Tags["team"] != "edge" || p.Tags["owner"] != "someone-else") {
			t.Errorf("tags %v: want team=edge, and the tag set outside Terraform left alone", p.Tags)
		}
	}
}
