package ga

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/importid"
	"github.com/bwplan/terraform-provider-aliyun/internal/providerdata"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// NewBandwidthPackageAttachmentResource returns the aliyun_ga_bandwidth_package_attachment resource.
func NewBandwidthPackageAttachmentResource() resource.Resource {
	return &bandwidthPackageAttachmentResource{}
}

type bandwidthPackageAttachmentResource struct {
	client *client.Client
}

var (
	_ resource.ResourceWithConfigure   = (*bandwidthPackageAttachmentResource)(nil)
	_ resource.ResourceWithImportState = (*bandwidthPackageAttachmentResource)(nil)
)

func (r *bandwidthPackageAttachmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ga_bandwidth_package_attachment"
}

func (r *bandwidthPackageAttachmentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if c := providerdata.Client(req.ProviderData, &resp.Diagnostics); c != nil {
		r.client = c
	}
}

func (r *bandwidthPackageAttachmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = attachmentSchema(ctx)
}

// ID shapes: the API's IDs are a prefix followed by letters and digits.
var (
	planIDShape        = regexp.MustCompile(`^gbwp-[A-Za-z0-9]+$`)
	acceleratorIDShape = regexp.MustCompile(`^ga-[A-Za-z0-9]+$`)
)

func attachmentSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Binds a GA bandwidth plan to a Global Accelerator instance (`BandwidthPackageAddAccelerator`, " +
			"Ga 2019-11-20). A `Basic` plan becomes the accelerator's basic bandwidth, a `CrossDomain` plan its " +
			"cross-border bandwidth: an accelerator takes one plan of each type, the `CrossDomain` one only once a " +
			"`Basic` one is bound, and a plan binds to one accelerator. Create waits until the plan is `binded` and " +
			"the accelerator `active`; destroy unbinds the plan and waits until it is `active` again. Neither ever " +
			"replaces or changes the plan itself. Reference the plan's `id` so that destroy unbinds it before the " +
			"plan is deleted.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<bandwidth_package_id>:<accelerator_id>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"bandwidth_package_id": schema.StringAttribute{
				MarkdownDescription: "The GA bandwidth plan to bind (`gbwp-...`). A change binds another plan (replaces the attachment, never the plan).",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(planIDShape,
					"must be a GA bandwidth plan's ID: gbwp- followed by letters and digits (a cenbwp- ID is a CEN plan's)")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"accelerator_id": schema.StringAttribute{
				MarkdownDescription: "The Global Accelerator instance (`ga-...`). A change binds the plan to another accelerator (replaces the attachment, never the plan).",
				Required:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(acceleratorIDShape,
					"must be a GA accelerator's ID: ga- followed by letters and digits")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"accelerators": schema.ListAttribute{
				MarkdownDescription: "The accelerators the plan is bound to, as `DescribeBandwidthPackage` reports them.",
				ElementType:         types.StringType,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

// attachmentHasAttribute lets the error table attach a diagnostic to an attribute of this resource.
var attachmentHasAttribute = apierrors.InSchema(attachmentSchema(context.Background()).Attributes)

func (r *bandwidthPackageAttachmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bandwidthPackageAttachmentModel
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
	planID, accID := plan.BandwidthPackageID.ValueString(), plan.AcceleratorID.ValueString()
	what := plan.what("creating")

	if err := addAccelerator(ctx, r.client, planID, accID); err != nil {
		addAttachmentError(&resp.Diagnostics, what, err)
		return
	}
	tflog.Info(ctx, "binding GA bandwidth plan", map[string]any{"bandwidth_package_id": planID, "accelerator_id": accID})
	bp, err := waitAttachmentCreated(ctx, r.client, planID, accID)
	if err != nil {
		addAttachmentError(&resp.Diagnostics, what+": waiting for the binding", err)
		return
	}
	plan.ID = types.StringValue(importid.Pair(planID, accID))
	plan.Accelerators = stringList([]string{accID})
	if bp != nil {
		plan.Accelerators = stringList(bp.Accelerators)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bandwidthPackageAttachmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bandwidthPackageAttachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planID, accID := state.BandwidthPackageID.ValueString(), state.AcceleratorID.ValueString()
	bp, err := findBandwidthPackageByID(ctx, r.client, planID)
	if err == nil && !slices.Contains(bp.Accelerators, accID) {
		err = fmt.Errorf("GA bandwidth plan %s lists accelerators %v: %w", planID, bp.Accelerators, wait.ErrNotFound)
	}
	if errors.Is(err, wait.ErrNotFound) {
		resp.Diagnostics.AddWarning("GA bandwidth plan attachment is gone",
			fmt.Sprintf("GA bandwidth plan %s is no longer bound to accelerator %s (unbound, or the plan deleted, outside "+
				"Terraform); the attachment is removed from state and will be created again on apply.", planID, accID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAttachmentError(&resp.Diagnostics, state.what("reading"), err)
		return
	}
	state.ID = types.StringValue(importid.Pair(planID, accID))
	state.Accelerators = stringList(bp.Accelerators)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only takes new timeouts: every other attribute replaces the attachment.
func (r *bandwidthPackageAttachmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan bandwidthPackageAttachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bandwidthPackageAttachmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bandwidthPackageAttachmentModel
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
	planID, accID := state.BandwidthPackageID.ValueString(), state.AcceleratorID.ValueString()
	what := state.what("deleting")

	err := removeAccelerator(ctx, r.client, planID, accID)
	if errors.Is(err, wait.ErrNotFound) {
		return // already unbound, or the plan is gone
	}
	if err != nil {
		addAttachmentError(&resp.Diagnostics, what, err)
		return
	}
	if err := waitAttachmentDeleted(ctx, r.client, planID, accID); err != nil {
		addAttachmentError(&resp.Diagnostics, what+": waiting for the plan to be unbound", err)
	}
}

func (r *bandwidthPackageAttachmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importid.ImportPair(ctx, req, resp, "aliyun_ga_bandwidth_package_attachment", importid.GA, importid.GAAccelerator,
		"bandwidth_package_id", "accelerator_id")
}

// addAttachmentError reports err: a wait that ran out names the state it
// last saw, anything else goes through the error table.
func addAttachmentError(diags *diag.Diagnostics, what string, err error) {
	if errors.Is(err, wait.ErrNotFound) {
		diags.AddAttributeError(path.Root("bandwidth_package_id"), what+": the GA bandwidth plan does not exist",
			err.Error()+". Check bandwidth_package_id, or create the plan again.")
		return
	}
	var te *wait.TimeoutError
	if errors.As(err, &te) {
		diags.AddError(what, err.Error()+". Run terraform apply again to keep waiting, or raise the timeouts.")
		return
	}
	apierrors.AddError(diags, what, err, attachmentHasAttribute)
}

// Busy codes of binding and unbinding: the plan or the accelerator is
// changing (DESIGN.md, "GA attachments"). They pass by waiting.
var attachBusyCodes = []string{"StateError.BandwidthPackage", "StateError.Accelerator"}

const codeBindExist = "BindExist.BandwidthPackage"

// addAccelerator sends BandwidthPackageAddAccelerator. A plan already bound
// to the accelerator (an earlier call whose answer was lost, an apply that
// stopped while waiting) is bound: that is success, not BindExist's error.
func addAccelerator(ctx context.Context, c *client.Client, planID, accID string) error {
	request := gasdk.CreateBandwidthPackageAddAcceleratorRequest()
	request.RegionId = client.GARegion
	request.BandwidthPackageId = planID
	request.AcceleratorId = accID
	err := onPlan(ctx, c, planID, func() error {
		return c.Do(ctx, "BandwidthPackageAddAccelerator", func() error {
			_, err := c.GA().BandwidthPackageAddAccelerator(request)
			return err
		}, client.RetryOn(attachBusyCodes...), client.Persist())
	})
	if apierrors.IsCode(err, codeBindExist) {
		if bp, ferr := findBandwidthPackageByID(ctx, c, planID); ferr == nil && slices.Contains(bp.Accelerators, accID) {
			return nil
		}
	}
	return err
}

// removeAccelerator sends BandwidthPackageRemoveAccelerator unless the plan
// is not bound to the accelerator (then, or when the plan is gone, it
// returns an error wrapping wait.ErrNotFound) or is being unbound from it
// already (nil: the wait that follows sees it through). Any refusal is
// checked against Describe: a binding that is gone is gone, whatever the code.
func removeAccelerator(ctx context.Context, c *client.Client, planID, accID string) error {
	var unbinding bool
	bound := func() error {
		bp, err := findBandwidthPackageByID(ctx, c, planID)
		if err != nil {
			return err
		}
		if !slices.Contains(bp.Accelerators, accID) {
			return fmt.Errorf("GA bandwidth plan %s is not bound to %s: %w", planID, accID, wait.ErrNotFound)
		}
		// A plan binds to one accelerator: unbinding is from this one.
		unbinding = bp.State == "unbinding"
		return nil
	}
	if err := bound(); err != nil || unbinding {
		return err
	}
	request := gasdk.CreateBandwidthPackageRemoveAcceleratorRequest()
	request.RegionId = client.GARegion
	request.BandwidthPackageId = planID
	request.AcceleratorId = accID
	err := c.Do(ctx, "BandwidthPackageRemoveAccelerator", func() error {
		_, err := c.GA().BandwidthPackageRemoveAccelerator(request)
		return err
	}, client.RetryOn(attachBusyCodes...), client.Persist())
	if err != nil {
		if berr := bound(); berr != nil && errors.Is(berr, wait.ErrNotFound) {
			return berr
		}
	}
	return err
}

// Synthetic states of an attachment's waits, beside the plan's own.
const (
	stateBound   = "bound"   // the plan is binded and lists the accelerator
	stateUnbound = "unbound" // the plan is ready and no longer lists the accelerator
)

// attachmentState is the state of the binding of a plan to accelerator
// accID: stateBound, stateUnbound, or the plan's own state while neither holds.
func attachmentState(accID string) func(*bandwidthPackage) string {
	return func(bp *bandwidthPackage) string {
		listed := slices.Contains(bp.Accelerators, accID)
		switch {
		case listed && bp.State == "binded":
			return stateBound
		case !listed && slices.Contains(readyStates, bp.State):
			return stateUnbound
		}
		return bp.State
	}
}

// statusAccelerator returns a wait.Refresh reading the accelerator's State.
func statusAccelerator(c *client.Client, accID string) wait.Refresh {
	return func(ctx context.Context) (any, string, error) {
		request := gasdk.CreateDescribeAcceleratorRequest()
		request.RegionId = client.GARegion
		request.AcceleratorId = accID
		var response *gasdk.DescribeAcceleratorResponse
		err := c.Do(ctx, "DescribeAccelerator", func() (err error) {
			response, err = c.GA().DescribeAccelerator(request)
			return err
		}, client.Persist())
		if apierrors.IsCode(err, "NotExist.Accelerator") {
			return nil, "", fmt.Errorf("GA accelerator %s: %w (%v)", accID, wait.ErrNotFound, err)
		}
		if err != nil {
			return nil, "", err
		}
		return response, response.State, nil
	}
}

// waitAttachmentCreated waits until the plan is binded to the accelerator,
// then until the accelerator is active again. Binding, and a plan that does
// not list the accelerator yet, are pending: the call is asynchronous.
func waitAttachmentCreated(ctx context.Context, c *client.Client, planID, accID string) (*bandwidthPackage, error) {
	// The plan's waits share the provider's one GA poller (DESIGN.md, "API economy").
	obj, err := poller(c).Until(ctx, strings.ToLower(planID),
		wait.Config{Target: []string{stateBound}, Fail: stuckStates, NotFoundChecks: notFoundChecks}, attachmentState(accID))
	if err != nil {
		return nil, err
	}
	if _, err := (wait.Config{
		Target:         []string{"active"},
		Fail:           stuckStates,
		Refresh:        statusAccelerator(c, accID),
		NotFoundChecks: notFoundChecks,
	}).Until(ctx); err != nil {
		return nil, err
	}
	bp, _ := obj.(*bandwidthPackage)
	return bp, nil
}

// waitAttachmentDeleted waits until the plan no longer lists the accelerator
// and is ready (active) again; a plan that is gone is unbound.
func waitAttachmentDeleted(ctx context.Context, c *client.Client, planID, accID string) error {
	_, err := poller(c).Until(ctx, strings.ToLower(planID),
		wait.Config{Target: []string{stateUnbound}, Fail: stuckStates, NotFoundOK: true}, attachmentState(accID))
	return err
}

// bandwidthPackageAttachmentModel is the attachment's state.
type bandwidthPackageAttachmentModel struct {
	ID                 types.String   `tfsdk:"id"`
	BandwidthPackageID types.String   `tfsdk:"bandwidth_package_id"`
	AcceleratorID      types.String   `tfsdk:"accelerator_id"`
	Accelerators       types.List     `tfsdk:"accelerators"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// what names an operation on the attachment for a diagnostic's summary.
func (m *bandwidthPackageAttachmentModel) what(verb string) string {
	return fmt.Sprintf("%s GA bandwidth plan attachment (%s to %s)", verb,
		m.BandwidthPackageID.ValueString(), m.AcceleratorID.ValueString())
}
