package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzValidators: any name is accepted or refused with a diagnostic, never a
// panic, and the rule holds: no accepted value starts with a URL scheme.
// (Tags: tags.FuzzValidator.)
func FuzzValidators(f *testing.F) {
	for _, s := range []string{"", "a", "http://x", "HTTPS://x", "aliyun", "acs:x", "k\x00", strings.Repeat("é", 129), "env"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, _, value string) {
		ctx := context.Background()
		var sr validator.StringResponse
		NoURLPrefix().ValidateString(ctx, validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue(value)}, &sr)
		if !sr.Diagnostics.HasError() && (strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://")) {
			t.Errorf("accepted %q", value)
		}
	})
}
