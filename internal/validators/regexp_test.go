package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRegexp(t *testing.T) {
	cases := []struct {
		in      types.String
		wantErr bool
	}{
		{types.StringValue("^prod-"), false},
		{types.StringValue(""), false},
		{types.StringValue("("), true},
		{types.StringValue("a(?=b)"), true}, // lookahead is not RE2
		{types.StringNull(), false},
		{types.StringUnknown(), false},
	}
	for _, c := range cases {
		resp := &validator.StringResponse{}
		Regexp().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name_regex"), ConfigValue: c.in}, resp)
		if resp.Diagnostics.HasError() != c.wantErr {
			t.Errorf("%s: error = %v, want %v", c.in, resp.Diagnostics, c.wantErr)
		}
	}
}
