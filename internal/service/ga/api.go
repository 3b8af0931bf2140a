package ga

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	// resourceType names a bandwidth plan in tag and resource-group calls.
	resourceType = "bandwidthpackage"

	// codeNotExist is the API's answer for a plan that does not exist.
	codeNotExist = "NotExist.BandwidthPackage"

	// notFoundChecks tolerates Describe not finding a plan just created.
	notFoundChecks = 5
)

var (
	// readyStates: a plan attached to an accelerator is "binded" and as usable as "active".
	readyStates = []string{"active", "binded"}
	// stuckStates do not pass by waiting: finacialLocked (the API's
	// spelling) and locked. Every other state, init, updating, binding,
	// unbinding and any the API adds, is waited through.
	stuckStates = []string{"finacialLocked", "locked"}

	// updateBusyCodes: UpdateBandwidthPackage answers these while the plan is
	// settling after create or busy with another change; they pass by waiting.
	// NotExist.BandwidthPackage just after create is handled by onPlan.
	updateBusyCodes = []string{"StateError.BandwidthPackage",
		"StateError.Accelerator", "UpgradeError.BandwidthPackage"}
	// renewBusyCodes: the auto-renew attribute is refused while the plan is busy.
	renewBusyCodes = []string{"StateError.BandwidthPackage", "StateError.Accelerator"}
	// BindExist.BandwidthPackage is not busy: deleteBound tells it apart (bindings.go).
	deleteBusyCodes = []string{"StateError.BandwidthPackage"}
)

// createRequest builds CreateBandwidthPackage from a plan whose purchase
// defaults are resolved. Every documented parameter reaches the wire: those
// the typed request lacks go on its query string.
func createRequest(ctx context.Context, plan *bandwidthPackageModel, token string) (*gasdk.CreateBandwidthPackageRequest, diag.Diagnostics) {
	request := gasdk.CreateCreateBandwidthPackageRequest()
	request.RegionId = client.GARegion
	request.ClientToken = token
	request.Bandwidth = requests.NewInteger(int(plan.Bandwidth.ValueInt64()))
	request.Type = plan.Type.ValueString()
	request.BandwidthType = plan.BandwidthType.ValueString()
	request.ChargeType = plan.ChargeType.ValueString()
	if known(plan.Duration) {
		request.Duration = strconv.FormatInt(plan.Duration.ValueInt64(), 10)
	}
	request.PricingCycle = plan.PricingCycle.ValueString()
	request.AutoPay = requests.NewBoolean(plan.AutoPay.ValueBool())
	if known(plan.AutoUseCoupon) {
		request.AutoUseCoupon = strconv.FormatBool(plan.AutoUseCoupon.ValueBool())
	}
	// Any spelling the user wrote goes out as the documented one.
	if b := plan.BillingType.ValueString(); b != "" {
		request.BillingType = enumcase.Canonical(b, billingTypes)
	}
	if known(plan.Ratio) {
		request.Ratio = requests.NewInteger(int(plan.Ratio.ValueInt64()))
	}
	request.CbnGeographicRegionIdA = plan.CbnGeographicRegionIDA.ValueString()
	request.CbnGeographicRegionIdB = plan.CbnGeographicRegionIDB.ValueString()
	request.PromotionOptionNo = plan.PromotionOptionNo.ValueString()
	request.QueryParams["AutoRenew"] = strconv.FormatBool(plan.AutoRenew.ValueBool())
	if plan.AutoRenew.ValueBool() && known(plan.AutoRenewDuration) {
		request.QueryParams["AutoRenewDuration"] = strconv.FormatInt(plan.AutoRenewDuration.ValueInt64(), 10)
	}
	if s := plan.ResourceGroupID.ValueString(); s != "" {
		request.QueryParams["ResourceGroupId"] = s
	}
	want, d := tfvalue.StringMap(ctx, plan.Tags)
	for k, v := range tags.QueryParams(want) {
		request.QueryParams[k] = v
	}
	return request, d
}

