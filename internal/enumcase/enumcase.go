// Package enumcase copes with enumerated API values (areas such as "China")
// that the API accepts in one case and answers in another ("china"): state
// keeps the form the user wrote, and a change of case alone is no change.
package enumcase

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Canonical returns the member of canonical equal to api ignoring case, or
// api itself when none is (a value newer than the provider).
func Canonical(api string, canonical []string) string {
	for _, c := range canonical {
		if strings.EqualFold(c, api) {
			return c
		}
	}
	return api
}

// Keep returns the value to store for an API answer: prior when it names the
// same value in another case, else the canonical spelling of api.
func Keep(prior types.String, api string, canonical []string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(prior.ValueString(), api) {
		return prior
	}
	return types.StringValue(Canonical(api, canonical))
}

// KeepOptional is Keep for an optional value: null when the API answers none.
func KeepOptional(prior types.String, api string, canonical []string) types.String {
	if api == "" {
		return types.StringNull()
	}
	return Keep(prior, api, canonical)
}

// RequiresReplace replaces the resource when the value changes other than in
// case; a change of case alone is an in-place update that calls no API.
func RequiresReplace() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
		},
		"A change other than of letter case replaces the resource.",
		"A change other than of letter case replaces the resource.",
	)
}

// RequiresReplaceIfConfigured is RequiresReplace for an optional value: only
// a configured value that changes other than in case replaces the resource.
func RequiresReplaceIfConfigured() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.ConfigValue.IsNull() && !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
		},
		"A change of a configured value other than in case replaces the resource; a change of case alone calls no API.",
		"A change of a configured value other than in case replaces the resource; a change of case alone calls no API.",
	)
}
