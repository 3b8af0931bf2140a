package emulator

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
)

var cenIDPattern = regexp.MustCompile(`^cenbwp-[a-z0-9]{20}$`)

func TestCENLifecycle(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	before := time.Now().UTC()
	created := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.BandwidthPackageChargeType = "PREPAY"
		r.Period = requests.NewInteger(2)
		r.PricingCycle = "Month"
		r.GeographicRegionAId = "China"
		r.GeographicRegionBId = "Asia-Pacific"
		r.Name = "plan-a"
		r.Description = "first plan"
		r.AutoRenew = requests.NewBoolean(true)
		r.AutoRenewDuration = requests.NewInteger(3)
		r.ResourceGroupId = "rg-test"
		r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "env", Value: "test"}}
	})
	if !cenIDPattern.MatchString(created.CenBandwidthPackageId) {
		t.Fatalf("bad plan ID %q", created.CenBandwidthPackageId)
	}
	if _, err := strconv.ParseUint(created.CenBandwidthPackageOrderId, 10, 64); err != nil {
		t.Fatalf("order ID %q is not numeric", created.CenBandwidthPackageOrderId)
	}
	id := created.CenBandwidthPackageId

	got := describeCEN(t, c, id)
	if len(got) != 1 {
		t.Fatalf("describe: want 1 plan, got %d", len(got))
	}
	p := got[0]
	if p.Status != "Creating" || p.BusinessStatus != "Normal" || p.Bandwidth != 10 ||
		p.GeographicRegionAId != "china" || p.GeographicRegionBId != "asia-pacific" || !p.IsCrossBorder ||
		p.BandwidthPackageChargeType != "PREPAY" || p.Name != "plan-a" || p.Description != "first plan" ||
		p.ResourceGroupId != "rg-test" || len(p.Tags.Tag) != 1 || p.Tags.Tag[0].Key != "env" || p.Tags.Tag[0].Value != "test" {
		t.Fatalf("unexpected plan: %+v", p)
	}
	created0, err := time.Parse("2006-01-02T15:04Z", p.CreationTime)
	if err != nil || created0.Before(before.Truncate(time.Minute)) {
		t.Fatalf("CreationTime %q: %v", p.CreationTime, err)
	}
	exp, err := time.Parse("2006-01-02T15:04Z", p.ExpiredTime)
	if err != nil || exp.Sub(created0) < 58*24*time.Hour || exp.Sub(created0) > 63*24*time.Hour {
		t.Fatalf("ExpiredTime %q should be two months after %q", p.ExpiredTime, p.CreationTime)
	}

	settle(t, s, "Idle", func() bool { return cenStatus(t, c, id) == "Idle" })

	spec := cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId = id
	spec.Bandwidth = requests.NewInteger(50)
	if _, err := c.ModifyCenBandwidthPackageSpec(spec); err != nil {
		t.Fatalf("ModifyCenBandwidthPackageSpec: %v", err)
	}
	if st := cenStatus(t, c, id); st != "Updating" {
		t.Fatalf("after modify: status %q, want Updating", st)
	}
	attr := cbn.CreateModifyCenBandwidthPackageAttributeRequest()
	attr.CenBandwidthPackageId = id
	attr.Name = "plan-b"
	_, err = c.ModifyCenBandwidthPackageAttribute(attr)
	wantAPIError(t, err, "InvalidStatus.Resource", 400)

	settle(t, s, "Idle after spec", func() bool { return cenStatus(t, c, id) == "Idle" })
	attr.Description = "renamed"
	if _, err := c.ModifyCenBandwidthPackageAttribute(attr); err != nil {
		t.Fatalf("ModifyCenBandwidthPackageAttribute: %v", err)
	}
	p = describeCEN(t, c, id)[0]
	if p.Bandwidth != 50 || p.Name != "plan-b" || p.Description != "renamed" {
		t.Fatalf("modifications not applied: %+v", p)
	}
	settle(t, s, "Idle after attribute", func() bool { return cenStatus(t, c, id) == "Idle" })

	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = id
	_, err = c.DeleteCenBandwidthPackage(del)
	wantAPIError(t, err, "Forbidden.Release", 403)

	if err := s.ExpirePlan(id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteCenBandwidthPackage(del); err != nil {
		t.Fatalf("delete after expiry: %v", err)
	}
	if st := cenStatus(t, c, id); st != "Deleting" {
		t.Fatalf("after delete: %q, want Deleting", st)
	}
	settle(t, s, "gone", func() bool { return cenStatus(t, c, id) == "gone" })
	_, err = c.DeleteCenBandwidthPackage(del)
	wantAPIError(t, err, "ParameterBwpInstanceId", 400)
	if len(s.Resources()) != 0 {
		t.Fatalf("resources after delete: %+v", s.Resources())
	}
}

