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

// attachmentConfig is a pay-as-you-go plan (released on destroy) bound to cenID.
func attachmentConfig(cenID string) string {
	return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}
`, cenID)
}

// planIDOf reads the plan's ID from state.
func planIDOf(s *terraform.State) string {
	return s.RootModule().Resources[resourceName].Primary.ID
}

// checkBinding asserts that the emulator holds the plan in state bound to exactly cenIDs.
func checkBinding(emu *emulator.Server, cenIDs ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := planIDOf(s)
		for _, r := range emu.Resources() {
			if r.ID == id {
				if !slices.Equal(r.CenIDs, cenIDs) {
					return fmt.Errorf("plan %s is bound to %v, want %v", id, r.CenIDs, cenIDs)
				}
				return nil
			}
		}
		return fmt.Errorf("plan %s not in the emulator", id)
	}
}

// sdkBind and sdkUnbind change a binding behind Terraform's back.
func sdkBind(t *testing.T, emu *emulator.Server, cenID string, planID *string) {
	t.Helper()
	req := cbn.CreateAssociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, *planID
	if _, err := emutest.CBNClient(t, emu).AssociateCenBandwidthPackage(req); err != nil {
		t.Fatalf("binding %s to %s outside Terraform: %v", *planID, cenID, err)
	}
}

func sdkUnbind(t *testing.T, emu *emulator.Server, cenID string, planID *string) {
	t.Helper()
	req := cbn.CreateUnassociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, *planID
	if _, err := emutest.CBNClient(t, emu).UnassociateCenBandwidthPackage(req); err != nil {
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
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	cenID := emu.SeedCen("acc")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: resource.ComposeTestCheckFunc(
			// Released: the attachment went first, or the plan's Delete would have failed.
			acctest.CheckPlanCount(emu, 0),
			func(*terraform.State) error {
				if n := emu.Calls("UnassociateCenBandwidthPackage"); n != 1 {
					return fmt.Errorf("UnassociateCenBandwidthPackage called %d times, want 1", n)
				}
				return nil
			},
		),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, attachmentConfig(cenID)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(attachmentName, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^cenbwp-[a-z0-9]+:`+cenID+`$`))),
					statecheck.ExpectKnownValue(attachmentName, tfjsonpath.New("instance_id"), knownvalue.StringExact(cenID)),
					statecheck.CompareValuePairs(attachmentName, tfjsonpath.New("bandwidth_package_id"),
						resourceName, tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: checkBinding(emu, cenID),
			},
			{
				// The binding shows in the plan's cen_ids once refreshed, and
				// the plan stays empty: no diff to fight. The data source shows it too.
				Config: acctest.Config(emu, attachmentConfig(cenID)+`
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
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	cenID := emu.SeedCen("acc-drift")
	var planID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(emu, attachmentConfig(cenID)),
				Check:  savePlanID(&planID),
			},
			{
				PreConfig: func() { sdkUnbind(t, emu, cenID, &planID) },
				Config:    acctest.Config(emu, attachmentConfig(cenID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(attachmentName, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
					},
				},
				// The plan is still Updating from the unbinding: the bind waits it out.
				Check: checkBinding(emu, cenID),
			},
		},
	})
}

// TestAccCENBandwidthPackageAttachment_busy: busy answers are waited out, and
// a bind whose answer was lost is found made, not retried into a refusal.
func TestAccCENBandwidthPackageAttachment_busy(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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
				Config: acctest.Config(emu, attachmentConfig(cenID)),
				Check: resource.ComposeTestCheckFunc(checkBinding(emu, cenID), func(*terraform.State) error {
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
	acctest.PreCheck(t)
	emu := fastEmulator(t)
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
				Config: acctest.Config(emu, attachmentConfig(cenID)),
				Check:  checkBinding(emu, cenID),
			},
		},
	})
}

// TestAccCENBandwidthPackageAttachment_refusals: what only the API knows
// comes back as a clear diagnostic, at once.
func TestAccCENBandwidthPackageAttachment_refusals(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	emu := fastEmulator(t)
	cenA, cenB := emu.SeedCen("acc-a"), emu.SeedCen("acc-b")
	var planID string
	twoPlans := func(cenID string) string {
		return fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package" "twin" {
  bandwidth              = 5
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %[1]q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}

resource "aliyun_cen_bandwidth_package_attachment" "twin" {
  instance_id          = %[1]q
  bandwidth_package_id = aliyun_cen_bandwidth_package.twin.id
  depends_on           = [aliyun_cen_bandwidth_package_attachment.test]
}
`, cenID)
	}
	planOnly := func(body string) string {
		return acctest.Config(emu, `
resource "aliyun_cen_bandwidth_package" "test" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
}
`+body)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy:             acctest.CheckPlanCount(emu, 0),
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
				Config: planOnly(`
resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = "cen-doesnotexist"
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}`),
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
				Config:      acctest.Config(emu, twoPlans(cenA)),
				ExpectError: regexp.MustCompile(`already has a bandwidth plan for these areas`),
			},
			{
				// Bound outside Terraform to another instance: refused at once.
				PreConfig: func() {
					for _, r := range emu.Resources() {
						if len(r.CenIDs) == 0 {
							planID = r.ID // the twin, unbound
						}
					}
					sdkBind(t, emu, cenB, &planID)
				},
				Config: planOnly(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "twin" {
  bandwidth              = 5
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}

resource "aliyun_cen_bandwidth_package_attachment" "twin" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.twin.id
}`, cenA, cenA)),
				ExpectError: regexp.MustCompile(`the plan is bound to another CEN instance`),
			},
			{
				// A plan still bound is not deleted: the diagnostic names the
				// binding, and the plan stays in state.
				Config: planOnly(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "twin" {
  bandwidth              = 5
  geographic_region_a_id = "Europe"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}`, cenA)),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)still bound to a CEN instance.*` + cenB),
			},
			{
				PreConfig: func() { sdkUnbind(t, emu, cenB, &planID) },
				Config: planOnly(fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package_attachment" "test" {
  instance_id          = %q
  bandwidth_package_id = aliyun_cen_bandwidth_package.test.id
}`, cenA)),
				Check: resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 1), checkBinding(emu, cenA)),
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
