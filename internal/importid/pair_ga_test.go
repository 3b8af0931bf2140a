package importid

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestGAAttachmentImportID(t *testing.T) {
	cases := []struct {
		id, want string // want: "" when accepted
	}{
		{"gbwp-bp1sgzldyj6b4q7cx1234:ga-bp1odcab8tmno0hdq1234", ""},
		{"", "is not two IDs joined by a colon"},
		{"gbwp-bp1sgzldyj6b4q7cx1234", "is not two IDs joined by a colon"},
		{"gbwp-a:ga-b:ga-c", "is not two IDs joined by a colon"},
		{"ga-bp1odcab8tmno0hdq1234:gbwp-bp1sgzldyj6b4q7cx1234", "not a GA bandwidth plan's ID"},
		{"cenbwp-4c2zaavbvh5fx1234:ga-bp1odcab8tmno0hdq1234", "not a GA bandwidth plan's ID"},
		{"gbwp-bp1sgzldyj6b4q7cx1234:ga-", "not a GA accelerator's ID"},
		{"gbwp-bp1sgzldyj6b4q7cx1234:cen-7qthudw0ll6jmc1234", "not a GA accelerator's ID"},
	}
	for _, c := range cases {
		var d diag.Diagnostics
		plan, acc := CheckPair(&d, c.id, "aliyun_ga_bandwidth_package_attachment", GA, GAAccelerator)
		if c.want == "" {
			if d.HasError() || plan != "gbwp-bp1sgzldyj6b4q7cx1234" || acc != "ga-bp1odcab8tmno0hdq1234" {
				t.Errorf("%q: got %q, %q, %v", c.id, plan, acc, d)
			}
			continue
		}
		if len(d) != 1 || !d.HasError() {
			t.Errorf("%q: want one error, got %v", c.id, d)
			continue
		}
		msg := d[0].Detail()
		if !strings.Contains(msg, c.want) || !strings.Contains(msg, "gbwp-bp1sgzldyj6b4q7cx1234:ga-bp1odcab8tmno0hdq1234") {
			t.Errorf("%q: message lacks %q or the example ID: %s", c.id, c.want, msg)
		}
	}
}
