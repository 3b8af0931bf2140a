// Package ga holds the Global Accelerator bandwidth plan resource.
package ga

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	"github.com/bwplan/terraform-provider-aliyun/internal/validators"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// NewBandwidthPackageResource returns the aliyun_ga_bandwidth_package resource.
func NewBandwidthPackageResource() resource.Resource { return &bandwidthPackageResource{} }

type bandwidthPackageResource struct {
	client *client.Client
}

var (
	_ resource.ResourceWithConfigure        = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithImportState      = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithConfigValidators = (*bandwidthPackageResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*bandwidthPackageResource)(nil)
)

func (r *bandwidthPackageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ga_bandwidth_package"
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
		MarkdownDescription: "A Global Accelerator (GA) bandwidth plan (`CreateBandwidthPackage`, Ga 2019-11-20, " +
			"region `cn-hangzhou`). A pay-as-you-go plan is released on destroy; a subscription plan cannot be " +
			"released before it expires, so destroy turns its renewal off and removes it from state.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The ID of the bandwidth plan (`gbwp-...`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"bandwidth": schema.Int64Attribute{
				MarkdownDescription: "Bandwidth in Mbit/s, 2 to 2000. Changed in place.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(2, 2000)},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`Basic` (basic bandwidth plan) or `CrossDomain` (cross-region acceleration plan; " +
					"the China site accepts only `Basic`). A change replaces the plan.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(planTypes...)},
				PlanModifiers: []planmodifier.String{planmodifiers.ReplaceString(stringplanmodifier.RequiresReplace(), subscription)},
			},
			"bandwidth_type": schema.StringAttribute{
				MarkdownDescription: "`Basic` (standard), `Enhanced` or `Advanced` (premium) bandwidth. Required when " +
					"`type` is `Basic`. `Basic` and `Enhanced` change into each other in place; any other change is " +
					"refused at plan time, as the API cannot make it (an `Advanced` plan's type never changes).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.OneOf(bandwidthKind...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"charge_type": schema.StringAttribute{
				MarkdownDescription: "`PREPAY` (subscription, the default) or `POSTPAY` (pay-as-you-go, available " +
					"only once your account manager enables it). A change replaces the plan.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(chargePrepay),
				Validators:    []validator.String{stringvalidator.OneOf(chargeTypes...)},
				PlanModifiers: []planmodifier.String{planmodifiers.ReplaceString(stringplanmodifier.RequiresReplace(), subscription)},
			},
			"duration": schema.Int64Attribute{
				MarkdownDescription: "Subscription length: 1 to 9 with `pricing_cycle = \"Month\"`, 1 to 3 with " +
					"`\"Year\"`. Defaults to 1 with `PREPAY`. Used only at purchase. With `POSTPAY` the API ignores it.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.Between(1, 9)},
				PlanModifiers: []planmodifier.Int64{planmodifiers.PurchaseOnly(), int64planmodifier.UseStateForUnknown()},
			},
			"pricing_cycle": schema.StringAttribute{
				MarkdownDescription: "`Month` (the default with `PREPAY`) or `Year`. Used only at purchase. With `POSTPAY` the API ignores it.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(cycles...)},
				PlanModifiers:       []planmodifier.String{planmodifiers.PurchaseOnly(), stringplanmodifier.UseStateForUnknown()},
			},
			"auto_pay": schema.BoolAttribute{
				MarkdownDescription: "Pay the order automatically; defaults to `true`. With `false` the plan exists " +
					"only once you pay its order in the Order Center, and create waits for that. Used only at purchase.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{planmodifiers.PurchaseOnly(), boolplanmodifier.UseStateForUnknown()},
			},
			"auto_use_coupon": schema.BoolAttribute{
				MarkdownDescription: "Pay with coupons automatically. Only with `auto_pay = true`. Used only at purchase.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{planmodifiers.PurchaseOnly()},
			},
			"billing_type": schema.StringAttribute{
				MarkdownDescription: "Metering of a pay-as-you-go plan: `PayByTraffic` (the API's default) or " +
					"`PayBY95` (95th percentile, on request to your account manager), in any letter case (the official " +
					"provider writes `PayBy95`): state keeps your spelling, the API gets the documented one. Only with " +
					"`charge_type = \"POSTPAY\"`. A change other than of case replaces the plan.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(billingTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceString(enumcase.RequiresReplaceIfConfigured(), subscription)},
			},
			"ratio": schema.Int64Attribute{
				MarkdownDescription: "Guaranteed minimum bandwidth, in percent, with `PayBY95` metering: 30 to 100. " +
					"Required when `billing_type = \"PayBY95\"`. A change replaces the plan.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.Between(30, 100)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceInt64(int64planmodifier.RequiresReplaceIfConfigured(), subscription)},
			},
			"cbn_geographic_region_id_a": schema.StringAttribute{
				MarkdownDescription: "Area A of a cross-region plan: `China-mainland` (international site only). " +
					"Only with `type = \"CrossDomain\"`. A change replaces the plan.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(areaChinaMainland)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceString(stringplanmodifier.RequiresReplaceIfConfigured(), subscription)},
			},
			"cbn_geographic_region_id_b": schema.StringAttribute{
				MarkdownDescription: "Area B of a cross-region plan: `Global` (international site only). " +
					"Only with `type = \"CrossDomain\"`. A change replaces the plan.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(areaGlobal)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(),
					planmodifiers.ReplaceString(stringplanmodifier.RequiresReplaceIfConfigured(), subscription)},
			},
			"promotion_option_no": schema.StringAttribute{
				MarkdownDescription: "Coupon code (international site only). Used only at purchase.",
				Optional:            true,
				PlanModifiers:       []planmodifier.String{planmodifiers.PurchaseOnly()},
			},
			"auto_renew": schema.BoolAttribute{
				MarkdownDescription: "Renew the subscription automatically; defaults to `false`. Only with " +
					"`charge_type = \"PREPAY\"`. Changed in place (`UpdateBandwidthPackagaAutoRenewAttribute`).",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"auto_renew_duration": schema.Int64Attribute{
				MarkdownDescription: "Months added by each automatic renewal: 1 to 12, default 1. Only with " +
					"`auto_renew = true`. Changed in place.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.Between(1, 12)},
			},
			"resource_group_id": schema.StringAttribute{
				MarkdownDescription: "The resource group; the account's default group when not set. Must not be empty. Changed in " +
					"place (`ChangeResourceGroup`).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, 1 to 128 characters, not starting with `http://` or `https://`. Changed " +
					"in place. The API cannot clear a name: removing it from the configuration keeps the current one.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 128), validators.NoURLPrefix()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), planmodifiers.NullOnCreate()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description, 1 to 256 characters, not starting with `http://` or `https://`. " +
					"Changed in place. The API cannot clear it: removing it from the configuration keeps the current one.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 256), validators.NoURLPrefix()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), planmodifiers.NullOnCreate()},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags: " + tags.Validator().Description(ctx) + ". Changed in place.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Map{tags.Validator()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The API's state: `init`, `active`, `binded`, `binding`, `unbinding`, `updating`, " +
					"`finacialLocked` or `locked`.",
				Computed: true,
			},
			"expired_time": schema.StringAttribute{
				MarkdownDescription: "When a subscription expires (RFC 3339); empty for pay-as-you-go.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the plan was created (RFC 3339).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"region_id": schema.StringAttribute{
				MarkdownDescription: "The region the plan belongs to, as the API reports it (`cn-hangzhou`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"accelerators": schema.ListAttribute{
				MarkdownDescription: "The accelerators the plan is bound to (`ga-...`), as the API reports them; empty when " +
					"unbound. Bind a plan with `aliyun_ga_bandwidth_package_attachment`: a binding made outside Terraform " +
					"shows here on refresh and never plans a change of the plan.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"order_id": schema.StringAttribute{
				MarkdownDescription: "The purchase order; known only to the configuration that bought the plan.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
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
	return []resource.ConfigValidator{purchaseRules}
}

// ModifyPlan plans the defaults that depend on other attributes, so the
// plan shows what will be bought, refuses a bandwidth_type change the API
// cannot make in place (checkTypeChange), then runs the plan-time steps of "Never
// buy twice" (DESIGN.md): a warning before a subscription is destroyed, and
// an unfinished purchase planned as an update in place that resumes it. Each
// attribute's own plan, and the warning of a replacement, are its plan
// modifiers' business.
func (r *bandwidthPackageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		planDefaults(ctx, req, resp)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if req.State.Raw.IsNull() {
		return
	}
	var state bandwidthPackageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if planTypeChange(ctx, req, resp, state); resp.Diagnostics.HasError() {
		return
	}
	planmodifiers.PlanBought(ctx, req, resp, state.bought(ctx))
}

// subscription is how a GA subscription plan behaves when it is replaced;
// the attributes that force a replacement warn with it at plan time.
var subscription = planmodifiers.Subscription{Product: "GA",
	DestroyDoes: "turns its renewal off (NotRenewal) and removes it from state"}

func (r *bandwidthPackageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bandwidthPackageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	setPurchaseDefaults(&plan)
	what := plan.what("creating")

	// One token for every retry of this create, so a retried call cannot buy twice.
	token := client.NewClientToken()
	request, d := createRequest(ctx, &plan, token)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	response, err := createBandwidthPackage(ctx, r.client, request)
	if err != nil {
		if purchase.MayHaveBought(err) {
			purchase.AddLostAnswer(&resp.Diagnostics, what, err, token,
				"the data source aliyun_ga_bandwidth_packages (filter on type, status or tags) lists the account's plans",
				"terraform import aliyun_ga_bandwidth_package.<name> gbwp-...")
			return
		}
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}

	// Bought: from here on nothing fails the create (package purchase).
	id := response.BandwidthPackageId
	plan.ID = types.StringValue(id)
	plan.OrderID = types.StringValue(response.OrderId)
	tflog.Info(ctx, "created GA bandwidth plan", map[string]any{"id": id, "order_id": response.OrderId})
	// CreateBandwidthPackage takes no name or description: a call after
	// the plan is active sets them.
	followUp := !plan.Name.IsNull() || !plan.Description.IsNull()

	bp, err := waitBandwidthPackageCreated(ctx, r.client, id)
	if err != nil {
		pending := &purchase.Pending{FollowUp: followUp, Reason: purchase.Reason(ctx, err, timeout)}
		if last, seen, ok := wait.Last[*bandwidthPackage](err); ok {
			bp, pending.Seen = last, seen
		}
		if !pending.Seen && !plan.AutoPay.ValueBool() {
			pending.Reason += purchase.UnpaidHint(response.OrderId)
		}
		r.keepUnfinished(ctx, resp, &plan, what, pending, bp)
		return
	}
	if followUp {
		if err := setNameAndDescription(ctx, r.client, id, plan.Name.ValueString(), plan.Description.ValueString()); err != nil {
			r.keepUnfinished(ctx, resp, &plan, what, &purchase.Pending{Seen: true, FollowUp: true,
				Reason: "setting its name and description failed: " + purchase.Reason(ctx, err, timeout)}, bp)
			return
		}
		named := *bp
		named.Name, named.Description = plan.Name.ValueString(), plan.Description.ValueString()
		bp = &named
	}
	// The wait's last answer is the plan as it is: no read of it again.
	plan, err = fromAnswer(ctx, r.client, plan, bp)
	if err != nil {
		r.keepUnfinished(ctx, resp, &plan, what, &purchase.Pending{Seen: true,
			Reason: "reading it back failed: " + purchase.Reason(ctx, err, timeout)}, bp)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bandwidthPackageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bandwidthPackageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	pending, d := purchase.Get(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := refresh(ctx, r.client, &state)
	if errors.Is(err, wait.ErrNotFound) {
		if pending != nil && !pending.Seen {
			// Bought but not visible yet (an unpaid order, a Describe that
			// lags a new plan): not gone. The next apply resumes it.
			return
		}
		resp.Diagnostics.AddWarning("GA bandwidth plan is gone",
			fmt.Sprintf("GA bandwidth plan %s no longer exists; it is removed from state and will be created again on apply.",
				state.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, state.what("reading"), err, hasAttribute)
		return
	}
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
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := state.ID.ValueString()
	plan.ID = state.ID
	what := plan.what("updating")

	// fail reports an error of the update; a plan deleted outside
	// Terraform gets its own diagnostic at once.
	fail := func(err error) {
		if errors.Is(err, wait.ErrNotFound) {
			diagnostics.AddGone(&resp.Diagnostics, what, id)
			return
		}
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
	}

	pending, d := purchase.Get(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	if pending != nil {
		// An earlier apply bought the plan and stopped before finishing it.
		if _, err := waitBandwidthPackageCreated(ctx, r.client, id); err != nil {
			pending.Reason = purchase.Reason(ctx, err, timeout)
			if !pending.Seen && !plan.AutoPay.IsNull() && !plan.AutoPay.ValueBool() {
				pending.Reason += purchase.UnpaidHint(state.OrderID.ValueString())
			}
			resp.Diagnostics.Append(purchase.Set(ctx, resp.Private, pending)...)
			resp.Diagnostics.AddError(what+": the plan is still not active",
				fmt.Sprintf("GA bandwidth plan %s, bought by an earlier apply, did not become active: %s. It stays in state; "+
					"run terraform apply again to keep waiting, or raise timeouts.update.", id, pending.Reason))
			return
		}
	}
	// Settings the create could not send yet go out whatever state says.
	followUp := pending != nil && pending.FollowUp

	for _, update := range updateSteps(id, &plan, &state, followUp) {
		if _, err := updateBandwidthPackage(ctx, r.client, update); err != nil {
			fail(err)
			return
		}
	}

	if !plan.AutoRenew.Equal(state.AutoRenew) || !plan.AutoRenewDuration.Equal(state.AutoRenewDuration) {
		if err := setAutoRenew(ctx, r.client, id, plan.AutoRenew.ValueBool(), plan.AutoRenewDuration.ValueInt64()); err != nil {
			fail(err)
			return
		}
	}

	if known(plan.ResourceGroupID) && !plan.ResourceGroupID.Equal(state.ResourceGroupID) {
		if err := changeResourceGroup(ctx, r.client, id, plan.ResourceGroupID.ValueString()); err != nil {
			fail(err)
			return
		}
	}

	if !plan.Tags.Equal(state.Tags) {
		have, d := tfvalue.StringMap(ctx, state.Tags)
		resp.Diagnostics.Append(d...)
		want, d := tfvalue.StringMap(ctx, plan.Tags)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		if err := tags.Sync(ctx, gaTags{r.client}, id, have, want); err != nil {
			fail(err)
			return
		}
	}

	wantBandwidth := plan.Bandwidth.ValueInt64()
	if err := refresh(ctx, r.client, &plan); err != nil {
		fail(err)
		return
	}
	if got := plan.Bandwidth.ValueInt64(); got != wantBandwidth {
		// State records the bandwidth the plan has, not the one asked for:
		// the error skips Terraform's check against the plan, and the next
		// plan shows the change again until the API has made it.
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		unpaid := isBool(plan.AutoPay, false) && isString(state.ChargeType, chargePrepay)
		resp.Diagnostics.AddAttributeError(path.Root("bandwidth"), what+": the new bandwidth is not in effect",
			notInEffect(id, got, wantBandwidth, unpaid))
		return
	}
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
	timeout, d := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id := state.ID.ValueString()
	what := state.what("deleting")

	bp, found, err := purchase.FindToDelete(ctx, &resp.Diagnostics, req.Private, state.AutoPay, what,
		"GA bandwidth plan "+id, state.OrderID.ValueString(),
		func() (*bandwidthPackage, bool) {
			// A pay-as-you-go plan needs no read before its delete call:
			// one already gone answers that call itself.
			return &bandwidthPackage{BandwidthPackage: gasdk.BandwidthPackage{BandwidthPackageId: id, ChargeType: chargePostpay}}, isString(state.ChargeType, chargePostpay)
		},
		func(ctx context.Context) (*bandwidthPackage, error) {
			return findBandwidthPackageByID(ctx, r.client, id)
		},
		func(ctx context.Context) (*bandwidthPackage, error) {
			return waitBandwidthPackageVisible(ctx, r.client, id)
		})
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}
	if !found {
		return
	}

	// The API never releases a subscription early: let it lapse instead
	// (ModifyPlan warned at plan time that destroy only does this).
	lapse := strings.EqualFold(bp.ChargeType, chargePrepay) && !apitime.Expired(bp.ExpiredTime, time.Now())
	if lapse {
		err = stopRenewal(ctx, r.client, id)
	} else {
		err = deleteUnbound(ctx, r.client, id)
	}
	if apierrors.IsCode(err, codeNotExist) {
		return
	}
	var bound *boundError
	if errors.As(err, &bound) {
		bound.add(&resp.Diagnostics, what)
		return
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttribute)
		return
	}
	if lapse {
		tflog.Info(ctx, "subscription plan set to lapse and removed from state", map[string]any{"id": id, "expired_time": apitime.RFC3339(bp.ExpiredTime)})
		return
	}
	if err := waitBandwidthPackageDeleted(ctx, r.client, id); err != nil {
		resp.Diagnostics.AddError(what+": waiting for the plan to be released", err.Error())
	}
}

func (r *bandwidthPackageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importid.Check(&resp.Diagnostics, req.ID, importid.GA, importid.CEN)
	if resp.Diagnostics.HasError() {
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