func TestCENDefaultsAndPostpay(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := cenClient(t, s)
	// ChargeType omitted means PREPAY (the older CreateCenBandwidthPackage pages); Middle-East and any case are accepted.
	pre := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.BandwidthPackageChargeType = ""
		r.GeographicRegionAId = "Middle-East"
		r.GeographicRegionBId = "EUROPE"
	})
	p := describeCEN(t, c, pre.CenBandwidthPackageId)[0]
	if p.BandwidthPackageChargeType != "PREPAY" || p.GeographicRegionAId != "middle-east" ||
		p.GeographicRegionBId != "europe" || p.IsCrossBorder || p.ExpiredTime == "" || p.Status != "Idle" {
		t.Fatalf("defaults: %+v", p)
	}
	bound := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) { r.QueryParams["CenId"] = "cen-abc" })
	if p := describeCEN(t, c, bound.CenBandwidthPackageId)[0]; p.Status != "InUse" || len(p.CenIds.CenId) != 1 || p.CenIds.CenId[0] != "cen-abc" {
		t.Fatalf("CenId on create: %+v", p)
	}
	post := createCEN(t, c, nil)
	p = describeCEN(t, c, post.CenBandwidthPackageId)[0]
	if p.BandwidthPackageChargeType != "POSTPAY" || p.ExpiredTime != "" || p.ResourceGroupId == "" {
		t.Fatalf("postpay: %+v", p)
	}
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = post.CenBandwidthPackageId
	if _, err := c.DeleteCenBandwidthPackage(del); err != nil {
		t.Fatalf("postpay delete: %v", err)
	}
	settle(t, s, "gone", func() bool { return cenStatus(t, c, post.CenBandwidthPackageId) == "gone" })
}

func TestCENCreateRefusals(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	tooMany := make([]cbn.CreateCenBandwidthPackageTag, 21)
	for i := range tooMany {
		tooMany[i] = cbn.CreateCenBandwidthPackageTag{Key: "k" + strconv.Itoa(i), Value: "v"}
	}
	cases := []struct {
		name string
		mod  func(*cbn.CreateCenBandwidthPackageRequest)
		code string
	}{
		{"no bandwidth", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Bandwidth = "" }, "MissingParameter.Bandwidth"},
		{"no area A", func(r *cbn.CreateCenBandwidthPackageRequest) { r.GeographicRegionAId = "" }, "MissingParameter.GeographicRegionAId"},
		{"bandwidth 1", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Bandwidth = "1" }, "ParameterIllegal.BandwidthPackage"},
		{"bandwidth 10001", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Bandwidth = "10001" }, "ParameterIllegal.BandwidthPackage"},
		{"bandwidth past int32", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Bandwidth = "2147483648" }, "InvalidParameter"},
		{"bandwidth text", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Bandwidth = "ten" }, "InvalidParameter"},
		{"bad area", func(r *cbn.CreateCenBandwidthPackageRequest) { r.GeographicRegionBId = "Mars" }, "InvalidParameter"},
		{"url name", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Name = "http://x" }, "InvalidParameter"},
		{"long description", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Description = string(make([]byte, 257)) }, "InvalidParameter"},
		{"charge type", func(r *cbn.CreateCenBandwidthPackageRequest) { r.BandwidthPackageChargeType = "FREE" }, "UnSupported.ChargeType"},
		{"period 0", func(r *cbn.CreateCenBandwidthPackageRequest) {
			r.BandwidthPackageChargeType = "PREPAY"
			r.Period = "0"
		}, "InvalidParameter"},
		{"cycle", func(r *cbn.CreateCenBandwidthPackageRequest) { r.PricingCycle = "Week" }, "InvalidParameter"},
		{"period 4 months", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Period = "4" }, "InvalidParameter"},
		{"period 12 months", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Period = "12" }, "InvalidParameter"},
		{"period 4 years", func(r *cbn.CreateCenBandwidthPackageRequest) {
			r.Period = "4"
			r.PricingCycle = "Year"
		}, "InvalidParameter"},
		{"21 tags", func(r *cbn.CreateCenBandwidthPackageRequest) { r.Tag = &tooMany }, "InvalidParameter"},
		{"aliyun tag", func(r *cbn.CreateCenBandwidthPackageRequest) {
			r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "aliyun:x", Value: "v"}}
		}, "InvalidParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := cbn.CreateCreateCenBandwidthPackageRequest()
			req.Bandwidth = requests.NewInteger(10)
			req.GeographicRegionAId = "China"
			req.GeographicRegionBId = "China"
			req.AutoPay = requests.NewBoolean(true)
			tc.mod(req)
			_, err := c.CreateCenBandwidthPackage(req)
			wantAPIError(t, err, tc.code, 400)
		})
	}
	if n := len(s.Resources()); n != 0 {
		t.Fatalf("refused creates left %d plans", n)
	}
}

