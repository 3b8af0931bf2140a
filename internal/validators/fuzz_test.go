package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzValidators: any name or tag is accepted or refused with a diagnostic,
// never a panic, and the rules hold: no accepted value starts with a URL
// scheme, no accepted tag key is empty or starts with aliyun.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{"", "a", "http://x", "HTTPS://x", "aliyun", "acs:x", "k\x00", strings.Repeat("é", 129), "env"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		ctx := context.Background()
		var sr validator.StringResponse
		NoURLPrefix().ValidateString(ctx, validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue(value)}, &sr)
		if !sr.Diagnostics.HasError() && (strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://")) {
			t.Errorf("accepted %q", value)
		}
		m, diags := types.MapValue(types.StringType, map[string]attr.Value{key: types.StringValue(value)})
		if diags.HasError() {
			t.Fatal(diags)
		}
		var mr validator.MapResponse
		Tags().ValidateMap(ctx, validator.MapRequest{Path: path.Root("tags"), ConfigValue: m}, &mr)
		if !mr.Diagnostics.HasError() && (key == "" || strings.HasPrefix(strings.ToLower(key), "aliyun")) {
			t.Errorf("accepted tag key %q", key)
		}
	})
}
