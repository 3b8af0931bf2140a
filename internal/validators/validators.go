// Package validators holds the plan-time checks both bandwidth-plan resources
// share. Each validator states the API's rule in its description, so
// `terraform validate` and the generated docs say the same thing.
package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var urlMarkers = []string{"http://", "https://"}

// NoURLPrefix refuses strings that start with http:// or https://, as the
// API does for names and descriptions.
func NoURLPrefix() validator.String { return noURLPrefix{} }

type noURLPrefix struct{}

func (noURLPrefix) Description(context.Context) string {
	return "must not start with `http://` or `https://`"
}

func (v noURLPrefix) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v noURLPrefix) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	for _, p := range urlMarkers {
		if strings.HasPrefix(s, p) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid value",
				fmt.Sprintf("The API refuses a value that starts with %q: %s. Got %q.", p, v.Description(ctx), s))
			return
		}
	}
}

// NotEmpty refuses "" with the reason the API gives none a meaning, such as
// a name the API treats as not given when empty.
func NotEmpty(reason string) validator.String { return notEmpty{reason} }

type notEmpty struct{ reason string }

func (v notEmpty) Description(context.Context) string {
	return "must not be empty (" + v.reason + ")"
}

func (v notEmpty) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v notEmpty) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty value",
		fmt.Sprintf("%s must not be empty: %s. Leave %s out of the configuration instead.", req.Path, v.reason, req.Path))
}
