package importid

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// GAAccelerator is a GA accelerator's ID, the second half of a GA plan
// attachment's import ID.
var GAAccelerator = Kind{"ga-", "ga-bp1odcab8tmno0hdq1234", "aliyun_ga_bandwidth_package_attachment", "GA accelerator"}

// GAAttachment is the import ID of aliyun_ga_bandwidth_package_attachment: the plan's ID, a colon, the
// accelerator's ID.
var GAAttachment = Pair{Plan: GA, Target: GAAccelerator, Resource: "aliyun_ga_bandwidth_package_attachment"}

// Pair is the import ID of an attachment: "<plan ID>:<target ID>".
type Pair struct {
	Plan, Target Kind
	Resource     string
}

// Example is an import ID of the pair's shape.
func (p Pair) Example() string { return p.Plan.Example + ":" + p.Target.Example }

// Check splits id into the plan's and the target's IDs, or adds an error to
// diags that says what the ID looks like.
func (p Pair) Check(diags *diag.Diagnostics, id string) (plan, target string) {
	usage := fmt.Sprintf("An %s import ID is the %s's ID and the %s's ID joined by a colon, for example: terraform import %s.<name> %s",
		p.Resource, p.Plan.What, p.Target.What, p.Resource, p.Example())
	plan, target, ok := strings.Cut(strings.TrimSpace(id), ":")
	if !ok || strings.Contains(target, ":") {
		diags.AddError("Invalid import ID", fmt.Sprintf("%q is not of the form %s:%s. %s", id, p.Plan.Prefix+"...", p.Target.Prefix+"...", usage))
		return "", ""
	}
	for _, part := range []struct {
		value string
		kind  Kind
	}{{plan, p.Plan}, {target, p.Target}} {
		if !strings.HasPrefix(strings.ToLower(part.value), part.kind.Prefix) || !idBody.MatchString(part.value[len(part.kind.Prefix):]) {
			diags.AddError("Invalid import ID", fmt.Sprintf("%q in %q is not a %s's ID (%q followed by letters and digits). %s",
				part.value, id, part.kind.What, part.kind.Prefix, usage))
			return "", ""
		}
	}
	return plan, target
}
