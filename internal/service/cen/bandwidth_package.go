// Package cen holds the CEN (Cbn 2017-09-12) resources.
package cen

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/diagnostics"
	"github.com/bwplan/terraform-provider-aliyun/internal/enumcase"
	"github.com/bwplan/terraform-provider-aliyun/internal/importid"
	"github.com/bwplan/terraform-provider-aliyun/internal/planmodifiers"
	"github.com/bwplan/terraform-provider-aliyun/internal/providerdata"
	"github.com/bwplan/terraform-provider-aliyun/internal/purchase"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/tfvalue"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                     = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithConfigure        = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithConfigValidators = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithImportState      = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*bandwidthPackageResource)(nil)
)

// NewBandwidthPackageResource returns the aliyun_cen_bandwidth_package resource.
func NewBandwidthPackageResource() resource.Resource { return &bandwidthPackageResource{} }

type bandwidthPackageResource struct {
	client *client.Client
}

func (r *bandwidthPackageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cen_bandwidth_package"
}

func (r *bandwidthPackageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if c := providerdata.Client(req.ProviderData, &resp.Diagnostics); c != nil {
		r.client = c
	}
}

func (r *bandwidthPackageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = bandwidthPackageSchema(ctx)
}

func bandwidthPackageSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A CEN bandwidth plan (`CreateCenBandwidthPackage`): bandwidth bought between two areas " +
			"for traffic between regions. Destroying a subscription (`PREPAY`) plan before it expires only removes it " +
			"from state, because the API cannot release it. Create, update and delete each time out after 10 minutes " +
			"unless `timeouts` says otherwise.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The ID of the bandwidth plan (`cenbwp-...`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"bandwidth": schema.Int64Attribute{
				Required:            true,
				MarkdownDescription: "Maximum bandwidth in Mbit/s, 2 to 10000. Changed in place (`ModifyCenBandwidthPackageSpec`).",
				Validators:          bandwidthValidators(),
			},
			"geographic_region_a_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Area A: one of `China`, `North-America`, `Asia-Pacific`, `Europe`, `Australia`, " +
					"`Middle-East` (any letter case). A change other than of case replaces the plan.",
				Validators:    areaValidators(),
				PlanModifiers: []planmodifier.String{planmodifiers.ReplaceString(enumcase.RequiresReplace(), subscription)},
			},
			"geographic_region_b_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Area B: one of `China`, `North-America`, `Asia-Pacific`, `Europe`, `Australia`, " +
					"`Middle-East` (any letter case). A change other than of case replaces the plan.",
				Validators:    areaValidators(),
				PlanModifiers: []planmodifier.String{planmodifiers.ReplaceString(enumcase.RequiresReplace(), subscription)},
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Name: 1 to 128 characters, not starting with `http://` or `https://`. " +
					"Changed in place (`ModifyCenBandwidthPackageAttribute`). `\"\"` is refused: the API treats an empty " +
					"Name as not given, so it cannot clear a name; left out, the plan's current name is kept.",
				Validators:    nameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"description": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Description: 1 to 256 characters, not starting with `http://` or `https://`. " +
					"Changed in place (`ModifyCenBandwidthPackageAttribute`). `\"\"` is refused: the API treats an empty " +
					"Description as not given, so it cannot clear one; left out, the plan's current description is kept.",
				Validators:    descriptionValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"charge_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Billing method: `PREPAY` (subscription) or `POSTPAY` (pay-as-you-go). " +
					"Defaults to `PREPAY`, as the API does, when the plan is created; left out later, it keeps the " +
					"plan's method. The Alibaba Cloud international site sells only `PREPAY`. A change replaces the plan.",
				Validators: chargeTypeValidators(),
				PlanModifiers: []planmodifier.String{
					planmodifiers.DefaultOnCreate(chargeTypePrepay),
					stringplanmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceString(stringplanmodifier.RequiresReplace(), subscription),
				},
			},
			"period": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Subscription length in `pricing_cycle` units: 1, 2, 3 or 6 months, or 1 to 3 years; " +
					"1 when left out. Only with `charge_type = \"PREPAY\"`. Used only at purchase.",
				Validators:    periodValidators(),
				PlanModifiers: []planmodifier.Int64{planmodifiers.PurchaseOnly()},
			},
			"pricing_cycle": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Unit of `period`: `Month` (the default) or `Year`. Only with " +
					"`charge_type = \"PREPAY\"`. Used only at purchase.",
				Validators:    pricingCycleValidators(),
				PlanModifiers: []planmodifier.String{planmodifiers.PurchaseOnly()},
			},
			"auto_pay": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Pay the order at once; `true` when left out. With `false` the plan is created " +
					"only after the order is paid in the console's Order Hub, within the create timeout. Used only at purchase.",
				PlanModifiers: []planmodifier.Bool{planmodifiers.PurchaseOnly()},
			},
			"auto_renew": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Renew the subscription automatically. Only with `charge_type = \"PREPAY\"`. " +
					"Used only at purchase.",
				PlanModifiers: []planmodifier.Bool{planmodifiers.PurchaseOnly()},
			},
			"auto_renew_duration": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Months added by each automatic renewal, 0 to 2147483647; the API uses 1 when " +
					"left out. Only with `charge_type = \"PREPAY\"`. Used only at purchase.",
				Validators:    autoRenewDurationValidators(),
				PlanModifiers: []planmodifier.Int64{planmodifiers.PurchaseOnly()},
			},
			"resource_group_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Resource group of the plan; the account's default group when left out. " +
					"A change replaces the plan (the CEN API has no call to move it).",
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceString(stringplanmodifier.RequiresReplace(), subscription),
				},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags: at most 20; keys 1 to 64 characters, values 1 to 128 (CEN takes no empty value); " +
					"neither may start with `aliyun` or `acs:` nor contain `http://` or `https://`. Changed in place " +
					"(`TagResources`, `UntagResources`).",
				Validators: tagsValidators(),
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "State of the plan: `Creating`, `Updating`, `Idle` (not attached), `InUse` or `Deleting`.",
			},
			"business_status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Billing state: `Normal`, or a locked state such as `FinancialLocked`.",
			},
			"expired_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When a subscription plan expires, as the API reports it.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"creation_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the plan was created, as the API reports it.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"order_id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "ID of the purchase order. Known only to the apply that bought the plan " +
					"(Describe does not return it), so null after import.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"is_cross_border": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the plan connects the Chinese mainland with another area.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"cen_ids": schema.SetAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "CEN instances the plan is bound to (`aliyun_cen_bandwidth_package_attachment`), as Describe " +
					"reports them; empty when it is bound to none. A binding made or removed elsewhere shows here on refresh, " +
					"never as a change to apply.",
				// Bindings change only through attachments, which never touch the
				// plan: its own plans keep the last value read (a refresh updates it).
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// hasAttribute lets the error table attach a diagnostic to an attribute this resource has.
var hasAttribute = apierrors.InSchema(bandwidthPackageSchema(context.Background()).Attributes)

