package tags

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzValidator: any tag is accepted or refused with a diagnostic, never a
// panic, and the rules hold: no accepted tag key is empty or starts with
// aliyun (moved from validators.FuzzValidators).
func FuzzValidator(f *testing.F) {
	for _, s := range []string{"", "a", "http://x", "HTTPS://x", "aliyun", "acs:x", "k\x00", strings.Repeat("é", 129), "env"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		m, diags := types.MapValue(types.StringType, map[string]attr.Value{key: types.StringValue(value)})
		if diags.HasError() {
			t.Fatal(diags)
		}
		var mr validator.MapResponse
		Validator().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: m}, &mr)
		if !mr.Diagnostics.HasError() && (key == "" || strings.HasPrefix(strings.ToLower(key), "aliyun")) {
			t.Errorf("accepted tag key %q", key)
		}
	})
}
