package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DefaultOnCreate plans value when the attribute is left out of the
// configuration of a new resource; left out later, UseStateForUnknown keeps
// what exists (unlike a schema Default, which would plan the default again).
func DefaultOnCreate(value string) planmodifier.String { return defaultOnCreate{value} }

type defaultOnCreate struct{ value string }

func (m defaultOnCreate) Description(context.Context) string {
	return fmt.Sprintf("Defaults to %q when the resource is created.", m.value)
}

func (m defaultOnCreate) MarkdownDescription(context.Context) string {
	return fmt.Sprintf("Defaults to `%s` when the resource is created.", m.value)
}

func (m defaultOnCreate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() && req.ConfigValue.IsNull() {
		resp.PlanValue = types.StringValue(m.value)
	}
}

// NullOnCreate plans null, not "known after apply", for a computed attribute
// the configuration of a new resource leaves out: the API gives it no value
// until one is set (a GA plan's name and description).
func NullOnCreate() planmodifier.String { return nullOnCreate{} }

type nullOnCreate struct{}

func (nullOnCreate) Description(context.Context) string {
	return "Null when the resource is created without it."
}

func (m nullOnCreate) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nullOnCreate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() && req.ConfigValue.IsNull() {
		resp.PlanValue = types.StringNull()
	}
}
