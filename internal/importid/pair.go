package importid

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The second halves of the attachments' import IDs.
var (
	// CENInstance is a CEN instance's ID.
	CENInstance = Kind{"cen-", "cen-7qthudw0ll6jmc1234", "", "CEN instance"}
	// GAAccelerator is a GA accelerator's ID.
	GAAccelerator = Kind{"ga-", "ga-bp1odcab8tmno0hdq1234", "", "GA accelerator"}
)

// CheckPair checks an import ID made of two IDs joined by a colon, such as an
// attachment's "cenbwp-...:cen-...", and returns the two halves. resource is the
// type that imports it; first and second are the kinds of the halves.
func CheckPair(diags *diag.Diagnostics, id, resource string, first, second Kind) (string, string) {
	shape := fmt.Sprintf("The import ID of %s is %s:%s: the %s's ID, a colon, then the %s's ID.",
		resource, first.Example, second.Example, first.What, second.What)
	a, b, ok := strings.Cut(strings.TrimSpace(id), ":")
	if !ok || strings.Contains(b, ":") {
		diags.AddError("Invalid import ID", fmt.Sprintf("%q is not two IDs joined by a colon. %s", id, shape))
		return "", ""
	}
	for _, half := range []struct {
		v    string
		kind Kind
	}{{a, first}, {b, second}} {
		body, found := strings.CutPrefix(strings.ToLower(half.v), half.kind.Prefix)
		if !found || !idBody.MatchString(body) {
			diags.AddError("Invalid import ID",
				fmt.Sprintf("%q in %q is not a %s's ID (%q followed by letters and digits). %s", half.v, id, half.kind.What, half.kind.Prefix, shape))
			return "", ""
		}
	}
	return a, b
}

// Pair is the ID of two IDs joined as CheckPair reads them: an attachment's
// ID, also its import ID.
func Pair(first, second string) string { return first + ":" + second }

// ImportPair is an attachment's ImportState: it checks the import ID with
// CheckPair and sets id, firstAttr and secondAttr from it; the Read that
// follows fills in the rest.
func ImportPair(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
	typeName string, first, second Kind, firstAttr, secondAttr string) {
	a, b := CheckPair(&resp.Diagnostics, req.ID, typeName, first, second)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), Pair(a, b))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(firstAttr), a)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(secondAttr), b)...)
}
