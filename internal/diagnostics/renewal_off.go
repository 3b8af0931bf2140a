package diagnostics

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AddRenewalTurnedOff warns that destroy set a subscription plan to lapse
// (RenewalStatus NotRenewal) and forgot it, because the API refuses to
// release a subscription early. what names the plan, e.g. `GA bandwidth plan "x"`.
func AddRenewalTurnedOff(diags *diag.Diagnostics, what, id, expiry string) {
	if expiry == "" {
		expiry = "an expiry time the API did not report"
	}
	diags.AddWarning(
		fmt.Sprintf("%s (%s) is a subscription: renewal turned off, not released", what, id),
		fmt.Sprintf("A subscription bandwidth plan cannot be released before it expires. The provider set the "+
			"renewal of %s (%s) to NotRenewal, so it lapses at its expiry time, %s, and removed it from "+
			"Terraform state. It stays in your account, and is billed, until then.", what, id, expiry),
	)
}
