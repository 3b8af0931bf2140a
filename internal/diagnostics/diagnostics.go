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
	addNotReleased(diags, what, id, expiry,
		"%s (%s) is a subscription and was not released",
		"A subscription bandwidth plan cannot be released before it expires. %s (%s) was removed "+
			"from Terraform state only; it stays in your account until it expires at %s. "+
			"Turn off auto-renewal in the console if you do not want it renewed.")
}

// AddRenewalTurnedOff warns that destroy set a subscription plan to lapse
// (RenewalStatus NotRenewal) and forgot it, because the API refuses to
// release a subscription early. what names the plan, e.g. `GA bandwidth plan "x"`.
func AddRenewalTurnedOff(diags *diag.Diagnostics, what, id, expiry string) {
	addNotReleased(diags, what, id, expiry,
		"%s (%s) is a subscription: renewal turned off, not released",
		"A subscription bandwidth plan cannot be released before it expires. The provider set the "+
			"renewal of %s (%s) to NotRenewal, so it lapses at its expiry time, %s, and removed it from "+
			"Terraform state. It stays in your account, and is billed, until then.")
}

// addNotReleased adds the warning for a subscription plan destroy did not
// release: summary formats what and id, detail what, id and expiry.
func addNotReleased(diags *diag.Diagnostics, what, id, expiry, summary, detail string) {
	if expiry == "" {
		expiry = "an expiry time the API did not report"
	}
	diags.AddWarning(fmt.Sprintf(summary, what, id), fmt.Sprintf(detail, what, id, expiry))
}
