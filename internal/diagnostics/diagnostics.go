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
