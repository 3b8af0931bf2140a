package ga_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

const attachmentName = "aliyun_ga_bandwidth_package_attachment.test"

// attachmentConfig is a pay-as-you-go plan of type typ bound to accelerator acc.
func attachmentConfig(emu *emulator.Server, typ, acc string, bandwidth int) string {
	bwType := `bandwidth_type = "Basic"`
	if typ == "CrossDomain" {
		bwType = ""
	}
	return acctest.Config(emu, fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "test" {
  bandwidth   = %d
  type        = %q
  charge_type = "POSTPAY"
  %s
}

resource "aliyun_ga_bandwidth_package_attachment" "test" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.test.id
  accelerator_id       = %q
}
`, bandwidth, typ, bwType, acc))
}

func attachmentIs(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(attachmentName, attr(name), v)
}

// planOf reads a GA plan through the SDK.
func planOf(t *testing.T, emu *emulator.Server, id string) (*gasdk.DescribeBandwidthPackageResponse, error) {
	t.Helper()
	req := gasdk.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = id
	return emutest.GAClient(t, emu).DescribeBandwidthPackage(req)
}

// waitPlanState waits until the plan's State is want, as someone working
// outside Terraform would before the next step.
func waitPlanState(t *testing.T, emu *emulator.Server, id, want string) error {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := planOf(t, emu, id)
		if err == nil && p.State == want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("plan %s did not become %s: %v, %v", id, want, p, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// bindOutside binds plan id to acc behind Terraform's back and waits for it.
func bindOutside(t *testing.T, emu *emulator.Server, id, acc string) error {
	t.Helper()
	req := gasdk.CreateBandwidthPackageAddAcceleratorRequest()
	req.BandwidthPackageId, req.AcceleratorId = id, acc
	if _, err := emutest.GAClient(t, emu).BandwidthPackageAddAccelerator(req); err != nil {
		return err
	}
	return waitPlanState(t, emu, id, "binded")
}

// unbindOutside unbinds plan id from acc behind Terraform's back and waits for it.
func unbindOutside(t *testing.T, emu *emulator.Server, id, acc string) error {
	t.Helper()
	req := gasdk.CreateBandwidthPackageRemoveAcceleratorRequest()
	req.BandwidthPackageId, req.AcceleratorId = id, acc
	if _, err := emutest.GAClient(t, emu).BandwidthPackageRemoveAccelerator(req); err != nil {
		return err
	}
	return waitPlanState(t, emu, id, "active")
}

// checkUnbound is a CheckDestroy: no GA plan is left and no accelerator holds one.
func checkUnbound(emu *emulator.Server) resource.TestCheckFunc {
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

// TestAccGABandwidthPackageAttachment_basic: create (the plan binded, the
// accelerator active), the plan's accelerators on refresh with an empty
// plan, import, an update of the bound plan's bandwidth in place, and a
// destroy that unbinds before it releases the plan.
func TestAccGABandwidthPackageAttachment_basic(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	acc := emu.AddAccelerator("acc-test").ID
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := emu.Calls("BandwidthPackageRemoveAccelerator"); n != 1 {
				return fmt.Errorf("BandwidthPackageRemoveAccelerator called %d times, want 1", n)
			}
			return checkUnbound(emu)(s)
		},
		Steps: []resource.TestStep{
			{
				Config: attachmentConfig(emu, "Basic", acc, 10),
				ConfigStateChecks: []statecheck.StateCheck{
					attachmentIs("accelerator_id", str(acc)),
					attachmentIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
					attachmentIs("bandwidth_package_id", knownvalue.StringRegexp(regexp.MustCompile(`^gbwp-`))),
					attachmentIs("id", knownvalue.StringRegexp(regexp.MustCompile(`^gbwp-[a-z0-9]+:`+acc+`$`))),
				},
				Check: withPlan(func(id string) error {
					planID = id
					p, err := planOf(t, emu, id)
					if err != nil || p.State != "binded" || !slices.Equal(p.Accelerators, []string{acc}) {
						return fmt.Errorf("plan after create: %+v, %v", p, err)
					}
					for _, a := range emu.Accelerators() {
						if a.ID == acc && (a.Status != "active" || a.Basic != id) {
							return fmt.Errorf("accelerator after create: %+v", a)
						}
					}
					return nil
				}),
			},
			{
				// Refreshed, the plan shows its binding, as does the data source; nothing to change.
				Config: attachmentConfig(emu, "Basic", acc, 10) + `
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
				Config: attachmentConfig(emu, "Basic", acc, 20),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					stateIs("bandwidth", num(20)),
					stateIs("status", str("binded")),
					stateIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
			},
		},
	})
}

