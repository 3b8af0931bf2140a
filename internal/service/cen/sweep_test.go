package cen

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/sweep"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// TestMain runs the sweepers with -sweep=REGION (make sweep), the tests otherwise.
func TestMain(m *testing.M) { resource.TestMain(m) }

func init() {
	sweep.Add("aliyun_cen_bandwidth_package", sweepPlans)
	// The plans' sweeper runs first: it unbinds and releases the prefixed plans.
	sweep.Add("aliyun_cen_instance", sweepCens, "aliyun_cen_bandwidth_package")
}

// sweepPlans releases every CEN plan whose name starts with sweep.Prefix,
// as Delete would: pay-as-you-go and expired plans are released and waited
// for; an unexpired subscription cannot be released (DESIGN.md, "API facts"),
// so it is left and logged. Plans named otherwise are not touched.
func sweepPlans(ctx context.Context, c *client.Client, logf sweep.Logf) error {
	all, err := listBandwidthPackages(ctx, c, listRequest("", nil))
	if err != nil {
		return fmt.Errorf("listing CEN bandwidth plans: %w", err)
	}
	var errs []error
	for i := range all {
		p := &all[i]
		if !sweep.Swept(p.Name) {
			continue
		}
		id := p.CenBandwidthPackageId
		if p.BandwidthPackageChargeType == chargeTypePrepay && !apitime.Expired(p.ExpiredTime, time.Now()) {
			logf("[WARN] CEN bandwidth plan %s (%s) left: a subscription cannot be released before it expires (%s)", id, p.Name, p.ExpiredTime)
			continue
		}
		// Attachments first: the API releases no plan that is still bound.
		if err := sweepAttachments(ctx, c, p, logf); err != nil {
			errs = append(errs, err)
			continue
		}
		logf("[INFO] releasing CEN bandwidth plan %s (%s)", id, p.Name)
		err := deleteBandwidthPackage(ctx, c, id)
		if apierrors.IsCode(err, deleteGoneCodes...) {
			continue
		}
		if err == nil {
			err = waitBandwidthPackageDeleted(ctx, c, id)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("releasing CEN bandwidth plan %s (%s): %w", id, p.Name, err))
		}
	}
	return errors.Join(errs...)
}

// sweepAttachments unbinds plan p from every CEN instance it is bound to,
// as the attachment's Delete does, and waits for each.
func sweepAttachments(ctx context.Context, c *client.Client, p *cbn.CenBandwidthPackage, logf sweep.Logf) error {
	for _, cenID := range p.CenIds.CenId {
		logf("[INFO] unbinding CEN bandwidth plan %s (%s) from %s", p.CenBandwidthPackageId, p.Name, cenID)
		err := unassociateBandwidthPackage(ctx, c, p.CenBandwidthPackageId, cenID)
		if err == nil {
			err = waitAttachmentDeleted(ctx, c, p.CenBandwidthPackageId, cenID)
		}
		if err != nil {
			return fmt.Errorf("unbinding CEN bandwidth plan %s (%s) from %s: %w", p.CenBandwidthPackageId, p.Name, cenID, err)
		}
	}
	return nil
}

// sweepCens deletes every CEN instance whose name starts with sweep.Prefix:
// the acceptance tests create their own (free) instances to bind plans to.
// A plan still bound to one, whatever its name, is unbound first, since the
// API deletes no instance with a plan bound; the plan itself is left.
// Instances named otherwise are not touched.
func sweepCens(ctx context.Context, c *client.Client, logf sweep.Logf) error {
	all, err := listCens(ctx, c)
	if err != nil {
		return fmt.Errorf("listing CEN instances: %w", err)
	}
	var errs []error
	for _, ci := range all {
		if !sweep.Swept(ci.Name) {
			continue
		}
		var unbound error
		for _, planID := range ci.CenBandwidthPackageIds.CenBandwidthPackageId {
			logf("[INFO] unbinding CEN bandwidth plan %s from CEN instance %s (%s)", planID, ci.CenId, ci.Name)
			err := unassociateBandwidthPackage(ctx, c, planID, ci.CenId)
			if err == nil {
				err = waitAttachmentDeleted(ctx, c, planID, ci.CenId)
			}
			if err != nil {
				unbound = fmt.Errorf("unbinding CEN bandwidth plan %s from CEN instance %s (%s): %w", planID, ci.CenId, ci.Name, err)
				break
			}
		}
		if unbound != nil {
			errs = append(errs, unbound)
			continue
		}
		logf("[INFO] deleting CEN instance %s (%s)", ci.CenId, ci.Name)
		var err error
		if ci.Status != "Deleting" { // one being deleted is only waited for
			err = deleteCen(ctx, c, ci.CenId)
		}
		if apierrors.IsCode(err, "ParameterCenInstanceId") {
			continue // gone already
		}
		if err == nil {
			err = waitCenDeleted(ctx, c, ci.CenId)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("deleting CEN instance %s (%s): %w", ci.CenId, ci.Name, err))
		}
	}
	return errors.Join(errs...)
}

