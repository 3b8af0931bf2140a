// Package functions holds the provider-defined functions.
package functions

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
)

// NewCENArea returns provider::aliyun::cen_area(region_id).
func NewCENArea() function.Function { return cenArea{} }

type cenArea struct{}

func (cenArea) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "cen_area"
}

func (cenArea) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "CEN area of a region ID",
		MarkdownDescription: "Returns the Cloud Enterprise Network area (`China`, `North-America`, `Asia-Pacific`, " +
			"`Europe`, `Australia` or `Middle-East`) that contains an Alibaba Cloud region, for the " +
			"`geographic_region_a_id` and `geographic_region_b_id` of `aliyun_cen_bandwidth_package`. " +
			"For example `cn-hangzhou` gives `China` and `cn-hongkong` gives `Asia-Pacific`. An unknown region is an error that lists the known ones.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "region_id",
				MarkdownDescription: "An Alibaba Cloud region ID such as `cn-hangzhou` or `eu-central-1`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (cenArea) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var region string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &region))
	if resp.Error != nil {
		return
	}
	area, ok := areas.OfRegion(region)
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf(
			"region %q is not in the CEN area table; known regions: %s", region, strings.Join(areas.Regions(), ", ")))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, area))
}
