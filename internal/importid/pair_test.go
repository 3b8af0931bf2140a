package importid

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestCheckPair(t *testing.T) {
	const res = "aliyun_cen_bandwidth_package_attachment"
	var d diag.Diagnostics
	a, b := CheckPair(&d, "cenbwp-abc123:cen-xyz789", res, CEN, CENInstance)
	if d.HasError() || a != "cenbwp-abc123" || b != "cen-xyz789" {
		t.Fatalf("valid pair: %q %q %v", a, b, d)
	}
	for id, want := range map[string]string{
		"":                          "not two IDs",
		"cenbwp-abc123":             "not two IDs",
		"cen-xyz789:cenbwp-abc123":  `"cen-xyz789" in`,
		"cenbwp-abc123:cenbwp-x":    `"cenbwp-x" in`,
		"cenbwp-abc123:cen-x:cen-y": "not two IDs",
		"cenbwp-abc123:cen-":        `"cen-" in`,
		"cenbwp-ab_c:cen-x":         `"cenbwp-ab_c" in`,
	} {
		var d diag.Diagnostics
		CheckPair(&d, id, res, CEN, CENInstance)
		if !d.HasError() {
			t.Errorf("%q: accepted", id)
			continue
		}
		if got := d.Errors()[0].Detail(); !strings.Contains(got, want) || !strings.Contains(got, "cenbwp-4c2zaavbvh5fx1234:cen-7qthudw0ll6jmc1234") {
			t.Errorf("%q: detail %q lacks %q or the example", id, got, want)
		}
	}
}

// Pair writes what CheckPair reads back.
func TestPairRoundTrip(t *testing.T) {
	var diags diag.Diagnostics
	id := Pair("cenbwp-abc123", "cen-xyz789")
	a, b := CheckPair(&diags, id, "aliyun_cen_bandwidth_package_attachment", CEN, CENInstance)
	if diags.HasError() || a != "cenbwp-abc123" || b != "cen-xyz789" {
		t.Fatalf("Pair gave %q, read back as %q and %q: %v", id, a, b, diags)
	}
}
