package emulator

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

var gaIDPattern = regexp.MustCompile(`^gbwp-[a-z0-9]{20}$`)

func TestGALifecycle(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	before := time.Now()
	created := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType = "PREPAY"
		r.PricingCycle = "Month"
		r.Duration = "3"
		r.BandwidthType = "Basic"
		r.AutoUseCoupon = "true"
		// Documented parameters the typed request lacks still reach the wire.
		r.QueryParams["AutoRenew"] = "true"
		r.QueryParams["AutoRenewDuration"] = "2"
		r.QueryParams["ResourceGroupId"] = "rg-ga"
		r.QueryParams["Tag.1.Key"] = "env"
		r.QueryParams["Tag.1.Value"] = "dev"
	})
	id := created.BandwidthPackageId
	if !gaIDPattern.MatchString(id) || created.OrderId == "" || created.RequestId == "" {
		t.Fatalf("create answer: %+v", created)
	}
	req := ga.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = id
	d, err := c.DescribeBandwidthPackage(req)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != "init" || d.Bandwidth != 20 || d.Type != "Basic" || d.BandwidthType != "Basic" ||
		d.ChargeType != "PREPAY" || d.RegionId != "cn-hangzhou" || d.Accelerators == nil {
		t.Fatalf("describe: %+v", d)
	}
	ms, err := strconv.ParseInt(d.CreateTime, 10, 64)
	if err != nil || ms < before.UnixMilli()-1000 {
		t.Fatalf("CreateTime %q", d.CreateTime)
	}
	exp, _ := strconv.ParseInt(d.ExpiredTime, 10, 64)
	if days := time.Duration(exp-ms) * time.Millisecond / (24 * time.Hour); days < 88 || days > 93 {
		t.Fatalf("ExpiredTime is %d days after creation, want about 3 months", days)
	}
	raw, err := gaCommon(t, c, "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id})
	if err != nil {
		t.Fatal(err)
	}
	if raw["ResourceGroupId"] != "rg-ga" || len(raw["Tags"].([]any)) != 1 {
		t.Fatalf("resource group and tags not returned: %v", raw)
	}
	ar, err := gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
	if err != nil {
		t.Fatal(err)
	}
	if ar["AutoRenew"] != true || mustAtoi(t, ar["AutoRenewDuration"]) != 2 || ar["RenewalStatus"] != "AutoRenewal" || ar["InstanceId"] != id {
		t.Fatalf("auto-renew from create: %v", ar)
	}

	up := ga.CreateUpdateBandwidthPackageRequest()
	up.BandwidthPackageId = id
	up.Bandwidth = requests.NewInteger(40)
	_, err = c.UpdateBandwidthPackage(up)
	wantAPIError(t, err, "StateError.BandwidthPackage", 400) // still init
	settle(t, s, "active", func() bool { return gaState(t, c, id) == "active" })

	up.Name = "ga-plan"
	up.Description = "desc"
	up.BandwidthType = "Enhanced" // an upgrade, as the larger bandwidth is
	// A larger subscription is a purchase; unpaid it would wait for its order.
	up.AutoPay = requests.NewBoolean(true)
	u, err := c.UpdateBandwidthPackage(up)
	if err != nil {
		t.Fatalf("UpdateBandwidthPackage: %v", err)
	}
	if u.BandwidthPackage != id || u.Name != "ga-plan" || u.Description != "desc" {
		t.Fatalf("update answer: %+v", u)
	}
	if st := gaState(t, c, id); st != "updating" {
		t.Fatalf("after update: %q", st)
	}
	_, err = c.UpdateBandwidthPackage(up)
	wantAPIError(t, err, "StateError.BandwidthPackage", 400)
	settle(t, s, "active after update", func() bool { return gaState(t, c, id) == "active" })
	d, _ = c.DescribeBandwidthPackage(req)
	if d.Bandwidth != 40 || d.Name != "ga-plan" || d.BandwidthType != "Enhanced" || d.Description != "desc" {
		t.Fatalf("update not applied: %+v", d)
	}

	del := ga.CreateDeleteBandwidthPackageRequest()
	del.BandwidthPackageId = id
	_, err = c.DeleteBandwidthPackage(del)
	wantAPIError(t, err, "OperationUnsupported.PrepayBandwidthPackage", 400)
	if err := s.ExpirePlan(id); err != nil {
		t.Fatal(err)
	}
	dr, err := c.DeleteBandwidthPackage(del)
	if err != nil || dr.BandwidthPackageId != id {
		t.Fatalf("delete: %v %+v", err, dr)
	}
	if st := gaState(t, c, id); st != "deleting" {
		t.Fatalf("after delete: %q", st)
	}
	settle(t, s, "gone", func() bool { return gaState(t, c, id) == "gone" })
	_, err = c.DescribeBandwidthPackage(req)
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)
	_, err = c.DeleteBandwidthPackage(del)
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)
}