func (r *bandwidthPackageResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{prepayOnly, periodByCycle}
}

// ModifyPlan runs the plan-time steps of "Never buy twice" (DESIGN.md): a
// warning before a subscription is destroyed, and an unfinished purchase
// planned as an update in place that resumes it. Each attribute's own plan,
// and the warning of a replacement, are its plan modifiers' business.
func (r *bandwidthPackageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state bandwidthPackageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planmodifiers.PlanBought(ctx, req, resp, state.bought(ctx))
}

func (r *bandwidthPackageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bandwidthPackageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	what := plan.what("creating")
	// One token per create: every retry of this create carries it, so a
	// retried call whose first answer was lost cannot buy a second plan.
	token := client.NewClientToken()
	request, diags := createRequest(ctx, &plan, token)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	out, err := createBandwidthPackage(ctx, r.client, request)
	if err != nil {
		if purchase.MayHaveBought(err) {
			purchase.AddLostAnswer(&resp.Diagnostics, what, err, token,
				"the data source aliyun_cen_bandwidth_packages (filter on name_regex or the areas) lists the account's plans",
				"terraform import aliyun_cen_bandwidth_package.<name> cenbwp-...")
			return
		}
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}

	// Bought: from here on nothing fails the create (package purchase).
	plan.ID = types.StringValue(out.CenBandwidthPackageId)
	plan.OrderID = tfvalue.NullIfEmpty(out.CenBandwidthPackageOrderId)
	p, err := waitBandwidthPackageCreated(ctx, r.client, plan.ID.ValueString())
	if err != nil {
		pending := &purchase.Pending{Reason: purchase.Reason(ctx, err, timeout)}
		if last, seen, ok := wait.Last[*cbn.CenBandwidthPackage](err); ok {
			p, pending.Seen = last, seen
		}
		if !pending.Seen && !plan.AutoPay.IsNull() && !plan.AutoPay.ValueBool() {
			pending.Reason += purchase.UnpaidHint(plan.OrderID.ValueString())
		}
		if p != nil {
			tfvalue.FillUnknown(&plan, modelFromAPI(plan, p))
		}
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		resp.Diagnostics.Append(purchase.NullUnknowns(&resp.State)...)
		resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, pending)...)
		purchase.AddUnfinished(&resp.Diagnostics, what, "CEN bandwidth plan "+plan.ID.ValueString(),
			plan.OrderID.ValueString(), pending.Reason, resumeTodo)
		return
	}
	plan = modelFromAPI(plan, p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// subscription is how a CEN subscription plan behaves when it is replaced.
var subscription = planmodifiers.Subscription{Product: "CEN", DestroyDoes: "removes it from state"}

// resumeTodo is what an apply that resumes an unfinished CEN purchase does.
const resumeTodo = "waits until the plan is Idle or InUse, then applies any change the configuration asks for"

func (r *bandwidthPackageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bandwidthPackageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pending, diags := purchase.Get(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, err := findBandwidthPackageByID(ctx, r.client, state.ID.ValueString())
	if errors.Is(err, wait.ErrNotFound) {
		if pending != nil && !pending.Seen {
			// Bought but not visible yet (an unpaid order, a Describe that
			// lags a new plan): not gone. The next apply resumes it.
			return
		}
		resp.Diagnostics.AddWarning("CEN bandwidth plan not found",
			fmt.Sprintf("Bandwidth plan %s no longer exists (deleted outside Terraform, or expired); it is removed from state "+
				"and the next plan offers to create it again.", state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, state.what("reading"), err, hasAttribute)
		return
	}
	state = modelFromAPI(state, p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if pending != nil {
		// Seen now. The record stays until an apply finishes the plan, so
		// the plan always shows that apply, whatever the refresh timing.
		pending.Seen = true
		resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, pending)...)
	}
}

func (r *bandwidthPackageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state bandwidthPackageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	what := state.what("updating")

	// fail reports err of one step of the update; a plan deleted outside
	// Terraform gets its own diagnostic at once instead of retries.
	fail := func(step string, err error) {
		if r.gone(ctx, id, err) {
			diagnostics.AddGone(&resp.Diagnostics, what, id)
			return
		}
		if _, ok := apierrors.From(err); ok {
			apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
			return
		}
		resp.Diagnostics.AddError(what+": "+step, err.Error())
	}

	pending, diags := purchase.Get(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if pending != nil {
		// An earlier apply bought the plan and stopped before it was ready.
		if _, err := waitBandwidthPackageCreated(ctx, r.client, id); err != nil {
			pending.Reason = purchase.Reason(ctx, err, timeout)
			if !pending.Seen && !plan.AutoPay.IsNull() && !plan.AutoPay.ValueBool() {
				pending.Reason += purchase.UnpaidHint(state.OrderID.ValueString())
			}
			resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, pending)...)
			resp.Diagnostics.AddError(what+": the plan is still not ready",
				fmt.Sprintf("Bandwidth plan %s, bought by an earlier apply, did not become Idle or InUse: %s. It stays in state; "+
					"run terraform apply again to keep waiting, or raise timeouts.update.", id, pending.Reason))
			return
		}
	}

	if !plan.Bandwidth.Equal(state.Bandwidth) {
		if err := modifySpec(ctx, r.client, id, plan.Bandwidth.ValueInt64()); err != nil {
			fail("", err)
			return
		}
		want := plan.Bandwidth.ValueInt64()
		if _, err := waitBandwidthPackageUpdated(ctx, r.client, id, func(p *cbn.CenBandwidthPackage) bool {
			return p.Bandwidth == want
		}); err != nil {
			fail("waiting for the new bandwidth", err)
			return
		}
	}

	if !plan.Name.Equal(state.Name) || !plan.Description.Equal(state.Description) {
		if err := modifyAttribute(ctx, r.client, id, plan.Name.ValueString(), plan.Description.ValueString()); err != nil {
			fail("", err)
			return
		}
		name, desc := plan.Name.ValueString(), plan.Description.ValueString()
		// Null (left out) keeps the current value: nothing to wait for.
		if _, err := waitBandwidthPackageUpdated(ctx, r.client, id, func(p *cbn.CenBandwidthPackage) bool {
			return (name == "" || p.Name == name) && (desc == "" || p.Description == desc)
		}); err != nil {
			fail("waiting for the new name and description", err)
			return
		}
	}

	if !plan.Tags.Equal(state.Tags) {
		want, d := tfvalue.StringMap(ctx, plan.Tags)
		resp.Diagnostics.Append(d...)
		have, d := tfvalue.StringMap(ctx, state.Tags)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := tags.Sync(ctx, cenTags{r.client}, id, have, want); err != nil {
			step := ""
			if errors.As(err, new(*tags.WaitError)) {
				step = "waiting for the new tags"
			}
			fail(step, err)
			return
		}
	}

	// Purchase options and a change of area case need no call: the plan's
	// values are simply recorded. Computed values come from one last Describe.
	p, err := findBandwidthPackageByID(ctx, r.client, id)
	if err != nil {
		fail("reading it back", err)
		return
	}
	// State records what was applied: only what the plan left unknown
	// (status) comes from Describe; the next Read reports anything else
	// that moved meanwhile, such as an expiry extended by auto-renewal.
	tfvalue.FillUnknown(&plan, modelFromAPI(plan, p))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(purchase.KeepPriorForUnknown(&resp.State, req.State)...)
	resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, nil)...)
}