// cenBusyCodes answer a DeleteCen the instance is not ready for yet (an
// unbinding just made): waited out, as the attachment's busy codes are.
var cenBusyCodes = []string{"InvalidOperation.CenInstanceStatus", "Operation.Blocking"}

// deleteCen sends DeleteCen until the API takes it or ctx ends.
func deleteCen(ctx context.Context, c *client.Client, id string) error {
	request := cbn.CreateDeleteCenRequest()
	request.CenId = id
	conn := c.CEN()
	for {
		err := c.Do(ctx, request.GetActionName(), func() error {
			_, err := conn.DeleteCen(request)
			return err
		})
		if !apierrors.IsCode(err, cenBusyCodes...) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(2 * time.Second):
		}
	}
}

// listCens reads every page of DescribeCens.
func listCens(ctx context.Context, c *client.Client) ([]cbn.Cen, error) {
	request := cbn.CreateDescribeCensRequest()
	request.PageSize = requests.NewInteger(describePageSize)
	var all []cbn.Cen
	for page := 1; ; page++ {
		request.PageNumber = requests.NewInteger(page)
		out, err := describeCens(ctx, c, request)
		if err != nil {
			return nil, err
		}
		all = append(all, out.Cens.Cen...)
		// An empty page also ends the loop, should TotalCount overstate.
		if len(out.Cens.Cen) == 0 || len(all) >= out.TotalCount {
			return all, nil
		}
	}
}

// describeCens sends one DescribeCens with the client's retry policy.
func describeCens(ctx context.Context, c *client.Client, request *cbn.DescribeCensRequest) (*cbn.DescribeCensResponse, error) {
	var out *cbn.DescribeCensResponse
	err := c.Do(ctx, request.GetActionName(), func() error {
		var err error
		out, err = c.CEN().DescribeCens(request)
		return err
	})
	return out, err
}

// waitCenDeleted waits until DescribeCens no longer shows the instance.
func waitCenDeleted(ctx context.Context, c *client.Client, id string) error {
	_, err := wait.Config{NotFoundOK: true, Refresh: func(ctx context.Context) (any, string, error) {
		request := cbn.CreateDescribeCensRequest()
		request.Filter = &[]cbn.DescribeCensFilter{{Key: "CenId", Value: &[]string{id}}}
		out, err := describeCens(ctx, c, request)
		if err != nil {
			return nil, "", err
		}
		if len(out.Cens.Cen) == 0 {
			return nil, "", fmt.Errorf("CEN instance %s: %w", id, wait.ErrNotFound)
		}
		return out.Cens.Cen[0], out.Cens.Cen[0].Status, nil
	}}.Until(ctx)
	return err
}

// TestSweepPlans: against the emulator, the sweeper releases the prefixed
// pay-as-you-go and expired plans, leaves the prefixed unexpired
// subscription with a message, and touches no plan named otherwise.
func TestSweepPlans(t *testing.T) {
	emu := emutest.FastEmulator(t, 0, 0)
	conn := emutest.CBNClient(t, emu)
	buy := func(name, charge string) string { return buyPlan(t, conn, name, charge, "China") }
	postpay := buy(sweep.Prefix+"postpay", chargeTypePostpay)
	prepay := buy(sweep.Prefix+"prepay", chargeTypePrepay)
	expired := buy(sweep.Prefix+"expired", chargeTypePrepay)
	if err := emu.ExpirePlan(expired); err != nil {
		t.Fatal(err)
	}
	others := []string{buy("keep-postpay", chargeTypePostpay), buy("keep-prepay", chargeTypePrepay),
		buy("x-"+sweep.Prefix+"not-a-prefix", chargeTypePostpay)}
	// A leftover attachment: the prefixed plan is bound, and so is one named otherwise.
	bind := func(planID, cenID string) {
		request := cbn.CreateAssociateCenBandwidthPackageRequest()
		request.CenBandwidthPackageId, request.CenId = planID, cenID
		if _, err := conn.AssociateCenBandwidthPackage(request); err != nil {
			t.Fatalf("binding %s: %v", planID, err)
		}
	}
	bind(postpay, emu.SeedCen(sweep.Prefix+"cen"))
	keptCen := emu.SeedCen("keep-cen")
	bind(others[0], keptCen)

	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	if err := sweepPlans(context.Background(), emutest.Client(t, emu), logf); err != nil {
		t.Fatal(err)
	}
	left := map[string]string{}
	for _, r := range emu.Resources() {
		left[r.ID] = r.Status
	}
	for _, id := range []string{postpay, expired} {
		if _, ok := left[id]; ok {
			t.Errorf("prefixed plan %s not released: %s", id, left[id])
		}
	}
	for _, id := range append(others, prepay) {
		if st, ok := left[id]; !ok || st == "Deleting" {
			t.Errorf("plan %s should be left untouched, is %q", id, st)
		}
	}
	if p, err := findBandwidthPackageNow(context.Background(), emutest.Client(t, emu), others[0]); err != nil ||
		len(p.CenIds.CenId) != 1 || p.CenIds.CenId[0] != keptCen {
		t.Errorf("a plan without the prefix was unbound: %+v, %v", p, err)
	}
	if len(left) != 4 {
		t.Errorf("%d plans left, want 4: %v", len(left), left)
	}
	if !slices.ContainsFunc(logged, func(s string) bool {
		return strings.Contains(s, prepay) && strings.Contains(s, "cannot be released")
	}) {
		t.Errorf("no message about the subscription left behind: %q", logged)
	}
}

