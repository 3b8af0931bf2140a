package importid

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		id   string
		kind Kind
		want string // "" when accepted
	}{
		{"cenbwp-4c2zaavbvh5fx1234", CEN, ""},
		{"gbwp-bp1sgzldyj6b4q7cx1234", GA, ""},
		{"", CEN, "import ID is empty"},
		{"  ", GA, "import ID is empty"},
		{"gbwp-bp1sgzldyj6b4q7cx1234", CEN, "aliyun_ga_bandwidth_package imports"},
		{"cenbwp-4c2zaavbvh5fx1234", GA, "aliyun_cen_bandwidth_package imports"},
		{"gbwp-bp1sgzldyj6b4q7c****", GA, "not a GA bandwidth plan's ID"},
		{"cenbwp-", CEN, "not a CEN bandwidth plan's ID"},
		{"my-plan", CEN, "not a CEN bandwidth plan's ID"},
	}
	for _, c := range cases {
		var d diag.Diagnostics
		Check(&d, c.id, c.kind, CEN, GA)
		if c.want == "" {
			if d.HasError() {
				t.Errorf("%q refused: %v", c.id, d)
			}
			continue
		}
		if len(d) != 1 || !d.HasError() {
			t.Errorf("%q: want one error, got %v", c.id, d)
			continue
		}
		msg := d[0].Summary() + " " + d[0].Detail()
		if !strings.Contains(msg, c.want) || !strings.Contains(msg, c.kind.Example) {
			t.Errorf("%q: message lacks %q or the example ID: %s", c.id, c.want, msg)
		}
	}
}
