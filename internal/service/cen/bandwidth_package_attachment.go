package cen

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/importid"
	"github.com/bwplan/terraform-provider-aliyun/internal/providerdata"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	attachmentTypeName = "aliyun_cen_bandwidth_package_attachment"
	// A binding costs nothing and changes in seconds: the official provider's 5 minutes.
	defaultAttachmentTimeout = 5 * time.Minute
)

var (
	_ resource.Resource                = (*bandwidthPackageAttachmentResource)(nil)
	_ resource.ResourceWithConfigure   = (*bandwidthPackageAttachmentResource)(nil)
	_ resource.ResourceWithImportState = (*bandwidthPackageAttachmentResource)(nil)
)

// NewBandwidthPackageAttachmentResource returns the aliyun_cen_bandwidth_package_attachment resource.
func NewBandwidthPackageAttachmentResource() resource.Resource {
	return &bandwidthPackageAttachmentResource{}
}

type bandwidthPackageAttachmentResource struct {
	client *client.Client
}

func (r *bandwidthPackageAttachmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cen_bandwidth_package_attachment"
}

func (r *bandwidthPackageAttachmentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if c := providerdata.Client(req.ProviderData, &resp.Diagnostics); c != nil {
		r.client = c
	}
}

func (r *bandwidthPackageAttachmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = attachmentSchema(ctx)
}

// Shapes of the two IDs: a prefix, then letters and digits (the import ID check says the same).
var (
	cenInstanceIDShape = regexp.MustCompile(`^cen-[A-Za-z0-9]+$`)
	planIDShape        = regexp.MustCompile(`^cenbwp-[A-Za-z0-9]+$`)
)

func attachmentSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Binds a CEN bandwidth plan to a CEN instance (`AssociateCenBandwidthPackage`); destroying it " +
			"unbinds the plan (`UnassociateCenBandwidthPackage`). A plan binds to one instance at a time, and an instance takes " +
			"one plan per pair of areas. Binding costs nothing and never replaces the plan. Reference the plan's `id` so that " +
			"Terraform unbinds before it deletes the plan. Create and delete each time out after 5 minutes unless `timeouts` " +
			"says otherwise; while the plan or the instance is busy, the provider waits.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<bandwidth_package_id>:<instance_id>`, also the import ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"instance_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the CEN instance (`cen-...`). A change binds the plan to the new instance (unbind, then bind).",
				Validators: []validator.String{stringvalidator.RegexMatches(cenInstanceIDShape,
					"must be a CEN instance ID: cen- followed by letters and digits")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"bandwidth_package_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the CEN bandwidth plan (`cenbwp-...`), usually `aliyun_cen_bandwidth_package.<name>.id`. A change unbinds the old plan and binds the new one.",
				Validators: []validator.String{stringvalidator.RegexMatches(planIDShape,
					"must be a CEN bandwidth plan ID: cenbwp- followed by letters and digits")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

// hasAttachmentAttribute lets the error table attach a diagnostic to an attribute of this resource.
var hasAttachmentAttribute = apierrors.InSchema(attachmentSchema(context.Background()).Attributes)

func (r *bandwidthPackageAttachmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan attachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultAttachmentTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	planID, cenID := plan.BandwidthPackageID.ValueString(), plan.InstanceID.ValueString()
	what := plan.what("creating")
	// One Describe first: a plan bound elsewhere is reported at once, and a plan
	// already bound here (an earlier apply that stopped waiting) needs no call.
	// A plan Describe does not show yet is left to the API's own answer.
	p, err := findBandwidthPackageNow(ctx, r.client, planID)
	if err != nil && !errors.Is(err, wait.ErrNotFound) {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttachmentAttribute)
		return
	}
	if p == nil || !boundTo(p, cenID) {
		if p != nil {
			if err := checkNotBoundElsewhere(p, cenID); err != nil {
				addBoundElsewhere(&resp.Diagnostics, what, err)
				return
			}
		}
		if err := associateBandwidthPackage(ctx, r.client, planID, cenID); err != nil {
			var other *boundElsewhereError
			if errors.As(err, &other) {
				addBoundElsewhere(&resp.Diagnostics, what, other)
				return
			}
			apierrors.AddError(&resp.Diagnostics, what, err, hasAttachmentAttribute)
			return
		}
	}
	if _, err := waitAttachmentCreated(ctx, r.client, planID, cenID); err != nil {
		// Nothing was bought: failing is safe. No state is kept, and the next
		// apply finds the binding (if it was made) and takes it over.
		var other *boundElsewhereError
		if errors.As(err, &other) {
			addBoundElsewhere(&resp.Diagnostics, what, other)
			return
		}
		resp.Diagnostics.AddError(what+": waiting for the binding",
			fmt.Sprintf("The API took the binding but Describe did not show plan %s InUse and bound to %s: %v. "+
				"Run terraform apply again: it finds the binding if it was made, and binds the plan otherwise; "+
				"or raise timeouts.create.", planID, cenID, err))
		return
	}
	plan.ID = types.StringValue(importid.Pair(planID, cenID))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bandwidthPackageAttachmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state attachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planID, cenID := state.BandwidthPackageID.ValueString(), state.InstanceID.ValueString()
	p, err := findBandwidthPackageByID(ctx, r.client, planID)
	if errors.Is(err, wait.ErrNotFound) {
		resp.Diagnostics.AddWarning("CEN bandwidth plan of an attachment not found",
			fmt.Sprintf("Bandwidth plan %s no longer exists, so its binding to CEN instance %s is gone; the attachment is removed "+
				"from state and the next plan offers to bind again.", planID, cenID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, state.what("reading"), err, hasAttachmentAttribute)
		return
	}
	if !boundTo(p, cenID) {
		resp.Diagnostics.AddWarning("CEN bandwidth plan no longer bound",
			fmt.Sprintf("Bandwidth plan %s is no longer bound to CEN instance %s (unbound outside Terraform; bound now to: %s). "+
				"The attachment is removed from state and the next plan offers to bind it again.", planID, cenID, listOrNone(p.CenIds.CenId)))
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(importid.Pair(planID, cenID))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only records new timeouts: every other attribute replaces the attachment.
func (r *bandwidthPackageAttachmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan attachmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bandwidthPackageAttachmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state attachmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultAttachmentTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	planID, cenID := state.BandwidthPackageID.ValueString(), state.InstanceID.ValueString()
	what := state.what("deleting")
	err := unassociateBandwidthPackage(ctx, r.client, planID, cenID)
	if apierrors.IsCode(err, unbindGoneCodes...) {
		// Already unbound, or one side is gone: done once Describe agrees.
		p, ferr := findBandwidthPackageNow(ctx, r.client, planID)
		if errors.Is(ferr, wait.ErrNotFound) || (ferr == nil && !boundTo(p, cenID)) {
			err = nil
		}
	}
	if err != nil {
		apierrors.AddError(&resp.Diagnostics, what, err, hasAttachmentAttribute)
		return
	}
	if err := waitAttachmentDeleted(ctx, r.client, planID, cenID); err != nil {
		resp.Diagnostics.AddError(what+": waiting until the binding is gone",
			fmt.Sprintf("The API took the unbinding, but Describe still showed plan %s bound to %s or busy: %v. "+
				"The attachment stays in state; run terraform destroy (or apply) again, or raise timeouts.delete.", planID, cenID, err))
	}
}

func (r *bandwidthPackageAttachmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importid.ImportPair(ctx, req, resp, attachmentTypeName, importid.CEN, importid.CENInstance, "bandwidth_package_id", "instance_id")
}

// Binding codes (DESIGN.md, "CEN attachments"): the busy ones are waited out, the
// gone ones end an unbinding once Describe agrees.
var (
	bindBusyCodes = []string{"Operation.Blocking", "InvalidOperation.BwpInstanceStatus", "InvalidOperation.BwpBusinessStatus",
		"InvalidOperation.CenInstanceStatus", "IncorrectStatus.TransitRouter"}
	unbindBusyCodes = append(slices.Clone(bindBusyCodes), "InvalidOperation.CenBandwidthLimitsNotZero")
	unbindGoneCodes = []string{"InvalidOperation.BwpNotAssociated", "ParameterBwpInstanceId", "ParameterCenInstanceId"}
)

// associateBandwidthPackage sends AssociateCenBandwidthPackage until the API
// takes it. A busy answer is waited out, but first a Describe says whether the
// binding is there already (an earlier attempt whose answer was lost, which a
// retry would find busy until the deadline) or the plan is bound elsewhere.
func associateBandwidthPackage(ctx context.Context, c *client.Client, planID, cenID string) error {
	request := cbn.CreateAssociateCenBandwidthPackageRequest()
	request.CenBandwidthPackageId, request.CenId = planID, cenID
	conn := c.CEN()
	return sendWhileBusy(ctx, c, request.GetActionName(), func() error {
		_, err := conn.AssociateCenBandwidthPackage(request)
		return err
	}, bindBusyCodes, planID, func(p *cbn.CenBandwidthPackage) (bool, error) {
		if boundTo(p, cenID) {
			return true, nil
		}
		return false, checkNotBoundElsewhere(p, cenID)
	})
}

// unassociateBandwidthPackage sends UnassociateCenBandwidthPackage until the
// API takes it, or Describe shows the plan no longer bound to the instance.
func unassociateBandwidthPackage(ctx context.Context, c *client.Client, planID, cenID string) error {
	request := cbn.CreateUnassociateCenBandwidthPackageRequest()
	request.CenBandwidthPackageId, request.CenId = planID, cenID
	conn := c.CEN()
	return sendWhileBusy(ctx, c, request.GetActionName(), func() error {
		_, err := conn.UnassociateCenBandwidthPackage(request)
		return err
	}, unbindBusyCodes, planID, func(p *cbn.CenBandwidthPackage) (bool, error) {
		return !boundTo(p, cenID), nil
	})
}

// sendWhileBusy polls send like a wait: each poll sends the call once (with
// the client's retries of transient errors); a busy answer is pending unless
// done, from a Describe of the plan, says the change is made already (or, by
// an error, that waiting cannot help). At the deadline the last busy answer
// is returned, so its diagnostic says why.
func sendWhileBusy(ctx context.Context, c *client.Client, action string, send func() error, busy []string, planID string,
	done func(*cbn.CenBandwidthPackage) (bool, error),
) error {
	var lastBusy error
	_, err := wait.Config{
		Target: []string{"sent"},
		Refresh: func(ctx context.Context) (any, string, error) {
			err := c.Do(ctx, action, send, client.Persist())
			if err == nil {
				return nil, "sent", nil
			}
			if !apierrors.IsCode(err, busy...) {
				return nil, "", err
			}
			lastBusy = err
			p, ferr := findBandwidthPackageNow(ctx, c, planID)
			if ferr != nil {
				// Not found ends the wait: the call's own answer says more.
				if errors.Is(ferr, wait.ErrNotFound) {
					return nil, "", err
				}
				return nil, "", ferr
			}
			ok, derr := done(p)
			switch {
			case derr != nil:
				return nil, "", derr
			case ok:
				return p, "sent", nil
			}
			return p, "busy", nil
		},
	}.Until(ctx)
	if lastBusy != nil && errors.As(err, new(*wait.TimeoutError)) {
		return lastBusy
	}
	return err
}

// Wait states of a binding, from the plan's Describe.
const (
	bindingBound     = "Bound"
	bindingUnbound   = "Unbound"
	bindingChanging  = "Changing"
	bindingElsewhere = "BoundElsewhere"
)

// bindingState says where a plan's binding to cenID stands: Bound (InUse,
// bound to it), Unbound (ready, not bound to it), BoundElsewhere, or Changing
// (anything else: the API is still at work).
func bindingState(cenID string) func(*cbn.CenBandwidthPackage) string {
	return func(p *cbn.CenBandwidthPackage) string {
		ready := p.Status == statusIdle || p.Status == statusInUse
		switch {
		case boundTo(p, cenID) && p.Status == statusInUse:
			return bindingBound
		case !ready:
			return bindingChanging
		case boundTo(p, cenID):
			return bindingChanging
		case len(p.CenIds.CenId) > 0:
			return bindingElsewhere
		}
		return bindingUnbound
	}
}

// untilBinding runs the wait cfg on the binding of planID to cenID through
// the provider's one CEN poller (DESIGN.md, "API economy").
func untilBinding(ctx context.Context, c *client.Client, planID, cenID string, cfg wait.Config) (*cbn.CenBandwidthPackage, error) {
	obj, err := poller(c).Until(ctx, strings.ToLower(planID), cfg, bindingState(cenID))
	p, _ := obj.(*cbn.CenBandwidthPackage)
	return p, err
}

// waitAttachmentCreated waits until Describe shows the plan InUse and bound to
// cenID. Unbound is pending (the API binds asynchronously); bound elsewhere
// ends the wait.
func waitAttachmentCreated(ctx context.Context, c *client.Client, planID, cenID string) (*cbn.CenBandwidthPackage, error) {
	p, err := untilBinding(ctx, c, planID, cenID, wait.Config{
		Target: []string{bindingBound},
		Fail:   []string{bindingElsewhere},
		// The API took the binding, so the plan exists: a Describe that
		// does not show it lags, for a few polls.
		NotFoundChecks: 5,
	})
	if errors.As(err, new(*wait.UnexpectedStateError)) && p != nil {
		return p, checkNotBoundElsewhere(p, cenID)
	}
	return p, err
}

// waitAttachmentDeleted waits until Describe shows the plan ready and no
// longer bound to cenID, or no longer shows the plan.
func waitAttachmentDeleted(ctx context.Context, c *client.Client, planID, cenID string) error {
	_, err := untilBinding(ctx, c, planID, cenID, wait.Config{
		Target:     []string{bindingUnbound, bindingElsewhere},
		NotFoundOK: true,
	})
	return err
}

// boundTo reports whether Describe shows the plan bound to the CEN instance (IDs compare without case).
func boundTo(p *cbn.CenBandwidthPackage, cenID string) bool {
	return slices.ContainsFunc(p.CenIds.CenId, func(id string) bool { return strings.EqualFold(id, cenID) })
}

// boundElsewhereError: the plan is bound to other instances, and binds to one at a time.
type boundElsewhereError struct {
	planID string
	others []string
}

func (e *boundElsewhereError) Error() string {
	return fmt.Sprintf("bandwidth plan %s is bound to %s", e.planID, strings.Join(e.others, ", "))
}

func checkNotBoundElsewhere(p *cbn.CenBandwidthPackage, cenID string) error {
	if len(p.CenIds.CenId) == 0 || boundTo(p, cenID) {
		return nil
	}
	return &boundElsewhereError{planID: p.CenBandwidthPackageId, others: p.CenIds.CenId}
}

func addBoundElsewhere(diags *diag.Diagnostics, what string, err error) {
	var e *boundElsewhereError
	if !errors.As(err, &e) {
		diags.AddError(what, err.Error())
		return
	}
	diags.AddAttributeError(path.Root("bandwidth_package_id"), what+": the plan is bound to another CEN instance",
		fmt.Sprintf("Bandwidth plan %s is bound to CEN instance %s, and a plan binds to one instance at a time. "+
			"Remove that binding first (its aliyun_cen_bandwidth_package_attachment, or in the console), or use another plan. "+
			"Waiting does not help.", e.planID, strings.Join(e.others, ", ")))
}

func listOrNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// attachmentModel is the attachment's state and plan.
type attachmentModel struct {
	ID                 types.String   `tfsdk:"id"`
	InstanceID         types.String   `tfsdk:"instance_id"`
	BandwidthPackageID types.String   `tfsdk:"bandwidth_package_id"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// what names an operation on the binding for a diagnostic's summary.
func (m *attachmentModel) what(verb string) string {
	return fmt.Sprintf("%s the binding of CEN bandwidth plan (%s) to CEN instance (%s)", verb, m.BandwidthPackageID.ValueString(), m.InstanceID.ValueString())
}
