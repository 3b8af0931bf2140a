package tfvalue

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestNullIfEmpty(t *testing.T) {
	if !NullIfEmpty("").IsNull() || NullIfEmpty("x").ValueString() != "x" {
		t.Error("NullIfEmpty")
	}
}

func TestStringMap(t *testing.T) {
	ctx := context.Background()
	for _, m := range []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType)} {
		if got, d := StringMap(ctx, m); len(got) != 0 || got == nil || d.HasError() {
			t.Errorf("StringMap(%s) = %v, %v", m, got, d)
		}
	}
	m := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringValue("b")})
	if got, d := StringMap(ctx, m); got["a"] != "b" || len(got) != 1 || d.HasError() {
		t.Errorf("StringMap = %v, %v", got, d)
	}
}