// createBandwidthPackage sends CreateBandwidthPackage; every retry carries
// the request's ClientToken, so the API runs it once.
func createBandwidthPackage(ctx context.Context, c *client.Client, request *gasdk.CreateBandwidthPackageRequest) (*gasdk.CreateBandwidthPackageResponse, error) {
	var response *gasdk.CreateBandwidthPackageResponse
	err := c.Do(ctx, "CreateBandwidthPackage", func() (err error) {
		response, err = c.GA().CreateBandwidthPackage(request)
		return err
	}, client.WithClientToken(request.ClientToken))
	return response, err
}

// refresh reads the plan into m (fromAnswer). A plan that is gone yields an
// error wrapping wait.ErrNotFound. Parallel refreshes share their calls.
func refresh(ctx context.Context, c *client.Client, m *bandwidthPackageModel) error {
	bp, err := findBandwidthPackageByID(ctx, c, m.ID.ValueString())
	if err != nil {
		return err
	}
	*m, err = fromAnswer(ctx, c, *m, bp)
	return err
}

// fromAnswer maps a plan the API answered onto prior, with the calls that
// answer lacks and nothing more: the auto-renew settings of a subscription
// only (a pay-as-you-go plan has none), and the tags only when the answer
// does not carry them (an older API version).
func fromAnswer(ctx context.Context, c *client.Client, prior bandwidthPackageModel, bp *bandwidthPackage) (bandwidthPackageModel, error) {
	id := bp.BandwidthPackageId
	renew := &autoRenewAttribute{}
	if strings.EqualFold(bp.ChargeType, chargePrepay) {
		var err error
		if renew, err = findAutoRenewAttribute(ctx, c, id); err != nil {
			return prior, err
		}
	}
	var have map[string]string
	if bp.Tags != nil {
		have = tags.FromList(*bp.Tags, func(t listedTag) (string, string) { return t.Key, t.Value })
	} else {
		var err error
		if have, err = tagReader(c).Get(ctx, id); err != nil {
			return prior, err
		}
	}
	return modelFromAPI(prior, bp, renew, have), nil
}

// updateRequest starts an UpdateBandwidthPackage of plan id; the caller
// sets what changes.
func updateRequest(id string) *gasdk.UpdateBandwidthPackageRequest {
	request := gasdk.CreateUpdateBandwidthPackageRequest()
	request.RegionId = client.GARegion
	request.BandwidthPackageId = id
	return request
}

// updateRequestFor builds the UpdateBandwidthPackage that moves the plan
// from state to plan: bandwidth, bandwidth type, name and description.
// followUp sends the name and description a create could not set whatever
// state says. changed is false when there is nothing to send.
func updateRequestFor(id string, plan, state *bandwidthPackageModel, followUp bool) (update *gasdk.UpdateBandwidthPackageRequest, changed bool) {
	update = updateRequest(id)
	if !plan.Bandwidth.Equal(state.Bandwidth) {
		update.Bandwidth = requests.NewInteger(int(plan.Bandwidth.ValueInt64()))
		// A larger subscription is a purchase: pay it as the plan's purchase options say.
		update.AutoPay = requests.NewBoolean(plan.AutoPay.IsNull() || plan.AutoPay.ValueBool())
		if !plan.AutoUseCoupon.IsNull() {
			update.AutoUseCoupon = requests.NewBoolean(plan.AutoUseCoupon.ValueBool())
		}
		update.PromotionOptionNo = plan.PromotionOptionNo.ValueString()
		changed = true
	}
	if known(plan.BandwidthType) && !plan.BandwidthType.Equal(state.BandwidthType) {
		update.BandwidthType = plan.BandwidthType.ValueString()
		changed = true
	}
	if known(plan.Name) && (followUp || !plan.Name.Equal(state.Name)) {
		update.Name = plan.Name.ValueString()
		changed = true
	}
	if known(plan.Description) && (followUp || !plan.Description.Equal(state.Description)) {
		update.Description = plan.Description.ValueString()
		changed = true
	}
	return update, changed
}

