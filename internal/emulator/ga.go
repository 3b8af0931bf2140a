package emulator

import (
	"strconv"
	"strings"
	"time"
)

// gaTime formats GA times as the API does: epoch milliseconds in a string.
func gaTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.UnixMilli(), 10)
}

var gaBandwidthTypes = map[string]bool{"Basic": true, "Enhanced": true, "Advanced": true}

// GA bandwidth range, Mbit/s (CreateBandwidthPackage, UpdateBandwidthPackage).
const (
	gaMinBandwidth = 2
	gaMaxBandwidth = 2000
)

// gaCheckBandwidth parses a GA bandwidth. A number out of range answers
// COMMODITY.INVALID_COMPONENT, as CreateBandwidthPackage documents ("The bandwidth parameter is
// incorrect or out of range"); UpdateBandwidthPackage documents the same code, and a larger or
// smaller plan is the same commodity order, so it answers it too.
func gaCheckBandwidth(bwStr string) (int, *apiError) {
	bw, ok := atoi32(bwStr)
	if !ok {
		return 0, invalid("Bandwidth", bwStr)
	}
	if bw < gaMinBandwidth || bw > gaMaxBandwidth {
		return 0, newErr(400, "COMMODITY.INVALID_COMPONENT",
			"The bandwidth parameter is incorrect or out of range: %d is not 2 to 2000.", bw)
	}
	return bw, nil
}

// gaBillingTypes are the accepted BillingType spellings. The reference spells the 95th-percentile
// billing PayBY95; the official Terraform provider sends PayBy95 to the live API in its acceptance
// tests, so the API takes both. Describe and List answer the spelling the plan was created with
// (DESIGN.md, "Emulator conformance choices").
var gaBillingTypes = map[string]bool{"PayByTraffic": true, "PayBY95": true, "PayBy95": true}

func isPayBy95(billing string) bool { return strings.EqualFold(billing, "PayBY95") }

// gaTypeRank orders the bandwidth types UpdateBandwidthPackage can move between:
// Basic can be upgraded to Enhanced and Enhanced downgraded to Basic; an Advanced plan's type
// cannot change, nor can another plan become Advanced.
var gaTypeRank = map[string]int{"Basic": 1, "Enhanced": 2}

