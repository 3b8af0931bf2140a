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
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/sweep"
)

// TestMain runs the sweepers with -sweep=REGION (make sweep), the tests otherwise.
func TestMain(m *testing.M) { resource.TestMain(m) }

func init() { sweep.Add("aliyun_cen_bandwidth_package", sweepPlans) }

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

// TestSweepPlans: against the emulator, the sweeper releases the prefixed
// pay-as-you-go and expired plans, leaves the prefixed unexpired
// subscription with a message, and touches no plan named otherwise.
func TestSweepPlans(t *testing.T) {
	emu := emutest.FastEmulator(t, 0, 0)
	conn := emutest.CBNClient(t, emu)
	buy := func(name, charge string) string {
		request := cbn.CreateCreateCenBandwidthPackageRequest()
		request.Bandwidth = requests.NewInteger(2)
		request.GeographicRegionAId, request.GeographicRegionBId = "China", "China"
		request.Name = name
		request.BandwidthPackageChargeType = charge
		request.AutoPay = requests.NewBoolean(true)
		out, err := conn.CreateCenBandwidthPackage(request)
		if err != nil {
			t.Fatalf("buying %s: %v", name, err)
		}
		return out.CenBandwidthPackageId
	}
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