func TestCENDescribeFiltersAndPages(t *testing.T) {
	s := startServer(t, WithReadyDelay(time.Hour))
	c := cenClient(t, s)
	var ids []string
	for i := range 12 {
		resp := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
			r.Name = "p" + strconv.Itoa(i%3)
			if i%4 == 0 {
				r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "team", Value: "net"}}
			}
		})
		ids = append(ids, resp.CenBandwidthPackageId)
	}
	describe := func(mod func(*cbn.DescribeCenBandwidthPackagesRequest)) *cbn.DescribeCenBandwidthPackagesResponse {
		t.Helper()
		req := cbn.CreateDescribeCenBandwidthPackagesRequest()
		if mod != nil {
			mod(req)
		}
		resp, err := c.DescribeCenBandwidthPackages(req)
		if err != nil {
			t.Fatalf("describe: %v", err)
		}
		return resp
	}
	r := describe(nil)
	if r.TotalCount != 12 || r.PageNumber != 1 || r.PageSize != 10 || len(r.CenBandwidthPackages.CenBandwidthPackage) != 10 {
		t.Fatalf("page 1: total %d number %d size %d len %d", r.TotalCount, r.PageNumber, r.PageSize, len(r.CenBandwidthPackages.CenBandwidthPackage))
	}
	if r.CenBandwidthPackages.CenBandwidthPackage[0].CenBandwidthPackageId != ids[0] {
		t.Fatalf("listing is not in creation order")
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) { q.PageNumber = "2" })
	if len(r.CenBandwidthPackages.CenBandwidthPackage) != 2 || r.CenBandwidthPackages.CenBandwidthPackage[1].CenBandwidthPackageId != ids[11] {
		t.Fatalf("page 2 has %d plans", len(r.CenBandwidthPackages.CenBandwidthPackage))
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) { q.PageNumber = "5" })
	if len(r.CenBandwidthPackages.CenBandwidthPackage) != 0 || r.TotalCount != 12 {
		t.Fatalf("page past the end: %+v", r)
	}
	req := cbn.CreateDescribeCenBandwidthPackagesRequest()
	req.PageSize = "51"
	_, err := c.DescribeCenBandwidthPackages(req)
	wantAPIError(t, err, "InvalidParameter", 400)

	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{ids[3], ids[7], "cenbwp-doesnotexist000000"}}}
	})
	if r.TotalCount != 2 || r.CenBandwidthPackages.CenBandwidthPackage[0].CenBandwidthPackageId != ids[3] {
		t.Fatalf("ID filter with several values: %+v", r.CenBandwidthPackages)
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{"cenbwp-unknown"}}}
	})
	if r.TotalCount != 0 || len(r.CenBandwidthPackages.CenBandwidthPackage) != 0 {
		t.Fatalf("unknown ID should answer an empty list")
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Name", Value: &[]string{"p1"}}, {Key: "Status", Value: &[]string{"Creating"}}}
	})
	if r.TotalCount != 4 {
		t.Fatalf("Name AND Status: %d", r.TotalCount)
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Name", Value: &[]string{"p1"}}, {Key: "CenBandwidthPackageId", Value: &[]string{ids[0]}}}
		q.IsOrKey = requests.NewBoolean(true)
	})
	if r.TotalCount != 5 {
		t.Fatalf("IsOrKey: %d, want 5", r.TotalCount)
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Status", Value: &[]string{"Idle"}}}
	})
	if r.TotalCount != 0 {
		t.Fatalf("Status Idle while Creating: %d", r.TotalCount)
	}
	r = describe(func(q *cbn.DescribeCenBandwidthPackagesRequest) {
		q.Tag = &[]cbn.DescribeCenBandwidthPackagesTag{{Key: "team", Value: "net"}}
	})
	if r.TotalCount != 3 {
		t.Fatalf("tag filter: %d, want 3", r.TotalCount)
	}
	req = cbn.CreateDescribeCenBandwidthPackagesRequest()
	req.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "Colour", Value: &[]string{"x"}}}
	_, err = c.DescribeCenBandwidthPackages(req)
	wantAPIError(t, err, "InvalidParameter", 400)
}

