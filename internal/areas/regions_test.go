package areas

import (
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/endpoints"
)

func TestKnownRegions(t *testing.T) {
	for _, r := range []string{"cn-hangzhou", "cn-wuhan-lr", "me-east-1", "ap-southeast-7", "cn-wulanchabu"} {
		if !IsKnownRegion(r) {
			t.Errorf("%s is a known region", r)
		}
	}
	for _, r := range []string{"cn-hangzou", "CN-HANGZHOU", " cn-hangzhou", "xx-nowhere-1", ""} {
		if IsKnownRegion(r) {
			t.Errorf("%q is not a known region ID as written", r)
		}
	}
	all := KnownRegions()
	if !slices.IsSorted(all) || len(all) != len(slices.Compact(slices.Clone(all))) {
		t.Errorf("KnownRegions() must be sorted and without duplicates: %v", all)
	}
	for _, r := range append(Regions(), sdkRegions...) {
		if !slices.Contains(all, r) {
			t.Errorf("KnownRegions() lacks %s", r)
		}
		if !LooksLikeRegionID(r) {
			t.Errorf("known region %s does not match the region ID shape", r)
		}
	}
}

// Each region of sdkRegions is one the SDK's embedded endpoint data resolves
// a product in, so the list is the SDK's and not a guess.
func TestSDKRegionsComeFromTheSDK(t *testing.T) {
	products := []string{"ecs", "vpc", "slb", "rds", "emr", "cbn", "r-kvstore", "ess", "cms", "sts", "ram", "cr", "cs", "ons", "alidns", "arms", "green", "polardb", "dds", "elasticsearch"}
	resolver := &endpoints.LocalRegionalResolver{}
	for _, r := range sdkRegions {
		found := false
		for _, p := range products {
			if _, ok, _ := resolver.TryResolve(&endpoints.ResolveParam{Product: p, RegionId: r}); ok {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no product of the SDK's endpoint data resolves in %s", r)
		}
	}
	if _, ok, _ := resolver.TryResolve(&endpoints.ResolveParam{Product: "ecs", RegionId: "xx-nowhere-1"}); ok {
		t.Error("the resolver check cannot fail: it resolved a made-up region")
	}
}

func TestLooksLikeRegionID(t *testing.T) {
	for _, s := range []string{"cn-hangzhou", "ap-southeast-1", "cn-wuhan-lr", "cn-shanghai-finance-1", "xx-newplace-9"} {
		if !LooksLikeRegionID(s) {
			t.Errorf("%q has the shape of a region ID", s)
		}
	}
	for _, s := range []string{"", "cn", "Hangzhou", "CN-HANGZHOU", "cn_hangzhou", "cn hangzhou", " cn-hangzhou", "cn-hangzhou ", "cn--hangzhou", "cn-hangzhou-", "-cn-hangzhou", "1-cn", "https://cbn.aliyuncs.com", "cn-杭州"} {
		if LooksLikeRegionID(s) {
			t.Errorf("%q cannot be a region ID", s)
		}
	}
}
