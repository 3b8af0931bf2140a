package cen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	// describePageSize is DescribeCenBandwidthPackages' largest page, and so
	// the most IDs one batched Describe asks for.
	describePageSize = 50
	// describeBatch is when a batch goes out without waiting for its
	// window: Terraform's default -parallelism, so by then every parallel
	// read is waiting in it and waiting longer gains nothing.
	describeBatch = 10
	// describeWindow is how long a find waits for others to share its call.
	// Terraform spends most of each resource's refresh outside Read, so its
	// parallel reads arrive tens of milliseconds apart (make bench: 5 ms gave
	// 106 calls for 200 plans, 100 ms with batches of 10 about 20).
	describeWindow = 100 * time.Millisecond
)

type describeBatcherKey struct{}

// describeBatcher is the provider instance's batcher of CEN plan lookups.
func describeBatcher(c *client.Client) *batch.Batcher[string, *cbn.CenBandwidthPackage] {
	return c.Shared(describeBatcherKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		return batch.New(func(ctx context.Context, ids []string) (map[string]*cbn.CenBandwidthPackage, error) {
			return describeBandwidthPackages(ctx, c, ids)
		}, describeWindow, describeBatch)
	}).(*batch.Batcher[string, *cbn.CenBandwidthPackage])
}

// findBandwidthPackageBatched describes one plan through the batcher; the
// key is the lower-case ID, as IDs compare without case.
func findBandwidthPackageBatched(ctx context.Context, c *client.Client, id string) (*cbn.CenBandwidthPackage, error) {
	p, err := describeBatcher(c).Get(ctx, strings.ToLower(id))
	if errors.Is(err, batch.ErrNotFound) {
		return nil, fmt.Errorf("CEN bandwidth plan %s: %w", id, wait.ErrNotFound)
	}
	return p, err
}

// findBandwidthPackageNow describes one plan with a call of its own. Waits
// use it: they poll on a schedule that bounds how late they notice a ready
// plan, and the batch window would add to every poll.
func findBandwidthPackageNow(ctx context.Context, c *client.Client, id string) (*cbn.CenBandwidthPackage, error) {
	out, err := describeBandwidthPackages(ctx, c, []string{id})
	if err != nil {
		return nil, err
	}
	if p, ok := out[strings.ToLower(id)]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("CEN bandwidth plan %s: %w", id, wait.ErrNotFound)
}

// describeBandwidthPackages describes many plans with one filter on their IDs,
// reading every page. Plans it does not return do not exist. An account that
// answers ParameterCenInstanceId for an unknown ID fails the whole call, so
// then each ID is described alone.
func describeBandwidthPackages(ctx context.Context, c *client.Client, ids []string) (map[string]*cbn.CenBandwidthPackage, error) {
	out, err := describePages(ctx, c, ids)
	if !apierrors.IsCode(err, notFoundCodes...) {
		return out, err
	}
	out = map[string]*cbn.CenBandwidthPackage{}
	for _, id := range ids {
		one, err := describePages(ctx, c, []string{id})
		if apierrors.IsCode(err, notFoundCodes...) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for k, v := range one {
			out[k] = v
		}
	}
	return out, nil
}

func describePages(ctx context.Context, c *client.Client, ids []string) (map[string]*cbn.CenBandwidthPackage, error) {
	out := make(map[string]*cbn.CenBandwidthPackage, len(ids))
	values := append([]string(nil), ids...)
	for page := 1; ; page++ {
		request := cbn.CreateDescribeCenBandwidthPackagesRequest()
		request.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &values}}
		request.PageSize = requests.NewInteger(describePageSize)
		request.PageNumber = requests.NewInteger(page)
		conn := c.CEN()
		var resp *cbn.DescribeCenBandwidthPackagesResponse
		// Persist: a transient error must neither end a wait for a plan
		// just bought nor fail a refresh while the retry budget lasts.
		err := c.Do(ctx, request.GetActionName(), func() error {
			var err error
			resp, err = conn.DescribeCenBandwidthPackages(request)
			return err
		}, client.Persist())
		if err != nil {
			return nil, err
		}
		list := resp.CenBandwidthPackages.CenBandwidthPackage
		for i := range list {
			out[strings.ToLower(list[i].CenBandwidthPackageId)] = &list[i]
		}
		// Stop on a short page, when every plan is read, or on a page that
		// adds nothing (a TotalCount that never comes true).
		if len(list) < describePageSize || page*describePageSize >= resp.TotalCount || len(list) == 0 {
			return out, nil
		}
	}
}
