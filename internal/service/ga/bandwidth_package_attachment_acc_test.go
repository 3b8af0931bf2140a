package ga_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

const attachmentName = "aliyun_ga_bandwidth_package_attachment.test"

// attachmentBody is a pay-as-you-go plan of type typ named name, bound to accelerator acc.
func attachmentBody(typ, acc, name string, bandwidth int) string {
	bwType := `bandwidth_type = "Basic"`
	if typ == "CrossDomain" {
		bwType = ""
	}
	return fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth   = %d
  type        = %q
  charge_type = "POSTPAY"
  name        = %q
  %s
}

resource "aliyun_ga_bandwidth_package_attachment" "test" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.test.id
  accelerator_id       = %q
}
`, bandwidth, typ, name, bwType, acc)
}

func attachmentIs(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(attachmentName, attr(name), v)
}

// bindOutside binds plan id to acc behind Terraform's back and waits for it.
func (a api) bindOutside(id, acc string) error {
	req := gasdk.CreateBandwidthPackageAddAcceleratorRequest()
	req.RegionId, req.BandwidthPackageId, req.AcceleratorId = client.GARegion, id, acc
	if err := a.busy(func() error { _, err := a.c.GA().BandwidthPackageAddAccelerator(req); return err }); err != nil {
		return err
	}
	return a.waitState(id, "binded")
}

// unbindOutside unbinds plan id from acc behind Terraform's back and waits for it.
func (a api) unbindOutside(id, acc string) error {
	req := gasdk.CreateBandwidthPackageRemoveAcceleratorRequest()
	req.RegionId, req.BandwidthPackageId, req.AcceleratorId = client.GARegion, id, acc
	if err := a.busy(func() error { _, err := a.c.GA().BandwidthPackageRemoveAccelerator(req); return err }); err != nil {
		return err
	}
	return a.waitState(id, "active")
}

// checkAllUnbound is a CheckDestroy of the emulator-only tests: no GA plan
// is left and no accelerator holds one.
func checkAllUnbound(emu *emulator.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if err := checkGone(emu)(s); err != nil {
			return err
		}
		for _, a := range emu.Accelerators() {
			if a.Basic != "" || a.CrossDomain != "" {
				return fmt.Errorf("accelerator %s still holds plans %q, %q", a.ID, a.Basic, a.CrossDomain)
			}
		}
		return nil
	}
}

// idOf is the ID in state of the resource at addr.
func idOf(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// TestAccGABandwidthPackageAttachment_basic: create (the plan binded, the
// accelerator active), the plan's accelerators on refresh with an empty
// plan, import, an update of the bound plan's bandwidth in place, and a
// destroy that unbinds before it releases the plan. It runs in both modes:
// in cloud mode on the accelerator envAccelerator names.
func TestAccGABandwidthPackageAttachment_basic(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	acc := accelerator(t, tg)
	a := apiOf(tg)
	name := tg.Name()
	config := func(bandwidth int) string { return tg.Config(attachmentBody("Basic", acc, name, bandwidth)) }
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(tg.EmulatorCheck("one unbind call", func(emu *emulator.Server) resource.TestCheckFunc {
			return func(*terraform.State) error {
				if n := emu.Calls("BandwidthPackageRemoveAccelerator"); n != 1 {
					return fmt.Errorf("BandwidthPackageRemoveAccelerator called %d times, want 1", n)
				}
				return nil
			}
		}), a.checkUnbound(acc, &planID)),
		Steps: []resource.TestStep{
			{
				Config: config(2),
				ConfigStateChecks: []statecheck.StateCheck{
					attachmentIs("accelerator_id", str(acc)),
					attachmentIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
					attachmentIs("bandwidth_package_id", knownvalue.StringRegexp(regexp.MustCompile(`^gbwp-`))),
					attachmentIs("id", knownvalue.StringRegexp(regexp.MustCompile(`^gbwp-[a-z0-9]+:`+acc+`$`))),
				},
				Check: withPlan(func(id string) error {
					planID = id
					p, err := a.plan(id)
					if err != nil || p.State != "binded" || !slices.Equal(p.Accelerators, []string{acc}) {
						return fmt.Errorf("plan after create: %+v, %v", p, err)
					}
					got, err := a.accelerator(acc)
					if err != nil || got.State != "active" || got.BasicBandwidthPackage.InstanceId != id {
						return fmt.Errorf("accelerator after create: %+v, %v", got, err)
					}
					return nil
				}),
			},
			{
				// Refreshed, the plan shows its binding, as does the data source; nothing to change.
				Config: config(2) + `