func TestCENModifyRefusals(t *testing.T) {
	s := startServer(t, WithReadyDelay(time.Hour))
	c := cenClient(t, s)
	id := createCEN(t, c, nil).CenBandwidthPackageId
	spec := cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId = id
	spec.Bandwidth = requests.NewInteger(20)
	_, err := c.ModifyCenBandwidthPackageSpec(spec)
	wantAPIError(t, err, "InvalidStatus.Resource", 400) // still Creating
	spec.Bandwidth = "0"
	_, err = c.ModifyCenBandwidthPackageSpec(spec)
	wantAPIError(t, err, "InvalidParameter", 400)
	// The SDK keeps a request's earlier query parameters, so each case gets a fresh request.
	spec = cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId = id
	_, err = c.ModifyCenBandwidthPackageSpec(spec)
	wantAPIError(t, err, "MissingParameter.Bandwidth", 400)
	spec = cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId = "cenbwp-nope"
	spec.Bandwidth = "20"
	_, err = c.ModifyCenBandwidthPackageSpec(spec)
	wantAPIError(t, err, "ParameterBwpInstanceId", 400)
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = id
	// Delete has its own code (and status) for a plan that is not Idle or InUse.
	_, err = c.DeleteCenBandwidthPackage(del)
	wantAPIError(t, err, "InvalidOperation.BwpInstanceStatus", 403)
	_, err = c.DeleteCenBandwidthPackage(cbn.CreateDeleteCenBandwidthPackageRequest())
	wantAPIError(t, err, "MissingParameter.CenBandwidthPackageId", 400)
}

