// Package diagnostics holds diagnostics both bandwidth-plan resources share.
package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AddSubscriptionKept warns that destroy only forgot a subscription plan:
// neither CEN nor GA releases one before it expires, so it stays (and is
// billed) until expiry. what names the plan, e.g. `CEN bandwidth plan "x"`.
func AddSubscriptionKept(diags *diag.Diagnostics, what, id, expiry string) {
	if expiry == "" {
		expiry = "an expiry time the API did not report"
	}
	diags.AddWarning(
		fmt.Sprintf("%s (%s) is a subscription and was not released", what, id),
		fmt.Sprintf("A subscription bandwidth plan cannot be released before it expires. %s (%s) was removed "+
			"from Terraform state only; it stays in your account until it expires at %s. "+
			"Turn off auto-renewal in the console if you do not want it renewed.", what, id, expiry),
	)
}
