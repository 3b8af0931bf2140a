package emulator

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// cenAreas maps every accepted area spelling (case-insensitive) to the lower-case form
// Describe returns. Middle-East comes from the oldest CreateCenBandwidthPackage page and is still accepted.
var cenAreas = map[string]string{
	"china":         "china",
	"north-america": "north-america",
	"asia-pacific":  "asia-pacific",
	"europe":        "europe",
	"australia":     "australia",
	"middle-east":   "middle-east",
}

const cenTimeLayout = "2006-01-02T15:04Z"

// CEN bandwidth range, Mbit/s (CreateCenBandwidthPackage, ModifyCenBandwidthPackageSpec).
const (
	cenMinBandwidth = 2
	cenMaxBandwidth = 10000
)

func checkNameLike(name, value string, maxLen int) *apiError {
	if value == "" {
		return nil
	}
	if len([]rune(value)) > maxLen || strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://") {
		return invalid(name, value)
	}
	return nil
}

func checkTags(tags []Tag) *apiError {
	if len(tags) > maxTags {
		return newErr(400, "InvalidParameter", "You can specify at most %d tags.", maxTags)
	}
	for _, t := range tags {
		if len([]rune(t.Key)) > maxTagKeyLen || strings.HasPrefix(t.Key, "aliyun") || strings.HasPrefix(t.Key, "acs:") ||
			strings.HasPrefix(t.Key, "http://") || strings.HasPrefix(t.Key, "https://") {
			return newErr(400, "InvalidParameter", "The tag key %q is not valid.", t.Key)
		}
		if len([]rune(t.Value)) > maxTagValueLen || strings.HasPrefix(t.Value, "http://") || strings.HasPrefix(t.Value, "https://") {
			return newErr(400, "InvalidParameter", "The tag value %q is not valid.", t.Value)
		}
	}
	return nil
}

// normalizeChargeType accepts PREPAY/POSTPAY and the PrePaid/PostPaid spelling of the oldest page.
func normalizeChargeType(v string) (string, bool) {
	switch strings.ToUpper(v) {
	case "", "PREPAY", "PREPAID":
		return "PREPAY", true
	case "POSTPAY", "POSTPAID":
		return "POSTPAY", true
	}
	return "", false
}

// accountChecks applies the account restrictions common to both create calls.
func (s *Server) accountChecks(chargeType string, crossBorder bool) *apiError {
	if crossBorder && s.account.CrossBorderDenied {
		return newErr(400, "OperationInvalid.UserCanNotBuyCrossBorderBwp",
			"According to the laws and regulations of the operator and mainland China, you are currently not eligible to purchase or renew a cross-border bandwidth package. Please contact online customer service or your business manager for consultation.")
	}
	if chargeType == "POSTPAY" && s.account.PostpayNotOpened {
		return newErr(400, "Order.AccountStatusIllegal", "Illegal account status for postpay service not opened for this account.")
	}
	if s.account.QuotaExhausted {
		return newErr(500, "PayFor.AccountMoneyValidateError", "Your channel merchant quota is insufficient. Please contact the channel merchant.")
	}
	return nil
}

// cenPeriods are the subscription lengths CreateCenBandwidthPackage sells by PricingCycle: 1, 2,
// 3 or 6 months, 1 to 3 years, as the official metadata's description of Period states (the
// vendored slice keeps no descriptions; DESIGN.md, "Emulator conformance choices"). Any other
// answers InvalidParameter, the action's documented code for a bad parameter.
var cenPeriods = map[string][]int{"Month": {1, 2, 3, 6}, "Year": {1, 2, 3}}

