package ga

import (
	"context"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCreateRequestSendsEveryParameter(t *testing.T) {
	m := base()
	m.Type, m.BandwidthType, m.Bandwidth = types.StringValue("CrossDomain"), types.StringValue("Enhanced"), types.Int64Value(20)
	m.ChargeType, m.Duration, m.PricingCycle = types.StringValue("POSTPAY"), types.Int64Value(2), types.StringValue("Year")
	m.AutoPay, m.AutoUseCoupon, m.PromotionOptionNo = types.BoolValue(true), types.BoolValue(true), types.StringValue("5000")
	m.BillingType, m.Ratio = types.StringValue("PayBY95"), types.Int64Value(40)
	m.CbnGeographicRegionIDA, m.CbnGeographicRegionIDB = types.StringValue("China-mainland"), types.StringValue("Global")
	m.AutoRenew, m.AutoRenewDuration, m.ResourceGroupID = types.BoolValue(true), types.Int64Value(6), types.StringValue("rg-1")
	m.Tags = types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringValue("2"), "a": types.StringValue("1")})
	req, d := createRequest(context.Background(), &m, "tok")
	if d.HasError() {
		t.Fatal(d)
	}
	if err := requests.InitParams(req); err != nil {
		t.Fatal(err)
	}
	got := req.GetQueryParams()
	want := map[string]string{
		"ClientToken": "tok", "Bandwidth": "20", "Type": "CrossDomain", "BandwidthType": "Enhanced",
		"ChargeType": "POSTPAY", "Duration": "2", "PricingCycle": "Year", "AutoPay": "true", "AutoUseCoupon": "true",
		"PromotionOptionNo": "5000", "BillingType": "PayBY95", "Ratio": "40", "CbnGeographicRegionIdA": "China-mainland",
		"CbnGeographicRegionIdB": "Global", "AutoRenew": "true", "AutoRenewDuration": "6", "ResourceGroupId": "rg-1",
		"Tag.1.Key": "a", "Tag.1.Value": "1", "Tag.2.Key": "b", "Tag.2.Value": "2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}

	m = base()
	m.ChargeType, m.AutoPay = types.StringValue("PREPAY"), types.BoolUnknown()
	m.Duration, m.PricingCycle, m.Tags = types.Int64Unknown(), types.StringUnknown(), types.MapNull(types.StringType)
	setPurchaseDefaults(&m)
	req, _ = createRequest(context.Background(), &m, "tok")
	_ = requests.InitParams(req)
	got = req.GetQueryParams()
	for k, v := range map[string]string{"Duration": "1", "PricingCycle": "Month", "AutoPay": "true", "AutoRenew": "false"} {
		if got[k] != v {
			t.Errorf("default %s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"AutoRenewDuration", "Ratio", "BillingType", "ResourceGroupId", "Tag.1.Key", "AutoUseCoupon"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s sent though not set", k)
		}
	}
}
