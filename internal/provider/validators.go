package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

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