func cenCreate(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	bwStr, e := p.required("Bandwidth")
	if e != nil {
		return nil, e
	}
	bw, ok := atoi32(bwStr)
	if !ok {
		return nil, invalid("Bandwidth", bwStr)
	}
	if bw < cenMinBandwidth || bw > cenMaxBandwidth {
		// CreateCenBandwidthPackage documents its own code for a bandwidth it does not sell.
		return nil, newErr(400, "ParameterIllegal.BandwidthPackage",
			"The parameter of bandwidth packaged is illegal: Bandwidth %d is not 2 to 10000.", bw)
	}
	areas := [2]string{}
	for i, name := range []string{"GeographicRegionAId", "GeographicRegionBId"} {
		v, e := p.required(name)
		if e != nil {
			return nil, e
		}
		a, ok := cenAreas[strings.ToLower(v)]
		if !ok {
			return nil, invalid(name, v)
		}
		areas[i] = a
	}
	if e := checkNameLike("Name", p.get("Name"), 128); e != nil {
		return nil, e
	}
	if e := checkNameLike("Description", p.get("Description"), 256); e != nil {
		return nil, e
	}
	charge, ok := normalizeChargeType(p.get("BandwidthPackageChargeType"))
	if !ok {
		return nil, newErr(400, "UnSupported.ChargeType", "The charge type is not supported.")
	}
	period, e := p.intParam("Period", 1)
	if e != nil {
		return nil, e
	}
	cycle := p.get("PricingCycle")
	if cycle == "" {
		cycle = "Month"
	}
	switch {
	case cycle != "Month" && cycle != "Year":
		return nil, invalid("PricingCycle", cycle)
	case !slices.Contains(cenPeriods[cycle], period):
		return nil, invalid("Period", p.get("Period"))
	}
	autoPay, e := p.boolParam("AutoPay", false)
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
	if renewDur < 0 {
		return nil, invalid("AutoRenewDuration", p.get("AutoRenewDuration"))
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	if e := checkTags(tags); e != nil {
		return nil, e
	}
	crossBorder := (areas[0] == "china") != (areas[1] == "china")
	if e := s.accountChecks(charge, crossBorder); e != nil {
		return nil, e
	}
	rg := p.get("ResourceGroupId")
	if rg == "" {
		rg = defaultResourceGroup
	}
	pl := &plan{
		ID: randomID("cenbwp-"), Product: productCEN,
		Name: p.get("Name"), Description: p.get("Description"),
		Bandwidth: bw, ChargeType: charge, Period: period, PricingCycle: cycle,
		AutoPay: autoPay, AutoRenew: autoRenew, AutoRenewDuration: renewDur,
		ResourceGroupID: rg, Tags: tags, CreatedAt: c.now,
		AreaA: areas[0], AreaB: areas[1], ServiceType: p.get("ServiceType"),
	}
	if cen := p.get("CenId"); cen != "" {
		pl.CenIDs = []string{cen}
	}
	if autoRenew {
		pl.RenewalStatus = "AutoRenewal"
	} else {
		pl.RenewalStatus = "Normal"
	}
	s.settle(pl, c.now)
	s.insertPlan(pl)
	return map[string]any{
		"CenBandwidthPackageId":      pl.ID,
		"CenBandwidthPackageOrderId": pl.OrderID,
	}, nil
}

// settle decides whether a new plan is paid at once: subscription orders wait for payment
// unless AutoPay is true; pay-as-you-go orders cost nothing up front and settle immediately.
func (s *Server) settle(p *plan, now time.Time) {
	p.Paid = p.AutoPay || p.ChargeType == "POSTPAY"
	if p.Paid {
		s.start(p, now)
	}
}

// start schedules a plan that has just been paid for: ready after the ready delay, shown
// to reads after the read-after-create delay, and its subscription term begins.
func (s *Server) start(p *plan, now time.Time) {
	p.ReadyAt = now.Add(s.cfg.readyDelay)
	p.ListedAt = now.Add(s.cfg.listDelay)
	p.startTerm(now)
}

// cenView is DescribeCenBandwidthPackages' CenBandwidthPackage, field for field as the SDK decodes it.
type cenView struct {
	ReservationActiveTime         string `json:"ReservationActiveTime"`
	Status                        string `json:"Status"`
	CreationTime                  string `json:"CreationTime"`
	ReservationOrderType          string `json:"ReservationOrderType"`
	BandwidthPackageChargeType    string `json:"BandwidthPackageChargeType"`
	CenBandwidthPackageId         string `json:"CenBandwidthPackageId"`
	ReservationInternetChargeType string `json:"ReservationInternetChargeType"`
	Ratio                         string `json:"Ratio"`
	GeographicRegionAId           string `json:"GeographicRegionAId"`
	TypeFor95                     string `json:"TypeFor95"`
	Bandwidth                     int    `json:"Bandwidth"`
	Description                   string `json:"Description"`
	ExpiredTime                   string `json:"ExpiredTime"`
	ReservationBandwidth          string `json:"ReservationBandwidth"`
	GeographicSpanId              string `json:"GeographicSpanId"`
	GeographicRegionBId           string `json:"GeographicRegionBId"`
	ResourceGroupId               string `json:"ResourceGroupId"`
	IsCrossBorder                 bool   `json:"IsCrossBorder"`
	BusinessStatus                string `json:"BusinessStatus"`
	Name                          string `json:"Name"`
	HasReservationData            string `json:"HasReservationData"`
	ServiceType                   string `json:"ServiceType"`
	CenIds                        struct {
		CenId []string `json:"CenId"`
	} `json:"CenIds"`
	OrginInterRegionBandwidthLimits struct {
		OrginInterRegionBandwidthLimit []any `json:"OrginInterRegionBandwidthLimit"`
	} `json:"OrginInterRegionBandwidthLimits"`
	Tags struct {
		Tag []Tag `json:"Tag"`
	} `json:"Tags"`
}

func (p *plan) cenView(now time.Time) cenView {
	v := cenView{
		Status:                     p.status(now),
		CreationTime:               p.CreatedAt.UTC().Format(cenTimeLayout),
		BandwidthPackageChargeType: p.ChargeType,
		CenBandwidthPackageId:      p.ID,
		GeographicRegionAId:        p.AreaA,
		GeographicRegionBId:        p.AreaB,
		Bandwidth:                  p.Bandwidth,
		Description:                p.Description,
		GeographicSpanId:           p.AreaA + "_" + p.AreaB,
		ResourceGroupId:            p.ResourceGroupID,
		IsCrossBorder:              (p.AreaA == "china") != (p.AreaB == "china"),
		BusinessStatus:             "Normal",
		Name:                       p.Name,
		HasReservationData:         "false",
		ServiceType:                p.ServiceType,
	}
	// The live API leaves ExpiredTime empty for pay-as-you-go plans.
	if !p.ExpiresAt.IsZero() {
		v.ExpiredTime = p.ExpiresAt.UTC().Format(cenTimeLayout)
	}
	v.CenIds.CenId = append([]string{}, p.CenIDs...)
	v.OrginInterRegionBandwidthLimits.OrginInterRegionBandwidthLimit = []any{}
	v.Tags.Tag = append([]Tag{}, p.Tags...)
	return v
}

// cenFilterKeys are DescribeCenBandwidthPackages' documented filter keys.
var cenFilterKeys = map[string]bool{"CenId": true, "Status": true, "CenBandwidthPackageId": true, "Name": true}

// DescribeCenBandwidthPackages' documented limits: 5 filters of 5 values, 20 tags.
const (
	cenMaxFilters      = 5
	cenMaxFilterValues = 5
)

// cenTagFilter reads DescribeCenBandwidthPackages' Tag.N filter: an empty or over-long key
// answers IllegalParam.TagKey, an over-long value IllegalParam.TagValue (the codes the action
// documents).
func cenTagFilter(p params) ([]Tag, *apiError) {
	keys, vals := p.indexed("Tag", ".Key"), p.indexed("Tag", ".Value")
	idx := map[int]string{}
	for n := range keys {
		idx[n] = ""
	}
	for n := range vals {
		idx[n] = ""
	}
	if len(idx) > maxTags {
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d tags.", maxTags)
	}
	var out []Tag
	for _, n := range sortedKeys(idx) {
		key, val := keys[n], vals[n]
		if key == "" || len([]rune(key)) > maxTagKeyLen {
			return nil, newErr(400, "IllegalParam.TagKey", "The tag keys are not valid: Tag.%d.Key %q.", n, key)
		}
		if len([]rune(val)) > maxTagValueLen {
			return nil, newErr(400, "IllegalParam.TagValue", "The tag values are not valid: Tag.%d.Value is longer than %d characters.", n, maxTagValueLen)
		}
		out = append(out, Tag{Key: key, Value: val})
	}
	return out, nil
}

type cenFilter struct {
	key    string
	values map[string]bool
}

func (f cenFilter) match(p *plan, now time.Time) bool {
	switch f.key {
	case "CenBandwidthPackageId":
		return f.values[p.ID]
	case "Name":
		return f.values[p.Name]
	case "Status":
		return f.values[p.status(now)]
	case "CenId":
		for _, id := range p.CenIDs {
			if f.values[id] {
				return true
			}
		}
	}
	return false
}

// Largest PageSize of DescribeCenBandwidthPackages and of ListBandwidthPackages.
const (
	cenMaxPageSize = 50
	gaMaxPageSize  = 100
)

// pageParams reads PageNumber (default 1) and PageSize (default 10, 1 to maxSize).
func pageParams(p params, maxSize int) (int, int, *apiError) {
	num, e := p.intParam("PageNumber", 1)
	if e != nil {
		return 0, 0, e
	}
	size, e := p.intParam("PageSize", 10)
	if e != nil {
		return 0, 0, e
	}
	if num < 1 {
		return 0, 0, invalid("PageNumber", p.get("PageNumber"))
	}
	if size < 1 || size > maxSize {
		return 0, 0, invalid("PageSize", p.get("PageSize"))
	}
	return num, size, nil
}

// candidates returns the plans a listing must consider: only the named ones when an ID
// filter narrows the listing (a map lookup each), otherwise every plan in creation order.
func (s *Server) candidates(ids []string, product string, now time.Time) []*plan {
	if ids == nil {
		out := make([]*plan, 0, len(s.order))
		for _, p := range s.order {
			if p.Product == product && p.listed(now) {
				out = append(out, p)
			}
		}
		return out
	}
	var out []*plan
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if p := s.lookupListed(id, product, now); p != nil {
			out = append(out, p)
		}
	}
	// Keep creation order, as a full listing would: the order plans were
	// created in, which also holds for plans created in the same instant.
	pos := make(map[*plan]int, len(s.order))
	for i, p := range s.order {
		pos[p] = i
	}
	slices.SortStableFunc(out, func(a, b *plan) int { return pos[a] - pos[b] })
	return out
}

