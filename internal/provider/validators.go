package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
)

// endpointURL checks an endpoint at validate time with the same parser
// Configure uses, so `terraform validate` and apply agree.
type endpointURL struct{}

func (endpointURL) Description(context.Context) string {
	return "must be a full URL with scheme and host only, such as https://cbn.aliyuncs.com or http://127.0.0.1:8790"
}

func (v endpointURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ParseEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint URL", err.Error())
	}
}

// nonNegative rejects negative retry counts.
type nonNegative struct{}

func (nonNegative) Description(context.Context) string { return "must be 0 or more" }

func (v nonNegative) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (nonNegative) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if req.ConfigValue.ValueInt64() < 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid max_retries", "max_retries must be 0 or more.")
	}
}

// regionValue checks region at validate time: a value that cannot be a
// region ID is an error; a well-formed one the provider does not know is a
// warning, since Alibaba Cloud opens regions after a provider is released.
type regionValue struct{}

func (regionValue) Description(context.Context) string {
	return "must be an Alibaba Cloud region ID: lower-case words and digits joined by hyphens, such as cn-hangzhou or ap-southeast-1; an ID the provider does not know is warned about"
}

func (v regionValue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regionValue) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return
	}
	problem, unknown := checkRegion(req.ConfigValue.ValueString(), "region")
	switch {
	case problem != "":
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid region", problem)
	case unknown != "":
		resp.Diagnostics.AddAttributeWarning(req.Path, "Unknown region", unknown)
	}
}

// checkRegion judges a region ID set by source (the attribute or an
// environment variable). problem is set when id cannot be a region ID,
// unknown when it could be one but the provider does not know it.
func checkRegion(id, source string) (problem, unknown string) {
	if areas.IsKnownRegion(id) {
		return "", ""
	}
	known := "Known region IDs: " + strings.Join(areas.KnownRegions(), ", ") + "."
	if !areas.LooksLikeRegionID(id) {
		problem = fmt.Sprintf("%s is %q, which cannot be an Alibaba Cloud region ID: region IDs are lower-case words and digits joined by hyphens, such as cn-hangzhou or ap-southeast-1.", source, id)
		if fixed := strings.ToLower(strings.TrimSpace(id)); fixed != id && areas.LooksLikeRegionID(fixed) {
			problem += fmt.Sprintf(" Write %q.", fixed)
		} else if near := nearestRegion(strings.ToLower(id)); near != "" {
			problem += fmt.Sprintf(" Did you mean %q?", near)
		}
		return problem + " " + known, ""
	}
	unknown = fmt.Sprintf("%s is %q, which is not a region ID the provider knows.", source, id)
	if near := nearestRegion(id); near != "" {
		unknown += fmt.Sprintf(" Did you mean %q?", near)
	}
	return "", unknown + " If it is a region opened after this provider was released, ignore this warning; otherwise correct it, or API calls will fail. " + known
}

// nearestRegion is the known region ID within two edits of id, if one is.
func nearestRegion(id string) string {
	best, bestDist := "", 3
	for _, r := range areas.KnownRegions() {
		if d := editDistance(id, r); d < bestDist {
			best, bestDist = r, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