func (r *bandwidthPackageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bandwidthPackageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	what := state.what("deleting")
	p, found, err := purchase.FindToDelete(ctx, &resp.Diagnostics, req.Private, state.AutoPay, what,
		"CEN bandwidth plan "+id, state.OrderID.ValueString(),
		func() (*cbn.CenBandwidthPackage, bool) {
			// A pay-as-you-go plan needs no read before its delete call:
			// one already gone answers that call itself.
			return &cbn.CenBandwidthPackage{CenBandwidthPackageId: id, BandwidthPackageChargeType: chargeTypePostpay}, state.ChargeType.ValueString() == chargeTypePostpay
		},
		func(ctx context.Context) (*cbn.CenBandwidthPackage, error) {
			return findBandwidthPackageByID(ctx, r.client, id)
		},
		func(ctx context.Context) (*cbn.CenBandwidthPackage, error) {
			return waitBandwidthPackageVisible(ctx, r.client, id)
		})
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}
	if !found {
		return
	}
	if p.BandwidthPackageChargeType == chargeTypePrepay && !apitime.Expired(p.ExpiredTime, time.Now()) {
		// The API refuses to release it; ModifyPlan warned at plan time.
		tflog.Info(ctx, "subscription plan not released before expiry, removed from state", map[string]any{"id": id, "expired_time": p.ExpiredTime})
		return
	}

	if len(p.CenIds.CenId) > 0 {
		// The API refuses to delete a bound plan; waiting would not unbind
		// it. (A pay-as-you-go plan is not read first: its delete call's
		// refusal tells, in deleteBandwidthPackage.)
		addStillBound(&resp.Diagnostics, what, id, p.CenIds.CenId)
		return
	}

	err = deleteBandwidthPackage(ctx, r.client, id)
	if apierrors.IsCode(err, deleteGoneCodes...) {
		return
	}
	if bound := (*stillBoundError)(nil); errors.As(err, &bound) {
		addStillBound(&resp.Diagnostics, what, id, bound.cenIDs)
		return
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}
	if err := waitBandwidthPackageDeleted(ctx, r.client, id); err != nil {
		resp.Diagnostics.AddError(what+": waiting until it is gone", err.Error())
	}
}

// stillBoundError: the delete was refused because the plan is bound to cenIDs.
type stillBoundError struct{ cenIDs []string }

func (e *stillBoundError) Error() string {
	return "the bandwidth plan is still bound to CEN instance " + strings.Join(e.cenIDs, ", ")
}

// addStillBound reports a Delete refused because the plan is still bound to
// CEN instances: nothing was changed and the plan stays in state.
func addStillBound(diags *diag.Diagnostics, what, id string, cenIDs []string) {
	diags.AddError(what+": the plan is still bound to a CEN instance",
		fmt.Sprintf("Bandwidth plan %s is bound to CEN instance %s, and the API refuses to delete a bound plan. Nothing was "+
			"changed; the plan stays in state. Remove the binding first: destroy its aliyun_cen_bandwidth_package_attachment "+
			"(when the attachment references this plan's id, Terraform does that before deleting the plan), or unbind it in "+
			"the console; then run terraform destroy again.", id, strings.Join(cenIDs, ", ")))
}

func (r *bandwidthPackageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importid.Check(&resp.Diagnostics, req.ID, importid.CEN, importid.GA)
	if resp.Diagnostics.HasError() {
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
