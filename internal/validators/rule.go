package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Rule is the resource.ConfigValidator of a rule that joins attributes of
// one resource: it reads the configuration into the resource's model M and
// reports what check finds. description states the API's rule, as every
// validator's does. check sees unknown values as unknown and should skip a
// rule whose inputs are not known yet: it runs again at apply, when they are.
func Rule[M any](description string, check func(M) diag.Diagnostics) resource.ConfigValidator {
	return rule[M]{description: description, check: check}
}

type rule[M any] struct {
	description string
	check       func(M) diag.Diagnostics
}

func (r rule[M]) Description(context.Context) string { return r.description }

func (r rule[M]) MarkdownDescription(context.Context) string { return r.description }

func (r rule[M]) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.check(m)...)
}
