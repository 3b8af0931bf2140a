package ga

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/sweep"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// TestMain runs the sweepers with -sweep=REGION (make sweep), the tests otherwise.
func TestMain(m *testing.M) { resource.TestMain(m) }

func init() { sweep.Add("aliyun_ga_bandwidth_package", sweepPlans) }

// sweepPlans releases every GA plan whose name starts with sweep.Prefix, as
// Delete would: pay-as-you-go and expired plans are released and waited for;
// an unexpired subscription cannot be released (DESIGN.md, "API facts"), so
// its renewal is turned off and it is left, logged. Plans named otherwise
// are not touched, nor are accelerators: tests never buy one (in cloud mode
// they bind to the one TF_ACC_GA_ACCELERATOR_ID names), so only the
// bindings of tf-acc- plans are removed.
func sweepPlans(ctx context.Context, c *client.Client, logf sweep.Logf) error {
	all, err := listBandwidthPackages(ctx, c, listParams(nil, "", "", nil))
	if err != nil {
		return fmt.Errorf("listing GA bandwidth plans: %w", err)
	}
	var errs []error
	for i := range all {
		p := &all[i]
		if !sweep.Swept(p.Name) {
			continue
		}
		id := p.BandwidthPackageId
		if strings.EqualFold(p.ChargeType, chargePrepay) && !apitime.Expired(p.ExpiredTime, time.Now()) {
			logf("[WARN] GA bandwidth plan %s (%s) left: a subscription cannot be released before it expires (%s); "+
				"its renewal is turned off", id, p.Name, apitime.RFC3339(p.ExpiredTime))
			if err := stopRenewal(ctx, c, id); err != nil && !apierrors.IsCode(err, codeNotExist) {
				errs = append(errs, fmt.Errorf("turning off the renewal of GA bandwidth plan %s (%s): %w", id, p.Name, err))
			}
			continue
		}
		// Attachments first: the API refuses to release a bound plan.
		var unbindErr error
		for _, acc := range p.Accelerators {
			logf("[INFO] unbinding GA bandwidth plan %s (%s) from accelerator %s", id, p.Name, acc)
			err := removeAccelerator(ctx, c, id, acc)
			if err == nil {
				err = waitAttachmentDeleted(ctx, c, id, acc)
			}
			if err != nil && !errors.Is(err, wait.ErrNotFound) {
				unbindErr = fmt.Errorf("unbinding GA bandwidth plan %s (%s) from %s: %w", id, p.Name, acc, err)
				break
			}
		}
		if unbindErr != nil {
			errs = append(errs, unbindErr)
			continue
		}
		logf("[INFO] releasing GA bandwidth plan %s (%s)", id, p.Name)
		err := deleteBandwidthPackage(ctx, c, id)
		if apierrors.IsCode(err, codeNotExist) {
			continue
		}
		if err == nil {
			err = waitBandwidthPackageDeleted(ctx, c, id)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("releasing GA bandwidth plan %s (%s): %w", id, p.Name, err))
		}
	}
	return errors.Join(errs...)
}

// TestSweepPlans: against the emulator, the sweeper releases the prefixed
// pay-as-you-go and expired plans, leaves the prefixed unexpired
// subscription with a message and its renewal off, and touches no plan
// named otherwise.
func TestSweepPlans(t *testing.T) {
	emu := emutest.FastEmulator(t, 0, 0)
	conn := emutest.GAClient(t, emu)
	c := emutest.Client(t, emu)
	ctx := context.Background()
	buy := func(name, charge string, renew bool) string {
		request := gasdk.CreateCreateBandwidthPackageRequest()
		request.RegionId = client.GARegion
		request.Bandwidth = requests.NewInteger(2)
		request.Type, request.BandwidthType = typeBasic, "Basic"
		request.ChargeType = charge
		request.AutoPay = requests.NewBoolean(true)
		if charge == chargePrepay {
			request.Duration, request.PricingCycle = "1", "Month"
		}
		out, err := conn.CreateBandwidthPackage(request)
		if err != nil {
			t.Fatalf("buying %s: %v", name, err)
		}
		if _, err := waitBandwidthPackageCreated(ctx, c, out.BandwidthPackageId); err != nil {
			t.Fatal(err)
		}
		if err := setNameAndDescription(ctx, c, out.BandwidthPackageId, name, ""); err != nil {
			t.Fatal(err)
		}
		if renew {
			if err := setAutoRenew(ctx, c, out.BandwidthPackageId, true, 1); err != nil {
				t.Fatal(err)
			}
		}
		return out.BandwidthPackageId
	}
	postpay := buy(sweep.Prefix+"postpay", chargePostpay, false)
	// A leftover still bound to an accelerator: unbound first, then released.
	bound := buy(sweep.Prefix+"bound", chargePostpay, false)
	acc := emu.AddAccelerator("sweep").ID
	bindReq := gasdk.CreateBandwidthPackageAddAcceleratorRequest()
	bindReq.RegionId, bindReq.BandwidthPackageId, bindReq.AcceleratorId = client.GARegion, bound, acc
	if _, err := conn.BandwidthPackageAddAccelerator(bindReq); err != nil {
		t.Fatal(err)
	}
	if _, err := waitAttachmentCreated(ctx, c, bound, acc); err != nil {
		t.Fatal(err)
	}
	prepay := buy(sweep.Prefix+"prepay", chargePrepay, true)
	expired := buy(sweep.Prefix+"expired", chargePrepay, false)
	if err := emu.ExpirePlan(expired); err != nil {
		t.Fatal(err)
	}
	others := []string{buy("keep-postpay", chargePostpay, false), buy("keep-prepay", chargePrepay, true),
		buy("x-"+sweep.Prefix+"not-a-prefix", chargePostpay, false)}

	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	if err := sweepPlans(ctx, c, logf); err != nil {
		t.Fatal(err)
	}
	left := map[string]string{}
	for _, r := range emu.Resources() {
		left[r.ID] = r.Status
	}
	for _, id := range []string{postpay, expired, bound} {
		if _, ok := left[id]; ok {
			t.Errorf("prefixed plan %s not released: %s", id, left[id])
		}
	}
	for _, id := range append(others, prepay) {
		if st, ok := left[id]; !ok || st != "active" {
			t.Errorf("plan %s should be left untouched, is %q", id, st)
		}
	}
	if len(left) != 4 {
		t.Errorf("%d plans left, want 4: %v", len(left), left)
	}
	renewal := func(id string) string {
		a, err := findAutoRenewAttribute(ctx, c, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.RenewalStatus
	}
	if got := renewal(prepay); got != renewalNone {
		t.Errorf("the subscription left behind renews: %s", got)
	}
	if got := renewal(others[1]); got != renewalAuto {
		t.Errorf("a plan without the prefix had its renewal changed: %s", got)
	}
	if !slices.ContainsFunc(logged, func(s string) bool {
		return strings.Contains(s, prepay) && strings.Contains(s, "cannot be released")
	}) {
		t.Errorf("no message about the subscription left behind: %q", logged)
	}
}
