package cen_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// What the tests that run in both modes share (README, "Testing against
// Alibaba Cloud"): their checks read the API through the SDK, never the
// emulator's records, so they assert the same in either mode; and the account
// may hold other plans, so they look only at their own IDs and names.

// fastOptions are emulator delays short enough for the package to run in
// well under three minutes, yet long enough that every wait waits.
var fastOptions = []emulator.Option{emulator.WithReadyDelay(200 * time.Millisecond),
	emulator.WithUpdateDelay(150 * time.Millisecond), emulator.WithDeleteDelay(150 * time.Millisecond)}

// emulatorOnly starts a test that cannot run without the emulator (faults,
// control endpoints, call counts as its point): in cloud mode it skips,
// saying why.
func emulatorOnly(t *testing.T, why string, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return acctest.NewTarget(t, append(append([]emulator.Option{}, fastOptions...), opts...)...).Emulator(why)
}

// poll is how often a test's own waits ask the API, and for how long: the
// live API takes minutes where the emulator takes milliseconds.
func poll(tg *acctest.Target) (every, limit time.Duration) {
	if tg.Cloud() {
		return 5 * time.Second, 10 * time.Minute
	}
	return 50 * time.Millisecond, 30 * time.Second
}

// describePlans is what Describe answers for the plans ids: none once released.
func describePlans(conn *cbn.Client, ids ...string) ([]cbn.CenBandwidthPackage, error) {
	request := cbn.CreateDescribeCenBandwidthPackagesRequest()
	request.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &ids}}
	out, err := conn.DescribeCenBandwidthPackages(request)
	if err != nil {
		return nil, err
	}
	return out.CenBandwidthPackages.CenBandwidthPackage, nil
}

// describePlansNamed is what Describe answers for the plans named name.
func describePlansNamed(conn *cbn.Client, name string) ([]cbn.CenBandwidthPackage, error) {
	request := cbn.CreateDescribeCenBandwidthPackagesRequest()
	request.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Name", Value: &[]string{name}}}
	out, err := conn.DescribeCenBandwidthPackages(request)
	if err != nil {
		return nil, err
	}
	return out.CenBandwidthPackages.CenBandwidthPackage, nil
}

// describePlan is the plan id as Describe answers it.
func describePlan(conn *cbn.Client, id string) (cbn.CenBandwidthPackage, error) {
	list, err := describePlans(conn, id)
	if err != nil {
		return cbn.CenBandwidthPackage{}, err
	}
	if len(list) != 1 {
		return cbn.CenBandwidthPackage{}, fmt.Errorf("Describe of %s answers %d plans, want 1: %+v", id, len(list), list)
	}
	return list[0], nil
}

// tagsOf are a described plan's tags.
func tagsOf(p cbn.CenBandwidthPackage) map[string]string {
	out := map[string]string{}
	for _, tag := range p.Tags.Tag {
		out[tag.Key] = tag.Value
	}
	return out
}

// checkPlan checks the plan of addr in state (resourceName if empty) as
// Describe answers it.
func checkPlan(conn *cbn.Client, addr string, check func(cbn.CenBandwidthPackage) error) resource.TestCheckFunc {
	if addr == "" {
		addr = resourceName
	}
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s not in state", addr)
		}
		p, err := describePlan(conn, rs.Primary.ID)
		if err != nil {
			return err
		}
		if err := check(p); err != nil {
			return fmt.Errorf("%s (%s): %w", addr, rs.Primary.ID, err)
		}
		return nil
	}
}

// planIDs are the CEN plans in state.
func planIDs(s *terraform.State) []string {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "aliyun_cen_bandwidth_package" {
			ids = append(ids, rs.Primary.ID)
		}
	}
	return ids
}

// plansReleased is a CheckDestroy: Describe finds none of the plans in state
// nor of more (plans the test replaced or dropped on the way).
func plansReleased(conn *cbn.Client, more ...*string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ids := planIDs(s)
		for _, id := range more {
			if *id != "" {
				ids = append(ids, *id)
			}
		}
		for _, id := range ids {
			if list, err := describePlans(conn, id); err != nil || len(list) != 0 {
				return fmt.Errorf("after destroy, Describe of %s answers %+v, %v; want no plan", id, list, err)
			}
		}
		return nil
	}
}