func TestGACreateRefusals(t *testing.T) {
	s := startServer(t)
	c := gaClient(t, s)
	cases := []struct {
		name string
		mod  func(*ga.CreateBandwidthPackageRequest)
		code string
	}{
		{"basic without bandwidth type", func(r *ga.CreateBandwidthPackageRequest) { r.BandwidthType = "" }, "MissingParameter.BandwidthType"},
		{"no type", func(r *ga.CreateBandwidthPackageRequest) { r.Type = "" }, "MissingParameter.Type"},
		{"bad type", func(r *ga.CreateBandwidthPackageRequest) { r.Type = "Huge" }, "InvalidParameter"},
		{"bad bandwidth type", func(r *ga.CreateBandwidthPackageRequest) { r.BandwidthType = "Gold" }, "InvalidParameter"},
		{"bandwidth 1", func(r *ga.CreateBandwidthPackageRequest) { r.Bandwidth = "1" }, "COMMODITY.INVALID_COMPONENT"},
		{"bandwidth 2001", func(r *ga.CreateBandwidthPackageRequest) { r.Bandwidth = "2001" }, "COMMODITY.INVALID_COMPONENT"},
		{"bandwidth text", func(r *ga.CreateBandwidthPackageRequest) { r.Bandwidth = "lots" }, "InvalidParameter"},
		{"no bandwidth", func(r *ga.CreateBandwidthPackageRequest) { r.Bandwidth = "" }, "MissingParameter.Bandwidth"},
		{"ratio 29", func(r *ga.CreateBandwidthPackageRequest) { r.BillingType = "PayBY95"; r.Ratio = "29" }, "InvalidParameter"},
		{"ratio 101", func(r *ga.CreateBandwidthPackageRequest) { r.Ratio = "101" }, "InvalidParameter"},
		{"95 without ratio", func(r *ga.CreateBandwidthPackageRequest) { r.BillingType = "PayBY95" }, "MissingParameter.Ratio"},
		{"billing type", func(r *ga.CreateBandwidthPackageRequest) { r.BillingType = "Free" }, "InvalidParameter"},
		{"charge type", func(r *ga.CreateBandwidthPackageRequest) { r.ChargeType = "FREE" }, "InvalidParameter"},
		{"prepay without cycle", func(r *ga.CreateBandwidthPackageRequest) { r.ChargeType = "PREPAY"; r.Duration = "1" }, "MissingParameter.PricingCycle"},
		{"prepay without duration", func(r *ga.CreateBandwidthPackageRequest) { r.ChargeType = "PREPAY"; r.PricingCycle = "Month" }, "MissingParameter.Duration"},
		{"month 10", func(r *ga.CreateBandwidthPackageRequest) {
			r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Month", "10"
		}, "InvalidParameter"},
		{"year 4", func(r *ga.CreateBandwidthPackageRequest) {
			r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Year", "4"
		}, "InvalidParameter"},
		{"auto renew 13", func(r *ga.CreateBandwidthPackageRequest) { r.QueryParams["AutoRenewDuration"] = "13" }, "InvalidParameter"},
		{"area B", func(r *ga.CreateBandwidthPackageRequest) { r.Type = "CrossDomain"; r.CbnGeographicRegionIdB = "Mars" }, "InvalidParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := ga.CreateCreateBandwidthPackageRequest()
			req.Bandwidth = requests.NewInteger(20)
			req.Type = "Basic"
			req.BandwidthType = "Basic"
			req.ChargeType = "POSTPAY"
			req.AutoPay = requests.NewBoolean(true)
			tc.mod(req)
			_, err := c.CreateBandwidthPackage(req)
			wantAPIError(t, err, tc.code, 400)
		})
	}
	// Valid boundaries pass.
	createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.Bandwidth = "2000"
		r.BillingType = "PayBY95"
		r.Ratio = "30"
	})
	createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Year", "3"
	})
	cross := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) { r.Type = "CrossDomain"; r.BandwidthType = "" })
	d, err := gaCommon(t, c, "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": cross.BandwidthPackageId})
	if err != nil || d["CbnGeographicRegionIdA"] != "China-mainland" || d["CbnGeographicRegionIdB"] != "Global" {
		t.Fatalf("cross-domain areas: %v %v", err, d)
	}
	if n := len(s.Resources()); n != 3 {
		t.Fatalf("want 3 plans, got %d", n)
	}
}