func sortByCreation(ps []*plan) {
	slices.SortStableFunc(ps, func(a, b *plan) int { return a.CreatedAt.Compare(b.CreatedAt) })
}

func paginate[T any](all []T, num, size int) []T {
	start := (num - 1) * size
	if start >= len(all) {
		return []T{}
	}
	end := min(start+size, len(all))
	return all[start:end]
}

func cenDescribe(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	num, size, e := pageParams(p, cenMaxPageSize)
	if e != nil {
		return nil, e
	}
	isOr, e := p.boolParam("IsOrKey", false)
	if e != nil {
		return nil, e
	}
	var filters []cenFilter
	fkeys := p.indexed("Filter", ".Key")
	if len(fkeys) > cenMaxFilters {
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d filters.", cenMaxFilters)
	}
	for _, n := range sortedKeys(fkeys) {
		key := fkeys[n]
		if !cenFilterKeys[key] {
			return nil, invalid("Filter."+strconv.Itoa(n)+".Key", key)
		}
		f := cenFilter{key: key, values: map[string]bool{}}
		vals := p.list("Filter." + strconv.Itoa(n) + ".Value")
		if len(vals) > cenMaxFilterValues {
			return nil, newErr(400, "InvalidParameter", "You can specify at most %d values for Filter.%d.", cenMaxFilterValues, n)
		}
		for _, v := range vals {
			f.values[v] = true
		}
		filters = append(filters, f)
	}
	tags, e := cenTagFilter(p)
	if e != nil {
		return nil, e
	}
	// An AND-ed ID filter narrows the candidates to an index lookup.
	var ids []string
	if !isOr || len(filters) == 1 {
		for _, f := range filters {
			if f.key == "CenBandwidthPackageId" {
				ids = []string{}
				for id := range f.values {
					ids = append(ids, id)
				}
				break
			}
		}
	}
	rg := p.get("ResourceGroupId")
	var matched []*plan
	for _, pl := range s.candidates(ids, productCEN, c.now) {
		if rg != "" && pl.ResourceGroupID != rg {
			continue
		}
		ok := true
		if len(filters) > 0 {
			ok = !isOr
			for _, f := range filters {
				m := f.match(pl, c.now)
				if isOr && m {
					ok = true
					break
				}
				if !isOr && !m {
					ok = false
					break
				}
			}
		}
		if ok && pl.hasTags(tags) {
			matched = append(matched, pl)
		}
	}
	page := paginate(matched, num, size)
	views := make([]cenView, len(page))
	for i, pl := range page {
		views[i] = pl.cenView(c.now)
	}
	return map[string]any{
		"PageNumber":           num,
		"PageSize":             size,
		"TotalCount":           len(matched),
		"CenBandwidthPackages": map[string]any{"CenBandwidthPackage": views},
	}, nil
}

