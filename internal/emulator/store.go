package emulator

import (
	"crypto/rand"
	"math/big"
	"strconv"
	"time"
)

// Tag is one key/value pair on a plan.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// Tag limits of both APIs: tags per plan, key and value lengths in characters.
const (
	maxTags        = 20
	maxTagKeyLen   = 64
	maxTagValueLen = 128
)

// plan is one bandwidth plan of either product. Status is derived from the timestamps
// on every read, so no timers run and a reloaded state file keeps its schedule.
type plan struct {
	ID                string    `json:"id"`
	Product           string    `json:"product"`
	Name              string    `json:"name,omitempty"`
	Description       string    `json:"description,omitempty"`
	Bandwidth         int       `json:"bandwidth"`
	ChargeType        string    `json:"charge_type"`
	Period            int       `json:"period,omitempty"`
	PricingCycle      string    `json:"pricing_cycle,omitempty"`
	AutoPay           bool      `json:"auto_pay"`
	AutoRenew         bool      `json:"auto_renew"`
	AutoRenewDuration int       `json:"auto_renew_duration,omitempty"`
	RenewalStatus     string    `json:"renewal_status,omitempty"`
	ResourceGroupID   string    `json:"resource_group_id,omitempty"`
	Tags              []Tag     `json:"tags,omitempty"`
	OrderID           string    `json:"order_id"`
	Paid              bool      `json:"paid"`
	CreatedAt         time.Time `json:"created_at"`
	ReadyAt           time.Time `json:"ready_at"`
	ListedAt          time.Time `json:"listed_at,omitzero"` // end of the read-after-create delay; zero: at once
	BusyUntil         time.Time `json:"busy_until,omitzero"`
	DeletingUntil     time.Time `json:"deleting_until,omitzero"`
	ExpiresAt         time.Time `json:"expires_at,omitzero"`

	// CEN only.
	AreaA       string `json:"area_a,omitempty"`
	AreaB       string `json:"area_b,omitempty"`
	ServiceType string `json:"service_type,omitempty"`
	// CenIDs are the CEN instances the plan is bound to (CenId on create, in the oldest CreateCenBandwidthPackage page).
	CenIDs []string `json:"cen_ids,omitempty"`

	// GA only.
	Type              string `json:"type,omitempty"`
	BandwidthType     string `json:"bandwidth_type,omitempty"`
	BillingType       string `json:"billing_type,omitempty"`
	Ratio             int    `json:"ratio,omitempty"`
	CbnAreaA          string `json:"cbn_area_a,omitempty"`
	CbnAreaB          string `json:"cbn_area_b,omitempty"`
	AutoUseCoupon     bool   `json:"auto_use_coupon,omitempty"`
	PromotionOptionNo string `json:"promotion_option_no,omitempty"`
	RegionID          string `json:"region_id,omitempty"`
	// Accelerators: the accelerator the plan is bound to (ga_accelerator.go).
	Accelerators   []string  `json:"accelerators,omitempty"`
	BindingUntil   time.Time `json:"binding_until,omitzero"`
	UnbindingUntil time.Time `json:"unbinding_until,omitzero"`
}

type order struct {
	ID     string `json:"id"`
	PlanID string `json:"plan_id"`
	Paid   bool   `json:"paid"`
	// Bandwidth is the new bandwidth of an upgrade order (GA
	// UpdateBandwidthPackage of a subscription with AutoPay=false); 0 for a
	// purchase.
	Bandwidth int `json:"bandwidth,omitempty"`
}

// newOrderLocked registers an order for plan p; the caller holds s.mu.
func (s *Server) newOrderLocked(p *plan, bandwidth int) *order {
	for {
		id := randomOrderID()
		if _, dup := s.orders[id]; !dup {
			o := &order{ID: id, PlanID: p.ID, Bandwidth: bandwidth}
			s.orders[id] = o
			return o
		}
	}
}

// tokenEntry is the remembered first answer to a call carrying a ClientToken.
type tokenEntry struct {
	Fingerprint string         `json:"fingerprint"`
	Response    map[string]any `json:"response"`
	At          time.Time      `json:"at"`
}

