package areas

import (
	"regexp"
	"slices"
)

// sdkRegions are the region IDs of the endpoint data the Alibaba Cloud Go SDK
// embeds (module github.com/aliyun/alibaba-cloud-sdk-go v1.63.107, package
// sdk/endpoints): every region some product of the SDK has an endpoint in.
// Update the list when go.mod moves to a newer SDK.
var sdkRegions = []string{
	"ap-northeast-1", "ap-south-1",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"cn-beijing", "cn-chengdu", "cn-guangzhou", "cn-hangzhou", "cn-heyuan", "cn-hongkong", "cn-huhehaote",
	"cn-qingdao", "cn-shanghai", "cn-shenzhen", "cn-wulanchabu", "cn-zhangjiakou",
	"eu-central-1", "eu-west-1", "me-east-1", "us-east-1", "us-west-1",
}

// regionID is the shape of every Alibaba Cloud region ID: lower-case words
// and digits joined by hyphens, a word first ("cn-hangzhou", "ap-southeast-1",
// "cn-wuhan-lr").
var regionID = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// LooksLikeRegionID reports whether s has the shape of a region ID. A new
// region has it too, so a well-formed ID that is not known may still be valid.
func LooksLikeRegionID(s string) bool {
	return len(s) <= 64 && regionID.MatchString(s)
}

// IsKnownRegion reports whether id, exactly as written, is a region ID of the
// CEN area table or of the SDK's endpoint data.
func IsKnownRegion(id string) bool {
	_, inAreas := byRegion[id]
	return inAreas || slices.Contains(sdkRegions, id)
}

// KnownRegions returns every region ID IsKnownRegion accepts, sorted.
func KnownRegions() []string {
	out := Regions()
	for _, r := range sdkRegions {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}