func TestGAListPages(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := gaClient(t, s)
	var ids []string
	for i := range 7 {
		resp := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
			if i%2 == 1 {
				r.Type = "CrossDomain"
			}
		})
		ids = append(ids, resp.BandwidthPackageId)
	}
	list := func(mod func(*ga.ListBandwidthPackagesRequest)) *ga.ListBandwidthPackagesResponse {
		t.Helper()
		req := ga.CreateListBandwidthPackagesRequest()
		if mod != nil {
			mod(req)
		}
		resp, err := c.ListBandwidthPackages(req)
		if err != nil {
			t.Fatalf("ListBandwidthPackages: %v", err)
		}
		return resp
	}
	r := list(func(q *ga.ListBandwidthPackagesRequest) { q.PageSize = "3"; q.PageNumber = "3" })
	if r.TotalCount != 7 || r.PageNumber != 3 || r.PageSize != 3 || len(r.BandwidthPackages) != 1 || r.BandwidthPackages[0].BandwidthPackageId != ids[6] {
		t.Fatalf("page 3: %+v", r)
	}
	r = list(func(q *ga.ListBandwidthPackagesRequest) { q.BandwidthPackageId = ids[2] })
	if r.TotalCount != 1 || r.BandwidthPackages[0].State != "active" || r.BandwidthPackages[0].BandwidthType != "Basic" {
		t.Fatalf("ID filter: %+v", r)
	}
	r = list(func(q *ga.ListBandwidthPackagesRequest) { q.Type = "CrossDomain" })
	if r.TotalCount != 3 {
		t.Fatalf("Type filter: %d", r.TotalCount)
	}
	r = list(func(q *ga.ListBandwidthPackagesRequest) { q.State = "init" })
	if r.TotalCount != 0 {
		t.Fatalf("State filter: %d", r.TotalCount)
	}
	r = list(func(q *ga.ListBandwidthPackagesRequest) { q.BandwidthPackageId = "gbwp-unknown" })
	if r.TotalCount != 0 || r.BandwidthPackages == nil {
		t.Fatalf("unknown ID: %+v", r)
	}
	req := ga.CreateListBandwidthPackagesRequest()
	req.PageSize = "0"
	_, err := c.ListBandwidthPackages(req)
	wantAPIError(t, err, "InvalidParameter", 400)
}