// notInEffect explains a bandwidth change that Describe does not show after
// UpdateBandwidthPackage: a larger subscription is a purchase, whose order
// awaits payment when auto_pay is false (unpaid).
func notInEffect(id string, got, want int64, unpaid bool) string {
	detail := fmt.Sprintf("GA bandwidth plan %s still has %d Mbit/s after the change to %d Mbit/s, and state says so. ", id, got, want)
	if unpaid {
		return detail + "A larger subscription is a purchase, and with auto_pay = false its order awaits payment: pay it in " +
			"the Order Center of the Alibaba Cloud console, and the next refresh shows the new bandwidth (the plan is " +
			"then empty). Applying again before paying places the order again."
	}
	return detail + "Run terraform apply again; if it persists, check the plan in the console."
}

// updateBandwidthPackage sends UpdateBandwidthPackage and waits for the plan
// to settle; it returns the plan as the wait last saw it.
func updateBandwidthPackage(ctx context.Context, c *client.Client, request *gasdk.UpdateBandwidthPackageRequest) (*bandwidthPackage, error) {
	if err := sendUpdate(ctx, c, request); err != nil {
		return nil, err
	}
	return waitBandwidthPackageUpdated(ctx, c, request.BandwidthPackageId)
}

// sendUpdate sends UpdateBandwidthPackage, retrying while the plan is busy.
func sendUpdate(ctx context.Context, c *client.Client, request *gasdk.UpdateBandwidthPackageRequest) error {
	return onPlan(ctx, c, request.BandwidthPackageId, func() error {
		return c.Do(ctx, "UpdateBandwidthPackage", func() error {
			_, err := c.GA().UpdateBandwidthPackage(request)
			return err
		}, client.RetryOn(updateBusyCodes...), client.Persist())
	})
}

// setNameAndDescription sends the name and description that
// CreateBandwidthPackage does not take, once the plan is active. It does not
// wait: a new name changes nothing the plan does, and any later call that
// finds the plan still busy with it waits then (updateBusyCodes,
// deleteBusyCodes).
func setNameAndDescription(ctx context.Context, c *client.Client, id, name, description string) error {
	update := updateRequest(id)
	update.Name = name
	update.Description = description
	return sendUpdate(ctx, c, update)
}

// setAutoRenew turns automatic renewal on, for months at a time, or off
// (UpdateBandwidthPackagaAutoRenewAttribute, the API's spelling).
func setAutoRenew(ctx context.Context, c *client.Client, id string, on bool, months int64) error {
	token := client.NewClientToken()
	params := map[string]string{"InstanceId": id, "AutoRenew": strconv.FormatBool(on),
		"RenewalStatus": renewalOff, "ClientToken": token}
	if on {
		params["RenewalStatus"] = renewalAuto
		params["AutoRenewDuration"] = strconv.FormatInt(months, 10)
	}
	return onPlan(ctx, c, id, func() error {
		_, err := c.CommonGA(ctx, "UpdateBandwidthPackagaAutoRenewAttribute", params,
			client.WithClientToken(token), client.RetryOn(updateBusyCodes...), client.Persist())
		return err
	})
}

// changeResourceGroup moves the plan to resource group rg.
func changeResourceGroup(ctx context.Context, c *client.Client, id, rg string) error {
	token := client.NewClientToken()
	params := map[string]string{"ResourceId": id, "ResourceType": resourceType,
		"NewResourceGroupId": rg, "ClientToken": token}
	return onPlan(ctx, c, id, func() error {
		_, err := c.CommonGA(ctx, "ChangeResourceGroup", params,
			client.WithClientToken(token), client.RetryOn(updateBusyCodes...), client.Persist())
		return err
	})
}

// stopRenewal sets a subscription to lapse at its expiry (NotRenewal): the
// API releases none before then.
func stopRenewal(ctx context.Context, c *client.Client, id string) error {
	token := client.NewClientToken()
	params := map[string]string{"InstanceId": id, "AutoRenew": "false", "RenewalStatus": renewalNone, "ClientToken": token}
	_, err := c.CommonGA(ctx, "UpdateBandwidthPackagaAutoRenewAttribute", params,
		client.WithClientToken(token), client.RetryOn(renewBusyCodes...), client.Persist())
	return err
}

