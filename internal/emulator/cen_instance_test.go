package emulator

import (
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
)

var cenInstanceIDPattern = regexp.MustCompile(`^cen-[a-z0-9]{20}$`)

func describeCens(t testing.TB, c *cbn.Client, id string) []cbn.Cen {
	t.Helper()
	req := cbn.CreateDescribeCensRequest()
	req.Filter = &[]cbn.DescribeCensFilter{{Key: "CenId", Value: &[]string{id}}}
	resp, err := c.DescribeCens(req)
	if err != nil {
		t.Fatalf("DescribeCens: %v", err)
	}
	return resp.Cens.Cen
}

func cenInstanceStatus(t testing.TB, c *cbn.Client, id string) string {
	t.Helper()
	cs := describeCens(t, c, id)
	if len(cs) == 0 {
		return "gone"
	}
	return cs[0].Status
}

func associate(c *cbn.Client, cenID, planID string) error {
	req := cbn.CreateAssociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, planID
	_, err := c.AssociateCenBandwidthPackage(req)
	return err
}

func unassociate(c *cbn.Client, cenID, planID string) error {
	req := cbn.CreateUnassociateCenBandwidthPackageRequest()
	req.CenId, req.CenBandwidthPackageId = cenID, planID
	_, err := c.UnassociateCenBandwidthPackage(req)
	return err
}

func deleteCen(c *cbn.Client, id string) error {
	req := cbn.CreateDeleteCenRequest()
	req.CenId = id
	_, err := c.DeleteCen(req)
	return err
}

// Delays of the tests below: none, so a state is reached at once, or an hour, so a busy
// state holds for the whole test; no assertion depends on how fast the machine is.
const (
	noDelay   = time.Duration(0)
	longDelay = time.Hour
)

func startServerDelays(t *testing.T, ready, update, del time.Duration) *Server {
	t.Helper()
	return startServer(t, WithReadyDelay(ready), WithUpdateDelay(update), WithDeleteDelay(del))
}

// TestCenInstanceLifecycle follows what the official provider's alicloud_cen_instance does:
// CreateCen with a ClientToken, DescribeCens filtered on the ID until Active, ListTagResources
// of the instance, DeleteCen.
func TestCenInstanceLifecycle(t *testing.T) {
	s := startServerDelays(t, noDelay, noDelay, noDelay)
	c := cenClient(t, s)
	req := cbn.CreateCreateCenRequest()
	req.ClientToken = "token-cen-1"
	req.Name = "net-a"
	req.Description = "first"
	req.Tag = &[]cbn.CreateCenTag{{Key: "env", Value: "test"}}
	created, err := c.CreateCen(req)
	if err != nil {
		t.Fatalf("CreateCen: %v", err)
	}
	if !cenInstanceIDPattern.MatchString(created.CenId) {
		t.Fatalf("bad CEN ID %q", created.CenId)
	}
	again, err := c.CreateCen(req)
	if err != nil || again.CenId != created.CenId {
		t.Fatalf("CreateCen replayed with its ClientToken: %v, %q, want %q", err, again.CenId, created.CenId)
	}
	id := created.CenId
	got := describeCens(t, c, id)
	if len(got) != 1 {
		t.Fatalf("DescribeCens: want 1 instance, got %d", len(got))
	}
	ci := got[0]
	if ci.Status != "Active" || ci.Name != "net-a" || ci.Description != "first" || ci.ProtectionLevel != "REDUCED" ||
		ci.Ipv6Level != "DISABLED" || ci.ResourceGroupId == "" || ci.CreationTime == "" ||
		len(ci.Tags.Tag) != 1 || ci.Tags.Tag[0].Key != "env" || len(ci.CenBandwidthPackageIds.CenBandwidthPackageId) != 0 {
		t.Fatalf("unexpected instance: %+v", ci)
	}
	// The official provider then reads the instance's tags with ResourceType cen.
	tagsReq := cbn.CreateListTagResourcesRequest()
	tagsReq.ResourceType = "cen"
	tagsReq.ResourceId = &[]string{id}
	tagsResp, err := c.ListTagResources(tagsReq)
	if err != nil {
		t.Fatalf("ListTagResources of the instance: %v", err)
	}
	if rows := tagsResp.TagResources.TagResource; len(rows) != 1 || rows[0].ResourceId != id || rows[0].TagKey != "env" ||
		rows[0].TagValue != "test" || rows[0].ResourceType != "cen" {
		t.Fatalf("ListTagResources of the instance: %+v", rows)
	}
	tagsReq.ResourceId = &[]string{"cen-doesnotexist"}
	_, err = c.ListTagResources(tagsReq)
	wantAPIError(t, err, "InvalidInstanceIds.NotFound", 400)

	bad := cbn.CreateCreateCenRequest()
	bad.ProtectionLevel = "FULL"
	_, err = c.CreateCen(bad)
	wantAPIError(t, err, "InvalidParameter", 400)
	list := cbn.CreateDescribeCensRequest()
	list.Filter = &[]cbn.DescribeCensFilter{{Key: "Status", Value: &[]string{"Active"}}}
	_, err = c.DescribeCens(list)
	wantAPIError(t, err, "InvalidParameter", 400)

	wantAPIError(t, deleteCen(c, "cen-doesnotexist"), "ParameterCenInstanceId", 400)
	if err := deleteCen(c, id); err != nil {
		t.Fatalf("DeleteCen: %v", err)
	}
	if st := cenInstanceStatus(t, c, id); st != "gone" {
		t.Fatalf("after DeleteCen with no delay: %q, want gone", st)
	}
	wantAPIError(t, deleteCen(c, id), "ParameterCenInstanceId", 400)
}

