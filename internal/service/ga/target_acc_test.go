package ga_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
)

// envAccelerator names an existing GA accelerator that cloud mode binds the
// attachment tests' plans to (README, "Testing against Alibaba Cloud"): the
// live API sells accelerators as subscriptions, so the tests never buy one,
// and the sweepers never delete one. It must be active, billed by bandwidth
// plan, and hold no basic bandwidth plan.
const envAccelerator = "TF_ACC_GA_ACCELERATOR_ID"

// newTarget is acctest.NewTarget with short emulator delays: ready after
// 300ms, changed and released after 200ms; opts come after them.
func newTarget(t *testing.T, opts ...emulator.Option) *acctest.Target {
	t.Helper()
	base := []emulator.Option{emulator.WithReadyDelay(300 * time.Millisecond),
		emulator.WithUpdateDelay(200 * time.Millisecond), emulator.WithDeleteDelay(200 * time.Millisecond)}
	return acctest.NewTarget(t, append(base, opts...)...)
}

// cloudAccelerator serialises the tests that bind to the one accelerator of
// cloud mode: it takes one basic plan at a time.
var cloudAccelerator sync.Mutex

// accelerator is the test's accelerator: in emulator mode a new one, in cloud
// mode the one envAccelerator names (the test skips when it is unset), held
// by this test until it ends.
func accelerator(t *testing.T, tg *acctest.Target) string {
	t.Helper()
	if emu := tg.Emu(); emu != nil {
		return emu.AddAccelerator("").ID
	}
	id := os.Getenv(envAccelerator)
	if id == "" {
		t.Skipf("skipped with %s=1: this test binds a plan to an accelerator, which the tests never buy; "+
			"set %s to an active accelerator that has no basic bandwidth plan", acctest.EnvCloud, envAccelerator)
	}
	cloudAccelerator.Lock()
	t.Cleanup(cloudAccelerator.Unlock)
	out, err := apiOf(tg).accelerator(id)
	if err != nil {
		t.Fatalf("%s=%s: %v", envAccelerator, id, err)
	}
	if out.BasicBandwidthPackage.InstanceId != "" {
		t.Fatalf("%s=%s already holds basic bandwidth plan %s (a leftover? make sweep unbinds tf-acc- plans)",
			envAccelerator, id, out.BasicBandwidthPackage.InstanceId)
	}
	return id
}

// api reads the target's API through the SDK, so a check holds in both modes.
type api struct{ c *client.Client }

func apiOf(tg *acctest.Target) api { return api{tg.Client()} }

// timeout is how long a change made outside Terraform may take to show.
func (a api) timeout() time.Duration {
	if acctest.Cloud() {
		return 10 * time.Minute
	}
	return 10 * time.Second
}

func (a api) plan(id string) (*gasdk.DescribeBandwidthPackageResponse, error) {
	req := gasdk.CreateDescribeBandwidthPackageRequest()
	req.RegionId, req.BandwidthPackageId = client.GARegion, id
	return a.c.GA().DescribeBandwidthPackage(req)
}

// planRaw is DescribeBandwidthPackage's answer as JSON, for the fields the
// typed SDK lacks (ResourceGroupId) or would coerce (BillingType's spelling).
func (a api) planRaw(id string) (map[string]any, error) {
	body, err := a.c.CommonGA(context.Background(), "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id})
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(body, &out)
}

func (a api) accelerator(id string) (*gasdk.DescribeAcceleratorResponse, error) {
	req := gasdk.CreateDescribeAcceleratorRequest()
	req.RegionId, req.AcceleratorId = client.GARegion, id
	return a.c.GA().DescribeAccelerator(req)
}

// tags are the plan's tags as ListTagResources answers them.
func (a api) tags(id string) (map[string]string, error) {
	got := map[string]string{}
	next := ""
	for {
		params := map[string]string{"ResourceType": "bandwidthpackage", "ResourceId.1": id}
		if next != "" {
			params["NextToken"] = next
		}
		body, err := a.c.CommonGA(context.Background(), "ListTagResources", params)
		if err != nil {
			return nil, err
		}
		rows, n, err := tags.DecodeListTagResources(body)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.ResourceID == id {
				got[r.TagKey] = r.TagValue
			}
		}
		if next = n; next == "" {
			return got, nil
		}
	}
}

// renewal is DescribeBandwidthPackageAutoRenewAttribute's answer; months
// as written, a number or a string.
func (a api) renewal(id string) (status, months string, err error) {
	body, err := a.c.CommonGA(context.Background(), "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
	if err != nil {
		return "", "", err
	}
	var out struct {
		RenewalStatus     string
		AutoRenewDuration any
	}
	err = json.Unmarshal(body, &out)
	return out.RenewalStatus, fmt.Sprint(out.AutoRenewDuration), err
}

// waitState waits until the plan's State is want, as someone working
// outside Terraform would before the next step.
func (a api) waitState(id, want string) error {
	deadline := time.Now().Add(a.timeout())
	for {
		p, err := a.plan(id)
		if err == nil && p.State == want {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("plan %s did not become %s: %+v, %v", id, want, p, err)
		}
		time.Sleep(a.poll())
	}
}

// waitGone waits until Describe answers NotExist.BandwidthPackage.
func (a api) waitGone(id string) error {
	deadline := time.Now().Add(a.timeout())
	for {
		if _, err := a.plan(id); isNotExist(err) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("plan %s was not gone after its release", id)
		}
		time.Sleep(a.poll())
	}
}

// busy retries call, a change behind Terraform's back, while the plan
// answers StateError (still changing from the step before), as someone
// working outside Terraform would.
func (a api) busy(call func() error) error {
	deadline := time.Now().Add(a.timeout())
	for {
		err := call()
		if err == nil || !strings.Contains(err.Error(), "StateError") || time.Now().After(deadline) {
			return err
		}
		time.Sleep(a.poll())
	}
}

func (a api) poll() time.Duration {
	if acctest.Cloud() {
		return 5 * time.Second
	}
	return 50 * time.Millisecond
}

func isNotExist(err error) bool {
	return err != nil && strings.Contains(err.Error(), "NotExist.BandwidthPackage")
}

// checkReleased is a CheckDestroy: Describe of each plan the test bought
// (the IDs ids point to, once set) answers NotExist.BandwidthPackage. It
// looks at the test's own plans only: the account may hold others.
func (a api) checkReleased(ids ...*string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range ids {
			if *id == "" {
				continue
			}
			if out, err := a.plan(*id); !isNotExist(err) {
				return fmt.Errorf("after destroy, Describe of %s answers %+v, %v; want NotExist.BandwidthPackage", *id, out, err)
			}
		}
		return nil
	}
}

// checkUnbound is checkReleased that also finds acc holding none of the plans.
func (a api) checkUnbound(acc string, ids ...*string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if err := a.checkReleased(ids...)(s); err != nil {
			return err
		}
		out, err := a.accelerator(acc)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if *id != "" && (out.BasicBandwidthPackage.InstanceId == *id || out.CrossDomainBandwidthPackage.InstanceId == *id) {
				return fmt.Errorf("accelerator %s still holds plan %s", acc, *id)
			}
		}
		return nil
	}
}
