package emulator

import (
	"regexp"
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

var acceleratorIDPattern = regexp.MustCompile(`^ga-[a-z0-9]{20}$`)

func createAccelerator(t testing.TB, c *ga.Client) string {
	t.Helper()
	req := ga.CreateCreateAcceleratorRequest()
	req.Spec = "1"
	req.Duration = requests.NewInteger(1)
	req.PricingCycle = "Month"
	req.AutoPay = requests.NewBoolean(true)
	req.ClientToken = "tok-" + t.Name()
	resp, err := c.CreateAccelerator(req)
	if err != nil {
		t.Fatalf("CreateAccelerator: %v", err)
	}
	if !acceleratorIDPattern.MatchString(resp.AcceleratorId) || resp.OrderId == "" {
		t.Fatalf("CreateAccelerator answer: %+v", resp)
	}
	return resp.AcceleratorId
}

func describeAccelerator(t testing.TB, c *ga.Client, id string) *ga.DescribeAcceleratorResponse {
	t.Helper()
	req := ga.CreateDescribeAcceleratorRequest()
	req.AcceleratorId = id
	resp, err := c.DescribeAccelerator(req)
	if err != nil {
		t.Fatalf("DescribeAccelerator: %v", err)
	}
	return resp
}

func describePlan(t testing.TB, c *ga.Client, id string) *ga.DescribeBandwidthPackageResponse {
	t.Helper()
	req := ga.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = id
	resp, err := c.DescribeBandwidthPackage(req)
	if err != nil {
		t.Fatalf("DescribeBandwidthPackage: %v", err)
	}
	return resp
}

func bind(c *ga.Client, plan, acc string) (*ga.BandwidthPackageAddAcceleratorResponse, error) {
	req := ga.CreateBandwidthPackageAddAcceleratorRequest()
	req.BandwidthPackageId, req.AcceleratorId = plan, acc
	return c.BandwidthPackageAddAccelerator(req)
}

func unbind(c *ga.Client, plan, acc string) error {
	req := ga.CreateBandwidthPackageRemoveAcceleratorRequest()
	req.BandwidthPackageId, req.AcceleratorId = plan, acc
	_, err := c.BandwidthPackageRemoveAccelerator(req)
	return err
}

func deleteAccelerator(c *ga.Client, id string) error {
	req := ga.CreateDeleteAcceleratorRequest()
	req.AcceleratorId = id
	_, err := c.DeleteAccelerator(req)
	return err
}

// activePlan creates a GA plan of type typ and waits until it is active.
func activePlan(t testing.TB, s *Server, c *ga.Client, typ string) string {
	t.Helper()
	id := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.Type = typ
		if typ == "CrossDomain" {
			r.BandwidthType = ""
		}
	}).BandwidthPackageId
	settle(t, s, "plan active", func() bool { return gaState(t, c, id) == "active" })
	return id
}

// TestGAAcceleratorLifecycle: create (init, then active, idempotent by
// ClientToken), describe, list, the auto-renew answer, delete.
func TestGAAcceleratorLifecycle(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	id := createAccelerator(t, c)
	if again := createAccelerator(t, c); again != id {
		t.Fatalf("a retried CreateAccelerator with the same ClientToken made a second accelerator: %s, %s", id, again)
	}
	d := describeAccelerator(t, c, id)
	if d.State != "init" || d.Spec != "1" || d.InstanceChargeType != "PREPAY" || d.RegionId != "cn-hangzhou" || d.ExpiredTime == 0 {
		t.Fatalf("new accelerator: %+v", d)
	}
	settle(t, s, "accelerator active", func() bool { return describeAccelerator(t, c, id).State == "active" })

	list := ga.CreateListAcceleratorsRequest()
	list.AcceleratorId = id
	l, err := c.ListAccelerators(list)
	if err != nil || l.TotalCount != 1 || len(l.Accelerators) != 1 || l.Accelerators[0].AcceleratorId != id || l.Accelerators[0].State != "active" {
		t.Fatalf("ListAccelerators: %+v, %v", l, err)
	}
	renew, err := gaCommon(t, c, "DescribeAcceleratorAutoRenewAttribute", map[string]string{"AcceleratorId": id})
	if err != nil || renew["InstanceId"] != id || renew["RenewalStatus"] != "Normal" {
		t.Fatalf("DescribeAcceleratorAutoRenewAttribute: %v, %v", renew, err)
	}

	if err := deleteAccelerator(c, id); err != nil {
		t.Fatalf("DeleteAccelerator: %v", err)
	}
	if st := describeAccelerator(t, c, id).State; st != "deleting" {
		t.Fatalf("state after delete %q, want deleting", st)
	}
	settle(t, s, "accelerator gone", func() bool {
		req := ga.CreateDescribeAcceleratorRequest()
		req.AcceleratorId = id
		_, err := c.DescribeAccelerator(req)
		return err != nil
	})
	req := ga.CreateDescribeAcceleratorRequest()
	req.AcceleratorId = id
	_, err = c.DescribeAccelerator(req)
	wantAPIError(t, err, "NotExist.Accelerator", 400)
}