data "aliyun_ga_bandwidth_packages" "bound" {
  ids = [aliyun_ga_bandwidth_package_attachment.test.bandwidth_package_id]
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
					stateIs("status", str("binded")),
					statecheck.ExpectKnownValue("data.aliyun_ga_bandwidth_packages.bound",
						tfjsonpath.New("packages").AtSliceIndex(0).AtMapKey("accelerators"),
						knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
			},
			{
				ResourceName:            attachmentName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName: attachmentName,
				ImportState:  true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return acc + ":" + planID, nil
				},
				ExpectError: regexp.MustCompile(`(?s)not\s+a\s+GA\s+bandwidth\s+plan's\s+ID.*gbwp-[a-z0-9]+:ga-`),
			},
			{
				// A bound plan changes in place; the attachment stays.
				Config: config(3),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(3)),
					stateIs("status", str("binded")),
					stateIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
				Check: withPlan(func(id string) error {
					if p, err := a.plan(id); err != nil || p.Bandwidth != 3 || p.State != "binded" {
						return fmt.Errorf("Describe of %s answers %+v, %v; want 3 Mbit/s, binded", id, p, err)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccGABandwidthPackageAttachment_drift: a binding removed outside
// Terraform is planned again as a create of the attachment alone; the plan
// is not touched. It runs in both modes, as _basic does.
func TestAccGABandwidthPackageAttachment_drift(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	acc := accelerator(t, tg)
	a := apiOf(tg)
	config := tg.Config(attachmentBody("Basic", acc, tg.Name(), 2))
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkUnbound(acc, &planID),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  withPlan(func(id string) error { planID = id; return nil }),
			},
			{
				PreConfig: func() {
					if err := a.unbindOutside(planID, acc); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					attachmentIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
				Check: resource.ComposeTestCheckFunc(withPlan(func(id string) error {
					if id != planID {
						return fmt.Errorf("plan replaced: %s became %s", planID, id)
					}
					p, err := a.plan(planID)
					if err != nil || p.State != "binded" || !slices.Equal(p.Accelerators, []string{acc}) {
						return fmt.Errorf("plan after the attachment was recreated: %+v, %v", p, err)
					}
					return nil
				}), tg.EmulatorCheck("one purchase", func(emu *emulator.Server) resource.TestCheckFunc {
					return func(*terraform.State) error {
						if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
							return fmt.Errorf("CreateBandwidthPackage called %d times, want 1", n)
						}
						return nil
					}
				})),
			},
			{
				// A binding made outside Terraform shows on the plan as a
				// changed computed value, never as a change to apply.
				PreConfig: func() {
					if err := a.unbindOutside(planID, acc); err != nil {
						t.Fatal(err)
					}
					if err := a.bindOutside(planID, acc); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// TestAccGABandwidthPackageAttachment_busy: busy answers of the bind and the
// unbind, and a bind whose answer was lost, are waited out, never reported.
func TestAccGABandwidthPackageAttachment_busy(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	emu := tg.Emulator("fault injection: busy and lost answers of the bind and the unbind, counted")
	acc := emu.AddAccelerator("").ID
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := emu.Calls("BandwidthPackageRemoveAccelerator"); n != 3 {
				return fmt.Errorf("BandwidthPackageRemoveAccelerator called %d times, want 3 (2 busy, 1 done)", n)
			}
			return checkAllUnbound(emu)(s)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "BandwidthPackageAddAccelerator", Mode: emulator.FaultError,
						Code: "StateError.Accelerator", Message: "The state of the accelerated instance is invalid.", Status: 400, Count: 1})
					emu.AddFault(emulator.Fault{Action: "BandwidthPackageAddAccelerator", Mode: emulator.FaultError,
						Code: "StateError.BandwidthPackage", Message: "The state of bandwidth package is invalid.", Status: 400, Count: 1})
					// Processed, but the answer never arrives: the retry meets the binding.
					emu.AddFault(emulator.Fault{Action: "BandwidthPackageAddAccelerator", Mode: emulator.FaultDropResponse, Count: 1})
					emu.AddFault(emulator.Fault{Action: "BandwidthPackageRemoveAccelerator", Mode: emulator.FaultError,
						Code: "StateError.Accelerator", Message: "The state of the accelerated instance is invalid.", Status: 400, Count: 2})
				},
				Config: acctest.Config(emu, attachmentBody("Basic", acc, tg.Name(), 10)),
				ConfigStateChecks: []statecheck.StateCheck{
					attachmentIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
				Check: func(*terraform.State) error {
					// 2 busy, 1 lost, then busy while the lost call's binding lasts, and
					// finally "already bound", which Describe shows is this binding.
					if n := emu.Calls("BandwidthPackageAddAccelerator"); n < 4 {
						return fmt.Errorf("BandwidthPackageAddAccelerator called %d times, want at least 4", n)
					}
					if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
						return fmt.Errorf("CreateBandwidthPackage called %d times, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccGABandwidthPackageAttachment_planTimeRules: IDs of the wrong shape
// are refused at plan time, before any call, as in _refusals, which needs
// the emulator. It runs in both modes and buys nothing; that no call is made
// is an emulator check.
func TestAccGABandwidthPackageAttachment_planTimeRules(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	attach := func(plan, acc string) string {
		return fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package_attachment" "test" {
  bandwidth_package_id = %q
  accelerator_id       = %q
}
`, plan, acc)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			tg.RefusedAtPlan(attach("cenbwp-4c2zaavbvh5fx1234", "ga-bp1odcab8tmno0hdq1234"),
				regexp.MustCompile(`(?s)bandwidth_package_id.*must\s+be\s+a\s+GA\s+bandwidth\s+plan's\s+ID`)),
			tg.RefusedAtPlan(attach("gbwp-bp1sgzldyj6b4q7cx1234", "accelerator-1"),
				regexp.MustCompile(`(?s)accelerator_id.*must\s+be\s+a\s+GA\s+accelerator's\s+ID`)),
		},
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

// TestAccGABandwidthPackageAttachment_refusals: IDs of the wrong shape are
// refused at plan time; the API's pairing rules and unknown objects come
// back as diagnostics that say what to do; and a plan that is still bound is
// not deleted, with a diagnostic that names the accelerator.
func TestAccGABandwidthPackageAttachment_refusals(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	emu := tg.Emulator(`it needs two accelerators, and asserts refusals whose codes the API reference ` +
		`does not name, which are the emulator's choice: DESIGN.md, "GA attachments"`)
	a := apiOf(tg)
	acc := emu.AddAccelerator("").ID
	other := emu.AddAccelerator("").ID
	var planID string
	planOnly := acctest.Config(emu, `
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}
`)
	attach := func(plan, acc string) string {
		return planOnly + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package_attachment" "test" {
  bandwidth_package_id = %s
  accelerator_id       = %q
}
`, plan, acc)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkAllUnbound(emu),
		Steps: []resource.TestStep{
			{
				Config:      attach(`"cenbwp-4c2zaavbvh5fx1234"`, acc),
				ExpectError: regexp.MustCompile(`(?s)bandwidth_package_id.*must\s+be\s+a\s+GA\s+bandwidth\s+plan's\s+ID`),
			},
			{
				Config:      attach("aliyun_ga_bandwidth_package.test.id", "accelerator-1"),
				ExpectError: regexp.MustCompile(`(?s)accelerator_id.*must\s+be\s+a\s+GA\s+accelerator's\s+ID`),
			},
			{
				Config:      attach("aliyun_ga_bandwidth_package.test.id", "ga-doesnotexist"),
				ExpectError: regexp.MustCompile(`(?s)the\s+GA\s+accelerator\s+does\s+not\s+exist.*NotExist\.Accelerator`),
			},
			{
				// A CrossDomain plan needs the accelerator's basic bandwidth first.
				Config: attach("aliyun_ga_bandwidth_package.cross.id", acc) + `
resource "aliyun_ga_bandwidth_package" "cross" {
  bandwidth   = 10
  type        = "CrossDomain"
  charge_type = "POSTPAY"
}
`,
				ExpectError: regexp.MustCompile(`(?s)no\s+basic\s+bandwidth\s+plan.*depends_on.*NotExist\.BasicBandwidthPackage`),
			},
			{
				// The plan bound outside Terraform to another accelerator.
				PreConfig: func() {
					for _, r := range emu.Resources() {
						if r.Type == "Basic" {
							planID = r.ID
						}
					}
					if err := a.bindOutside(planID, other); err != nil {
						t.Fatal(err)
					}
				},
				Config:      attach("aliyun_ga_bandwidth_package.test.id", acc),
				ExpectError: regexp.MustCompile(`(?s)bound\s+to\s+one\s+accelerator\s+at\s+a\s+time.*BindExist\.BandwidthPackage`),
			},
			{
				// The accelerator already has a Basic plan.
				Config: attach("aliyun_ga_bandwidth_package.second.id", other) + `
resource "aliyun_ga_bandwidth_package" "second" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}
`,
				ExpectError: regexp.MustCompile(`(?s)already\s+has\s+a\s+basic\s+bandwidth\s+plan.*Exist\.BasicBandwidthPackage`),
			},
			{
				// The bound plan is not deleted, and says why.
				Config:      planOnly,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)the\s+plan\s+is\s+bound\s+to\s+an\s+accelerator.*is\s+bound\s+to\s+ga-[a-z0-9]+.*Nothing\s+was\s+deleted.*Remove\s+its\s+aliyun_ga_bandwidth_package_attachment`),
			},
			{
				PreConfig: func() {
					if err := a.unbindOutside(planID, other); err != nil {
						t.Fatal(err)
					}
				},
				Config: planOnly,
			},
		},
	})
}

// TestAccGABandwidthPackageAttachment_crossDomain: the documented shape, a
// Basic and a CrossDomain plan on one accelerator with depends_on, binds in
// order and unbinds in reverse; the Basic plan alone cannot leave first. It
// runs in both modes, as _basic does (the account must allow pay-as-you-go
// CrossDomain plans), but for that refusal: its code is the emulator's
// choice (DESIGN.md, "GA attachments").
func TestAccGABandwidthPackageAttachment_crossDomain(t *testing.T) {
	t.Parallel()
	tg := newTarget(t)
	acc := accelerator(t, tg)
	a := apiOf(tg)
	plans := fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "basic" {
  bandwidth      = 2
  type           = "Basic"
  bandwidth_type = "Enhanced"
  charge_type    = "POSTPAY"
  name           = %q
}

resource "aliyun_ga_bandwidth_package" "cross" {
  bandwidth   = 2
  type        = "CrossDomain"
  charge_type = "POSTPAY"
  name        = %q
}

resource "aliyun_ga_bandwidth_package_attachment" "cross" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.cross.id
  accelerator_id       = %q
  depends_on           = [aliyun_ga_bandwidth_package_attachment.basic]
}
`, tg.Name(), tg.Name(), acc)
	basic := fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package_attachment" "basic" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.basic.id
  accelerator_id       = %q
}
`, acc)
	full := tg.Config(plans + basic)
	var basicID, crossID string
	steps := []resource.TestStep{{
		Config: full,
		Check: func(s *terraform.State) error {
			var err error
			if basicID, err = idOf(s, "aliyun_ga_bandwidth_package.basic"); err != nil {
				return err
			}
			if crossID, err = idOf(s, "aliyun_ga_bandwidth_package.cross"); err != nil {
				return err
			}
			got, err := a.accelerator(acc)
			if err != nil || got.BasicBandwidthPackage.InstanceId != basicID || got.CrossDomainBandwidthPackage.InstanceId != crossID {
				return fmt.Errorf("accelerator %s holds %+v, %v; want basic %s, cross-border %s", acc, got, err, basicID, crossID)
			}
			return nil
		},
	}}
	if tg.Emu() != nil {
		steps = append(steps, resource.TestStep{
			// Without the basic attachment in the configuration and no
			// depends_on left to order it, its removal is refused.
			Config:      tg.Config(strings.Replace(plans, "depends_on           = [aliyun_ga_bandwidth_package_attachment.basic]", "", 1)),
			ExpectError: regexp.MustCompile(`(?s)still\s+has\s+a\s+cross-border\s+bandwidth\s+plan.*BindExist\.CrossDomainBandwidthPackage`),
		})
	}
	steps = append(steps, resource.TestStep{Config: full})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             a.checkUnbound(acc, &basicID, &crossID),
		Steps:                    steps,
	})
}
