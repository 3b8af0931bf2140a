// Package importid checks an import ID before any API call: an empty ID, or
// the ID of the other product's plan, gets a clear error that says what an
// ID looks like.
package importid

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Kind is one product's plan ID: its prefix, an example, and the resource
// type that imports it.
type Kind struct {
	Prefix   string // "cenbwp-"
	Example  string // "cenbwp-4c2zaavbvh5fx1234"
	Resource string // "aliyun_cen_bandwidth_package"
	What     string // "CEN bandwidth plan"
}

// Kinds are the plan IDs of this provider, for naming the right resource.
var (
	CEN = Kind{"cenbwp-", "cenbwp-4c2zaavbvh5fx1234", "aliyun_cen_bandwidth_package", "CEN bandwidth plan"}
	GA  = Kind{"gbwp-", "gbwp-bp1sgzldyj6b4q7cx1234", "aliyun_ga_bandwidth_package", "GA bandwidth plan"}
)

var idBody = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// Check adds an error to diags unless id is an ID of kind; others are the
// other kinds, to say where an ID of theirs belongs.
func Check(diags *diag.Diagnostics, id string, kind Kind, others ...Kind) {
	shape := fmt.Sprintf("A %s's ID is %q followed by letters and digits, for example %s.", kind.What, kind.Prefix, kind.Example)
	switch {
	case strings.TrimSpace(id) == "":
		diags.AddError("Empty import ID",
			fmt.Sprintf("The import ID is empty. %s Find it in the console or with the data source, then run: terraform import %s.<name> %s",
				shape, kind.Resource, kind.Example))
		return
	case strings.HasPrefix(strings.ToLower(id), kind.Prefix):
		if idBody.MatchString(id[len(kind.Prefix):]) {
			return
		}
	default:
		for _, o := range others {
			if strings.HasPrefix(strings.ToLower(id), o.Prefix) {
				diags.AddError("Import ID of another kind of plan",
					fmt.Sprintf("%q is the ID of a %s, which %s imports, not %s. %s", id, o.What, o.Resource, kind.Resource, shape))
				return
			}
		}
	}
	diags.AddError("Invalid import ID", fmt.Sprintf("%q is not a %s's ID. %s", id, kind.What, shape))
}