// TestCenInstanceBusy: an instance Creating or Deleting, and a plan Creating, refuse what
// needs them Active or Idle.
func TestCenInstanceBusy(t *testing.T) {
	s := startServerDelays(t, longDelay, longDelay, longDelay)
	c := cenClient(t, s)
	young, err := c.CreateCen(cbn.CreateCreateCenRequest())
	if err != nil {
		t.Fatal(err)
	}
	if st := cenInstanceStatus(t, c, young.CenId); st != "Creating" {
		t.Fatalf("new instance: %q, want Creating", st)
	}
	wantAPIError(t, deleteCen(c, young.CenId), "InvalidOperation.CenInstanceStatus", 409)
	seeded := s.SeedCen("seeded")
	planID := createCEN(t, c, nil).CenBandwidthPackageId
	wantAPIError(t, associate(c, young.CenId, planID), "InvalidOperation.CenInstanceStatus", 409)
	wantAPIError(t, associate(c, seeded, planID), "InvalidOperation.BwpInstanceStatus", 400)
	if err := deleteCen(c, seeded); err != nil {
		t.Fatalf("DeleteCen: %v", err)
	}
	if st := cenInstanceStatus(t, c, seeded); st != "Deleting" {
		t.Fatalf("after DeleteCen: %q, want Deleting", st)
	}
	wantAPIError(t, deleteCen(c, seeded), "InvalidOperation.CenInstanceStatus", 409)
}

// TestCenBindingIsAsynchronous: a plan is Updating while a binding changes, and takes no
// other binding change meanwhile.
func TestCenBindingIsAsynchronous(t *testing.T) {
	s := startServerDelays(t, noDelay, longDelay, noDelay)
	c := cenClient(t, s)
	cenID := s.SeedCen("seeded")
	planID := createCEN(t, c, nil).CenBandwidthPackageId
	if err := associate(c, cenID, planID); err != nil {
		t.Fatalf("AssociateCenBandwidthPackage: %v", err)
	}
	p := describeCEN(t, c, planID)[0]
	if p.Status != "Updating" || !slices.Equal(p.CenIds.CenId, []string{cenID}) {
		t.Fatalf("after associate: status %q, CenIds %v; want Updating, [%s]", p.Status, p.CenIds.CenId, cenID)
	}
	wantAPIError(t, associate(c, cenID, planID), "InvalidOperation.BwpInstanceStatus", 400)
	wantAPIError(t, unassociate(c, cenID, planID), "InvalidOperation.BwpInstanceStatus", 400)
}