func TestCENTags(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := cenClient(t, s)
	a := createCEN(t, c, nil).CenBandwidthPackageId
	b := createCEN(t, c, nil).CenBandwidthPackageId

	tag := cbn.CreateTagResourcesRequest()
	tag.ResourceType = "bandwidthpackage"
	tag.ResourceId = &[]string{a, b}
	tag.Tag = &[]cbn.TagResourcesTag{{Key: "env", Value: "prod"}, {Key: "team", Value: "net"}}
	if _, err := c.TagResources(tag); err != nil {
		t.Fatalf("TagResources: %v", err)
	}
	list := cbn.CreateListTagResourcesRequest()
	list.ResourceType = "bandwidthpackage"
	list.ResourceId = &[]string{a, b}
	list.PageSize = requests.NewInteger(3)
	first, err := c.ListTagResources(list)
	if err != nil {
		t.Fatalf("ListTagResources: %v", err)
	}
	rows := first.TagResources.TagResource
	if len(rows) != 3 || first.NextToken == "" || rows[0].ResourceId != a || rows[0].ResourceType != "bandwidthpackage" ||
		rows[0].TagKey != "env" || rows[0].TagValue != "prod" {
		t.Fatalf("first page: %+v next %q", rows, first.NextToken)
	}
	list.NextToken = first.NextToken
	second, err := c.ListTagResources(list)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.TagResources.TagResource) != 1 || second.NextToken != "" || second.TagResources.TagResource[0].ResourceId != b {
		t.Fatalf("second page: %+v next %q", second.TagResources.TagResource, second.NextToken)
	}

	// Tag filter only, no IDs.
	byTag := cbn.CreateListTagResourcesRequest()
	byTag.ResourceType = "bandwidthpackage"
	byTag.Tag = &[]cbn.ListTagResourcesTag{{Key: "env", Value: "prod"}}
	resp, err := c.ListTagResources(byTag)
	if err != nil || len(resp.TagResources.TagResource) != 4 {
		t.Fatalf("list by tag: %v %+v", err, resp)
	}

	untag := cbn.CreateUntagResourcesRequest()
	untag.ResourceType = "bandwidthpackage"
	untag.ResourceId = &[]string{a}
	untag.TagKey = &[]string{"env"}
	if _, err := c.UntagResources(untag); err != nil {
		t.Fatalf("UntagResources: %v", err)
	}
	if tags := describeCEN(t, c, a)[0].Tags.Tag; len(tags) != 1 || tags[0].Key != "team" {
		t.Fatalf("after untag: %+v", tags)
	}
	untag.TagKey = nil
	untag.All = requests.NewBoolean(true)
	untag.ResourceId = &[]string{a, b}
	if _, err := c.UntagResources(untag); err != nil {
		t.Fatal(err)
	}
	if len(describeCEN(t, c, b)[0].Tags.Tag) != 0 {
		t.Fatal("All=true left tags")
	}
	untag = cbn.CreateUntagResourcesRequest()
	untag.ResourceType = "bandwidthpackage"
	untag.ResourceId = &[]string{a}
	_, err = c.UntagResources(untag)
	wantAPIError(t, err, "MissingParam", 400) // CEN's tag calls document MissingParam

	many := make([]cbn.TagResourcesTag, 20)
	for i := range many {
		many[i] = cbn.TagResourcesTag{Key: "k" + strconv.Itoa(i), Value: "v"}
	}
	// The SDK keeps a request's earlier query parameters, so each call gets a fresh request.
	tagReq := func(tags ...cbn.TagResourcesTag) *cbn.TagResourcesRequest {
		r := cbn.CreateTagResourcesRequest()
		r.ResourceType = "bandwidthpackage"
		r.ResourceId = &[]string{a}
		r.Tag = &tags
		return r
	}
	if _, err := c.TagResources(tagReq(many...)); err != nil {
		t.Fatalf("20 tags: %v", err)
	}
	_, err = c.TagResources(tagReq(cbn.TagResourcesTag{Key: "one-more", Value: "v"}))
	wantAPIError(t, err, "QuotaExceeded.TagNum", 400)
	if _, err := c.TagResources(tagReq(cbn.TagResourcesTag{Key: "k3", Value: "overwritten"})); err != nil {
		t.Fatalf("overwriting an existing key must not count: %v", err)
	}
	_, err = c.TagResources(tagReq(cbn.TagResourcesTag{Key: "k3", Value: "a"}, cbn.TagResourcesTag{Key: "k3", Value: "b"}))
	wantAPIError(t, err, "DuplicatedParam.TagKey", 400)
	_, err = c.TagResources(tagReq(cbn.TagResourcesTag{Key: "k3"}))
	wantAPIError(t, err, "MissingParameter.TagValue", 400) // the SDK leaves an empty value out
	tag = tagReq(cbn.TagResourcesTag{Key: "k3", Value: "v"})

	tag.ResourceId = &[]string{"cenbwp-missing"}
	_, err = c.TagResources(tag)
	wantAPIError(t, err, "InvalidInstanceIds.NotFound", 400)
	// Cen is a documented type, but the plan's ID names no CEN instance.
	tag.ResourceId = &[]string{a}
	tag.ResourceType = "cen"
	_, err = c.TagResources(tag)
	wantAPIError(t, err, "InvalidInstanceIds.NotFound", 400)
	tag.ResourceType = "vpc"
	_, err = c.TagResources(tag)
	wantAPIError(t, err, "InvalidInstanceType.NotFound", 400)
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = a
	}
	tag.ResourceType = "BandwidthPackage"
	tag.ResourceId = &tooMany
	_, err = c.TagResources(tag)
	wantAPIError(t, err, "SizeLimitExceeded.ResourceIdNum", 400)
}

// TestCENPeriodsByCycle: every period the API sells is bought (DESIGN.md,
// "Emulator conformance choices": 1, 2, 3 or 6 months, 1 to 3 years).
func TestCENPeriodsByCycle(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	for cycle, periods := range map[string][]int{"Month": {1, 2, 3, 6}, "Year": {1, 2, 3}} {
		for _, n := range periods {
			createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
				r.BandwidthPackageChargeType = "PREPAY"
				r.PricingCycle = cycle
				r.Period = requests.NewInteger(n)
			})
		}
	}
	if n := len(s.Resources()); n != 7 {
		t.Fatalf("%d plans bought, want 7", n)
	}
}
