package areas

import "testing"

func TestOfRegionEveryDocumentedRegion(t *testing.T) {
	want := map[string]string{
		"cn-qingdao": China, "cn-beijing": China, "cn-zhangjiakou": China, "cn-shenzhen": China,
		"cn-hangzhou": China, "cn-shanghai": China, "cn-huhehaote": China, "cn-wuhan-lr": China,
		"us-west-1": NorthAmerica, "us-east-1": NorthAmerica,
		"cn-hongkong": AsiaPacific, "ap-southeast-1": AsiaPacific, "ap-southeast-3": AsiaPacific,
		"ap-northeast-1": AsiaPacific, "ap-southeast-5": AsiaPacific, "ap-south-1": AsiaPacific,
		"eu-central-1": Europe, "eu-west-1": Europe,
		"ap-southeast-2": Australia,
		"me-east-1":      MiddleEast,
	}
	for region, area := range want {
		got, ok := OfRegion(region)
		if !ok || got != area {
			t.Errorf("OfRegion(%q) = %q, %v; want %q", region, got, ok, area)
		}
	}
	if len(Regions()) != len(want) {
		t.Errorf("Regions() has %d entries, the test knows %d", len(Regions()), len(want))
	}
	if _, ok := OfRegion("xx-nowhere-1"); ok {
		t.Error("an unknown region must not resolve")
	}
	if got, _ := OfRegion(" CN-Hangzhou "); got != China {
		t.Errorf("region IDs are matched ignoring case and spaces; got %q", got)
	}
}
