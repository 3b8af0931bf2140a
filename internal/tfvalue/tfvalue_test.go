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

type model struct {
	ID     types.String `tfsdk:"id"`
	Status types.String `tfsdk:"status"`
	Count  types.Int64  `tfsdk:"count"`
	Plain  string
}

func TestFillUnknown(t *testing.T) {
	m := model{ID: types.StringValue("p-1"), Status: types.StringUnknown(), Count: types.Int64Unknown(), Plain: "kept"}
	FillUnknown(&m, model{ID: types.StringValue("other"), Status: types.StringValue("Idle"), Count: types.Int64Null(), Plain: "other"})
	if m.ID.ValueString() != "p-1" || m.Status.ValueString() != "Idle" || !m.Count.IsNull() || m.Plain != "kept" {
		t.Errorf("got %+v", m)
	}
}

func TestCopy(t *testing.T) {
	type element struct {
		Status types.String `tfsdk:"status"`
		Count  types.String `tfsdk:"count"` // another type: left alone
		Extra  types.String `tfsdk:"extra"` // not in the source: left alone
	}
	e := element{Count: types.StringValue("c"), Extra: types.StringValue("x")}
	Copy(&e, model{ID: types.StringValue("p-1"), Status: types.StringValue("Idle"), Count: types.Int64Value(3)})
	if e.Status.ValueString() != "Idle" || e.Count.ValueString() != "c" || e.Extra.ValueString() != "x" {
		t.Errorf("got %+v", e)
	}
}
