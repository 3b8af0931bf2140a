package cen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	statusCreating = "Creating"
	statusUpdating = "Updating"
	statusDeleting = "Deleting"
	statusIdle     = "Idle"
	statusInUse    = "InUse"
)

// Codes with behaviour of their own (DESIGN.md, "API facts"); their
// diagnostics come from the error table like every other code.
var (
	notFoundCodes   = []string{"ParameterCenInstanceId"}
	deleteGoneCodes = []string{"ParameterBwpInstanceId"}
	// goneCodes: a call naming a plan that does not exist (the tag calls
	// answer InvalidResourceId.NotFound or InvalidInstanceIds.NotFound).
	goneCodes = []string{"ParameterBwpInstanceId", "InvalidResourceId.NotFound", "InvalidInstanceIds.NotFound"}
	busyCodes = []string{"InvalidStatus.Resource", "Operation.Blocking"}
	// InvalidOperation.BwpInstanceStatus: a delete while the plan is
	// Creating, Updating or Deleting (the API's metadata documents it).
	deleteBusyCodes = []string{"InvalidOperation.CenBandwidthLimitsNotZero", "Forbidden.Release", "InvalidStatus.Resource",
		"Operation.Blocking", "InvalidOperation.BwpInstanceStatus"}
)

// gone reports whether err, from a step of an update, means that the plan
// no longer exists: a not-found answer (Describe's empty list, a Modify's
// ParameterBwpInstanceId, a tag call's unknown resource) that a Describe of
// its own confirms. Anything else, a confused answer included, is not "gone".
func (r *bandwidthPackageResource) gone(ctx context.Context, id string, err error) bool {
	if !errors.Is(err, wait.ErrNotFound) && !apierrors.IsCode(err, goneCodes...) {
		return false
	}
	_, ferr := findBandwidthPackageNow(ctx, r.client, id)
	return errors.Is(ferr, wait.ErrNotFound)
}

// createRequest builds CreateCenBandwidthPackage from the plan. Every
// documented parameter goes on the wire, defaults included, so the plan
// bought does not depend on defaults the API might change.
func createRequest(ctx context.Context, m *bandwidthPackageModel, token string) (*cbn.CreateCenBandwidthPackageRequest, diag.Diagnostics) {
	request := cbn.CreateCreateCenBandwidthPackageRequest()
	request.ClientToken = token
	request.Bandwidth = requests.NewInteger64(m.Bandwidth.ValueInt64())
	request.GeographicRegionAId = m.GeographicRegionAID.ValueString()
	request.GeographicRegionBId = m.GeographicRegionBID.ValueString()
	request.Name = m.Name.ValueString()
	request.Description = m.Description.ValueString()
	request.ResourceGroupId = m.ResourceGroupID.ValueString()
	request.AutoPay = requests.NewBoolean(m.AutoPay.IsNull() || m.AutoPay.ValueBool())

	chargeType := m.ChargeType.ValueString()
	if chargeType == "" {
		chargeType = chargeTypePrepay
	}
	request.BandwidthPackageChargeType = chargeType
	if chargeType == chargeTypePrepay {
		period := int64(1)
		if !m.Period.IsNull() {
			period = m.Period.ValueInt64()
		}
		request.Period = requests.NewInteger64(period)
		request.PricingCycle = cycleMonth
		if !m.PricingCycle.IsNull() {
			request.PricingCycle = m.PricingCycle.ValueString()
		}
		if !m.AutoRenew.IsNull() {
			request.AutoRenew = requests.NewBoolean(m.AutoRenew.ValueBool())
		}
		if !m.AutoRenewDuration.IsNull() {
			request.AutoRenewDuration = requests.NewInteger64(m.AutoRenewDuration.ValueInt64())
		}
	}

	want, diags := tfvalue.StringMap(ctx, m.Tags)
	if len(want) > 0 {
		list := make([]cbn.CreateCenBandwidthPackageTag, 0, len(want))
		for _, k := range tags.SortedKeys(want) {
			list = append(list, cbn.CreateCenBandwidthPackageTag{Key: k, Value: want[k]})
		}
		request.Tag = &list
	}
	return request, diags
}

