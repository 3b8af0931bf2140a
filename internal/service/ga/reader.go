package ga

// The provider instance's shared readers of GA plans: the batcher of a
// refresh's reads, the one poller of every wait, and the plan reader both
// use (DESIGN.md, "API economy").

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	// readBatch and readWindow group the reads of a refresh (CEN's
	// describeBatch and describeWindow say why these values).
	readBatch  = 10
	readWindow = 100 * time.Millisecond
)

type (
	readBatcherKey struct{}
	pollerKey      struct{}
	readerKey      struct{}
)

// readBatcher is the provider instance's batcher of GA plan reads.
func readBatcher(c *client.Client) *batch.Batcher[string, *bandwidthPackage] {
	return c.Shared(readBatcherKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		return batch.New(reader(c).read, readWindow, readBatch)
	}).(*batch.Batcher[string, *bandwidthPackage])
}

// poller is the provider instance's one waiter for GA plans (DESIGN.md,
// "API economy").
func poller(c *client.Client) *wait.Poller[*bandwidthPackage] {
	return c.Shared(pollerKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		p := wait.NewPoller(reader(c).fetch, listPageSize)
		p.Transient = client.Transient
		return p
	}).(*wait.Poller[*bandwidthPackage])
}

func reader(c *client.Client) *planReader {
	return c.Shared(readerKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		return &planReader{c: c, pageOf: map[string]int{}, released: map[string]bool{}, fresh: listingFresh}
	}).(*planReader)
}

// planReader reads GA plans by ID for the reads and waits of one provider
// instance: one plan with DescribeBandwidthPackage, several with
// ListBandwidthPackages, first the pages each was last listed on, then the
// others until every plan is found or the list ends.
type planReader struct {
	c      *client.Client
	mu     sync.Mutex
	pageOf map[string]int // lower-case ID → the page it was last listed on
	// released are the plans whose delete call the API took: once the
	// list leaves one out it is gone, with no Describe to prove it.
	released map[string]bool
	// listing is the last complete listing a read made, and when it began.
	listing      map[string]*bandwidthPackage
	listingBegan time.Time
	// fresh is how long a listing answers reads: listingFresh.
	fresh time.Duration
}

// listingFresh is how long a complete listing answers reads: a refresh's
// reads arrive over a few seconds, ten at a time (Terraform's parallelism),
// and one listing can answer them all. A listing never answers a read once
// this provider instance has sent a call that may change a plan after the
// listing began (client.LastWrite).
const listingFresh = time.Second

// read answers a refresh's reads: from the last complete listing while it is
// fresh, else from a new one (one plan alone: DescribeBandwidthPackage). A
// plan the listing leaves out is described on its own, as in fetch.
func (r *planReader) read(ctx context.Context, ids []string) (map[string]*bandwidthPackage, error) {
	r.mu.Lock()
	listing, began := r.listing, r.listingBegan
	r.mu.Unlock()
	fresh := listing != nil && time.Since(began) < r.fresh && began.After(r.c.LastWrite())
	if !fresh {
		if len(ids) == 1 {
			return r.fetch(ctx, ids)
		}
		began = time.Now()
		all, err := listBandwidthPackages(ctx, r.c, listParams(nil, "", "", nil))
		if err != nil {
			return nil, err
		}
		listing = make(map[string]*bandwidthPackage, len(all))
		for i := range all {
			listing[strings.ToLower(all[i].BandwidthPackageId)] = &all[i]
		}
		r.mu.Lock()
		r.listing, r.listingBegan = listing, began
		r.mu.Unlock()
	}
	out := map[string]*bandwidthPackage{}
	for _, id := range ids {
		if bp, ok := listing[id]; ok {
			out[id] = bp
			continue
		}
		if err := r.describeInto(ctx, out, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// released records that the API took plan id's delete call.
func (r *planReader) releasedPlan(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.released[strings.ToLower(id)] = true
}

// describeInto describes plan id into out; not found leaves it out.
func (r *planReader) describeInto(ctx context.Context, out map[string]*bandwidthPackage, id string) error {
	bp, err := describeBandwidthPackage(ctx, r.c, id)
	if errors.Is(err, wait.ErrNotFound) {
		return nil
	}
	if err == nil {
		out[id] = bp
	}
	return err
}

// fetch reads the plans ids (lower-case IDs); a plan it leaves out does not
// exist. A plan missing from the listing is described on its own before it
// is called gone: only NotExist.BandwidthPackage says that (DESIGN.md, "Never
// buy twice"). Pages shift between calls as plans come and go, and a listing
// may lag; a plan wrongly called gone would leave state, to be bought again.
func (r *planReader) fetch(ctx context.Context, ids []string) (map[string]*bandwidthPackage, error) {
	out := map[string]*bandwidthPackage{}
	if len(ids) == 1 {
		return out, r.describeInto(ctx, out, ids[0])
	}
	want := map[string]bool{}
	r.mu.Lock()
	var hinted []int
	for _, id := range ids {
		want[id] = true
		if n, ok := r.pageOf[id]; ok && !slices.Contains(hinted, n) {
			hinted = append(hinted, n)
		}
	}
	r.mu.Unlock()
	slices.Sort(hinted)

	read := map[int]bool{}
	pages := -1 // how many pages the list has, once a page tells
	readPage := func(n int) error {
		page, count, err := listPage(ctx, r.c, n)
		if err != nil {
			return err
		}
		read[n] = true
		pages = max(1, (count+listPageSize-1)/listPageSize)
		if len(page) < listPageSize {
			pages = min(pages, n) // a short page is the last, should TotalCount overstate
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		for i := range page {
			id := strings.ToLower(page[i].BandwidthPackageId)
			r.pageOf[id] = n
			if want[id] {
				out[id] = &page[i]
			}
		}
		return nil
	}
	// The pages the plans were last seen on, then the others in order.
	for _, n := range hinted {
		if len(out) == len(want) {
			break
		}
		if err := readPage(n); err != nil {
			return nil, err
		}
	}
	for n := 1; len(out) < len(want) && (pages < 0 || n <= pages); n++ {
		if read[n] {
			continue
		}
		if err := readPage(n); err != nil {
			return nil, err
		}
	}
	for id := range want {
		r.mu.Lock()
		released := r.released[id]
		r.mu.Unlock()
		if out[id] == nil && !released {
			if err := r.describeInto(ctx, out, id); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