func TestGACreateAcceleratorRefusals(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	for name, tc := range map[string]struct {
		mod  func(*ga.CreateAcceleratorRequest)
		code string
	}{
		"no spec":      {func(r *ga.CreateAcceleratorRequest) { r.Spec = "" }, "MissingParameter.Spec"},
		"bad spec":     {func(r *ga.CreateAcceleratorRequest) { r.Spec = "4" }, "InvalidParameter"},
		"no duration":  {func(r *ga.CreateAcceleratorRequest) { r.Duration = "" }, "MissingParameter.Duration"},
		"long month":   {func(r *ga.CreateAcceleratorRequest) { r.Duration = "10" }, "InvalidParameter"},
		"bad cycle":    {func(r *ga.CreateAcceleratorRequest) { r.PricingCycle = "Week" }, "InvalidParameter"},
		"bad name":     {func(r *ga.CreateAcceleratorRequest) { r.Name = "http://x" }, "InvalidParameter"},
		"bad charge":   {func(r *ga.CreateAcceleratorRequest) { r.QueryParams["InstanceChargeType"] = "FREE" }, "InvalidParameter"},
		"bad billing":  {func(r *ga.CreateAcceleratorRequest) { r.QueryParams["BandwidthBillingType"] = "Free" }, "InvalidParameter"},
		"bad autopay":  {func(r *ga.CreateAcceleratorRequest) { r.AutoPay = "maybe" }, "InvalidParameter"},
		"renew months": {func(r *ga.CreateAcceleratorRequest) { r.QueryParams["AutoRenewDuration"] = "13" }, "InvalidParameter"},
	} {
		t.Run(name, func(t *testing.T) {
			req := ga.CreateCreateAcceleratorRequest()
			req.Spec, req.Duration, req.PricingCycle = "1", "1", "Month"
			tc.mod(req)
			_, err := c.CreateAccelerator(req)
			se := wantAPIError(t, err, tc.code, 400)
			if tc.code == "InvalidParameter" && se.Message() == "" {
				t.Fatal("no message")
			}
		})
	}
	// Pay-as-you-go needs neither spec nor duration.
	req := ga.CreateCreateAcceleratorRequest()
	req.QueryParams["InstanceChargeType"] = "POSTPAY"
	if _, err := c.CreateAccelerator(req); err != nil {
		t.Fatalf("pay-as-you-go accelerator: %v", err)
	}
}

