package diagnostics

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestWhat(t *testing.T) {
	for _, c := range []struct{ name, id, want string }{
		{"edge", "cenbwp-1", "creating CEN bandwidth plan (edge)"},
		{"", "cenbwp-1", "creating CEN bandwidth plan (cenbwp-1)"},
		{"", "", "creating CEN bandwidth plan (unnamed)"},
	} {
		if got := What("creating", "CEN", c.name, c.id); got != c.want {
			t.Errorf("What(%q, %q) = %q, want %q", c.name, c.id, got, c.want)
		}
	}
}

func TestAddGone(t *testing.T) {
	var d diag.Diagnostics
	AddGone(&d, What("updating", "GA", "", "gbwp-1"), "gbwp-1")
	if len(d) != 1 || !d.HasError() || !strings.Contains(d[0].Summary(), "updating GA bandwidth plan (gbwp-1): the plan no longer exists") ||
		!strings.Contains(d[0].Detail(), "create it again") {
		t.Errorf("got %v", d)
	}
}

func TestAddNotAppearedAndUnpaid(t *testing.T) {
	var d diag.Diagnostics
	AddNotAppeared(&d, What("deleting", "GA", "", "gbwp-1"), "GA bandwidth plan gbwp-1", "the wait timed out", errors.New("last answer: Throttling"))
	if len(d) != 1 || !d.HasError() || !strings.Contains(d[0].Summary(), "has not appeared yet") ||
		!strings.Contains(d[0].Detail(), "GA bandwidth plan gbwp-1 was bought") || !strings.Contains(d[0].Detail(), "the wait timed out") ||
		!strings.Contains(d[0].Detail(), "last answer: Throttling") {
		t.Errorf("got %v", d)
	}
	d = nil
	AddUnpaid(&d, What("deleting", "CEN", "", "cenbwp-1"), "CEN bandwidth plan cenbwp-1", "2049")
	if len(d) != 1 || d.HasError() || !strings.Contains(d[0].Summary(), "never paid") ||
		!strings.Contains(d[0].Detail(), "order 2049 was not paid") {
		t.Errorf("got %v", d)
	}
}
