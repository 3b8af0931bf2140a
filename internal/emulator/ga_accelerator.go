package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// accelerator is one GA accelerator (CreateAccelerator). Like a plan, its
// state is derived from timestamps on every read. Basic and CrossDomain hold
// the plans bound to it, one of each kind (DESIGN.md, "Emulator conformance
// choices").
type accelerator struct {
	ID                   string    `json:"id"`
	Name                 string    `json:"name,omitempty"`
	Spec                 string    `json:"spec,omitempty"`
	ChargeType           string    `json:"charge_type"`
	BandwidthBillingType string    `json:"bandwidth_billing_type,omitempty"`
	PricingCycle         string    `json:"pricing_cycle,omitempty"`
	Duration             int       `json:"duration,omitempty"`
	AutoRenew            bool      `json:"auto_renew,omitempty"`
	AutoRenewDuration    int       `json:"auto_renew_duration,omitempty"`
	ResourceGroupID      string    `json:"resource_group_id,omitempty"`
	OrderID              string    `json:"order_id,omitempty"`
	CreatedAt            time.Time `json:"created_at"`
	ReadyAt              time.Time `json:"ready_at"`
	ExpiresAt            time.Time `json:"expires_at,omitzero"`
	BusyUntil            time.Time `json:"busy_until,omitzero"`
	BusyState            string    `json:"busy_state,omitempty"` // binding, unbinding or configuring while BusyUntil
	DeletingUntil        time.Time `json:"deleting_until,omitzero"`
	Basic                string    `json:"basic,omitempty"`        // the Basic plan bound to it
	CrossDomain          string    `json:"cross_domain,omitempty"` // the CrossDomain plan bound to it
}

func (a *accelerator) gone(now time.Time) bool {
	return !a.DeletingUntil.IsZero() && !now.Before(a.DeletingUntil)
}

// status is the API's State: init, binding, unbinding, configuring, deleting or active.
func (a *accelerator) status(now time.Time) string {
	switch {
	case !a.DeletingUntil.IsZero():
		return "deleting"
	case now.Before(a.ReadyAt):
		return "init"
	case now.Before(a.BusyUntil):
		return a.BusyState
	}
	return "active"
}

func (a *accelerator) ready(now time.Time) bool { return a.status(now) == "active" }

// slot is the accelerator's place for a plan of type typ: a Basic plan is its
// basic bandwidth, a CrossDomain plan its cross-border bandwidth.
func (a *accelerator) slot(typ string) *string {
	if typ == "CrossDomain" {
		return &a.CrossDomain
	}
	return &a.Basic
}