// TestGABindAndUnbind: the plan goes binding then binded and lists the
// accelerator; the accelerator shows the plan as its basic bandwidth;
// unbinding returns the plan to active.
func TestGABindAndUnbind(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	acc := s.AddAccelerator("seeded").ID
	plan := activePlan(t, s, c, "Basic")

	resp, err := bind(c, plan, acc)
	if err != nil || resp.BandwidthPackageId != plan || !slices.Equal(resp.Accelerators, []string{acc}) {
		t.Fatalf("BandwidthPackageAddAccelerator: %+v, %v", resp, err)
	}
	if st := describePlan(t, c, plan).State; st != "binding" {
		t.Fatalf("plan state after bind %q, want binding", st)
	}
	if st := describeAccelerator(t, c, acc).State; st != "binding" {
		t.Fatalf("accelerator state after bind %q, want binding", st)
	}
	// Busy: the plan refuses changes, the accelerator another bind.
	upd := ga.CreateUpdateBandwidthPackageRequest()
	upd.BandwidthPackageId, upd.Bandwidth = plan, requests.NewInteger(30)
	_, err = c.UpdateBandwidthPackage(upd)
	wantAPIError(t, err, "StateError.BandwidthPackage", 400)

	settle(t, s, "plan binded", func() bool { return gaState(t, c, plan) == "binded" })
	d := describePlan(t, c, plan)
	if !slices.Equal(d.Accelerators, []string{acc}) {
		t.Fatalf("Describe lists accelerators %v, want [%s]", d.Accelerators, acc)
	}
	list := ga.CreateListBandwidthPackagesRequest()
	list.BandwidthPackageId = plan
	l, err := c.ListBandwidthPackages(list)
	if err != nil || len(l.BandwidthPackages) != 1 || l.BandwidthPackages[0].State != "binded" ||
		!slices.Equal(l.BandwidthPackages[0].Accelerators, []string{acc}) {
		t.Fatalf("ListBandwidthPackages: %+v, %v", l, err)
	}
	a := describeAccelerator(t, c, acc)
	if a.State != "active" || a.BasicBandwidthPackage.InstanceId != plan || a.BasicBandwidthPackage.Bandwidth != 20 {
		t.Fatalf("accelerator after bind: %+v", a)
	}
	// A bound plan changes in place and comes back binded.
	if _, err := c.UpdateBandwidthPackage(upd); err != nil {
		t.Fatalf("update of a bound plan: %v", err)
	}
	settle(t, s, "plan binded after update", func() bool { return gaState(t, c, plan) == "binded" })

	// Bound: neither the plan nor the accelerator can be deleted.
	del := ga.CreateDeleteBandwidthPackageRequest()
	del.BandwidthPackageId = plan
	_, err = c.DeleteBandwidthPackage(del)
	wantAPIError(t, err, "BindExist.BandwidthPackage", 400)
	wantAPIError(t, deleteAccelerator(c, acc), "BindExist.Accelerator", 400)

	if err := unbind(c, plan, acc); err != nil {
		t.Fatalf("BandwidthPackageRemoveAccelerator: %v", err)
	}
	if st := describePlan(t, c, plan).State; st != "unbinding" {
		t.Fatalf("plan state after unbind %q, want unbinding", st)
	}
	settle(t, s, "plan active", func() bool { return gaState(t, c, plan) == "active" })
	if d := describePlan(t, c, plan); len(d.Accelerators) != 0 {
		t.Fatalf("unbound plan lists accelerators %v", d.Accelerators)
	}
	wantAPIError(t, unbind(c, plan, acc), "NotBind.BandwidthPackage", 400)
	if _, err := c.DeleteBandwidthPackage(del); err != nil {
		t.Fatalf("delete of an unbound plan: %v", err)
	}
	settle(t, s, "accelerator active", func() bool { return describeAccelerator(t, c, acc).State == "active" })
	if err := deleteAccelerator(c, acc); err != nil {
		t.Fatalf("delete of an unbound accelerator: %v", err)
	}
}

// TestGABindRefusals: the pairing rules and the refusals of unknown or busy parties.
func TestGABindRefusals(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	acc := s.AddAccelerator("").ID
	basic := activePlan(t, s, c, "Basic")
	basic2 := activePlan(t, s, c, "Basic")
	cross := activePlan(t, s, c, "CrossDomain")

	_, err := bind(c, "gbwp-doesnotexist", acc)
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)
	_, err = bind(c, basic, "ga-doesnotexist")
	wantAPIError(t, err, "NotExist.Accelerator", 400)
	_, err = bind(c, basic, "")
	wantAPIError(t, err, "MissingParameter.AcceleratorId", 400)

	// Cross-border bandwidth needs the basic bandwidth first.
	_, err = bind(c, cross, acc)
	wantAPIError(t, err, "NotExist.BasicBandwidthPackage", 400)

	if _, err := bind(c, basic, acc); err != nil {
		t.Fatal(err)
	}
	// Busy accelerator, busy plan.
	_, err = bind(c, basic2, acc)
	wantAPIError(t, err, "StateError.Accelerator", 400)
	_, err = bind(c, basic, acc)
	wantAPIError(t, err, "StateError.BandwidthPackage", 400)
	settle(t, s, "accelerator active", func() bool { return describeAccelerator(t, c, acc).State == "active" })

	// One plan of each kind per accelerator, one accelerator per plan.
	_, err = bind(c, basic2, acc)
	wantAPIError(t, err, "Exist.BasicBandwidthPackage", 400)
	other := s.AddAccelerator("other").ID
	_, err = bind(c, basic, other)
	wantAPIError(t, err, "BindExist.BandwidthPackage", 400)

	if _, err := bind(c, cross, acc); err != nil {
		t.Fatalf("cross-border plan on an accelerator with basic bandwidth: %v", err)
	}
	settle(t, s, "cross plan binded", func() bool { return gaState(t, c, cross) == "binded" })
	if a := describeAccelerator(t, c, acc); a.CrossDomainBandwidthPackage.InstanceId != cross {
		t.Fatalf("accelerator's cross-border bandwidth: %+v", a.CrossDomainBandwidthPackage)
	}
	// The basic plan leaves only after the cross-border one.
	wantAPIError(t, unbind(c, basic, acc), "BindExist.CrossDomainBandwidthPackage", 400)

	// An accelerator billed by CDT takes no plan.
	req := ga.CreateCreateAcceleratorRequest()
	req.QueryParams["InstanceChargeType"] = "POSTPAY"
	req.QueryParams["BandwidthBillingType"] = "CDT"
	cdt, err := c.CreateAccelerator(req)
	if err != nil {
		t.Fatal(err)
	}
	settle(t, s, "CDT accelerator active", func() bool { return describeAccelerator(t, c, cdt.AcceleratorId).State == "active" })
	_, err = bind(c, basic2, cdt.AcceleratorId)
	wantAPIError(t, err, "NotSupport.BandwidthBillingType", 400)
}