// cenFind resolves the CenBandwidthPackageId of a modify or delete call.
func cenFind(s *Server, c *call) (*plan, *apiError) {
	id, e := c.p.required("CenBandwidthPackageId")
	if e != nil {
		return nil, e
	}
	pl := s.lookupVisible(id, productCEN, c.now)
	if pl == nil {
		return nil, newErr(400, "ParameterBwpInstanceId", "The specified bandwidth package instance %q does not exist.", id)
	}
	return pl, nil
}

var errCENBusy = newErr(400, "InvalidStatus.Resource", "The status of the specified resource is invalid.")

var errCENSpecUnchanged = newErr(400, "Operation.Failed",
	"Spec of the specified bandwidth package is not changed, please check again.")

// errCENDeleteBusy is DeleteCenBandwidthPackage's own refusal of a plan that is not Idle or
// InUse (Creating, Updating, Deleting), with the status its reference documents.
var errCENDeleteBusy = newErr(403, "InvalidOperation.BwpInstanceStatus",
	"The CBN bandwidth package is not in a valid state for the operation.")

func cenModifyAttribute(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := cenFind(s, c)
	if e != nil {
		return nil, e
	}
	if e := checkNameLike("Name", c.p.get("Name"), 128); e != nil {
		return nil, e
	}
	if e := checkNameLike("Description", c.p.get("Description"), 256); e != nil {
		return nil, e
	}
	if !pl.ready(c.now) {
		return nil, errCENBusy
	}
	// An empty Name or Description is taken as not given, as the live API does.
	if v := c.p.get("Name"); v != "" {
		pl.Name = v
	}
	if v := c.p.get("Description"); v != "" {
		pl.Description = v
	}
	pl.BusyUntil = c.now.Add(s.cfg.updateDelay)
	return map[string]any{}, nil
}