// deleteBandwidthPackage releases the plan, retrying while it is still bound
// or changing.
func deleteBandwidthPackage(ctx context.Context, c *client.Client, id string) error {
	request := gasdk.CreateDeleteBandwidthPackageRequest()
	request.RegionId = client.GARegion
	request.BandwidthPackageId = id
	token := client.NewClientToken()
	request.ClientToken = token
	err := c.Do(ctx, "DeleteBandwidthPackage", func() error {
		_, err := c.GA().DeleteBandwidthPackage(request)
		return err
	}, client.WithClientToken(token), client.RetryOn(deleteBusyCodes...), client.Persist())
	if err == nil {
		reader(c).releasedPlan(id)
	}
	return err
}

// onPlan runs call, which names plan id. NotExist.BandwidthPackage can come
// just after create while Describe already shows the plan (DESIGN.md, "API facts"): it
// is retried while Describe shows it. Once Describe no longer finds the plan,
// it is gone: onPlan returns at once, wrapping wait.ErrNotFound, instead of
// retrying until the timeout.
func onPlan(ctx context.Context, c *client.Client, id string, call func() error) error {
	for {
		err := call()
		if !apierrors.IsCode(err, codeNotExist) {
			return err
		}
		if _, ferr := findBandwidthPackageByID(ctx, c, id); ferr != nil {
			if errors.Is(ferr, wait.ErrNotFound) {
				return ferr
			}
			return err
		}
		if wait.Sleep(ctx, time.Second) != nil {
			return err
		}
	}
}

// findBandwidthPackageByID reads one plan; a plan that does not exist
// yields an error wrapping wait.ErrNotFound. Concurrent finds share their
// calls (readBatcher, below).
func findBandwidthPackageByID(ctx context.Context, c *client.Client, id string) (*bandwidthPackage, error) {
	bp, err := readBatcher(c).Get(ctx, strings.ToLower(id))
	if errors.Is(err, batch.ErrNotFound) {
		return nil, fmt.Errorf("GA bandwidth plan %s: %w", id, wait.ErrNotFound)
	}
	return bp, err
}

// describeBandwidthPackage describes one plan with a call of its own; a
// plan that does not exist yields an error wrapping wait.ErrNotFound.
func describeBandwidthPackage(ctx context.Context, c *client.Client, id string) (*bandwidthPackage, error) {
	request := gasdk.CreateDescribeBandwidthPackageRequest()
	request.RegionId = client.GARegion
	request.BandwidthPackageId = id
	var response *gasdk.DescribeBandwidthPackageResponse
	err := c.Do(ctx, "DescribeBandwidthPackage", func() (err error) {
		response, err = c.GA().DescribeBandwidthPackage(request)
		if err == nil && response.BandwidthPackageId == "" {
			// A 200 without the plan is no answer at all, never "gone":
			// only NotExist.BandwidthPackage says that. Retried.
			return apierrors.NewAPIError(apierrors.CodeBadAnswer,
				"DescribeBandwidthPackage answered without a BandwidthPackageId", response.RequestId, response.GetHttpStatus(), nil)
		}
		return err
	}, client.Persist())
	if apierrors.IsCode(err, codeNotExist) {
		return nil, fmt.Errorf("GA bandwidth plan %s: %w (%v)", id, wait.ErrNotFound, err)
	}
	if err != nil {
		return nil, err
	}
	// State must never take another plan's values (or ID) from a confused answer.
	if !strings.EqualFold(response.BandwidthPackageId, id) {
		return nil, fmt.Errorf("GA bandwidth plan %s: DescribeBandwidthPackage answered for plan %s (RequestId %s)",
			id, response.BandwidthPackageId, response.RequestId)
	}
	bp := &bandwidthPackage{BandwidthPackage: planOf(response)}
	var extra struct {
		ResourceGroupId string       `json:"ResourceGroupId"`
		Tags            *[]listedTag `json:"Tags"`
	}
	if body := response.GetHttpContentBytes(); len(body) > 0 {
		// Best effort: older API versions answer neither; the resource
		// group then keeps its value and tags are read with ListTagResources.
		if json.Unmarshal(body, &extra) == nil {
			bp.ResourceGroupId, bp.Tags = extra.ResourceGroupId, extra.Tags
		}
	}
	return bp, nil
}

