package cen

import (
	"context"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// wire returns the query parameters a request sends.
func wire(t *testing.T, r requests.AcsRequest) map[string]string {
	t.Helper()
	if err := requests.InitParams(r); err != nil {
		t.Fatal(err)
	}
	return r.GetQueryParams()
}

func TestCreateRequestSendsEveryParameter(t *testing.T) {
	m := bandwidthPackageModel{
		Bandwidth:           types.Int64Value(5),
		GeographicRegionAID: types.StringValue("China"),
		GeographicRegionBID: types.StringValue("Europe"),
		Name:                types.StringValue("plan"),
		Description:         types.StringValue("desc"),
		ChargeType:          types.StringValue(chargeTypePrepay),
		Period:              types.Int64Value(3),
		PricingCycle:        types.StringValue(cycleYear),
		AutoPay:             types.BoolValue(true),
		AutoRenew:           types.BoolValue(true),
		AutoRenewDuration:   types.Int64Value(2),
		ResourceGroupID:     types.StringValue("rg-1"),
		Tags: types.MapValueMust(types.StringType, map[string]attr.Value{
			"b": types.StringValue("2"), "a": types.StringValue("1"),
		}),
	}
	req, d := createRequest(context.Background(), &m, "token-1")
	if d.HasError() {
		t.Fatal(d)
	}
	got := wire(t, req)
	want := map[string]string{
		"ClientToken": "token-1", "Bandwidth": "5", "GeographicRegionAId": "China", "GeographicRegionBId": "Europe",
		"Name": "plan", "Description": "desc", "BandwidthPackageChargeType": "PREPAY", "Period": "3",
		"PricingCycle": "Year", "AutoPay": "true", "AutoRenew": "true", "AutoRenewDuration": "2",
		"ResourceGroupId": "rg-1", "Tag.1.Key": "a", "Tag.1.Value": "1", "Tag.2.Key": "b", "Tag.2.Value": "2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestCreateRequestDefaults(t *testing.T) {
	m := bandwidthPackageModel{
		Bandwidth:           types.Int64Value(2),
		GeographicRegionAID: types.StringValue("China"),
		GeographicRegionBID: types.StringValue("China"),
		ChargeType:          types.StringUnknown(),
		Tags:                types.MapNull(types.StringType),
	}
	req, _ := createRequest(context.Background(), &m, "t")
	got := wire(t, req)
	for k, v := range map[string]string{"BandwidthPackageChargeType": "PREPAY", "Period": "1", "PricingCycle": "Month", "AutoPay": "true"} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"AutoRenew", "AutoRenewDuration", "Tag.1.Key", "Name"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s sent though not set", k)
		}
	}

	m.ChargeType = types.StringValue(chargeTypePostpay)
	req, _ = createRequest(context.Background(), &m, "t")
	got = wire(t, req)
	for _, k := range []string{"Period", "PricingCycle"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s sent for POSTPAY", k)
		}
	}
}
