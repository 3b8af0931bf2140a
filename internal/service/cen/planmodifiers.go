package cen

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultOnCreate plans value when the attribute is left out of the config
// of a new resource; left out later, UseStateForUnknown keeps what exists.
func defaultOnCreate(value string) planmodifier.String { return defaultOnCreateModifier{value} }

type defaultOnCreateModifier struct{ value string }

func (m defaultOnCreateModifier) Description(context.Context) string {
	return fmt.Sprintf("Defaults to %q when the resource is created.", m.value)
}

func (m defaultOnCreateModifier) MarkdownDescription(ctx context.Context) string {
	return fmt.Sprintf("Defaults to `%s` when the resource is created.", m.value)
}

func (m defaultOnCreateModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() && req.ConfigValue.IsNull() {
		resp.PlanValue = types.StringValue(m.value)
	}
}
