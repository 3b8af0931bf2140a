package cen_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/compare"
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

const attachmentName = "aliyun_cen_bandwidth_package_attachment.test"

// attachmentConfig is a pay-as-you-go plan named name (released on
// destroy) bound to cenID.
func attachmentConfig(cenID, name string) string {
	return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
  name                   = %q
}

resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}
`, name, cenID)
}

// planIDOf reads the plan's ID from state.
func planIDOf(s *terraform.State) string {
	return s.RootModule().Resources[resourceName].Primary.ID
}

// checkBinding asserts that Describe shows the plan in state bound to exactly cenIDs.
func checkBinding(conn *cbn.Client, cenIDs ...string) resource.TestCheckFunc {
	return checkPlan(conn, "", func(p cbn.CenBandwidthPackage) error {
		if !slices.Equal(p.CenIds.CenId, cenIDs) {
			return fmt.Errorf("bound to %v, want %v", p.CenIds.CenId, cenIDs)
		}
		return nil
	})
}

// sdkBind and sdkUnbind change a binding behind Terraform's back.
func sdkBind(t *testing.T, conn *cbn.Client, cenID string, planID *string) {
	t.Helper()
	req := cbn.CreateAssociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, *planID
	if _, err := conn.AssociateCenBandwidthPackage(req); err != nil {
		t.Fatalf("binding %s to %s outside Terraform: %v", *planID, cenID, err)
	}
}

func sdkUnbind(t *testing.T, conn *cbn.Client, cenID string, planID *string) {
	t.Helper()
	req := cbn.CreateUnassociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, *planID
	if _, err := conn.UnassociateCenBandwidthPackage(req); err != nil {
		t.Fatalf("unbinding %s from %s outside Terraform: %v", *planID, cenID, err)
	}
}

// savePlanID keeps the plan's ID for the PreConfig of a later step.
func savePlanID(dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		*dst = planIDOf(s)
		return nil
	}
}

// TestAccCENBandwidthPackageAttachment_basic: create, read, the plan's cen_ids,
// import, and a terraform destroy that unbinds before it releases the plan.
func TestAccCENBandwidthPackageAttachment_basic(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	cenID := cenInstance(t, tg)
	name := tg.Name()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(
			// Released: the attachment went first, or the plan's Delete would have failed.
			plansReleased(conn),
			tg.EmulatorCheck("one unbinding call", func(emu *emulator.Server) resource.TestCheckFunc {
				return func(*terraform.State) error {
					if n := emu.Calls("UnassociateCenBandwidthPackage"); n != 1 {
						return fmt.Errorf("UnassociateCenBandwidthPackage called %d times, want 1", n)
					}
					return nil
				}
			}),
		),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(attachmentConfig(cenID, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(attachmentName, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^cenbwp-[a-z0-9]+:`+cenID+`$`))),
					statecheck.ExpectKnownValue(attachmentName, tfjsonpath.New("instance_id"), knownvalue.StringExact(cenID)),
					statecheck.CompareValuePairs(attachmentName, tfjsonpath.New("bandwidth_package_id"),
						resourceName, tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: checkBinding(conn, cenID),
			},
			{
				// The binding shows in the plan's cen_ids once refreshed, and
				// the plan stays empty: no diff to fight. The data source shows it too.
				Config: tg.Config(attachmentConfig(cenID, name) + `
data "aliyun_cen_bandwidth_packages" "bound" {
  ids = [aliyun_cen_bandwidth_package.test.id]
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("cen_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(cenID)})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("InUse")),
					statecheck.ExpectKnownValue("data.aliyun_cen_bandwidth_packages.bound", tfjsonpath.New("packages").AtSliceIndex(0).AtMapKey("cen_ids"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(cenID)})),
				},
			},
			{
				ResourceName:            attachmentName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// TestAccCENBandwidthPackageAttachment_drift: a binding removed outside
// Terraform plans the attachment's creation again, never the plan's
// replacement; a binding added outside shows in cen_ids only.
func TestAccCENBandwidthPackageAttachment_drift(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	cenID := cenInstance(t, tg)
	name := tg.Name()
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn),
		Steps: []resource.TestStep{
			{
				Config: tg.Config(attachmentConfig(cenID, name)),
				Check:  savePlanID(&planID),
			},
			{
				PreConfig: func() { sdkUnbind(t, conn, cenID, &planID) },
				Config:    tg.Config(attachmentConfig(cenID, name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
					},
				},
				// The plan is still Updating from the unbinding: the bind waits it out.
				Check: checkBinding(conn, cenID),
			},
		},
	})
}

// TestAccCENBandwidthPackageAttachment_busy: busy answers are waited out, and
// a bind whose answer was lost is found made, not retried into a refusal.
func TestAccCENBandwidthPackageAttachment_busy(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the busy answers are injected faults, counted in calls")
	cenID := emu.SeedCen("acc-busy")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 0), func(*terraform.State) error {
			if n := emu.Calls("UnassociateCenBandwidthPackage"); n < 3 {
				return fmt.Errorf("UnassociateCenBandwidthPackage called %d times, want the 2 refused and 1 more", n)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "AssociateCenBandwidthPackage", Mode: emulator.FaultError,
						Code: "InvalidOperation.CenInstanceStatus", Status: 409, Count: 2})
					emu.AddFault(emulator.Fault{Action: "UnassociateCenBandwidthPackage", Mode: emulator.FaultError,
						Code: "InvalidOperation.CenBandwidthLimitsNotZero", Status: 400, Count: 2})
				},
				Config: acctest.Config(emu, attachmentConfig(cenID, "acc")),
				Check: resource.ComposeTestCheckFunc(checkBinding(emutest.CBNClient(t, emu), cenID), func(*terraform.State) error {
					if n := emu.Calls("AssociateCenBandwidthPackage"); n != 3 {
						return fmt.Errorf("AssociateCenBandwidthPackage called %d times, want the 2 refused and 1 more", n)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccCENBandwidthPackageAttachment_lostAnswer(t *testing.T) {
	t.Parallel()
	emu := emulatorOnly(t, "the lost answer is an injected fault")
	cenID := emu.SeedCen("acc-lost")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{
				// The bind is made but its answer lost: the retry is refused
				// (the plan is bound now), and a Describe shows it made.
				PreConfig: func() {
					emu.AddFault(emulator.Fault{Action: "AssociateCenBandwidthPackage", Mode: emulator.FaultDropResponse, Count: 1})
				},
				Config: acctest.Config(emu, attachmentConfig(cenID, "acc")),
				Check:  checkBinding(emutest.CBNClient(t, emu), cenID),
			},
		},
	})
}

// TestAccCENBandwidthPackageAttachment_refusals: what only the API knows
// comes back as a clear diagnostic, at once.
func TestAccCENBandwidthPackageAttachment_refusals(t *testing.T) {
	t.Parallel()
	tg := acctest.NewTarget(t, fastOptions...)
	conn := tg.Client().CEN()
	cenA, cenB := cenInstance(t, tg), cenInstance(t, tg)
	name, twinName := tg.Name(), tg.Name()
	var planID string
	twin := fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "twin" {
  bandwidth              = 2
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
  name                   = %q
}
`, twinName)
	planOnly := func(body string) string {
		return tg.Config(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
  name                   = %q
}
`, name) + body)
	}
	attach := func(cenID string) string {
		return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}
`, cenID)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             plansReleased(conn, &planID),
		Steps: []resource.TestStep{
			{
				Config: planOnly(`
resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = "vpc-123"
  bandwidth_package_id = "gbwp-123"
}`),
				ExpectError: regexp.MustCompile(`(?s)must be a CEN instance ID.*|must be a CEN bandwidth plan ID`),
			},
			{
				Config:      planOnly(attach("cen-doesnotexist")),
				ExpectError: regexp.MustCompile(`CEN instance or bandwidth plan does not exist`),
			},
			{
				Config: planOnly(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = "cenbwp-doesnotexist"
}`, cenA)),
				ExpectError: regexp.MustCompile(`the bandwidth plan does not exist`),
			},
			{
				// One plan per pair of areas on an instance (the twin joins
				// the same two areas, written the other way round).
				Config: planOnly(twin + attach(cenA) + fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package_attachment" "twin" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.twin.id
  depends_on           = [aliyun_cen_bandwidth_package_attachment.test]
}
`, cenA)),
				ExpectError: regexp.MustCompile(`already has a bandwidth plan for these areas`),
			},
			{
				// Bound outside Terraform to another instance: refused at once.
				PreConfig: func() {
					list, err := describePlansNamed(conn, twinName)
					if err != nil || len(list) != 1 || len(list[0].CenIds.CenId) != 0 {
						t.Fatalf("Describe of the twin %s answers %+v, %v; want it unbound", twinName, list, err)
					}
					planID = list[0].CenBandwidthPackageId
					sdkBind(t, conn, cenB, &planID)
				},
				Config: planOnly(twin + attach(cenA) + fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package_attachment" "twin" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.twin.id
}`, cenA)),
				ExpectError: regexp.MustCompile(`the plan is bound to another CEN instance`),
			},
			{
				// A plan still bound is not deleted: the diagnostic names the
				// binding, and the plan stays in state.
				Config:      planOnly(twin + attach(cenA)),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)still bound to a CEN instance.*` + cenB),
			},
			{
				PreConfig: func() { sdkUnbind(t, conn, cenB, &planID) },
				Config:    planOnly(attach(cenA)),
				// The twin is released; the plan stays bound to cenA.
				Check: resource.ComposeTestCheckFunc(func(*terraform.State) error {
					if list, err := describePlans(conn, planID); err != nil || len(list) != 0 {
						return fmt.Errorf("the twin %s is still described: %+v, %v", planID, list, err)
					}
					return nil
				}, checkBinding(conn, cenA)),
			},
			{
				ResourceName:  attachmentName,
				ImportState:   true,
				ImportStateId: "cenbwp-abc",
				ExpectError:   regexp.MustCompile(`not two IDs joined by a colon`),
			},
		},
	})
}
