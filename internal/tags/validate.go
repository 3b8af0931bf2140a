package tags

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

var (
	reservedPrefixes = []string{"aliyun", "acs:"}
	urlMarkers       = []string{"http://", "https://"}
)

// Validator checks a tags map against the API's tag rules, which its
// description states.
func Validator() validator.Map { return tagsValidator{} }

type tagsValidator struct{}

func (tagsValidator) Description(context.Context) string {
	return fmt.Sprintf("at most %d tags; keys 1 to %d characters, values at most %d characters; "+
		"neither may start with `aliyun` or `acs:` nor contain `http://` or `https://`",
		MaxTags, MaxTagKeyLen, MaxTagValueLen)
}

func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v tagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
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
		if problem := textProblem("key", k, 1, MaxTagKeyLen); problem != "" {
			resp.Diagnostics.AddAttributeError(p, "Invalid tag key", problem)
		}
		val, ok := raw.(types.String)
		if !ok || val.IsNull() || val.IsUnknown() {
			continue
		}
		if problem := textProblem("value", val.ValueString(), 0, MaxTagValueLen); problem != "" {
			resp.Diagnostics.AddAttributeError(p, "Invalid tag value", problem)
		}
	}
}

// textProblem returns why a tag key or value is refused, or "".
func textProblem(what, s string, minLen, maxLen int) string {
	n := len([]rune(s))
	if n < minLen || n > maxLen {
		if minLen > 0 {
			return fmt.Sprintf("A tag %s must be %d to %d characters long; %q has %d.", what, minLen, maxLen, s, n)
		}
		return fmt.Sprintf("A tag %s must be at most %d characters long; %q has %d.", what, maxLen, s, n)
	}
	lower := strings.ToLower(s)
	for _, p := range reservedPrefixes {
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

// NonEmptyValues refuses a tag whose value is "": for a product whose API
// answers a tag without a value with an error (why says which), so the
// refusal comes at plan time, on the tag, instead of at apply.
func NonEmptyValues(why string) validator.Map { return nonEmptyValues{why} }

type nonEmptyValues struct{ why string }

func (nonEmptyValues) Description(context.Context) string { return "tag values must not be empty" }

func (v nonEmptyValues) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v nonEmptyValues) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for k, raw := range req.ConfigValue.Elements() {
		if val, ok := raw.(types.String); ok && !val.IsNull() && !val.IsUnknown() && val.ValueString() == "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Empty tag value",
				fmt.Sprintf("Tag %q has an empty value: %s. Give it a value, or remove the tag.", k, v.why))
		}
	}
}
