package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestNoURLPrefix(t *testing.T) {
	cases := []struct {
		in      types.String
		wantErr bool
	}{
		{types.StringValue("plan"), false},
		{types.StringValue(""), false},
		{types.StringValue("see http://x"), false}, // only a prefix is refused
		{types.StringValue("http://x"), true},
		{types.StringValue("https://x"), true},
		{types.StringNull(), false},
		{types.StringUnknown(), false},
	}
	for _, c := range cases {
		resp := &validator.StringResponse{}
		NoURLPrefix().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: c.in}, resp)
		if resp.Diagnostics.HasError() != c.wantErr {
			t.Errorf("%s: error = %v, want %v", c.in, resp.Diagnostics, c.wantErr)
		}
	}
}
