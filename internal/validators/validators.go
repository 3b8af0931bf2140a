// Package validators holds the plan-time checks both bandwidth-plan resources
// share. Each validator states the API's rule in its description, so
// `terraform validate` and the generated docs say the same thing.
package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Tag limits of both the CEN and the GA API.
const (
	MaxTags        = 20
	MaxTagKeyLen   = 64
	MaxTagValueLen = 128
)

var reservedTagPrefixes = []string{"aliyun", "acs:"}
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

// Tags checks a tags map against the API's tag rules.
func Tags() validator.Map { return tags{} }

type tags struct{}

func (tags) Description(context.Context) string {
	return fmt.Sprintf("at most %d tags; keys 1 to %d characters, values at most %d characters; "+
		"neither may start with `aliyun` or `acs:` nor contain `http://` or `https://`",
		MaxTags, MaxTagKeyLen, MaxTagValueLen)
}

func (v tags) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tags) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) > MaxTags {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("The API accepts at most %d tags on a bandwidth plan; this configuration sets %d.", MaxTags, len(elems)))
	}
	for k, raw := range elems {
		p := req.Path.AtMapKey(k)
		if problem := tagTextProblem("key", k, 1, MaxTagKeyLen); problem != "" {
			resp.Diagnostics.AddAttributeError(p, "Invalid tag key", problem)
		}
		val, ok := raw.(types.String)
		if !ok || val.IsNull() || val.IsUnknown() {
			continue
		}
		if problem := tagTextProblem("value", val.ValueString(), 0, MaxTagValueLen); problem != "" {
			resp.Diagnostics.AddAttributeError(p, "Invalid tag value", problem)
		}
	}
}

// tagTextProblem returns why a tag key or value is refused, or "".
func tagTextProblem(what, s string, minLen, maxLen int) string {
	n := len([]rune(s))
	if n < minLen || n > maxLen {
		if minLen > 0 {
			return fmt.Sprintf("A tag %s must be %d to %d characters long; %q has %d.", what, minLen, maxLen, s, n)
		}
		return fmt.Sprintf("A tag %s must be at most %d characters long; %q has %d.", what, maxLen, s, n)
	}
	lower := strings.ToLower(s)
	for _, p := range reservedTagPrefixes {
		if strings.HasPrefix(lower, p) {
			return fmt.Sprintf("A tag %s must not start with %q (reserved by Alibaba Cloud); got %q.", what, p, s)
		}
	}
	for _, m := range urlMarkers {
		if strings.Contains(lower, m) {
			return fmt.Sprintf("A tag %s must not contain %q; got %q.", what, m, s)
		}
	}
	return ""
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
