package ga

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// An empty import ID, a CEN plan's, or the docs' old masked example is
// refused before any API call with a message that says what a GA plan's ID
// looks like.
func TestImportStateChecksTheID(t *testing.T) {
	ctx := context.Background()
	r := &bandwidthPackageResource{} // no client: any API call would panic
	s := bandwidthPackageSchema(ctx)
	for id, want := range map[string]string{
		"":                           "import ID is empty",
		"cenbwp-4c2zaavbvh5fx1234":   "aliyun_cen_bandwidth_package",
		"gbwp-bp1sgzldyj6b4q7cx****": "not a GA bandwidth plan's ID",
		"gbwp-bp1sgzldyj6b4q7cx1234": "",
	} {
		resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
		r.ImportState(ctx, resource.ImportStateRequest{ID: id}, resp)
		if want == "" {
			if resp.Diagnostics.HasError() {
				t.Errorf("%q refused: %v", id, resp.Diagnostics)
			}
			continue
		}
		if !resp.Diagnostics.HasError() {
			t.Errorf("%q accepted", id)
			continue
		}
		msg := resp.Diagnostics.Errors()[0].Summary() + " " + resp.Diagnostics.Errors()[0].Detail()
		if !strings.Contains(msg, want) || !strings.Contains(msg, "gbwp-bp1sgzldyj6b4q7cx1234") {
			t.Errorf("%q: message lacks %q or an example ID: %s", id, want, msg)
		}
	}
}
