package ga

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// boundError is a plan's delete refused because the plan is bound to
// accelerators (BindExist.BandwidthPackage).
type boundError struct {
	id           string
	accelerators []string
	err          error
}

func (e *boundError) Error() string { return e.err.Error() }
func (e *boundError) Unwrap() error { return e.err }

// add reports the refusal: nothing was deleted, the plan stays in state.
func (e *boundError) add(diags *diag.Diagnostics, what string) {
	diags.AddError(what+": the plan is bound to an accelerator",
		fmt.Sprintf("GA bandwidth plan %s is bound to %s, and the API refuses to delete a bound plan. Nothing was deleted and the "+
			"plan stays in state. Remove its aliyun_ga_bandwidth_package_attachment first (or unbind it in the console), then "+
			"run terraform destroy again. An attachment that references the plan's id is destroyed before the plan. (%v)",
			e.id, strings.Join(e.accelerators, ", "), e.err))
}

// deleteUnbound releases plan id. A refusal because the plan is bound is
// waited out while the plan is unbinding (an attachment's destroy in
// progress), and is a *boundError while the plan stays bound.
func deleteUnbound(ctx context.Context, c *client.Client, id string) error {
	for {
		err := deleteBandwidthPackage(ctx, c, id)
		if !apierrors.IsCode(err, codeBindExist) {
			return err
		}
		bp, ferr := findBandwidthPackageByID(ctx, c, id)
		if ferr != nil {
			return err
		}
		if bp.State == "binded" && len(bp.Accelerators) > 0 {
			return &boundError{id: id, accelerators: bp.Accelerators, err: err}
		}
		// Unbinding: wait until the plan is ready, and a moment more, so an
		// answer that lags the state is not asked again at once.
		if _, werr := waitBandwidthPackageUpdated(ctx, c, id); werr != nil {
			return err
		}
		if wait.Sleep(ctx, time.Second) != nil {
			return err
		}
	}
}