func TestGAAutoRenewResourceGroupAndTags(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := gaClient(t, s)
	id := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
		r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Month", "1"
	}).BandwidthPackageId

	ar, err := gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
	if err != nil || ar["AutoRenew"] != false || ar["RenewalStatus"] != "Normal" {
		t.Fatalf("default auto-renew: %v %v", err, ar)
	}
	out, err := gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{
		"InstanceId": id, "AutoRenew": "true", "AutoRenewDuration": "6",
	})
	if err != nil || out["InstanceId"] != id {
		t.Fatalf("update auto-renew: %v %v", err, out)
	}
	ar, _ = gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
	if ar["AutoRenew"] != true || mustAtoi(t, ar["AutoRenewDuration"]) != 6 || ar["RenewalStatus"] != "AutoRenewal" {
		t.Fatalf("after update: %v", ar)
	}
	if _, err := gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": id, "RenewalStatus": "NotRenewal"}); err != nil {
		t.Fatal(err)
	}
	ar, _ = gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id})
	if ar["AutoRenew"] != false || ar["RenewalStatus"] != "NotRenewal" {
		t.Fatalf("after NotRenewal: %v", ar)
	}
	_, err = gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": id, "AutoRenewDuration": "13"})
	wantAPIError(t, err, "InvalidParameter", 400)
	_, err = gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": id, "RenewalStatus": "Sometimes"})
	wantAPIError(t, err, "InvalidParameter", 400)
	_, err = gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": "gbwp-none"})
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)
	_, err = gaCommon(t, c, "DescribeBandwidthPackageAutoRenewAttribute", nil)
	wantAPIError(t, err, "MissingParameter.InstanceId", 400)

	if _, err := gaCommon(t, c, "ChangeResourceGroup", map[string]string{
		"ResourceId": id, "ResourceType": "bandwidthpackage", "NewResourceGroupId": "rg-new",
	}); err != nil {
		t.Fatalf("ChangeResourceGroup: %v", err)
	}
	d, _ := gaCommon(t, c, "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id})
	if d["ResourceGroupId"] != "rg-new" {
		t.Fatalf("resource group: %v", d["ResourceGroupId"])
	}
	_, err = gaCommon(t, c, "ChangeResourceGroup", map[string]string{"ResourceId": id, "ResourceType": "bandwidthpackage"})
	wantAPIError(t, err, "MissingParameter.NewResourceGroupId", 400)
	_, err = gaCommon(t, c, "ChangeResourceGroup", map[string]string{"ResourceId": "gbwp-x", "ResourceType": "bandwidthpackage", "NewResourceGroupId": "rg-1"})
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)

	other := createGA(t, c, nil).BandwidthPackageId
	if _, err := gaCommon(t, c, "TagResources", map[string]string{
		"ResourceType": "bandwidthpackage", "ResourceId.1": id, "ResourceId.2": other,
		"Tag.1.Key": "env", "Tag.1.Value": "prod",
	}); err != nil {
		t.Fatalf("TagResources: %v", err)
	}
	lt, err := gaCommon(t, c, "ListTagResources", map[string]string{
		"ResourceType": "bandwidthpackage", "ResourceId.1": id, "ResourceId.2": other, "MaxResults": "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	rows := lt["TagResources"].(map[string]any)["TagResource"].([]any)
	row := rows[0].(map[string]any)
	if len(rows) != 1 || lt["NextToken"] == "" || row["ResourceId"] != id || row["TagKey"] != "env" || row["TagValue"] != "prod" || row["ResourceType"] != "bandwidthpackage" {
		t.Fatalf("ListTagResources: %v", lt)
	}
	lt, _ = gaCommon(t, c, "ListTagResources", map[string]string{
		"ResourceType": "bandwidthpackage", "ResourceId.1": id, "ResourceId.2": other, "MaxResults": "1", "NextToken": lt["NextToken"].(string),
	})
	if rows := lt["TagResources"].(map[string]any)["TagResource"].([]any); len(rows) != 1 || rows[0].(map[string]any)["ResourceId"] != other || lt["NextToken"] != "" {
		t.Fatalf("second page: %v", lt)
	}
	if _, err := gaCommon(t, c, "UntagResources", map[string]string{
		"ResourceType": "bandwidthpackage", "ResourceId.1": id, "TagKey.1": "env",
	}); err != nil {
		t.Fatal(err)
	}
	r := ga.CreateListBandwidthPackagesRequest()
	r.QueryParams["Tag.1.Key"] = "env"
	lr, err := c.ListBandwidthPackages(r)
	if err != nil || lr.TotalCount != 1 || lr.BandwidthPackages[0].BandwidthPackageId != other {
		t.Fatalf("list by tag after untag: %v %+v", err, lr)
	}
	_, err = gaCommon(t, c, "TagResources", map[string]string{
		"ResourceType": "bandwidthpackage", "ResourceId.1": "gbwp-x", "Tag.1.Key": "a", "Tag.1.Value": "b",
	})
	wantAPIError(t, err, "NotExist.BandwidthPackage", 400)
}
