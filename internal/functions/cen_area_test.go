package functions

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/areas"
)

func run(t *testing.T, region string) (string, *function.FuncError) {
	t.Helper()
	resp := &function.RunResponse{Result: function.NewResultData(types.StringUnknown())}
	NewCENArea().Run(context.Background(), function.RunRequest{
		Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(region)}),
	}, resp)
	out, _ := resp.Result.Value().(types.String)
	return out.ValueString(), resp.Error
}

func TestCENAreaEveryRegion(t *testing.T) {
	for _, region := range areas.Regions() {
		want, _ := areas.OfRegion(region)
		got, err := run(t, region)
		if err != nil || got != want {
			t.Errorf("cen_area(%q) = %q, %v; want %q", region, got, err, want)
		}
	}
	examples := map[string]string{"cn-hangzhou": "China", "us-east-1": "North-America", "ap-southeast-1": "Asia-Pacific",
		"cn-hongkong": "Asia-Pacific", "eu-central-1": "Europe", "ap-southeast-2": "Australia"}
	for region, want := range examples {
		if got, err := run(t, region); err != nil || got != want {
			t.Errorf("cen_area(%q) = %q, %v; want %q", region, got, err, want)
		}
	}
}

func TestCENAreaUnknownRegion(t *testing.T) {
	_, err := run(t, "mars-north-1")
	if err == nil {
		t.Fatal("want an error for an unknown region")
	}
	if !strings.Contains(err.Text, "mars-north-1") || !strings.Contains(err.Text, "cn-hangzhou") {
		t.Errorf("error must name the region and list known ones: %s", err.Text)
	}
	if err.FunctionArgument == nil || *err.FunctionArgument != 0 {
		t.Errorf("error must point at argument 0: %+v", err)
	}
}