// TestSweepCens: against the emulator, the sweeper deletes the prefixed CEN
// instances, unbinding first a plan still bound to one (the plan stays) and
// waiting out a busy answer, and
// touches no instance named otherwise, nor its binding.
func TestSweepCens(t *testing.T) {
	// Unbinding and deleting take a moment, so the sweeper's waits wait.
	emu := emutest.FastEmulator(t, 0, 100*time.Millisecond)
	conn := emutest.CBNClient(t, emu)
	create := func(name string) string {
		request := cbn.CreateCreateCenRequest()
		request.Name = name
		out, err := conn.CreateCen(request)
		if err != nil {
			t.Fatalf("creating CEN instance %s: %v", name, err)
		}
		return out.CenId
	}
	buy := func(name, areaB string) string { return buyPlan(t, conn, name, chargeTypePostpay, areaB) }
	bind := func(planID, cenID string) {
		request := cbn.CreateAssociateCenBandwidthPackageRequest()
		request.CenBandwidthPackageId, request.CenId = planID, cenID
		if _, err := conn.AssociateCenBandwidthPackage(request); err != nil {
			t.Fatalf("binding %s: %v", planID, err)
		}
	}
	swept := []string{create(sweep.Prefix + "bare"), create(sweep.Prefix + "bound")}
	kept := []string{create("keep-cen"), create("x-" + sweep.Prefix + "not-a-prefix"), create("")}
	// A plan named otherwise, left bound to a prefixed instance; another bound to a kept one.
	stray, keptPlan := buy("keep-bound", "China"), buy("keep-other", "Europe")
	bind(stray, swept[1])
	bind(keptPlan, kept[0])

	// An instance not ready for deletion yet is waited out.
	emu.AddFault(emulator.Fault{Action: "DeleteCen", Mode: emulator.FaultError, Code: "InvalidOperation.CenInstanceStatus", Status: 409, Count: 1})

	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	c := emutest.Client(t, emu)
	if err := sweepCens(context.Background(), c, logf); err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	for _, ci := range emu.CenInstances() {
		left[ci.ID] = true
	}
	for _, id := range swept {
		if left[id] {
			t.Errorf("prefixed CEN instance %s not deleted", id)
		}
	}
	for _, id := range kept {
		if !left[id] {
			t.Errorf("CEN instance %s should be left untouched, is gone", id)
		}
	}
	if p, err := findBandwidthPackageNow(context.Background(), c, stray); err != nil || len(p.CenIds.CenId) != 0 {
		t.Errorf("the plan bound to a prefixed instance should be unbound and kept: %+v, %v", p, err)
	}
	if p, err := findBandwidthPackageNow(context.Background(), c, keptPlan); err != nil ||
		len(p.CenIds.CenId) != 1 || p.CenIds.CenId[0] != kept[0] {
		t.Errorf("a plan bound to an instance without the prefix was unbound: %+v, %v", p, err)
	}
	if n := emu.Calls("DeleteCen"); n != len(swept)+1 {
		t.Errorf("DeleteCen called %d times, want %d (one busy answer, then one per prefixed instance)", n, len(swept)+1)
	}
	if !slices.ContainsFunc(logged, func(s string) bool { return strings.Contains(s, "unbinding") && strings.Contains(s, stray) }) {
		t.Errorf("no message about the unbinding: %q", logged)
	}
}

// buyPlan buys a 2 Mbit/s plan from China to areaB through the SDK, as a
// leftover for a sweeper test.
func buyPlan(t *testing.T, conn *cbn.Client, name, charge, areaB string) string {
	t.Helper()
	request := cbn.CreateCreateCenBandwidthPackageRequest()
	request.Bandwidth = requests.NewInteger(2)
	request.GeographicRegionAId, request.GeographicRegionBId = "China", areaB
	request.Name = name
	request.BandwidthPackageChargeType = charge
	request.AutoPay = requests.NewBoolean(true)
	out, err := conn.CreateCenBandwidthPackage(request)
	if err != nil {
		t.Fatalf("buying %s: %v", name, err)
	}
	return out.CenBandwidthPackageId
}