// plansKept is a CheckDestroy for subscriptions: destroy forgets them, and
// Describe still finds each one.
func plansKept(conn *cbn.Client) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ids := planIDs(s)
		if len(ids) == 0 {
			return fmt.Errorf("no CEN plan in state")
		}
		for _, id := range ids {
			if _, err := describePlan(conn, id); err != nil {
				return fmt.Errorf("after destroy, the subscription should stay: %w", err)
			}
		}
		return nil
	}
}

// waitPlan waits until Describe shows the plan id as done wants it (p is
// nil once the plan is gone).
func waitPlan(tg *acctest.Target, conn *cbn.Client, id, what string, done func(p *cbn.CenBandwidthPackage) bool) error {
	every, limit := poll(tg)
	var last []cbn.CenBandwidthPackage
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(every) {
		list, err := describePlans(conn, id)
		if err != nil {
			return err
		}
		var p *cbn.CenBandwidthPackage
		if len(list) == 1 {
			p = &list[0]
		}
		if len(list) <= 1 && done(p) {
			return nil
		}
		last = list
	}
	return fmt.Errorf("plan %s not %s after %s: %+v", id, what, limit, last)
}

// planGone is waitPlan's test for a released plan.
func planGone(p *cbn.CenBandwidthPackage) bool { return p == nil }

// cenBusyCodes answer a DeleteCen the instance is not ready for yet.
var cenBusyCodes = []string{"InvalidOperation.CenInstanceStatus", "Operation.Blocking"}

// cenInstance is a CEN instance of the test's own, created through the API
// in both modes (instances cost nothing) and Active when it returns. Cleanup
// deletes it and waits until it is gone; it runs after resource.Test's
// destroy has unbound and released the plans. A leftover is swept
// (sweepCens).
func cenInstance(t *testing.T, tg *acctest.Target) string {
	t.Helper()
	conn := tg.Client().CEN()
	every, limit := poll(tg)
	request := cbn.CreateCreateCenRequest()
	request.Name = tg.Name()
	out, err := conn.CreateCen(request)
	if err != nil {
		t.Fatalf("creating the test's CEN instance: %v", err)
	}
	id := out.CenId
	t.Cleanup(func() {
		del := cbn.CreateDeleteCenRequest()
		del.CenId = id
		// An instance just unbound from a plan may answer busy for a while.
		_, err := conn.DeleteCen(del)
		for deadline := time.Now().Add(limit); apierrors.IsCode(err, cenBusyCodes...) && time.Now().Before(deadline); {
			time.Sleep(every)
			_, err = conn.DeleteCen(del)
		}
		if err != nil {
			t.Errorf("deleting the test's CEN instance %s (%s), left for the sweepers: %v", id, request.Name, err)
			return
		}
		if err := waitCen(conn, id, "", every, limit); err != nil {
			t.Error(err)
		}
	})
	if err := waitCen(conn, id, "Active", every, limit); err != nil {
		t.Fatal(err)
	}
	return id
}

// waitCen waits until DescribeCens shows the instance id in status, or no
// longer shows it if status is "".
func waitCen(conn *cbn.Client, id, status string, every, limit time.Duration) error {
	var last []cbn.Cen
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(every) {
		request := cbn.CreateDescribeCensRequest()
		request.Filter = &[]cbn.DescribeCensFilter{{Key: "CenId", Value: &[]string{id}}}
		out, err := conn.DescribeCens(request)
		if err != nil {
			return fmt.Errorf("describing CEN instance %s: %w", id, err)
		}
		last = out.Cens.Cen
		if (status == "" && len(last) == 0) || (len(last) == 1 && last[0].Status == status) {
			return nil
		}
	}
	return fmt.Errorf("CEN instance %s not %q after %s: %+v", id, status, limit, last)
}
