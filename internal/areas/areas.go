// Package areas holds the CEN areas and the regions each one contains, from
// the area tables of the CreateCenBandwidthPackage reference (pages 000 and 002).
package areas

import (
	"slices"
	"strings"
)

// The CEN area values CreateCenBandwidthPackage accepts.
const (
	China        = "China"
	NorthAmerica = "North-America"
	AsiaPacific  = "Asia-Pacific"
	Europe       = "Europe"
	Australia    = "Australia"
	MiddleEast   = "Middle-East"
)

// Names lists every documented area: the union of the three reference pages
// (001 lists five, 002 adds Middle-East), since the live API accepts them all.
var Names = []string{China, NorthAmerica, AsiaPacific, Europe, Australia, MiddleEast}

// byRegion maps a region ID to its area.
var byRegion = map[string]string{
	// Mainland China.
	"cn-qingdao":     China,
	"cn-beijing":     China,
	"cn-zhangjiakou": China,
	"cn-shenzhen":    China,
	"cn-hangzhou":    China,
	"cn-shanghai":    China,
	"cn-huhehaote":   China,
	"cn-wuhan-lr":    China,
	// North America: US (Silicon Valley), US (Virginia).
	"us-west-1": NorthAmerica,
	"us-east-1": NorthAmerica,
	// Asia-Pacific: Hong Kong, Singapore, Kuala Lumpur, Tokyo, Jakarta, Mumbai.
	"cn-hongkong":    AsiaPacific,
	"ap-southeast-1": AsiaPacific,
	"ap-southeast-3": AsiaPacific,
	"ap-northeast-1": AsiaPacific,
	"ap-southeast-5": AsiaPacific,
	"ap-south-1":     AsiaPacific,
	// Europe: Germany (Frankfurt), UK (London).
	"eu-central-1": Europe,
	"eu-west-1":    Europe,
	// Australia (Sydney).
	"ap-southeast-2": Australia,
	// The pages name the Middle-East area without listing its regions;
	// UAE (Dubai) is the Middle East region.
	"me-east-1": MiddleEast,
}

// OfRegion returns the area of a region ID.
func OfRegion(regionID string) (string, bool) {
	a, ok := byRegion[strings.ToLower(strings.TrimSpace(regionID))]
	return a, ok
}

// Regions returns every known region ID, sorted.
func Regions() []string {
	out := make([]string, 0, len(byRegion))
	for r := range byRegion {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}
