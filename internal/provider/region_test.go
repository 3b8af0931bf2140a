package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validateProviderConfig runs the provider's validation as Terraform does
// at validate and plan time (the ValidateProviderConfig RPC), on a config
// that sets only region.
func validateProviderConfig(t *testing.T, region string) []*tfprotov6.Diagnostic {
	t.Helper()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	var sresp fwprovider.SchemaResponse
	New("test")().Schema(ctx, fwprovider.SchemaRequest{}, &sresp)
	objType := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	vals["region"] = str(region)
	config, err := tfprotov6.NewDynamicValue(objType, tftypes.NewValue(objType, vals))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

func TestRegionValidatedAtPlanTime(t *testing.T) {
	cases := []struct {
		region   string
		severity tfprotov6.DiagnosticSeverity // 0: no diagnostic
		want     []string
	}{
		{"cn-hangzhou", 0, nil},
		{"ap-southeast-7", 0, nil}, // from the SDK's endpoint data
		{"cn-wuhan-lr", 0, nil},    // from the CEN area table
		{"cn-hangzou", tfprotov6.DiagnosticSeverityWarning, []string{`"cn-hangzou"`, `Did you mean "cn-hangzhou"?`, "a region opened after this provider was released", "ignore this warning"}},
		{"xx-newplace-9", tfprotov6.DiagnosticSeverityWarning, []string{`"xx-newplace-9"`, "not a region ID the provider knows"}},
		{"Hangzhou", tfprotov6.DiagnosticSeverityError, []string{`"Hangzhou"`, "cannot be an Alibaba Cloud region ID", "cn-hangzhou"}},
		{"CN-Shanghai", tfprotov6.DiagnosticSeverityError, []string{`Write "cn-shanghai"`}},
		{"cn_hangzhou", tfprotov6.DiagnosticSeverityError, []string{`Did you mean "cn-hangzhou"?`}},
		{"https://cbn.aliyuncs.com", tfprotov6.DiagnosticSeverityError, []string{"lower-case words and digits joined by hyphens"}},
	}
	for _, tc := range cases {
		t.Run(tc.region, func(t *testing.T) {
			diags := validateProviderConfig(t, tc.region)
			if tc.severity == 0 {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostic, got %+v", diags[0])
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %d: %+v", len(diags), diags)
			}
			d := diags[0]
			if d.Severity != tc.severity {
				t.Errorf("severity %v, want %v", d.Severity, tc.severity)
			}
			if d.Attribute == nil || !d.Attribute.Equal(tftypes.NewAttributePath().WithAttributeName("region")) {
				t.Errorf("diagnostic not on the region attribute: %v", d.Attribute)
			}
			for _, want := range tc.want {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail)
				}
			}
		})
	}
}

// A region from the environment is checked at configure, and the
// diagnostic names the variable it came from.
func TestRegionFromEnvironmentChecked(t *testing.T) {
	isolate(t)
	t.Setenv("ALICLOUD_REGION", "cn hangzhou")
	resp := configure(t, keys(), false)
	if !resp.Diagnostics.HasError() || resp.ResourceData != nil {
		t.Fatalf("want an error and no client, got %v", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	if _, onPath := d.(diag.DiagnosticWithPath); onPath {
		t.Errorf("the environment's region is not the attribute's: %v", d)
	}
	for _, want := range []string{"ALICLOUD_REGION", `"cn hangzhou"`, "cannot be an Alibaba Cloud region ID"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, d.Detail())
		}
	}

	t.Setenv("ALIBABA_CLOUD_REGION_ID", "xx-newplace-9")
	resp = configure(t, keys(), false)
	if c := builtClient(t, resp); c.Region != "xx-newplace-9" {
		t.Errorf("a well-formed unknown region is used, got %q", c.Region)
	}
	if w := resp.Diagnostics.Warnings(); len(w) != 1 || !strings.Contains(w[0].Detail(), "ALIBABA_CLOUD_REGION_ID") {
		t.Errorf("want one warning naming ALIBABA_CLOUD_REGION_ID, got %v", resp.Diagnostics)
	}

	// The attribute wins over the environment, so a bad variable is not judged.
	set := keys()
	set["region"] = str("cn-beijing")
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "Not A Region")
	if resp := configure(t, set, false); resp.Diagnostics.HasError() || len(resp.Diagnostics.Warnings()) != 0 {
		t.Errorf("region set in the block: want no diagnostic, got %v", resp.Diagnostics)
	}
}
