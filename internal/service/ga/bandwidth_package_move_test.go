package ga

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
)

const alicloudAddress = emutest.AlicloudAddress

// move runs the resource's state movers as the framework does.
func move(t *testing.T, addr, typeName, rawJSON string) (*resource.MoveStateResponse, bool) {
	t.Helper()
	return emutest.Move(t, &bandwidthPackageResource{}, addr, typeName, rawJSON)
}

func movedModel(t *testing.T, rawJSON string) bandwidthPackageModel {
	t.Helper()
	return emutest.Moved[bandwidthPackageModel](t, &bandwidthPackageResource{}, "alicloud_ga_bandwidth_package", rawJSON)
}

func fields(m bandwidthPackageModel) map[string]attr.Value {
	return map[string]attr.Value{
		"id": m.ID, "bandwidth": m.Bandwidth, "type": m.Type, "bandwidth_type": m.BandwidthType,
		"charge_type": m.ChargeType, "duration": m.Duration, "pricing_cycle": m.PricingCycle,
		"auto_pay": m.AutoPay, "auto_use_coupon": m.AutoUseCoupon, "billing_type": m.BillingType,
		"ratio": m.Ratio, "cbn_geographic_region_id_a": m.CbnGeographicRegionIDA,
		"cbn_geographic_region_id_b": m.CbnGeographicRegionIDB, "promotion_option_no": m.PromotionOptionNo,
		"auto_renew": m.AutoRenew, "auto_renew_duration": m.AutoRenewDuration,
		"resource_group_id": m.ResourceGroupID, "name": m.Name, "description": m.Description,
		"tags": m.Tags, "status": m.Status, "expired_time": m.ExpiredTime, "create_time": m.CreateTime,
		"order_id": m.OrderID,
	}
}

func checkFields(t *testing.T, m bandwidthPackageModel, want map[string]attr.Value) {
	t.Helper()
	got := fields(m)
	for k, w := range want {
		if !got[k].Equal(w) {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	if !m.Timeouts.IsNull() {
		t.Errorf("timeouts = %s, want null", m.Timeouts)
	}
}

// A Basic subscription with auto-renewal, as the alicloud provider stores it.
func TestMoveFromAlicloud_subscription(t *testing.T) {
	m := movedModel(t, `{
		"id": "gbwp-bp1sgzldyj6b4q7cx****",
		"bandwidth": 20,
		"type": "Basic",
		"bandwidth_type": "Basic",
		"payment_type": "Subscription",
		"duration": "1",
		"pricing_cycle": "Month",
		"auto_pay": true,
		"auto_use_coupon": false,
		"billing_type": "",
		"ratio": 0,
		"cbn_geographic_region_ida": "",
		"cbn_geographic_region_idb": "",
		"renewal_status": "AutoRenewal",
		"auto_renew_duration": 3,
		"bandwidth_package_name": "tf-ga",
		"description": "moved",
		"resource_group_id": "rg-acfm",
		"tags": {"env": "prod"},
		"status": "active",
		"timeouts": null
	}`)
	checkFields(t, m, map[string]attr.Value{
		"id":                         types.StringValue("gbwp-bp1sgzldyj6b4q7cx****"),
		"bandwidth":                  types.Int64Value(20),
		"type":                       types.StringValue("Basic"),
		"bandwidth_type":             types.StringValue("Basic"),
		"charge_type":                types.StringValue("PREPAY"),
		"duration":                   types.Int64Value(1),
		"pricing_cycle":              types.StringValue("Month"),
		"auto_pay":                   types.BoolValue(true),
		"auto_use_coupon":            types.BoolValue(false),
		"billing_type":               types.StringNull(),
		"ratio":                      types.Int64Null(),
		"cbn_geographic_region_id_a": types.StringNull(),
		"cbn_geographic_region_id_b": types.StringNull(),
		"promotion_option_no":        types.StringNull(),
		"auto_renew":                 types.BoolValue(true),
		"auto_renew_duration":        types.Int64Value(3),
		"resource_group_id":          types.StringValue("rg-acfm"),
		"name":                       types.StringValue("tf-ga"),
		"description":                types.StringValue("moved"),
		"tags":                       types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("prod")}),
		"status":                     types.StringValue("active"),
		"order_id":                   types.StringNull(),
	})
}

// A CrossDomain pay-as-you-go plan at the 95th percentile, renewal off.
func TestMoveFromAlicloud_crossDomainPayAsYouGo(t *testing.T) {
	m := movedModel(t, `{
		"id": "gbwp-cross",
		"bandwidth": "100",
		"type": "CrossDomain",
		"payment_type": "PayAsYouGo",
		"billing_type": "PayBY95",
		"ratio": 30,
		"cbn_geographic_region_ida": "China-mainland",
		"cbn_geographic_region_idb": "Global",
		"renewal_status": "NotRenewal",
		"auto_renew_duration": 1,
		"tags": {}
	}`)
	checkFields(t, m, map[string]attr.Value{
		"bandwidth":                  types.Int64Value(100),
		"type":                       types.StringValue("CrossDomain"),
		"bandwidth_type":             types.StringNull(),
		"charge_type":                types.StringValue("POSTPAY"),
		"duration":                   types.Int64Null(),
		"billing_type":               types.StringValue("PayBY95"),
		"ratio":                      types.Int64Value(30),
		"cbn_geographic_region_id_a": types.StringValue("China-mainland"),
		"cbn_geographic_region_id_b": types.StringValue("Global"),
		"auto_renew":                 types.BoolValue(false),
		"auto_renew_duration":        types.Int64Null(),
		"name":                       types.StringNull(),
		"tags":                       types.MapNull(types.StringType),
	})
}

// Auto-renewal without a stored duration renews by one month, as the API does.
func TestMoveFromAlicloud_autoRenewDefaultDuration(t *testing.T) {
	m := movedModel(t, `{"id": "gbwp-1", "bandwidth": 2, "type": "Basic", "renewal_status": "AutoRenewal"}`)
	checkFields(t, m, map[string]attr.Value{
		"auto_renew":          types.BoolValue(true),
		"auto_renew_duration": types.Int64Value(1),
		"charge_type":         types.StringNull(),
	})
}

// Another provider or resource type is not answered: the framework then
// reports that the move is not supported.
func TestMoveFromAlicloud_otherSources(t *testing.T) {
	for _, c := range []struct{ addr, typ string }{
		{"registry.terraform.io/hashicorp/aws", "alicloud_ga_bandwidth_package"},
		{alicloudAddress, "alicloud_cen_bandwidth_package"},
		{alicloudAddress, "alicloud_ga_accelerator"},
	} {
		if _, ok := move(t, c.addr, c.typ, `{"id": "gbwp-1"}`); ok {
			t.Errorf("%s %s: a mover answered", c.addr, c.typ)
		}
	}
}

// A state without an ID cannot name a plan: an error, not an empty resource.
func TestMoveFromAlicloud_noID(t *testing.T) {
	resp, ok := move(t, alicloudAddress, "alicloud_ga_bandwidth_package", `{"bandwidth": 2}`)
	if !ok || !resp.Diagnostics.HasError() {
		t.Fatalf("want an error diagnostic, got %v", resp)
	}
}