// planOf is Describe's answer in the shape ListBandwidthPackages lists a
// plan in, the one shape modelFromAPI reads. It copies every field.
func planOf(r *gasdk.DescribeBandwidthPackageResponse) gasdk.BandwidthPackage {
	return gasdk.BandwidthPackage{
		BandwidthPackageId: r.BandwidthPackageId, Name: r.Name, Description: r.Description, State: r.State,
		Bandwidth: r.Bandwidth, Type: r.Type, BandwidthType: r.BandwidthType, ChargeType: r.ChargeType,
		BillingType: r.BillingType, Ratio: r.Ratio, CbnGeographicRegionIdA: r.CbnGeographicRegionIdA,
		CbnGeographicRegionIdB: r.CbnGeographicRegionIdB, RegionId: r.RegionId, CreateTime: r.CreateTime,
		ExpiredTime: r.ExpiredTime, Accelerators: r.Accelerators,
	}
}

// until runs the wait cfg on plan id through the provider instance's one
// GA poller (planReader.fetch: DescribeBandwidthPackage when one plan
// waits, ListBandwidthPackages pages when several do).
func until(ctx context.Context, c *client.Client, id string, cfg wait.Config) (*bandwidthPackage, error) {
	obj, err := poller(c).Until(ctx, strings.ToLower(id), cfg, func(bp *bandwidthPackage) string { return bp.State })
	bp, _ := obj.(*bandwidthPackage)
	return bp, err
}

// waitBandwidthPackageCreated waits until a plan just bought is active.
// Not found counts as not visible yet, until the deadline: an unpaid order,
// or a Describe that lags a new plan (DESIGN.md).
func waitBandwidthPackageCreated(ctx context.Context, c *client.Client, id string) (*bandwidthPackage, error) {
	return until(ctx, c, id, wait.Config{Target: readyStates, Fail: stuckStates, NotFoundChecks: wait.NotFoundAlways})
}

// waitBandwidthPackageVisible waits until Describe shows a plan bought by an
// apply that never saw it, whatever its state.
func waitBandwidthPackageVisible(ctx context.Context, c *client.Client, id string) (*bandwidthPackage, error) {
	return until(ctx, c, id, wait.Visible(nil))
}

// waitBandwidthPackageUpdated waits through updating back to active.
func waitBandwidthPackageUpdated(ctx context.Context, c *client.Client, id string) (*bandwidthPackage, error) {
	return until(ctx, c, id, wait.Config{Target: readyStates, Fail: stuckStates, NotFoundChecks: notFoundChecks})
}

// waitBandwidthPackageDeleted waits until Describe no longer finds the plan.
func waitBandwidthPackageDeleted(ctx context.Context, c *client.Client, id string) error {
	_, err := until(ctx, c, id, wait.Config{NotFoundOK: true})
	return err
}

func findAutoRenewAttribute(ctx context.Context, c *client.Client, id string) (*autoRenewAttribute, error) {
	body, err := c.CommonGA(ctx, "DescribeBandwidthPackageAutoRenewAttribute", map[string]string{"InstanceId": id}, client.Persist())
	if apierrors.IsCode(err, codeNotExist) {
		return nil, fmt.Errorf("GA bandwidth plan %s: %w (%v)", id, wait.ErrNotFound, err)
	}
	if err != nil {
		return nil, err
	}
	var a autoRenewAttribute
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("decoding DescribeBandwidthPackageAutoRenewAttribute: %w", err)
	}
	return &a, nil
}