// tokenTTL bounds how long ClientTokens are remembered.
const tokenTTL = 24 * time.Hour

// Resource is the control API's view of a plan.
type Resource struct {
	ID              string            `json:"id"`
	Product         string            `json:"product"`
	Status          string            `json:"status"`
	ChargeType      string            `json:"charge_type"`
	Bandwidth       int               `json:"bandwidth"`
	OrderID         string            `json:"order_id"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	Paid            bool              `json:"paid"`
	Type            string            `json:"type,omitempty"`
	BandwidthType   string            `json:"bandwidth_type,omitempty"`
	AreaA           string            `json:"area_a,omitempty"`
	AreaB           string            `json:"area_b,omitempty"`
	ResourceGroupID string            `json:"resource_group_id"`
	Tags            map[string]string `json:"tags"`
	AutoRenew       bool              `json:"auto_renew"`
	CreatedAt       time.Time         `json:"created_at"`
	ExpiresAt       time.Time         `json:"expires_at,omitzero"`
	// CenIDs are the CEN instances a CEN plan is bound to.
	CenIDs []string `json:"cen_ids,omitempty"`
}

// statusPendingPayment is the control API's status for a plan whose order is unpaid;
// the signed API does not show such plans at all.
const statusPendingPayment = "PendingPayment"

func (p *plan) gone(now time.Time) bool {
	return !p.DeletingUntil.IsZero() && !now.Before(p.DeletingUntil)
}

// visible reports whether the signed API shows the plan.
func (p *plan) visible(now time.Time) bool { return p.Paid && !p.gone(now) }

// listed reports whether Describe and List calls show the plan: it is visible and its
// read-after-create delay is over.
func (p *plan) listed(now time.Time) bool { return p.visible(now) && !now.Before(p.ListedAt) }

func (p *plan) deletingNow() bool { return !p.DeletingUntil.IsZero() }

func (p *plan) creating(now time.Time) bool { return now.Before(p.ReadyAt) }

func (p *plan) updating(now time.Time) bool { return now.Before(p.BusyUntil) }

// status is the API's status string: CEN Creating/Updating/Deleting/Idle, GA init/updating/deleting/active.
func (p *plan) status(now time.Time) string {
	if !p.Paid {
		return statusPendingPayment
	}
	cen := p.Product == productCEN
	switch {
	case p.deletingNow():
		if cen {
			return "Deleting"
		}
		return "deleting"
	case p.creating(now):
		if cen {
			return "Creating"
		}
		return "init"
	case p.updating(now):
		if cen {
			return "Updating"
		}
		return "updating"
	}
	if cen {
		if len(p.CenIDs) > 0 {
			return "InUse"
		}
		return "Idle"
	}
	if b := p.bindingState(now); b != "" {
		return b
	}
	return "active"
}

// ready reports whether the plan accepts modifications.
func (p *plan) ready(now time.Time) bool {
	return p.Paid && !p.deletingNow() && !p.creating(now) && !p.updating(now) &&
		!now.Before(p.BindingUntil) && !now.Before(p.UnbindingUntil)
}

// startTerm sets the subscription expiry from the moment the plan is paid.
func (p *plan) startTerm(now time.Time) {
	if p.ChargeType != "PREPAY" {
		p.ExpiresAt = time.Time{}
		return
	}
	if p.PricingCycle == "Year" {
		p.ExpiresAt = now.AddDate(p.Period, 0, 0)
	} else {
		p.ExpiresAt = now.AddDate(0, p.Period, 0)
	}
}

func (p *plan) expired(now time.Time) bool {
	return p.ChargeType != "PREPAY" || (!p.ExpiresAt.IsZero() && !now.Before(p.ExpiresAt))
}

func (p *plan) tagMap() map[string]string {
	m := make(map[string]string, len(p.Tags))
	for _, t := range p.Tags {
		m[t.Key] = t.Value
	}
	return m
}

// hasTags reports whether p has every one of ts (see hasTag).
func (p *plan) hasTags(ts []Tag) bool {
	for _, t := range ts {
		if !p.hasTag(t) {
			return false
		}
	}
	return true
}

func (p *plan) hasTag(t Tag) bool {
	for _, x := range p.Tags {
		if x.Key == t.Key && (t.Value == "" || x.Value == t.Value) {
			return true
		}
	}
	return false
}

// setTags merges tags, overwriting values of existing keys.
func (p *plan) setTags(tags []Tag) {
	for _, t := range tags {
		found := false
		for i := range p.Tags {
			if p.Tags[i].Key == t.Key {
				p.Tags[i].Value = t.Value
				found = true
			}
		}
		if !found {
			p.Tags = append(p.Tags, t)
		}
	}
}

// tagCountAfter is how many tags the plan would hold after merging tags.
func (p *plan) tagCountAfter(tags []Tag) int {
	n := len(p.Tags)
	seen := map[string]bool{}
	for _, t := range p.Tags {
		seen[t.Key] = true
	}
	for _, t := range tags {
		if !seen[t.Key] {
			seen[t.Key] = true
			n++
		}
	}
	return n
}

func (p *plan) removeTags(keys []string, all bool) {
	if all {
		p.Tags = nil
		return
	}
	drop := map[string]bool{}
	for _, k := range keys {
		drop[k] = true
	}
	kept := p.Tags[:0]
	for _, t := range p.Tags {
		if !drop[t.Key] {
			kept = append(kept, t)
		}
	}
	p.Tags = kept
}

func (p *plan) resource(now time.Time) Resource {
	return Resource{
		ID: p.ID, Product: p.Product, Status: p.status(now), ChargeType: p.ChargeType,
		Bandwidth: p.Bandwidth, OrderID: p.OrderID, Name: p.Name, Description: p.Description,
		Paid: p.Paid, Type: p.Type, BandwidthType: p.BandwidthType, AreaA: p.AreaA, AreaB: p.AreaB,
		ResourceGroupID: p.ResourceGroupID, Tags: p.tagMap(), AutoRenew: p.AutoRenew,
		CreatedAt: p.CreatedAt, ExpiresAt: p.ExpiresAt, CenIDs: append([]string(nil), p.CenIDs...),
	}
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func randomID(prefix string) string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return prefix + string(b)
}

func randomOrderID() string {
	// Real order IDs are 15-digit numbers.
	n, _ := rand.Int(rand.Reader, big.NewInt(900000000000000))
	return strconv.FormatInt(n.Int64()+100000000000000, 10)
}

// defaultResourceGroup stands in for the account's default resource group.
const defaultResourceGroup = "rg-acfmzsikq6p5y3a"

// lookupVisible finds a plan that the signed API shows.
func (s *Server) lookupVisible(id string, product string, now time.Time) *plan {
	p, ok := s.plans[id]
	if !ok || p.Product != product || !p.visible(now) {
		return nil
	}
	return p
}

// lookupListed finds a plan that Describe and List calls show.
func (s *Server) lookupListed(id string, product string, now time.Time) *plan {
	p := s.lookupVisible(id, product, now)
	if p == nil || !p.listed(now) {
		return nil
	}
	return p
}

// insertPlan registers a new plan and its order; the caller holds s.mu.
func (s *Server) insertPlan(p *plan) {
	for {
		if _, dup := s.plans[p.ID]; !dup {
			break
		}
		p.ID = randomID(p.ID[:len(p.ID)-20])
	}
	for {
		p.OrderID = randomOrderID()
		if _, dup := s.orders[p.OrderID]; !dup {
			break
		}
	}
	s.plans[p.ID] = p
	s.order = append(s.order, p)
	s.orders[p.OrderID] = &order{ID: p.OrderID, PlanID: p.ID, Paid: p.Paid}
}

// sweep drops plans whose deletion has finished; the caller holds s.mu.
func (s *Server) sweep(now time.Time) {
	if s.deleting == 0 {
		return
	}
	kept := s.order[:0]
	deleting := 0
	for _, p := range s.order {
		if p.gone(now) {
			delete(s.plans, p.ID)
			continue
		}
		if p.deletingNow() {
			deleting++
		}
		kept = append(kept, p)
	}
	for i := len(kept); i < len(s.order); i++ {
		s.order[i] = nil
	}
	s.order = kept
	s.deleting = deleting
}
