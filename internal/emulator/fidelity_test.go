package emulator

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// Behaviour behind the conformance choices (DESIGN.md, "Emulator conformance choices") that
// TestConformance cannot see from the metadata alone.

func TestGABillingTypeBothSpellingsEchoed(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := gaClient(t, s)
	for _, spelling := range []string{"PayBY95", "PayBy95"} {
		id := createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) {
			r.BillingType = spelling
			r.Ratio = "40"
		}).BandwidthPackageId
		d, err := gaCommon(t, c, "DescribeBandwidthPackage", map[string]string{"BandwidthPackageId": id})
		if err != nil {
			t.Fatal(err)
		}
		if d["BillingType"] != spelling || mustAtoi(t, d["Ratio"]) != 40 {
			t.Errorf("%s: Describe answers BillingType %v, Ratio %v", spelling, d["BillingType"], d["Ratio"])
		}
		l, err := gaCommon(t, c, "ListBandwidthPackages", map[string]string{"BandwidthPackageId": id})
		if err != nil {
			t.Fatal(err)
		}
		if got := l["BandwidthPackages"].([]any)[0].(map[string]any)["BillingType"]; got != spelling {
			t.Errorf("%s: List answers BillingType %v", spelling, got)
		}
	}
	// Either spelling needs the ratio.
	req := ga.CreateCreateBandwidthPackageRequest()
	req.Bandwidth, req.Type, req.BandwidthType, req.ChargeType = "20", "Basic", "Basic", "POSTPAY"
	req.BillingType = "PayBy95"
	_, err := c.CreateBandwidthPackage(req)
	wantAPIError(t, err, "MissingParameter.Ratio", 400)
	req = ga.CreateCreateBandwidthPackageRequest()
	req.Bandwidth, req.Type, req.BandwidthType, req.ChargeType = "20", "Basic", "Basic", "POSTPAY"
	req.BillingType = "payby95"
	_, err = c.CreateBandwidthPackage(req)
	wantAPIError(t, err, "InvalidParameter", 400)
}

func TestGAUpdateTypeChanges(t *testing.T) {
	s := startServer(t, WithReadyDelay(0), WithUpdateDelay(0))
	c := gaClient(t, s)
	update := func(id, bandwidth, bwType string) error {
		r := ga.CreateUpdateBandwidthPackageRequest()
		r.BandwidthPackageId = id
		r.Bandwidth = requests.Integer(bandwidth)
		r.BandwidthType = bwType
		_, err := c.UpdateBandwidthPackage(r)
		return err
	}
	plan := func(bwType string) string {
		return createGA(t, c, func(r *ga.CreateBandwidthPackageRequest) { r.BandwidthType = bwType }).BandwidthPackageId
	}
	basic := plan("Basic")
	if err := update(basic, "", "Enhanced"); err != nil {
		t.Fatalf("Basic to Enhanced: %v", err)
	}
	if err := update(basic, "", "Basic"); err != nil {
		t.Fatalf("Enhanced back to Basic: %v", err)
	}
	if err := update(basic, "30", "Enhanced"); err != nil {
		t.Fatalf("larger and Enhanced (both upgrades): %v", err)
	}
	wantAPIError(t, update(basic, "40", "Basic"), "UpgradeError.BandwidthPackage", 400)
	if err := update(basic, "10", "Basic"); err != nil {
		t.Fatalf("smaller and Basic (both downgrades): %v", err)
	}
	t.Run("Advanced", func(t *testing.T) {
		wantAPIError(t, update(plan("Basic"), "", "Advanced"), "COMMODITY.INVALID_COMPONENT", 400)
		wantAPIError(t, update(plan("Enhanced"), "", "Advanced"), "COMMODITY.INVALID_COMPONENT", 400)
		adv := plan("Advanced")
		wantAPIError(t, update(adv, "", "Basic"), "COMMODITY.INVALID_COMPONENT", 400)
		if err := update(adv, "50", "Advanced"); err != nil {
			t.Fatalf("an Advanced plan keeping its type: %v", err)
		}
	})
	wantAPIError(t, update(basic, "2001", ""), "COMMODITY.INVALID_COMPONENT", 400)
}

func TestCENSpecUnchangedAndCenIdFilter(t *testing.T) {
	s := startServer(t, WithReadyDelay(0), WithUpdateDelay(0))
	c := cenClient(t, s)
	bound := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) { r.QueryParams["CenId"] = "cen-one" }).CenBandwidthPackageId
	createCEN(t, c, nil)

	spec := cbn.CreateModifyCenBandwidthPackageSpecRequest()
	spec.CenBandwidthPackageId = bound
	spec.Bandwidth = requests.NewInteger(10) // createCEN's bandwidth
	_, err := c.ModifyCenBandwidthPackageSpec(spec)
	wantAPIError(t, err, "Operation.Failed", 400)

	req := cbn.CreateDescribeCenBandwidthPackagesRequest()
	req.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenId", Value: &[]string{"cen-one"}}}
	resp, err := c.DescribeCenBandwidthPackages(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.TotalCount != 1 || resp.CenBandwidthPackages.CenBandwidthPackage[0].CenBandwidthPackageId != bound {
		t.Fatalf("CenId filter: %+v", resp.CenBandwidthPackages)
	}
}

func TestGAAutoRenewNeedsSomethingToSet(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := gaClient(t, s)
	id := createGA(t, c, nil).BandwidthPackageId
	_, err := gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": id, "AutoRenewDuration": "3"})
	wantAPIError(t, err, "ParamIllegal.SpInstanceAutoRenew", 400)
	if _, err := gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": id, "AutoRenew": "false"}); err != nil {
		t.Fatalf("AutoRenew alone: %v", err)
	}
}

func TestGARegionIDRequired(t *testing.T) {
	s := startServer(t, WithReadyDelay(0))
	c := gaClient(t, s)
	id := createGA(t, c, nil).BandwidthPackageId
	// The SDK adds the client's region to a request without one; an empty one is sent as is.
	req := ga.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = id
	req.QueryParams["RegionId"] = ""
	_, err := c.DescribeBandwidthPackage(req)
	wantAPIError(t, err, "MissingParameter.RegionId", 400)
	// UpdateBandwidthPackagaAutoRenewAttribute documents a default region.
	if _, err := gaCommon(t, c, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"RegionId": "", "InstanceId": id, "AutoRenew": "true"}); err != nil {
		t.Fatalf("auto-renew without a region: %v", err)
	}
}
