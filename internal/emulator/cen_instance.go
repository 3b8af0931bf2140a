package emulator

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// cenInstance is one CEN instance (CreateCen). Like a plan, its status is derived from
// timestamps on every read. The plans bound to it are the plans whose CenIDs name it:
// one record of a binding, so the two sides can never disagree.
type cenInstance struct {
	ID              string    `json:"id"`
	Name            string    `json:"name,omitempty"`
	Description     string    `json:"description,omitempty"`
	ProtectionLevel string    `json:"protection_level"`
	Ipv6Level       string    `json:"ipv6_level"`
	ResourceGroupID string    `json:"resource_group_id"`
	Tags            []Tag     `json:"tags,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	ReadyAt         time.Time `json:"ready_at"`
	DeletingUntil   time.Time `json:"deleting_until,omitzero"`
}

// CEN instance statuses, as DescribeCens answers them.
const (
	cenStatusCreating = "Creating"
	cenStatusActive   = "Active"
	cenStatusDeleting = "Deleting"
)

func (ci *cenInstance) gone(now time.Time) bool {
	return !ci.DeletingUntil.IsZero() && !now.Before(ci.DeletingUntil)
}

func (ci *cenInstance) status(now time.Time) string {
	switch {
	case !ci.DeletingUntil.IsZero():
		return cenStatusDeleting
	case now.Before(ci.ReadyAt):
		return cenStatusCreating
	}
	return cenStatusActive
}

// CEN instance errors. The codes come from the CEN reference and its error center;
// where the reference names none, doc.go says so.
var (
	errCenInstanceBusy = newErr(409, "InvalidOperation.CenInstanceStatus", "The CEN instance is not in a valid state for the operation.")
	// A plan that is Creating, Updating or Deleting, or already bound: it binds to one
	// instance at a time, and only while Idle.
	errBwpBindStatus = newErr(400, "InvalidOperation.BwpInstanceStatus", "The CBN bandwidth package is not in a valid state for the operation.")
	errBwpGeoSpan    = newErr(409, "InvalidOperation.BwpForGeoSpanAlreadyAssociated",
		"Operation is invalid because a CEN bandwidth package of the same geographic span is already associated.")
	errBwpNotAssociated = newErr(400, "InvalidOperation.BwpNotAssociated",
		"Operation is invalid because the bandwidth package is not associated with the specified CEN instance.")
	errCenHasBwp = newErr(400, "DependencyViolation.CenBandwidthPackage",
		"The CEN instance still has bandwidth packages associated; unassociate them first.")
)

func cenInstanceNotFound(id string) *apiError {
	return newErr(400, "ParameterCenInstanceId", "The specified CEN instance %q does not exist.", id)
}

// lookupCen finds a CEN instance the API shows, dropping one whose deletion has finished;
// the caller holds s.mu.
func (s *Server) lookupCen(id string, now time.Time) *cenInstance {
	ci, ok := s.cens[id]
	if !ok {
		return nil
	}
	if ci.gone(now) {
		delete(s.cens, id)
		return nil
	}
	return ci
}

// boundPlans lists the CEN plans bound to the instance, in creation order; the caller holds s.mu.
func (s *Server) boundPlans(cenID string, now time.Time) []*plan {
	var out []*plan
	for _, p := range s.order {
		if p.Product == productCEN && p.visible(now) && slices.Contains(p.CenIDs, cenID) {
			out = append(out, p)
		}
	}
	return out
}

// newCenInstance registers an instance ready after delay; the caller holds s.mu.
func (s *Server) newCenInstance(name, description string, tags []Tag, now time.Time, delay time.Duration) *cenInstance {
	ci := &cenInstance{
		Name: name, Description: description, ProtectionLevel: "REDUCED", Ipv6Level: "DISABLED",
		ResourceGroupID: defaultResourceGroup, Tags: tags, CreatedAt: now, ReadyAt: now.Add(delay),
	}
	for {
		ci.ID = randomID("cen-")
		if _, dup := s.cens[ci.ID]; !dup {
			break
		}
	}
	s.cens[ci.ID] = ci
	return ci
}

func cenCreateInstance(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	if e := checkNameLike("Name", p.get("Name"), 128); e != nil {
		return nil, e
	}
	if e := checkNameLike("Description", p.get("Description"), 256); e != nil {
		return nil, e
	}
	level := p.get("ProtectionLevel")
	if level != "" && level != "REDUCED" {
		return nil, invalid("ProtectionLevel", level)
	}
	ipv6 := p.get("Ipv6Level")
	if ipv6 != "" && ipv6 != "DISABLED" && ipv6 != "ENABLED" {
		return nil, invalid("Ipv6Level", ipv6)
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	if e := checkTags(tags); e != nil {
		return nil, e
	}
	ci := s.newCenInstance(p.get("Name"), p.get("Description"), tags, c.now, s.cfg.readyDelay)
	if ipv6 != "" {
		ci.Ipv6Level = ipv6
	}
	if rg := p.get("ResourceGroupId"); rg != "" {
		ci.ResourceGroupID = rg
	}
	return map[string]any{"CenId": ci.ID}, nil
}

// cenInstanceView is DescribeCens' Cen, field for field as the SDK decodes it.
type cenInstanceView struct {
	Status                 string `json:"Status"`
	CreationTime           string `json:"CreationTime"`
	Ipv6Level              string `json:"Ipv6Level"`
	Description            string `json:"Description"`
	ResourceGroupId        string `json:"ResourceGroupId"`
	CenId                  string `json:"CenId"`
	ProtectionLevel        string `json:"ProtectionLevel"`
	Name                   string `json:"Name"`
	CenBandwidthPackageIds struct {
		CenBandwidthPackageId []string `json:"CenBandwidthPackageId"`
	} `json:"CenBandwidthPackageIds"`
	Tags struct {
		Tag []Tag `json:"Tag"`
	} `json:"Tags"`
}

func (s *Server) cenInstanceView(ci *cenInstance, now time.Time) cenInstanceView {
	v := cenInstanceView{
		Status: ci.status(now), CreationTime: ci.CreatedAt.UTC().Format(cenTimeLayout), Ipv6Level: ci.Ipv6Level,
		Description: ci.Description, ResourceGroupId: ci.ResourceGroupID, CenId: ci.ID,
		ProtectionLevel: ci.ProtectionLevel, Name: ci.Name,
	}
	v.CenBandwidthPackageIds.CenBandwidthPackageId = []string{}
	for _, p := range s.boundPlans(ci.ID, now) {
		v.CenBandwidthPackageIds.CenBandwidthPackageId = append(v.CenBandwidthPackageIds.CenBandwidthPackageId, p.ID)
	}
	v.Tags.Tag = append([]Tag{}, ci.Tags...)
	return v
}

// cenInstanceFilterKeys are DescribeCens' documented filter keys.
var cenInstanceFilterKeys = map[string]bool{"CenId": true, "Name": true}

func cenDescribeInstances(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	num, size, e := pageParams(p, cenMaxPageSize)
	if e != nil {
		return nil, e
	}
	fkeys := p.indexed("Filter", ".Key")
	if len(fkeys) > cenMaxFilters {
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d filters.", cenMaxFilters)
	}
	filters := map[string]map[string]bool{}
	for _, n := range sortedKeys(fkeys) {
		key := fkeys[n]
		if !cenInstanceFilterKeys[key] {
			return nil, invalid("Filter."+strconv.Itoa(n)+".Key", key)
		}
		vals := p.list("Filter." + strconv.Itoa(n) + ".Value")
		if len(vals) > cenMaxFilterValues {
			return nil, newErr(400, "InvalidParameter", "You can specify at most %d values for Filter.%d.", cenMaxFilterValues, n)
		}
		set := map[string]bool{}
		for _, v := range vals {
			set[v] = true
		}
		filters[key] = set
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	rg := p.get("ResourceGroupId")
	var matched []*cenInstance
	for id := range s.cens {
		ci := s.lookupCen(id, c.now)
		if ci == nil || (rg != "" && ci.ResourceGroupID != rg) {
			continue
		}
		if f, ok := filters["CenId"]; ok && !f[ci.ID] {
			continue
		}
		if f, ok := filters["Name"]; ok && !f[ci.Name] {
			continue
		}
		if (&plan{Tags: ci.Tags}).hasTags(tags) {
			matched = append(matched, ci)
		}
	}
	slices.SortFunc(matched, func(a, b *cenInstance) int {
		if d := a.CreatedAt.Compare(b.CreatedAt); d != 0 {
			return d
		}
		return cmp.Compare(a.ID, b.ID)
	})
	page := paginate(matched, num, size)
	views := make([]cenInstanceView, len(page))
	for i, ci := range page {
		views[i] = s.cenInstanceView(ci, c.now)
	}
	return map[string]any{
		"PageNumber": num,
		"PageSize":   size,
		"TotalCount": len(matched),
		"Cens":       map[string]any{"Cen": views},
	}, nil
}

func cenDeleteInstance(s *Server, c *call) (map[string]any, *apiError) {
	id, e := c.p.required("CenId")
	if e != nil {
		return nil, e
	}
	ci := s.lookupCen(id, c.now)
	if ci == nil {
		return nil, cenInstanceNotFound(id)
	}
	if ci.status(c.now) != cenStatusActive {
		return nil, errCenInstanceBusy
	}
	if len(s.boundPlans(id, c.now)) > 0 {
		return nil, errCenHasBwp
	}
	ci.DeletingUntil = c.now.Add(s.cfg.deleteDelay)
	return map[string]any{}, nil
}

// bindingCall resolves the CenId and CenBandwidthPackageId of an (un)associate call and
// checks that both can take part in a binding change now.
func bindingCall(s *Server, c *call) (*cenInstance, *plan, *apiError) {
	cenID, e := c.p.required("CenId")
	if e != nil {
		return nil, nil, e
	}
	planID, e := c.p.required("CenBandwidthPackageId")
	if e != nil {
		return nil, nil, e
	}
	ci := s.lookupCen(cenID, c.now)
	if ci == nil {
		return nil, nil, cenInstanceNotFound(cenID)
	}
	pl := s.lookupVisible(planID, productCEN, c.now)
	if pl == nil {
		return nil, nil, newErr(400, "ParameterBwpInstanceId", "The specified bandwidth package instance %q does not exist.", planID)
	}
	if ci.status(c.now) != cenStatusActive {
		return nil, nil, errCenInstanceBusy
	}
	if !pl.ready(c.now) {
		return nil, nil, errBwpBindStatus
	}
	return ci, pl, nil
}

// sameSpan reports whether two plans join the same pair of areas, in either order.
func sameSpan(a, b *plan) bool {
	return (a.AreaA == b.AreaA && a.AreaB == b.AreaB) || (a.AreaA == b.AreaB && a.AreaB == b.AreaA)
}

func cenAssociate(s *Server, c *call) (map[string]any, *apiError) {
	ci, pl, e := bindingCall(s, c)
	if e != nil {
		return nil, e
	}
	if len(pl.CenIDs) > 0 {
		return nil, errBwpBindStatus
	}
	for _, other := range s.boundPlans(ci.ID, c.now) {
		if sameSpan(other, pl) {
			return nil, errBwpGeoSpan
		}
	}
	// Asynchronous: Updating for the update delay, then InUse.
	pl.CenIDs = []string{ci.ID}
	pl.BusyUntil = c.now.Add(s.cfg.updateDelay)
	return map[string]any{}, nil
}

func cenUnassociate(s *Server, c *call) (map[string]any, *apiError) {
	ci, pl, e := bindingCall(s, c)
	if e != nil {
		return nil, e
	}
	if !slices.Contains(pl.CenIDs, ci.ID) {
		return nil, errBwpNotAssociated
	}
	// Asynchronous: Updating for the update delay, then Idle.
	pl.CenIDs = nil
	pl.BusyUntil = c.now.Add(s.cfg.updateDelay)
	return map[string]any{}, nil
}

// CenInstance is the control API's view of a CEN instance.
type CenInstance struct {
	ID                string    `json:"id"`
	Name              string    `json:"name"`
	Status            string    `json:"status"`
	BandwidthPackages []string  `json:"bandwidth_packages"`
	CreatedAt         time.Time `json:"created_at"`
}

// SeedCen creates a CEN instance that is Active at once, as if created long ago, and
// returns its ID: tests and scripts that need an instance to bind plans to start with one.
func (s *Server) SeedCen(name string) string {
	now := s.now()
	s.mu.Lock()
	ci := s.newCenInstance(name, "", nil, now, 0)
	s.mu.Unlock()
	s.save()
	return ci.ID
}

// CenInstances lists the CEN instances that exist, oldest first.
func (s *Server) CenInstances() []CenInstance {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []CenInstance{}
	for id := range s.cens {
		ci := s.lookupCen(id, now)
		if ci == nil {
			continue
		}
		v := CenInstance{ID: ci.ID, Name: ci.Name, Status: ci.status(now), BandwidthPackages: []string{}, CreatedAt: ci.CreatedAt}
		for _, p := range s.boundPlans(ci.ID, now) {
			v.BandwidthPackages = append(v.BandwidthPackages, p.ID)
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b CenInstance) int {
		if d := a.CreatedAt.Compare(b.CreatedAt); d != 0 {
			return d
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// cenInstanceTagType is the ResourceType of a CEN instance in CEN's tag calls.
const cenInstanceTagType = "cen"

// cenInstanceTagRows are ListTagResources' rows for CEN instances: the named ones (an ID
// that names none answers the not-found code, as for plans), or all, filtered on tags;
// the caller holds s.mu.
func (s *Server) cenInstanceTagRows(ids []string, tags []Tag, now time.Time) ([]tagResourceRow, *apiError) {
	var list []*cenInstance
	if len(ids) > 0 {
		for _, id := range ids {
			ci := s.lookupCen(id, now)
			if ci == nil {
				return nil, notFoundFor(productCEN, cenInstanceTagType, id)
			}
			list = append(list, ci)
		}
	} else {
		for id := range s.cens {
			if ci := s.lookupCen(id, now); ci != nil {
				list = append(list, ci)
			}
		}
		slices.SortFunc(list, func(a, b *cenInstance) int { return cmp.Compare(a.ID, b.ID) })
	}
	var rows []tagResourceRow
	for _, ci := range list {
		if !(&plan{Tags: ci.Tags}).hasTags(tags) {
			continue
		}
		for _, t := range ci.Tags {
			rows = append(rows, tagResourceRow{ResourceId: ci.ID, ResourceType: cenInstanceTagType, TagKey: t.Key, TagValue: t.Value})
		}
	}
	return rows, nil
}