// TestCenBinding binds and unbinds a plan, with every refusal that does not depend on a busy state.
func TestCenBinding(t *testing.T) {
	s := startServerDelays(t, noDelay, noDelay, noDelay)
	c := cenClient(t, s)
	cenID, other := s.SeedCen("seeded"), s.SeedCen("other")
	if st := cenInstanceStatus(t, c, cenID); st != "Active" {
		t.Fatalf("seeded instance: %q, want Active", st)
	}
	planID := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) { r.GeographicRegionBId = "Europe" }).CenBandwidthPackageId

	wantAPIError(t, associate(c, cenID, ""), "MissingParameter.CenBandwidthPackageId", 400)
	wantAPIError(t, associate(c, "", planID), "MissingParameter.CenId", 400)
	wantAPIError(t, associate(c, "cen-doesnotexist", planID), "ParameterCenInstanceId", 400)
	wantAPIError(t, associate(c, cenID, "cenbwp-doesnotexist"), "ParameterBwpInstanceId", 400)

	if err := associate(c, cenID, planID); err != nil {
		t.Fatalf("AssociateCenBandwidthPackage: %v", err)
	}
	p := describeCEN(t, c, planID)[0]
	if p.Status != "InUse" || !slices.Equal(p.CenIds.CenId, []string{cenID}) {
		t.Fatalf("after associate: status %q, CenIds %v; want InUse, [%s]", p.Status, p.CenIds.CenId, cenID)
	}
	if got := describeCens(t, c, cenID)[0].CenBandwidthPackageIds.CenBandwidthPackageId; !slices.Equal(got, []string{planID}) {
		t.Fatalf("DescribeCens CenBandwidthPackageIds %v, want [%s]", got, planID)
	}
	filter := cbn.CreateDescribeCenBandwidthPackagesRequest()
	filter.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenId", Value: &[]string{cenID}}}
	if resp, err := c.DescribeCenBandwidthPackages(filter); err != nil || resp.TotalCount != 1 {
		t.Fatalf("Describe filtered on CenId: %v, %+v", err, resp)
	}

	// One instance per plan; one plan per pair of areas (in either order) per instance.
	wantAPIError(t, associate(c, other, planID), "InvalidOperation.BwpInstanceStatus", 400)
	wantAPIError(t, associate(c, cenID, planID), "InvalidOperation.BwpInstanceStatus", 400)
	twin := createCEN(t, c, func(r *cbn.CreateCenBandwidthPackageRequest) {
		r.GeographicRegionAId, r.GeographicRegionBId = "Europe", "China"
	}).CenBandwidthPackageId
	wantAPIError(t, associate(c, cenID, twin), "InvalidOperation.BwpForGeoSpanAlreadyAssociated", 409)
	if err := associate(c, other, twin); err != nil {
		t.Fatalf("the twin on another instance: %v", err)
	}

	// Neither side can be deleted while bound.
	wantAPIError(t, deleteCen(c, cenID), "DependencyViolation.CenBandwidthPackage", 400)
	del := cbn.CreateDeleteCenBandwidthPackageRequest()
	del.CenBandwidthPackageId = planID
	_, err := c.DeleteCenBandwidthPackage(del)
	wantAPIError(t, err, "InvalidOperation.BwpInstanceStatus", 403)

	wantAPIError(t, unassociate(c, other, planID), "InvalidOperation.BwpNotAssociated", 400)
	if err := unassociate(c, cenID, planID); err != nil {
		t.Fatalf("UnassociateCenBandwidthPackage: %v", err)
	}
	p = describeCEN(t, c, planID)[0]
	if p.Status != "Idle" || len(p.CenIds.CenId) != 0 {
		t.Fatalf("after unassociate: status %q, CenIds %v; want Idle, none", p.Status, p.CenIds.CenId)
	}
	wantAPIError(t, unassociate(c, cenID, planID), "InvalidOperation.BwpNotAssociated", 400)
	if err := deleteCen(c, cenID); err != nil {
		t.Fatalf("DeleteCen after unbinding: %v", err)
	}
	if _, err := c.DeleteCenBandwidthPackage(del); err != nil {
		t.Fatalf("DeleteCenBandwidthPackage after unbinding: %v", err)
	}
}

func TestCenInstanceControlAndState(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	s := startServer(t, WithStateFile(file))
	var seeded struct {
		ID string `json:"id"`
	}
	if code := ctl(t, s, "POST", "cens", `{"name":"from-control"}`, &seeded); code != 200 || !cenInstanceIDPattern.MatchString(seeded.ID) {
		t.Fatalf("POST /_emulator/cens: %d %+v", code, seeded)
	}
	if code := ctl(t, s, "POST", "cens", `{"label":"unknown field"}`, nil); code != 400 {
		t.Fatalf("POST /_emulator/cens with an unknown field: %d, want 400", code)
	}
	c := cenClient(t, s)
	planID := createCEN(t, c, nil).CenBandwidthPackageId
	settle(t, s, "Idle", func() bool { return cenStatus(t, c, planID) == "Idle" })
	if err := associate(c, seeded.ID, planID); err != nil {
		t.Fatal(err)
	}
	var list []CenInstance
	if code := ctl(t, s, "GET", "cens", "", &list); code != 200 || len(list) != 1 || list[0].ID != seeded.ID ||
		list[0].Name != "from-control" || list[0].Status != "Active" || !slices.Equal(list[0].BandwidthPackages, []string{planID}) {
		t.Fatalf("GET /_emulator/cens: %+v", list)
	}
	_ = s.Close()

	// A restart from the state file keeps the instance and the binding.
	s2 := startServer(t, WithStateFile(file))
	c2 := cenClient(t, s2)
	if got := describeCens(t, c2, seeded.ID); len(got) != 1 || !slices.Equal(got[0].CenBandwidthPackageIds.CenBandwidthPackageId, []string{planID}) {
		t.Fatalf("after restart: %+v", got)
	}
}
