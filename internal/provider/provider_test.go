package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
)

func isolate(t *testing.T) {
	t.Helper()
	for _, names := range [][]string{client.EnvAccessKey, client.EnvSecretKey, client.EnvSecurityToken, client.EnvRegion} {
		for _, n := range names {
			t.Setenv(n, "")
		}
	}
	t.Setenv(client.EnvProfile, "")
	t.Setenv(client.EnvECSRole, "")
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "")
	t.Setenv("HOME", t.TempDir())
}

// configure runs the provider's Configure on a config whose unset
// attributes and blocks are null.
func configure(t *testing.T, set map[string]tftypes.Value, deferral bool) *fwprovider.ConfigureResponse {
	t.Helper()
	return configureCtx(context.Background(), t, set, deferral)
}

// configureCtx is configure with the caller's context, such as one whose
// logs a test reads (tflogtest.RootLogger).
func configureCtx(ctx context.Context, t *testing.T, set map[string]tftypes.Value, deferral bool) *fwprovider.ConfigureResponse {
	t.Helper()
	p := New("9.9.9")()
	var sresp fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &sresp)
	if sresp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", sresp.Diagnostics)
	}
	objType := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(typ, nil)
		}
	}
	req := fwprovider.ConfigureRequest{
		TerraformVersion:   "1.11.4",
		Config:             tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(objType, vals)},
		ClientCapabilities: fwprovider.ConfigureProviderClientCapabilities{DeferralAllowed: deferral},
	}
	resp := &fwprovider.ConfigureResponse{}
	p.Configure(ctx, req, resp)
	return resp
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

var endpointsType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"cen": tftypes.String, "ga": tftypes.String, "sts": tftypes.String}}

func endpoints(cen, ga string) tftypes.Value {
	v := func(s string) tftypes.Value {
		if s == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return str(s)
	}
	return tftypes.NewValue(endpointsType, map[string]tftypes.Value{"cen": v(cen), "ga": v(ga), "sts": v("")})
}

func keys() map[string]tftypes.Value {
	return map[string]tftypes.Value{"access_key": str("ak"), "secret_key": str("sk")}
}

func builtClient(t *testing.T, resp *fwprovider.ConfigureResponse) *client.Client {
	t.Helper()
	if resp.Diagnostics.HasError() {
		t.Fatalf("configure: %v", resp.Diagnostics)
	}
	c, ok := resp.ResourceData.(*client.Client)
	if !ok || c == nil {
		t.Fatalf("ResourceData is %T, want *client.Client", resp.ResourceData)
	}
	if resp.DataSourceData != resp.ResourceData {
		t.Fatal("data sources must get the same client")
	}
	return c
}

func TestConfigureBuildsClientWithEndpoints(t *testing.T) {
	isolate(t)
	set := keys()
	set["endpoints"] = endpoints("http://127.0.0.1:8790", "https://ga.example.com:8443")
	c := builtClient(t, configure(t, set, false))
	if c.CEN().Domain != "127.0.0.1:8790" || c.CEN().GetConfig().Scheme != "HTTP" {
		t.Errorf("CEN endpoint %s://%s", c.CEN().GetConfig().Scheme, c.CEN().Domain)
	}
	if c.GA().Domain != "ga.example.com:8443" || c.GA().GetConfig().Scheme != "HTTPS" {
		t.Errorf("GA endpoint %s://%s", c.GA().GetConfig().Scheme, c.GA().Domain)
	}
	if c.MaxRetries() != client.DefaultMaxRetries {
		t.Errorf("max_retries default %d", c.MaxRetries())
	}
}

func TestConfigureBadEndpointIsAttributeError(t *testing.T) {
	isolate(t)
	set := keys()
	set["endpoints"] = endpoints("cbn.aliyuncs.com", "")
	resp := configure(t, set, false)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error")
	}
	found := false
	for _, d := range resp.Diagnostics.Errors() {
		if dp, ok := d.(diag.DiagnosticWithPath); ok && dp.Path().String() == "endpoints.cen" {
			found = strings.Contains(d.Detail(), "https://cbn.aliyuncs.com")
		}
	}
	if !found {
		t.Fatalf("want an error on endpoints.cen suggesting https://, got %v", resp.Diagnostics)
	}
	if resp.ResourceData != nil {
		t.Fatal("no client on error")
	}
}