// TestGAAcceleratorControl: the control API seeds and lists accelerators,
// and a state file keeps them and their bindings.
func TestGAAcceleratorControl(t *testing.T) {
	path := t.TempDir() + "/state.json"
	s := startServer(t, WithStateFile(path))
	var seeded Accelerator
	if code := ctl(t, s, "POST", "accelerators", `{"name":"seeded"}`, &seeded); code != 200 ||
		!acceleratorIDPattern.MatchString(seeded.ID) || seeded.Status != "active" || seeded.Name != "seeded" {
		t.Fatalf("POST accelerators: %d %+v", code, seeded)
	}
	if code := ctl(t, s, "POST", "accelerators", `{"nme":"typo"}`, nil); code != 400 {
		t.Fatalf("misspelt field: %d, want 400", code)
	}
	c := gaClient(t, s)
	plan := activePlan(t, s, c, "Basic")
	if _, err := bind(c, plan, seeded.ID); err != nil {
		t.Fatal(err)
	}
	var list []Accelerator
	if code := ctl(t, s, "GET", "accelerators", "", &list); code != 200 || len(list) != 1 || list[0].Basic != plan {
		t.Fatalf("GET accelerators: %d %+v", code, list)
	}
	_ = s.Close()

	again := startServer(t, WithStateFile(path))
	c = gaClient(t, again)
	if a := describeAccelerator(t, c, seeded.ID); a.BasicBandwidthPackage.InstanceId != plan {
		t.Fatalf("reloaded accelerator: %+v", a)
	}
	settle(t, again, "reloaded plan binded", func() bool { return gaState(t, c, plan) == "binded" })
}

// TestGAAcceleratorAsOfficialProviderCreatesIt: the calls the official
// provider's alicloud_ga_accelerator makes to create and read one (a generic
// RPC request with every parameter it may send, then Describe until active,
// the auto-renew answer and the accelerator's tags) all succeed.
func TestGAAcceleratorAsOfficialProviderCreatesIt(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	created, err := gaCommon(t, c, "CreateAccelerator", map[string]string{
		"ClientToken": "official-1", "Spec": "1", "Duration": "1", "PricingCycle": "Month", "AutoPay": "true",
		"AutoUseCoupon": "false", "AutoRenew": "true", "AutoRenewDuration": "2", "BandwidthBillingType": "BandwidthPackage",
		"InstanceChargeType": "PREPAY", "ResourceGroupId": "rg-official", "IpSetConfig.AccessMode": "UserDefine",
		"PromotionOptionNo": "", "Tag.1.Key": "env", "Tag.1.Value": "test",
	})
	if err != nil {
		t.Fatalf("CreateAccelerator: %v", err)
	}
	id, _ := created["AcceleratorId"].(string)
	if !acceleratorIDPattern.MatchString(id) || created["OrderId"] == "" {
		t.Fatalf("CreateAccelerator answer: %v", created)
	}
	settle(t, s, "accelerator active", func() bool {
		d, err := gaCommon(t, c, "DescribeAccelerator", map[string]string{"AcceleratorId": id})
		return err == nil && d["State"] == "active"
	})
	d, err := gaCommon(t, c, "DescribeAccelerator", map[string]string{"AcceleratorId": id})
	if err != nil || d["ResourceGroupId"] != "rg-official" || d["BandwidthBillingType"] != "BandwidthPackage" || d["Spec"] != "1" {
		t.Fatalf("DescribeAccelerator: %v, %v", d, err)
	}
	renew, err := gaCommon(t, c, "DescribeAcceleratorAutoRenewAttribute", map[string]string{"AcceleratorId": id})
	if err != nil || renew["AutoRenew"] != true || mustAtoi(t, renew["AutoRenewDuration"]) != 2 || renew["RenewalStatus"] != "AutoRenewal" {
		t.Fatalf("DescribeAcceleratorAutoRenewAttribute: %v, %v", renew, err)
	}
	if _, err := gaCommon(t, c, "ListTagResources", map[string]string{"ResourceType": "accelerator", "ResourceId.1": id}); err != nil {
		t.Fatalf("ListTagResources of the accelerator: %v", err)
	}
}