// Accelerator is the control API's view of an accelerator.
type Accelerator struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Status      string    `json:"status"`
	Spec        string    `json:"spec"`
	ChargeType  string    `json:"charge_type"`
	Basic       string    `json:"basic_bandwidth_package,omitempty"`
	CrossDomain string    `json:"cross_domain_bandwidth_package,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

func (a *accelerator) view(now time.Time) Accelerator {
	return Accelerator{ID: a.ID, Name: a.Name, Status: a.status(now), Spec: a.Spec, ChargeType: a.ChargeType,
		Basic: a.Basic, CrossDomain: a.CrossDomain, CreatedAt: a.CreatedAt}
}

// AddAccelerator creates an accelerator that is active at once (a
// pay-as-you-go one, spec 1), as CreateAccelerator would after its init
// delay, and returns it. name may be empty.
func (s *Server) AddAccelerator(name string) Accelerator {
	now := s.now()
	s.mu.Lock()
	a := &accelerator{ID: randomID("ga-"), Name: name, Spec: "1", ChargeType: "POSTPAY",
		BandwidthBillingType: "BandwidthPackage", ResourceGroupID: defaultResourceGroup,
		OrderID: randomOrderID(), CreatedAt: now, ReadyAt: now}
	s.insertAccelerator(a)
	v := a.view(now)
	s.mu.Unlock()
	s.save()
	return v
}

// Accelerators lists the accelerators that exist.
func (s *Server) Accelerators() []Accelerator {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Accelerator{}
	for _, a := range s.acceleratorList(now) {
		out = append(out, a.view(now))
	}
	return out
}

// serveAcceleratorControl serves /_emulator/accelerators: GET lists them,
// POST {"name": "..."} seeds an active one (AddAccelerator).
func (s *Server) serveAcceleratorControl(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		ctlJSON(w, http.StatusOK, s.Accelerators())
	case http.MethodPost:
		var body struct {
			Name string `json:"name"`
		}
		if r.ContentLength != 0 && !decode(w, r, &body) {
			return
		}
		ctlJSON(w, http.StatusOK, s.AddAccelerator(body.Name))
	default:
		ctlError(w, http.StatusNotFound, "no control endpoint "+r.Method+" /_emulator/accelerators")
	}
}

// insertAccelerator registers a; the caller holds s.mu.
func (s *Server) insertAccelerator(a *accelerator) {
	if s.accelerators == nil {
		s.accelerators = map[string]*accelerator{}
	}
	for {
		if _, dup := s.accelerators[a.ID]; !dup {
			break
		}
		a.ID = randomID("ga-")
	}
	s.accelerators[a.ID] = a
}

// acceleratorList is every accelerator that exists, oldest first; the caller holds s.mu.
func (s *Server) acceleratorList(now time.Time) []*accelerator {
	var out []*accelerator
	for id, a := range s.accelerators {
		if a.gone(now) {
			delete(s.accelerators, id)
			continue
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y *accelerator) int {
		if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out
}

func errAcceleratorNotFound(id string) *apiError {
	return newErr(400, "NotExist.Accelerator", "The accelerated instance %s does not exist.", id)
}

var errAcceleratorBusy = newErr(400, "StateError.Accelerator", "The state of the accelerated instance is invalid.")

// gaFindAccelerator resolves the accelerator named by AcceleratorId.
func gaFindAccelerator(s *Server, c *call) (*accelerator, *apiError) {
	id, e := c.p.required("AcceleratorId")
	if e != nil {
		return nil, e
	}
	a, ok := s.accelerators[id]
	if !ok || a.gone(c.now) {
		return nil, errAcceleratorNotFound(id)
	}
	return a, nil
}

// gaAcceleratorSpecs are CreateAccelerator's documented Spec values.
var gaAcceleratorSpecs = map[string]bool{"1": true, "2": true, "3": true, "5": true, "8": true, "10": true,
	"20": true, "30": true, "40": true, "50": true, "100": true, "200": true, "300": true, "400": true, "500": true,
	"600": true, "700": true, "800": true, "900": true, "1000": true}

// gaCreateAccelerator serves CreateAccelerator: Spec, InstanceChargeType
// (PREPAY, the default, or POSTPAY), Duration and PricingCycle of a
// subscription, AutoPay, AutoUseCoupon, AutoRenew, AutoRenewDuration,
// BandwidthBillingType, Name, ResourceGroupId, IpSetConfig.AccessMode,
// PromotionOptionNo, Tag.N. The order is paid at once whatever AutoPay says
// (orders of accelerators are not modelled). Answer: AcceleratorId, OrderId.
func gaCreateAccelerator(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	charge := p.get("InstanceChargeType")
	if charge == "" {
		charge = "PREPAY"
	}
	if charge != "PREPAY" && charge != "POSTPAY" {
		return nil, invalid("InstanceChargeType", charge)
	}
	spec := p.get("Spec")
	if spec == "" && charge == "PREPAY" {
		return nil, missing("Spec")
	}
	if spec != "" && !gaAcceleratorSpecs[spec] {
		return nil, invalid("Spec", spec)
	}
	a := &accelerator{ID: randomID("ga-"), Spec: spec, ChargeType: charge, CreatedAt: c.now,
		ReadyAt: c.now.Add(s.cfg.readyDelay), OrderID: randomOrderID()}
	if charge == "PREPAY" {
		cycle := p.get("PricingCycle")
		if cycle == "" {
			cycle = "Month"
		}
		d, e := subscriptionTerm(p, cycle)
		if e != nil {
			return nil, e
		}
		a.PricingCycle, a.Duration = cycle, d
		if cycle == "Year" {
			a.ExpiresAt = c.now.AddDate(d, 0, 0)
		} else {
			a.ExpiresAt = c.now.AddDate(0, d, 0)
		}
	}
	a.BandwidthBillingType = p.get("BandwidthBillingType")
	switch a.BandwidthBillingType {
	case "":
		a.BandwidthBillingType = "BandwidthPackage"
	case "BandwidthPackage", "CDT", "CDT95":
	default:
		return nil, invalid("BandwidthBillingType", a.BandwidthBillingType)
	}
	for _, name := range []string{"AutoPay", "AutoUseCoupon"} {
		if _, e := p.boolParam(name, false); e != nil {
			return nil, e
		}
	}
	var e *apiError
	if a.AutoRenew, e = p.boolParam("AutoRenew", false); e != nil {
		return nil, e
	}
	if a.AutoRenewDuration, e = p.intParam("AutoRenewDuration", 1); e != nil {
		return nil, e
	}
	if a.AutoRenewDuration < 1 || a.AutoRenewDuration > 12 {
		return nil, invalid("AutoRenewDuration", p.get("AutoRenewDuration"))
	}
	a.Name = p.get("Name")
	if e := checkNameLike("Name", a.Name, 128); e != nil {
		return nil, e
	}
	if a.ResourceGroupID = p.get("ResourceGroupId"); a.ResourceGroupID == "" {
		a.ResourceGroupID = defaultResourceGroup
	}
	s.insertAccelerator(a)
	return map[string]any{"AcceleratorId": a.ID, "OrderId": a.OrderID}, nil
}

// acceleratorView is an accelerator as DescribeAccelerator answers it and
// ListAccelerators lists it: the SDK's fields, plus ResourceGroupId and
// BandwidthBillingType as the newer API adds them.
func (a *accelerator) acceleratorView(s *Server, now time.Time) map[string]any {
	basic := map[string]any{"InstanceId": a.Basic, "Bandwidth": 0, "BandwidthType": ""}
	if p, ok := s.plans[a.Basic]; ok && a.Basic != "" {
		basic["Bandwidth"], basic["BandwidthType"] = p.Bandwidth, p.BandwidthType
	}
	cross := map[string]any{"InstanceId": a.CrossDomain, "Bandwidth": 0}
	if p, ok := s.plans[a.CrossDomain]; ok && a.CrossDomain != "" {
		cross["Bandwidth"] = p.Bandwidth
	}
	var expired int64
	if !a.ExpiresAt.IsZero() {
		expired = a.ExpiresAt.UnixMilli()
	}
	return map[string]any{
		"AcceleratorId": a.ID, "Name": a.Name, "Description": "", "State": a.status(now), "Spec": a.Spec,
		"InstanceChargeType": a.ChargeType, "BandwidthBillingType": a.BandwidthBillingType,
		"CreateTime": a.CreatedAt.UnixMilli(), "ExpiredTime": expired, "RegionId": "cn-hangzhou",
		"DnsName": a.ID + ".aliyunga0019.com", "SecondDnsName": "", "DdosId": "", "CenId": "",
		"ResourceGroupId":             a.ResourceGroupID,
		"BasicBandwidthPackage":       basic,
		"CrossDomainBandwidthPackage": cross,
	}
}

// gaDescribeAccelerator serves DescribeAccelerator: AcceleratorId.
func gaDescribeAccelerator(s *Server, c *call) (map[string]any, *apiError) {
	a, e := gaFindAccelerator(s, c)
	if e != nil {
		return nil, e
	}
	return a.acceleratorView(s, c.now), nil
}

// gaListAccelerators serves ListAccelerators: PageNumber, PageSize (1 to
// 50), AcceleratorId, State.
func gaListAccelerators(s *Server, c *call) (map[string]any, *apiError) {
	num, size, e := pageParams(c.p, 50)
	if e != nil {
		return nil, e
	}
	id, state := c.p.get("AcceleratorId"), c.p.get("State")
	var matched []*accelerator
	for _, a := range s.acceleratorList(c.now) {
		if (id == "" || a.ID == id) && (state == "" || a.status(c.now) == state) {
			matched = append(matched, a)
		}
	}
	views := []map[string]any{}
	for _, a := range paginate(matched, num, size) {
		views = append(views, a.acceleratorView(s, c.now))
	}
	return map[string]any{"PageNumber": num, "PageSize": size, "TotalCount": len(matched), "Accelerators": views}, nil
}

// gaDescribeAcceleratorAutoRenew serves DescribeAcceleratorAutoRenewAttribute: AcceleratorId.
func gaDescribeAcceleratorAutoRenew(s *Server, c *call) (map[string]any, *apiError) {
	a, e := gaFindAccelerator(s, c)
	if e != nil {
		return nil, e
	}
	status := "Normal"
	if a.AutoRenew {
		status = "AutoRenewal"
	}
	return map[string]any{"InstanceId": a.ID, "AutoRenew": a.AutoRenew, "AutoRenewDuration": a.AutoRenewDuration,
		"RenewalStatus": status}, nil
}

// gaDeleteAccelerator serves DeleteAccelerator: refused while a plan is bound
// (BindExist.Accelerator) or the accelerator is busy.
func gaDeleteAccelerator(s *Server, c *call) (map[string]any, *apiError) {
	a, e := gaFindAccelerator(s, c)
	if e != nil {
		return nil, e
	}
	if !a.ready(c.now) {
		return nil, errAcceleratorBusy
	}
	if a.Basic != "" || a.CrossDomain != "" {
		return nil, newErr(400, "BindExist.Accelerator", "The accelerated instance is already bound to a bandwidth package.")
	}
	a.DeletingUntil = c.now.Add(s.cfg.deleteDelay)
	return map[string]any{"AcceleratorId": a.ID}, nil
}

// gaBindingParties resolves the plan and the accelerator of an add or remove
// call, and refuses while either is busy.
func gaBindingParties(s *Server, c *call) (*plan, *accelerator, *apiError) {
	pl, e := gaFind(s, c, "BandwidthPackageId")
	if e != nil {
		return nil, nil, e
	}
	a, e := gaFindAccelerator(s, c)
	if e != nil {
		return nil, nil, e
	}
	pl.settleBinding(c.now)
	if !pl.ready(c.now) {
		return nil, nil, errGABusy
	}
	if !a.ready(c.now) {
		return nil, nil, errAcceleratorBusy
	}
	return pl, a, nil
}

// gaAddAccelerator serves BandwidthPackageAddAccelerator. A plan binds to one
// accelerator; an accelerator takes one plan of each type: a Basic plan (any
// bandwidth type) as its basic bandwidth, then a CrossDomain plan as its
// cross-border bandwidth, which needs the basic one first. The plan is
// binding and the accelerator configuring for the update delay.
func gaAddAccelerator(s *Server, c *call) (map[string]any, *apiError) {
	pl, a, e := gaBindingParties(s, c)
	if e != nil {
		return nil, e
	}
	if len(pl.Accelerators) > 0 {
		return nil, newErr(400, "BindExist.BandwidthPackage", "The bandwidth package is already bound to accelerator %s.", pl.Accelerators[0])
	}
	if a.BandwidthBillingType != "BandwidthPackage" {
		return nil, newErr(400, "NotSupport.BandwidthBillingType",
			"The accelerated instance is billed by %s and takes no bandwidth package.", a.BandwidthBillingType)
	}
	slot := a.slot(pl.Type)
	if *slot != "" {
		return nil, newErr(400, "Exist."+pl.Type+"BandwidthPackage",
			"The accelerated instance already has a %s bandwidth package: %s.", pl.Type, *slot)
	}
	if pl.Type == "CrossDomain" && a.Basic == "" {
		return nil, newErr(400, "NotExist.BasicBandwidthPackage", "You must specify the basic bandwidth package.")
	}
	*slot = pl.ID
	pl.Accelerators = []string{a.ID}
	pl.BindingUntil = c.now.Add(s.cfg.updateDelay)
	a.BusyState, a.BusyUntil = "binding", pl.BindingUntil
	return map[string]any{"BandwidthPackageId": pl.ID, "Accelerators": []string{a.ID}}, nil
}

// gaRemoveAccelerator serves BandwidthPackageRemoveAccelerator. A plan not
// bound to the accelerator answers NotBind.BandwidthPackage; a basic plan
// cannot leave while a cross-border plan is still bound to the accelerator.
// The plan is unbinding for the update delay, then active.
func gaRemoveAccelerator(s *Server, c *call) (map[string]any, *apiError) {
	pl, a, e := gaBindingParties(s, c)
	if e != nil {
		return nil, e
	}
	if !slices.Contains(pl.Accelerators, a.ID) {
		return nil, newErr(400, "NotBind.BandwidthPackage", "The bandwidth package %s is not bound to the accelerated instance %s.", pl.ID, a.ID)
	}
	if pl.Type != "CrossDomain" && a.CrossDomain != "" {
		return nil, newErr(400, "BindExist.CrossDomainBandwidthPackage",
			"Unbind the cross-border bandwidth package %s of the accelerated instance first.", a.CrossDomain)
	}
	*a.slot(pl.Type) = ""
	pl.UnbindingUntil = c.now.Add(s.cfg.updateDelay)
	a.BusyState, a.BusyUntil = "unbinding", pl.UnbindingUntil
	return map[string]any{"BandwidthPackageId": pl.ID, "Accelerators": []string{a.ID}}, nil
}

// gaAccelerators are the accelerators a GA plan is bound to as Describe shows
// them: one being unbound until the unbinding ends.
func (p *plan) gaAccelerators(now time.Time) []string {
	if !p.UnbindingUntil.IsZero() && !now.Before(p.UnbindingUntil) {
		return []string{}
	}
	return append([]string{}, p.Accelerators...)
}

// settleBinding forgets an unbinding that has ended; the caller holds s.mu.
func (p *plan) settleBinding(now time.Time) {
	if !p.UnbindingUntil.IsZero() && !now.Before(p.UnbindingUntil) {
		p.Accelerators, p.UnbindingUntil = nil, time.Time{}
	}
}

// bindingState is a GA plan's state once it is neither new, updating nor
// deleting: binding, unbinding, binded or "" (active).
func (p *plan) bindingState(now time.Time) string {
	switch {
	case now.Before(p.BindingUntil):
		return "binding"
	case now.Before(p.UnbindingUntil):
		return "unbinding"
	case len(p.gaAccelerators(now)) > 0:
		return "binded"
	}
	return ""
}