func TestConfigureRegionPrecedence(t *testing.T) {
	isolate(t)
	if c := builtClient(t, configure(t, keys(), false)); c.Region != "cn-hangzhou" {
		t.Errorf("default region %q", c.Region)
	}
	t.Setenv("ALICLOUD_REGION", "cn-beijing")
	if c := builtClient(t, configure(t, keys(), false)); c.Region != "cn-beijing" {
		t.Errorf("ALICLOUD_REGION: %q", c.Region)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")
	if c := builtClient(t, configure(t, keys(), false)); c.Region != "cn-shanghai" {
		t.Errorf("ALIBABA_CLOUD_REGION_ID: %q", c.Region)
	}
	set := keys()
	set["region"] = str("ap-southeast-1")
	if c := builtClient(t, configure(t, set, false)); c.Region != "ap-southeast-1" {
		t.Errorf("attribute: %q", c.Region)
	}
}

func TestConfigureEnvCredentials(t *testing.T) {
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-ak")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-sk")
	c := builtClient(t, configure(t, nil, false))
	if !strings.Contains(c.CredentialSource(), "environment") {
		t.Errorf("source %q", c.CredentialSource())
	}
}

func TestConfigureNoCredentialsListsWhatWasTried(t *testing.T) {
	isolate(t)
	resp := configure(t, nil, false)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error")
	}
	detail := resp.Diagnostics.Errors()[0].Detail()
	for _, want := range []string{"access_key", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_PROFILE", "config.json", "ecs_role_name"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
}

func TestConfigureUnknownValuesDoNotCrash(t *testing.T) {
	isolate(t)
	set := map[string]tftypes.Value{
		"access_key": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"secret_key": str("sk"),
	}
	resp := configure(t, set, false)
	if resp.Diagnostics.HasError() {
		t.Fatalf("unknown values must not be an error at configure: %v", resp.Diagnostics)
	}
	if len(resp.Diagnostics.Warnings()) != 1 || !strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), "access_key") {
		t.Fatalf("want one warning naming access_key, got %v", resp.Diagnostics)
	}
	c, ok := resp.ResourceData.(*client.Client)
	if !ok {
		t.Fatalf("resources need a client even then, got %T", resp.ResourceData)
	}
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error { t.Fatal("called the API"); return nil })
	if err == nil || !strings.Contains(err.Error(), "access_key") {
		t.Fatalf("a call must fail naming the unknown attribute, got %v", err)
	}

	// A Terraform that can defer gets a deferral instead.
	resp = configure(t, set, true)
	if resp.Deferred == nil || resp.Deferred.Reason != fwprovider.DeferredReasonProviderConfigUnknown {
		t.Fatalf("want a deferral, got %+v", resp.Deferred)
	}
}

func TestConfigureMaxRetries(t *testing.T) {
	isolate(t)
	set := keys()
	set["max_retries"] = tftypes.NewValue(tftypes.Number, 0)
	if c := builtClient(t, configure(t, set, false)); c.MaxRetries() != 0 {
		t.Errorf("max_retries = 0 must mean no retries, got %d", c.MaxRetries())
	}
}

// logEntries decodes the JSON lines a tflogtest logger wrote.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(buf)
	if err != nil {
		t.Fatalf("decoding logs: %v", err)
	}
	return entries
}

// The configured endpoints are logged as the URLs the calls go to: the
// public hosts over HTTPS by default, never "://".
func TestConfigureLogsEndpointsUsed(t *testing.T) {
	isolate(t)
	cases := []struct {
		name      string
		endpoints tftypes.Value
		cen, ga   string
	}{
		{"defaults", tftypes.NewValue(endpointsType, nil), "https://" + client.DefaultCENHost, "https://" + client.DefaultGAHost},
		{"empty endpoints block", endpoints("", ""), "https://" + client.DefaultCENHost, "https://" + client.DefaultGAHost},
		{"overrides", endpoints("http://127.0.0.1:8790", "https://ga.example.com:8443"), "http://127.0.0.1:8790", "https://ga.example.com:8443"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			set := keys()
			set["endpoints"] = tc.endpoints
			builtClient(t, configureCtx(tflogtest.RootLogger(context.Background(), &buf), t, set, false))
			var got map[string]any
			for _, e := range logEntries(t, &buf) {
				if e["@message"] == "aliyun provider configured" {
					got = e
				}
			}
			if got == nil {
				t.Fatalf("no \"aliyun provider configured\" line in:\n%s", buf.String())
			}
			if got["@level"] != "info" {
				t.Errorf("logged at %v, want info", got["@level"])
			}
			if got["cen_endpoint"] != tc.cen || got["ga_endpoint"] != tc.ga {
				t.Errorf("logged cen_endpoint=%v ga_endpoint=%v, want %s and %s", got["cen_endpoint"], got["ga_endpoint"], tc.cen, tc.ga)
			}
		})
	}
}