// createBandwidthPackage sends CreateCenBandwidthPackage; every retry carries
// the request's ClientToken, so the API runs it once.
func createBandwidthPackage(ctx context.Context, c *client.Client, request *cbn.CreateCenBandwidthPackageRequest) (*cbn.CreateCenBandwidthPackageResponse, error) {
	conn := c.CEN()
	var out *cbn.CreateCenBandwidthPackageResponse
	err := c.Do(ctx, request.GetActionName(), func() (err error) {
		out, err = conn.CreateCenBandwidthPackage(request)
		return err
	}, client.WithClientToken(request.ClientToken), client.RetryOn("Operation.Blocking"))
	return out, err
}

// modifySpec sets the plan's bandwidth (ModifyCenBandwidthPackageSpec).
func modifySpec(ctx context.Context, c *client.Client, id string, bandwidth int64) error {
	request := cbn.CreateModifyCenBandwidthPackageSpecRequest()
	request.CenBandwidthPackageId = id
	request.Bandwidth = requests.NewInteger64(bandwidth)
	conn := c.CEN()
	err := c.Do(ctx, request.GetActionName(), func() error {
		_, err := conn.ModifyCenBandwidthPackageSpec(request)
		return err
	}, client.RetryOn(busyCodes...), client.Persist())
	return specDone(ctx, c, id, bandwidth, err)
}

// specUnchangedCodes refuse a spec change to the bandwidth the plan already
// has (ModifyCenBandwidthPackageSpec documents both).
var specUnchangedCodes = []string{"Operation.Failed", "OperationFailed.UpDownRadeConfigNoChange"}

// specDone takes a refusal of an unchanged spec as success once Describe
// shows the plan with the bandwidth asked for: a retried call whose first
// answer was lost, after the first call made the change.
func specDone(ctx context.Context, c *client.Client, id string, bandwidth int64, err error) error {
	if !apierrors.IsCode(err, specUnchangedCodes...) {
		return err
	}
	if p, ferr := findBandwidthPackageNow(ctx, c, id); ferr == nil && p.Bandwidth == bandwidth {
		return nil
	}
	return err
}

// modifyAttribute sets the plan's name and description
// (ModifyCenBandwidthPackageAttribute). The API takes an empty value as not
// given (so "" is refused at plan time): only values go out.
func modifyAttribute(ctx context.Context, c *client.Client, id, name, description string) error {
	request := cbn.CreateModifyCenBandwidthPackageAttributeRequest()
	request.CenBandwidthPackageId = id
	request.Name = name
	request.Description = description
	conn := c.CEN()
	return c.Do(ctx, request.GetActionName(), func() error {
		_, err := conn.ModifyCenBandwidthPackageAttribute(request)
		return err
	}, client.RetryOn(busyCodes...), client.Persist())
}

// deleteBandwidthPackage releases the plan, retrying while its limits or
// attachments are still being removed. A busy answer costs one Describe: a
// plan still bound ends the delete at once with a *stillBoundError, since the
// API refuses to delete it and waiting would not unbind it (DESIGN.md,
// "CEN attachments").
func deleteBandwidthPackage(ctx context.Context, c *client.Client, id string) error {
	request := cbn.CreateDeleteCenBandwidthPackageRequest()
	request.CenBandwidthPackageId = id
	conn := c.CEN()
	return sendWhileBusy(ctx, c, request.GetActionName(), func() error {
		_, err := conn.DeleteCenBandwidthPackage(request)
		return err
	}, deleteBusyCodes, id, func(p *cbn.CenBandwidthPackage) (bool, error) {
		if len(p.CenIds.CenId) > 0 {
			return false, &stillBoundError{cenIDs: p.CenIds.CenId}
		}
		return false, nil
	})
}

// findBandwidthPackageByID describes one plan. It returns an error wrapping
// wait.ErrNotFound when the plan does not exist: an empty list, or
// ParameterCenInstanceId on some accounts. Concurrent finds share one
// Describe filtered on all their IDs (describeBatcher, below).
func findBandwidthPackageByID(ctx context.Context, c *client.Client, id string) (*cbn.CenBandwidthPackage, error) {
	return findBandwidthPackageBatched(ctx, c, id)
}

type pollerKey struct{}

// poller is the provider instance's one waiter for CEN plans: every wait
// (create, update, delete) registers its plan, and each poll describes all
// the plans waiting with one call per 25 (DESIGN.md, "API economy").
func poller(c *client.Client) *wait.Poller[*cbn.CenBandwidthPackage] {
	return c.Shared(pollerKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		p := wait.NewPoller(func(ctx context.Context, ids []string) (map[string]*cbn.CenBandwidthPackage, error) {
			return describeBandwidthPackages(ctx, c, ids)
		}, maxFilters*maxFilterValues)
		p.Transient = client.Transient
		return p
	}).(*wait.Poller[*cbn.CenBandwidthPackage])
}

