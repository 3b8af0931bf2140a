package tags

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func tagMap(m map[string]string) types.Map {
	elems := map[string]attr.Value{}
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// TestValidator: the API's tag rules (moved from validators.TestTags).
func TestValidator(t *testing.T) {
	many := func(n int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m[fmt.Sprintf("k%d", i)] = "v"
		}
		return m
	}
	cases := []struct {
		name    string
		in      types.Map
		wantErr string
	}{
		{"null", types.MapNull(types.StringType), ""},
		{"unknown", types.MapUnknown(types.StringType), ""},
		{"20 tags", tagMap(many(20)), ""},
		{"21 tags", tagMap(many(21)), "at most 20"},
		{"key 64", tagMap(map[string]string{strings.Repeat("k", 64): "v"}), ""},
		{"key 65", tagMap(map[string]string{strings.Repeat("k", 65): "v"}), "1 to 64"},
		{"empty key", tagMap(map[string]string{"": "v"}), "1 to 64"},
		{"value 128", tagMap(map[string]string{"k": strings.Repeat("v", 128)}), ""},
		{"value 129", tagMap(map[string]string{"k": strings.Repeat("v", 129)}), "at most 128"},
		{"empty value", tagMap(map[string]string{"k": ""}), ""},
		{"aliyun key", tagMap(map[string]string{"aliyunx": "v"}), "must not start"},
		{"acs key", tagMap(map[string]string{"acs:x": "v"}), "must not start"},
		{"aliyun value", tagMap(map[string]string{"k": "aliyun"}), "must not start"},
		{"http in key", tagMap(map[string]string{"a http://b": "v"}), "must not contain"},
		{"https in value", tagMap(map[string]string{"k": "x https://y"}), "must not contain"},
		{"unicode key 64 runes", tagMap(map[string]string{strings.Repeat("键", 64): "v"}), ""},
		{"unknown value", types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringUnknown()}), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := &validator.MapResponse{}
			Validator().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: c.in}, resp)
			if c.wantErr == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("want error containing %q, got none", c.wantErr)
			}
			got := resp.Diagnostics.Errors()[0].Detail()
			if !strings.Contains(got, c.wantErr) {
				t.Fatalf("error %q does not contain %q", got, c.wantErr)
			}
		})
	}
}

// TestNonEmptyValues: an empty value is refused on its own key, with the
// reason given; other values, unknowns and null maps pass.
func TestNonEmptyValues(t *testing.T) {
	v := NonEmptyValues("the API answers MissingParameter.TagValue")
	withUnknown := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	for name, c := range map[string]struct {
		in      types.Map
		wantErr bool
	}{
		"null":          {types.MapNull(types.StringType), false},
		"unknown":       {types.MapUnknown(types.StringType), false},
		"values":        {tagMap(map[string]string{"a": "1", "b": "x"}), false},
		"unknown value": {withUnknown, false},
		"empty value":   {tagMap(map[string]string{"a": "1", "b": ""}), true},
	} {
		t.Run(name, func(t *testing.T) {
			resp := &validator.MapResponse{}
			v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: c.in}, resp)
			if resp.Diagnostics.HasError() != c.wantErr {
				t.Fatalf("errors %v, want error=%v", resp.Diagnostics, c.wantErr)
			}
			for _, e := range resp.Diagnostics.Errors() {
				if !strings.Contains(e.Detail(), "MissingParameter.TagValue") || !strings.Contains(e.Detail(), `"b"`) {
					t.Errorf("detail does not name the tag and the reason: %s", e.Detail())
				}
			}
		})
	}
}