func cenModifySpec(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := cenFind(s, c)
	if e != nil {
		return nil, e
	}
	bwStr, e := c.p.required("Bandwidth")
	if e != nil {
		return nil, e
	}
	bw, ok := atoi32(bwStr)
	if !ok || bw < cenMinBandwidth || bw > cenMaxBandwidth {
		return nil, newErr(400, "InvalidParameter", "The specified Bandwidth %q is not valid: valid values are 2 to 10000.", bwStr)
	}
	if !pl.ready(c.now) {
		return nil, errCENBusy
	}
	if bw == pl.Bandwidth {
		// ModifyCenBandwidthPackageSpec documents Operation.Failed for a spec that does not change.
		return nil, errCENSpecUnchanged
	}
	pl.Bandwidth = bw
	pl.BusyUntil = c.now.Add(s.cfg.updateDelay)
	return map[string]any{}, nil
}

// errPrepayRelease is the live DeleteCenBandwidthPackage refusal for a subscription plan,
// as its API reference documents it (403 Forbidden.Release).
var errPrepayRelease = newErr(403, "Forbidden.Release", "Forbidden to release a PREPAY bandwidth instance within validity period.")

func cenDelete(s *Server, c *call) (map[string]any, *apiError) {
	pl, e := cenFind(s, c)
	if e != nil {
		return nil, e
	}
	if !pl.ready(c.now) {
		return nil, errCENDeleteBusy
	}
	if len(pl.CenIDs) > 0 {
		// Bound (InUse): the plan must be unassociated first.
		return nil, errCENDeleteBusy
	}
	if !pl.expired(c.now) {
		return nil, errPrepayRelease
	}
	pl.DeletingUntil = c.now.Add(s.cfg.deleteDelay)
	s.deleting++
	return map[string]any{}, nil
}