// until runs the wait cfg on plan id through the poller.
func until(ctx context.Context, c *client.Client, id string, cfg wait.Config) (*cbn.CenBandwidthPackage, error) {
	obj, err := poller(c).Until(ctx, strings.ToLower(id), cfg, func(p *cbn.CenBandwidthPackage) string { return p.Status })
	p, _ := obj.(*cbn.CenBandwidthPackage)
	return p, err
}

// waitBandwidthPackageCreated waits until a plan just bought is Idle or
// InUse. Not found counts as not visible yet, until the deadline: an unpaid
// order, or a Describe that lags a new plan (DESIGN.md).
func waitBandwidthPackageCreated(ctx context.Context, c *client.Client, id string) (*cbn.CenBandwidthPackage, error) {
	return until(ctx, c, id, wait.Config{Target: readyStatuses, NotFoundChecks: wait.NotFoundAlways})
}

// waitBandwidthPackageVisible waits until Describe shows a plan bought by an
// apply that never saw it, whatever its status.
func waitBandwidthPackageVisible(ctx context.Context, c *client.Client, id string) (*cbn.CenBandwidthPackage, error) {
	return until(ctx, c, id, wait.Visible(nil))
}

// readyStatuses are the statuses of a usable plan (DESIGN.md, "API facts").
var readyStatuses = []string{statusIdle, statusInUse}

// waitBandwidthPackageUpdated waits until the plan is Idle or InUse and
// applied reports that Describe shows the change.
func waitBandwidthPackageUpdated(ctx context.Context, c *client.Client, id string, applied func(*cbn.CenBandwidthPackage) bool) (*cbn.CenBandwidthPackage, error) {
	return until(ctx, c, id, wait.Config{Target: readyStatuses, Applied: func(obj any) bool {
		p, ok := obj.(*cbn.CenBandwidthPackage)
		return ok && applied(p)
	}})
}

// waitBandwidthPackageDeleted waits until Describe no longer shows the plan.
func waitBandwidthPackageDeleted(ctx context.Context, c *client.Client, id string) error {
	_, err := until(ctx, c, id, wait.Config{NotFoundOK: true})
	return err
}

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

// findBandwidthPackageNow describes one plan with a call of its own: the
// proof that a plan an update step could not find is gone.
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
	// A call takes at most maxFilters filters of maxFilterValues values
	// each (DESIGN.md): the IDs go in filters of 5, ORed (IsOrKey), up to
	// 25 per call.
	const perCall = maxFilters * maxFilterValues
	for start := 0; start < len(ids); start += perCall {
		group := ids[start:min(start+perCall, len(ids))]
		if err := describeGroup(ctx, c, group, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// The most filters one DescribeCenBandwidthPackages call takes, and the most
// values one filter takes, as the API's metadata documents them.
const (
	maxFilters      = 5
	maxFilterValues = 5
)

// describeGroup describes up to maxFilters×maxFilterValues plans, every
// page, into out.
func describeGroup(ctx context.Context, c *client.Client, ids []string, out map[string]*cbn.CenBandwidthPackage) error {
	var filters []cbn.DescribeCenBandwidthPackagesFilter
	for start := 0; start < len(ids); start += maxFilterValues {
		values := append([]string(nil), ids[start:min(start+maxFilterValues, len(ids))]...)
		filters = append(filters, cbn.DescribeCenBandwidthPackagesFilter{Key: "CenBandwidthPackageId", Value: &values})
	}
	for page := 1; ; page++ {
		request := cbn.CreateDescribeCenBandwidthPackagesRequest()
		request.Filter = &filters
		if len(filters) > 1 {
			request.IsOrKey = requests.NewBoolean(true)
		}
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
			return err
		}
		list := resp.CenBandwidthPackages.CenBandwidthPackage
		for i := range list {
			out[strings.ToLower(list[i].CenBandwidthPackageId)] = &list[i]
		}
		// Stop on a short page, when every plan is read, or on a page that
		// adds nothing (a TotalCount that never comes true).
		if len(list) < describePageSize || page*describePageSize >= resp.TotalCount || len(list) == 0 {
			return nil
		}
	}
}