// TestAccGABandwidthPackageAttachment_drift: a binding removed outside
// Terraform is planned again as a create of the attachment alone; the plan
// is not touched.
func TestAccGABandwidthPackageAttachment_drift(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	acc := emu.AddAccelerator("").ID
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkUnbound(emu),
		Steps: []resource.TestStep{
			{
				Config: attachmentConfig(emu, "Basic", acc, 10),
				Check:  withPlan(func(id string) error { planID = id; return nil }),
			},
			{
				PreConfig: func() {
					if err := unbindOutside(t, emu, planID, acc); err != nil {
						t.Fatal(err)
					}
				},
				Config: attachmentConfig(emu, "Basic", acc, 10),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					attachmentIs("accelerators", knownvalue.ListExact([]knownvalue.Check{str(acc)})),
				},
				Check: func(*terraform.State) error {
					p, err := planOf(t, emu, planID)
					if err != nil || p.State != "binded" {
						return fmt.Errorf("plan after the attachment was recreated: %+v, %v", p, err)
					}
					if n := emu.Calls("CreateBandwidthPackage"); n != 1 {
						return fmt.Errorf("CreateBandwidthPackage called %d times, want 1", n)
					}
					return nil
				},
			},
			{
				// A binding made outside Terraform shows on the plan as a
				// changed computed value, never as a change to apply.
				PreConfig: func() {
					if err := unbindOutside(t, emu, planID, acc); err != nil {
						t.Fatal(err)
					}
					if err := bindOutside(t, emu, planID, acc); err != nil {
						t.Fatal(err)
					}
				},
				Config: attachmentConfig(emu, "Basic", acc, 10),
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
	acctest.PreCheck(t)
	emu := newEmulator(t)
	acc := emu.AddAccelerator("").ID
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := emu.Calls("BandwidthPackageRemoveAccelerator"); n != 3 {
				return fmt.Errorf("BandwidthPackageRemoveAccelerator called %d times, want 3 (2 busy, 1 done)", n)
			}
			return checkUnbound(emu)(s)
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
				Config: attachmentConfig(emu, "Basic", acc, 10),
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

// TestAccGABandwidthPackageAttachment_refusals: IDs of the wrong shape are
// refused at plan time; the API's pairing rules and unknown objects come
// back as diagnostics that say what to do; and a plan that is still bound is
// not deleted, with a diagnostic that names the accelerator.
func TestAccGABandwidthPackageAttachment_refusals(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
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
		CheckDestroy:             checkUnbound(emu),
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
					if err := bindOutside(t, emu, planID, other); err != nil {
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
					if err := unbindOutside(t, emu, planID, other); err != nil {
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
// order and unbinds in reverse; the Basic plan alone cannot leave first.
func TestAccGABandwidthPackageAttachment_crossDomain(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := newEmulator(t)
	acc := emu.AddAccelerator("").ID
	plans := fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "basic" {
  bandwidth      = 10
  type           = "Basic"
  bandwidth_type = "Enhanced"
  charge_type    = "POSTPAY"
}

resource "aliyun_ga_bandwidth_package" "cross" {
  bandwidth   = 10
  type        = "CrossDomain"
  charge_type = "POSTPAY"
}

resource "aliyun_ga_bandwidth_package_attachment" "cross" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.cross.id
  accelerator_id       = %q
  depends_on           = [aliyun_ga_bandwidth_package_attachment.basic]
}
`, acc)
	basic := fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package_attachment" "basic" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.basic.id
  accelerator_id       = %q
}
`, acc)
	full := acctest.Config(emu, plans+basic)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             checkUnbound(emu),
		Steps: []resource.TestStep{
			{
				Config: full,
				Check: func(*terraform.State) error {
					for _, a := range emu.Accelerators() {
						if a.ID == acc && (a.Basic == "" || a.CrossDomain == "") {
							return fmt.Errorf("accelerator holds basic %q, cross-border %q; want both", a.Basic, a.CrossDomain)
						}
					}
					return nil
				},
			},
			{
				// Without the basic attachment in the configuration and no
				// depends_on left to order it, its removal is refused.
				Config:      acctest.Config(emu, strings.Replace(plans, "depends_on           = [aliyun_ga_bandwidth_package_attachment.basic]", "", 1)),
				ExpectError: regexp.MustCompile(`(?s)still\s+has\s+a\s+cross-border\s+bandwidth\s+plan.*BindExist\.CrossDomainBandwidthPackage`),
			},
			{
				Config: full,
			},
		},
	})
}