func gaCreate(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	bwStr, e := p.required("Bandwidth")
	if e != nil {
		return nil, e
	}
	bw, e := gaCheckBandwidth(bwStr)
	if e != nil {
		return nil, e
	}
	typ, e := p.required("Type")
	if e != nil {
		return nil, e
	}
	if typ != "Basic" && typ != "CrossDomain" {
		return nil, invalid("Type", typ)
	}
	if s.account.ChinaSite && typ != "Basic" {
		return nil, newErr(400, "InvalidParameter", "The China site supports only bandwidth plans of Type Basic.")
	}
	bwType := p.get("BandwidthType")
	if typ == "Basic" && bwType == "" {
		return nil, newErr(400, "MissingParameter.BandwidthType", "You must specify BandwidthType.")
	}
	if bwType != "" && !gaBandwidthTypes[bwType] {
		return nil, invalid("BandwidthType", bwType)
	}
	charge := p.get("ChargeType")
	if charge == "" {
		charge = "PREPAY"
	}
	if charge != "PREPAY" && charge != "POSTPAY" {
		return nil, invalid("ChargeType", charge)
	}
	var duration int
	cycle := p.get("PricingCycle")
	if charge == "PREPAY" {
		if cycle == "" {
			return nil, missing("PricingCycle")
		}
		d, e := subscriptionTerm(p, cycle)
		if e != nil {
			return nil, e
		}
		duration = d
	}
	billing := p.get("BillingType")
	if billing == "" && charge == "POSTPAY" {
		billing = "PayByTraffic"
	}
	if billing != "" && !gaBillingTypes[billing] {
		return nil, invalid("BillingType", billing)
	}
	ratio := 0
	if p.has("Ratio") || isPayBy95(billing) {
		rs, e := p.required("Ratio")
		if e != nil {
			return nil, e
		}
		r, ok := atoi32(rs)
		if !ok || r < 30 || r > 100 {
			return nil, invalid("Ratio", rs)
		}
		ratio = r
	}
	areaA, areaB := p.get("CbnGeographicRegionIdA"), p.get("CbnGeographicRegionIdB")
	if typ == "CrossDomain" {
		if areaA == "" {
			areaA = "China-mainland"
		}
		if areaB == "" {
			areaB = "Global"
		}
	}
	if areaA != "" && areaA != "China-mainland" {
		return nil, invalid("CbnGeographicRegionIdA", areaA)
	}
	if areaB != "" && areaB != "Global" {
		return nil, invalid("CbnGeographicRegionIdB", areaB)
	}
	autoPay, e := p.boolParam("AutoPay", false)
	if e != nil {
		return nil, e
	}
	coupon, e := p.boolParam("AutoUseCoupon", false)
	if e != nil {
		return nil, e
	}
	autoRenew, e := p.boolParam("AutoRenew", false)
	if e != nil {
		return nil, e
	}
	renewDur, e := p.intParam("AutoRenewDuration", 1)
	if e != nil {
		return nil, e
	}
	if renewDur < 1 || renewDur > 12 {
		return nil, invalid("AutoRenewDuration", p.get("AutoRenewDuration"))
	}
	if e := checkNameLike("Name", p.get("Name"), 128); e != nil {
		return nil, e
	}
	if e := checkNameLike("Description", p.get("Description"), 256); e != nil {
		return nil, e
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	if e := checkTags(tags); e != nil {
		return nil, e
	}
	if e := s.accountChecks(charge, typ == "CrossDomain"); e != nil {
		return nil, e
	}
	rg := p.get("ResourceGroupId")
	if rg == "" {
		rg = defaultResourceGroup
	}
	region := p.get("RegionId")
	if region == "" {
		region = "cn-hangzhou"
	}
	pl := &plan{
		ID: randomID("gbwp-"), Product: productGA,
		Name: p.get("Name"), Description: p.get("Description"),
		Bandwidth: bw, ChargeType: charge, Period: duration, PricingCycle: cycle,
		AutoPay: autoPay, AutoRenew: autoRenew, AutoRenewDuration: renewDur,
		ResourceGroupID: rg, Tags: tags, CreatedAt: c.now,
		Type: typ, BandwidthType: bwType, BillingType: billing, Ratio: ratio,
		CbnAreaA: areaA, CbnAreaB: areaB, AutoUseCoupon: coupon,
		PromotionOptionNo: p.get("PromotionOptionNo"), RegionID: region,
	}
	if autoRenew {
		pl.RenewalStatus = "AutoRenewal"
	} else {
		pl.RenewalStatus = "Normal"
	}
	s.settle(pl, c.now)
	s.insertPlan(pl)
	return map[string]any{"BandwidthPackageId": pl.ID, "OrderId": pl.OrderID}, nil
}

// gaView is the GA BandwidthPackage as DescribeBandwidthPackage and ListBandwidthPackages
// return it: the SDK struct's fields, plus ResourceGroupId and Tags as the newer API adds them.
type gaView struct {
	BandwidthPackageId     string   `json:"BandwidthPackageId"`
	Name                   string   `json:"Name"`
	Description            string   `json:"Description"`
	State                  string   `json:"State"`
	Bandwidth              int      `json:"Bandwidth"`
	Type                   string   `json:"Type"`
	BandwidthType          string   `json:"BandwidthType"`
	ChargeType             string   `json:"ChargeType"`
	BillingType            string   `json:"BillingType"`
	Ratio                  int      `json:"Ratio"`
	CbnGeographicRegionIdA string   `json:"CbnGeographicRegionIdA"`
	CbnGeographicRegionIdB string   `json:"CbnGeographicRegionIdB"`
	RegionId               string   `json:"RegionId"`
	CreateTime             string   `json:"CreateTime"`
	ExpiredTime            string   `json:"ExpiredTime"`
	Accelerators           []string `json:"Accelerators"`
	ResourceGroupId        string   `json:"ResourceGroupId"`
	Tags                   []Tag    `json:"Tags"`
}

func (p *plan) gaView(now time.Time) gaView {
	return gaView{
		BandwidthPackageId: p.ID, Name: p.Name, Description: p.Description,
		State: p.status(now), Bandwidth: p.Bandwidth, Type: p.Type, BandwidthType: p.BandwidthType,
		ChargeType: p.ChargeType, BillingType: p.BillingType, Ratio: p.Ratio,
		CbnGeographicRegionIdA: p.CbnAreaA, CbnGeographicRegionIdB: p.CbnAreaB,
		RegionId: p.RegionID, CreateTime: gaTime(p.CreatedAt), ExpiredTime: gaTime(p.ExpiresAt),
		Accelerators: p.gaAccelerators(now), ResourceGroupId: p.ResourceGroupID, Tags: append([]Tag{}, p.Tags...),
	}
}

func errGANotFound(id string) *apiError {
	return newErr(400, "NotExist.BandwidthPackage", "The bandwidth package %s does not exist.", id)
}

var errGABusy = newErr(400, "StateError.BandwidthPackage", "The state of the bandwidth package is illegal.")

// gaFind resolves a GA plan named by parameter name.
func gaFind(s *Server, c *call, name string) (*plan, *apiError) {
	id, e := c.p.required(name)
	if e != nil {
		return nil, e
	}
	pl := s.lookupVisible(id, productGA, c.now)
	if pl == nil {
		return nil, errGANotFound(id)
	}
	return pl, nil
}

// gaFindListed is gaFind for the calls that do not see a plan during the read-after-create
// delay: DescribeBandwidthPackage, and UpdateBandwidthPackage, which the live API can answer
// with NotExist.BandwidthPackage just after create.
func gaFindListed(s *Server, c *call, name string) (*plan, *apiError) {
	id, e := c.p.required(name)
	if e != nil {
		return nil, e
	}
	pl := s.lookupListed(id, productGA, c.now)
	if pl == nil {
		return nil, errGANotFound(id)
	}
	return pl, nil
}

func gaDescribe(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := gaFindListed(s, c, "BandwidthPackageId")
	if e != nil {
		return nil, e
	}
	v := pl.gaView(c.now)
	return map[string]any{
		"BandwidthPackageId": v.BandwidthPackageId, "Name": v.Name, "Description": v.Description,
		"State": v.State, "Bandwidth": v.Bandwidth, "Type": v.Type, "BandwidthType": v.BandwidthType,
		"ChargeType": v.ChargeType, "BillingType": v.BillingType, "Ratio": v.Ratio,
		"CbnGeographicRegionIdA": v.CbnGeographicRegionIdA, "CbnGeographicRegionIdB": v.CbnGeographicRegionIdB,
		"RegionId": v.RegionId, "CreateTime": v.CreateTime, "ExpiredTime": v.ExpiredTime,
		"Accelerators": v.Accelerators, "ResourceGroupId": v.ResourceGroupId, "Tags": v.Tags,
	}, nil
}

func gaList(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	num, size, e := pageParams(p, gaMaxPageSize)
	if e != nil {
		return nil, e
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	if len(tags) > maxTags {
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d tags.", maxTags)
	}
	var ids []string
	if id := p.get("BandwidthPackageId"); id != "" {
		ids = []string{id}
	}
	typ, state, rg := p.get("Type"), p.get("State"), p.get("ResourceGroupId")
	var matched []*plan
	for _, pl := range s.candidates(ids, productGA, c.now) {
		if (typ != "" && pl.Type != typ) || (state != "" && pl.status(c.now) != state) ||
			(rg != "" && pl.ResourceGroupID != rg) {
			continue
		}
		if pl.hasTags(tags) {
			matched = append(matched, pl)
		}
	}
	page := paginate(matched, num, size)
	views := make([]gaView, len(page))
	for i, pl := range page {
		views[i] = pl.gaView(c.now)
	}
	return map[string]any{
		"PageNumber":        num,
		"PageSize":          size,
		"TotalCount":        len(matched),
		"BandwidthPackages": views,
	}, nil
}

func gaUpdate(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := gaFindListed(s, c, "BandwidthPackageId")
	if e != nil {
		return nil, e
	}
	p := c.p
	bw := pl.Bandwidth
	if p.has("Bandwidth") {
		if bw, e = gaCheckBandwidth(p.get("Bandwidth")); e != nil {
			return nil, e
		}
	}
	bwType := p.get("BandwidthType")
	if bwType != "" && !gaBandwidthTypes[bwType] {
		return nil, invalid("BandwidthType", bwType)
	}
	if e := checkNameLike("Name", p.get("Name"), 128); e != nil {
		return nil, e
	}
	if e := checkNameLike("Description", p.get("Description"), 256); e != nil {
		return nil, e
	}
	if !pl.ready(c.now) {
		return nil, errGABusy
	}
	typeStep := 0 // +1 an upgrade of the type, -1 a downgrade
	if bwType != "" && bwType != pl.BandwidthType {
		from, to := gaTypeRank[pl.BandwidthType], gaTypeRank[bwType]
		if from == 0 || to == 0 {
			return nil, newErr(400, "COMMODITY.INVALID_COMPONENT",
				"The Basic type only can be upgraded to the Enhanced, and the Enhanced type only can be downgraded to the Basic. "+
					"The type of the Advanced bandwidth can not be changed: %s to %s.", pl.BandwidthType, bwType)
		}
		typeStep = to - from
	}
	if (bw > pl.Bandwidth && typeStep < 0) || (bw < pl.Bandwidth && typeStep > 0) {
		return nil, newErr(400, "UpgradeError.BandwidthPackage",
			"The bandwidth package configurations should be either all upgrades or all downgrades.")
	}
	autoPay, e := p.boolParam("AutoPay", false)
	if e != nil {
		return nil, e
	}
	if bw > pl.Bandwidth && pl.ChargeType == "PREPAY" && !autoPay {
		// A larger subscription is a purchase: with AutoPay=false it waits
		// for its order to be paid, and the plan keeps its bandwidth until then.
		s.newOrderLocked(pl, bw)
		bw = pl.Bandwidth
	}
	pl.Bandwidth = bw
	if bwType != "" {
		pl.BandwidthType = bwType
	}
	if p.has("Name") {
		pl.Name = p.get("Name")
	}
	if p.has("Description") {
		pl.Description = p.get("Description")
	}
	pl.BusyUntil = c.now.Add(s.cfg.updateDelay)
	return map[string]any{"BandwidthPackage": pl.ID, "Name": pl.Name, "Description": pl.Description}, nil
}

// errGAPrepayRelease refuses deleting an unexpired subscription plan. The GA reference
// only says subscription plans "cannot be deleted" without naming the code, so this code
// follows GA's "<Error>.BandwidthPackage" naming; unlike StateError it never passes by waiting.
var errGAPrepayRelease = newErr(400, "OperationUnsupported.PrepayBandwidthPackage",
	"Subscription bandwidth plans cannot be deleted before they expire.")

func gaDelete(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := gaFind(s, c, "BandwidthPackageId")
	if e != nil {
		return nil, e
	}
	pl.settleBinding(c.now)
	if !pl.ready(c.now) {
		return nil, errGABusy
	}
	if len(pl.Accelerators) > 0 {
		return nil, newErr(400, "BindExist.BandwidthPackage", "The bandwidth package is already bound to accelerator %s.", pl.Accelerators[0])
	}
	if !pl.expired(c.now) {
		return nil, errGAPrepayRelease
	}
	pl.DeletingUntil = c.now.Add(s.cfg.deleteDelay)
	s.deleting++
	return map[string]any{"BandwidthPackageId": pl.ID}, nil
}

var renewalStatuses = map[string]bool{"AutoRenewal": true, "Normal": true, "NotRenewal": true}

// gaUpdateAutoRenew serves UpdateBandwidthPackagaAutoRenewAttribute (the API's spelling).
// Request: InstanceId, AutoRenew, AutoRenewDuration (1-12 months), RenewalStatus.
// Response: RequestId, InstanceId.
func gaUpdateAutoRenew(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := gaFind(s, c, "InstanceId")
	if e != nil {
		return nil, e
	}
	p := c.p
	autoRenew, e := p.boolParam("AutoRenew", pl.AutoRenew)
	if e != nil {
		return nil, e
	}
	dur, e := p.intParam("AutoRenewDuration", pl.AutoRenewDuration)
	if e != nil {
		return nil, e
	}
	if dur < 1 || dur > 12 {
		return nil, invalid("AutoRenewDuration", p.get("AutoRenewDuration"))
	}
	status := p.get("RenewalStatus")
	if status != "" && !renewalStatuses[status] {
		return nil, invalid("RenewalStatus", status)
	}
	if !p.has("AutoRenew") && status == "" {
		// The call's documented refusal of an update with nothing to set.
		return nil, newErr(400, "ParamIllegal.SpInstanceAutoRenew",
			"The param AutoRenew and RenewalStatus cannot be empty at the same time.")
	}
	switch {
	case status != "":
		// RenewalStatus wins over AutoRenew, as in the API: it is the newer parameter.
		autoRenew = status == "AutoRenewal"
	case p.has("AutoRenew") && autoRenew:
		status = "AutoRenewal"
	case p.has("AutoRenew"):
		status = "Normal"
	default:
		status = pl.RenewalStatus
	}
	pl.AutoRenew, pl.AutoRenewDuration, pl.RenewalStatus = autoRenew, dur, status
	return map[string]any{"InstanceId": pl.ID}, nil
}

// gaDescribeAutoRenew serves DescribeBandwidthPackageAutoRenewAttribute.
// Response: RequestId, InstanceId, AutoRenew, AutoRenewDuration, RenewalStatus.
func gaDescribeAutoRenew(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := gaFind(s, c, "InstanceId")
	if e != nil {
		return nil, e
	}
	return map[string]any{
		"InstanceId":        pl.ID,
		"AutoRenew":         pl.AutoRenew,
		"AutoRenewDuration": pl.AutoRenewDuration,
		"RenewalStatus":     pl.RenewalStatus,
	}, nil
}

// gaResourceGroupTypes are the ResourceType values ChangeResourceGroup documents.
var gaResourceGroupTypes = map[string]string{
	"bandwidthpackage": gaResourceTypes["bandwidthpackage"],
	"accelerator":      gaResourceTypes["accelerator"],
	"basicaccelerator": gaResourceTypes["basicaccelerator"],
	"acl":              gaResourceTypes["acl"],
}

// gaChangeResourceGroup serves ChangeResourceGroup: ResourceId, ResourceType, NewResourceGroupId.
// Response: RequestId.
func gaChangeResourceGroup(s *Server, c *call) (map[string]any, *apiError) {
	rt, e := resourceType(c, gaResourceGroupTypes)
	if e != nil {
		return nil, e
	}
	rg, e := c.p.required("NewResourceGroupId")
	if e != nil {
		return nil, e
	}
	id, e := c.p.required("ResourceId")
	if e != nil {
		return nil, e
	}
	if rt != tagResourceType {
		return nil, notFoundFor(c.product, rt, id)
	}
	pl, e := gaFind(s, c, "ResourceId")
	if e != nil {
		return nil, e
	}
	pl.ResourceGroupID = rg
	return map[string]any{}, nil
}

// subscriptionTerm checks a GA subscription's PricingCycle (cycle, as the
// caller defaulted it) and its required Duration, the same for a plan and an
// accelerator: 1 to 9 months or 1 to 3 years.
func subscriptionTerm(p params, cycle string) (int, *apiError) {
	ds, e := p.required("Duration")
	if e != nil {
		return 0, e
	}
	d, ok := atoi32(ds)
	switch {
	case cycle != "Month" && cycle != "Year":
		return 0, invalid("PricingCycle", cycle)
	case !ok || d < 1 || (cycle == "Month" && d > 9) || (cycle == "Year" && d > 3):
		return 0, invalid("Duration", ds)
	}
	return d, nil
}
