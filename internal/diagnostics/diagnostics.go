// Package diagnostics holds diagnostics both bandwidth-plan resources share.
package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AddGone reports an update of a plan that was deleted outside Terraform
// (or expired): nothing was changed, and the next plan recreates it.
// what names the operation and plan, e.g. `updating CEN bandwidth plan (cenbwp-1)`.
func AddGone(diags *diag.Diagnostics, what, id string) {
	diags.AddError(what+": the plan no longer exists",
		fmt.Sprintf("Bandwidth plan %s no longer exists: it was deleted outside Terraform, or it expired. Nothing was "+
			"changed. The next terraform plan removes it from state and offers to create it again (a new purchase); "+
			"if you did not mean to lose it, check the console before you apply.", id))
}

// What names an operation on a plan the one way every summary does:
// `creating CEN bandwidth plan (my-plan)`. The plan is named by its name,
// else its ID, else "unnamed" (a create before the API answered).
func What(verb, product, name, id string) string {
	label := name
	if label == "" {
		label = id
	}
	if label == "" {
		label = "unnamed"
	}
	return fmt.Sprintf("%s %s bandwidth plan (%s)", verb, product, label)
}

// AddNotAppeared reports a Delete of a plan bought by an apply that stopped
// before the API showed it, which has not shown within the delete timeout
// either: not finding it proves nothing (DESIGN.md, "Never buy twice"), so
// it stays in state. plan names it ("GA bandwidth plan gbwp-..."); reason
// says what stopped that apply.
func AddNotAppeared(diags *diag.Diagnostics, what, plan, reason string, err error) {
	diags.AddError(what+": the plan has not appeared yet",
		fmt.Sprintf("%s was bought by an apply that stopped before the API showed it (%s), and it "+
			"did not show within the delete timeout (%v), so the provider cannot release it and keeps it in state. "+
			"Run terraform destroy again later, or raise timeouts.delete.", plan, reason, err))
}

// AddUnpaid warns, in a Delete, that a plan ordered with auto_pay = false
// was never paid: nothing was bought, so it is only removed from state.
func AddUnpaid(diags *diag.Diagnostics, what, plan, order string) {
	diags.AddWarning(what+": the order was never paid",
		fmt.Sprintf("%s was ordered with auto_pay = false and its order %s was not paid, so "+
			"the plan does not exist and nothing is billed; it is removed from state. Cancel the order in the "+
			"Alibaba Cloud console (Order Hub): if it is paid later, the plan exists outside Terraform.",
			plan, order))
}
