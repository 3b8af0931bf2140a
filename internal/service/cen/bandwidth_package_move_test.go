package cen

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
	return emutest.Moved[bandwidthPackageModel](t, &bandwidthPackageResource{}, "alicloud_cen_bandwidth_package", rawJSON)
}

// The state of a current alicloud provider: payment_type, the name under
// its new spelling, and the two-element geographic_region_ids.
func TestMoveFromAlicloud_current(t *testing.T) {
	m := movedModel(t, `{
		"id": "cenbwp-4c2zaavbvh5fx****",
		"bandwidth": 5,
		"cen_bandwidth_package_name": "tf-plan",
		"name": "tf-plan",
		"description": "moved",
		"payment_type": "PrePaid",
		"charge_type": "PrePaid",
		"geographic_region_a_id": "",
		"geographic_region_b_id": "",
		"geographic_region_ids": ["China", "north-america"],
		"period": 1,
		"status": "Idle",
		"expired_time": "2026-08-01T16:00Z",
		"timeouts": null
	}`)
	want := map[string]attr.Value{
		"id":                     types.StringValue("cenbwp-4c2zaavbvh5fx****"),
		"bandwidth":              types.Int64Value(5),
		"geographic_region_a_id": types.StringValue("China"),
		"geographic_region_b_id": types.StringValue("North-America"),
		"name":                   types.StringValue("tf-plan"),
		"description":            types.StringValue("moved"),
		"charge_type":            types.StringValue("PREPAY"),
		"period":                 types.Int64Value(1),
		"pricing_cycle":          types.StringNull(),
		"auto_pay":               types.BoolNull(),
		"resource_group_id":      types.StringNull(),
		"tags":                   types.MapNull(types.StringType),
		"status":                 types.StringValue("Idle"),
		"expired_time":           types.StringValue("2026-08-01T16:00Z"),
		"creation_time":          types.StringNull(),
		"order_id":               types.StringNull(),
		"is_cross_border":        types.BoolNull(),
	}
	got := map[string]attr.Value{
		"id": m.ID, "bandwidth": m.Bandwidth, "geographic_region_a_id": m.GeographicRegionAID,
		"geographic_region_b_id": m.GeographicRegionBID, "name": m.Name, "description": m.Description,
		"charge_type": m.ChargeType, "period": m.Period, "pricing_cycle": m.PricingCycle, "auto_pay": m.AutoPay,
		"resource_group_id": m.ResourceGroupID, "tags": m.Tags, "status": m.Status, "expired_time": m.ExpiredTime,
		"creation_time": m.CreationTime, "order_id": m.OrderID, "is_cross_border": m.IsCrossBorder,
	}
	for k, w := range want {
		if !got[k].Equal(w) {
			t.Errorf("%s = %s, want %s", k, got[k], w)
		}
	}
	if !m.Timeouts.IsNull() {
		t.Errorf("timeouts = %s, want null", m.Timeouts)
	}
}

// An older alicloud state: name and charge_type, explicit area IDs, tags.
func TestMoveFromAlicloud_olderAttributes(t *testing.T) {
	m := movedModel(t, `{
		"id": "cenbwp-old",
		"bandwidth": "20",
		"name": "legacy",
		"charge_type": "PostPaid",
		"geographic_region_a_id": "Europe",
		"geographic_region_b_id": "asia-pacific",
		"resource_group_id": "rg-1",
		"tags": {"env": "prod"}
	}`)
	if m.Name.ValueString() != "legacy" || m.ChargeType.ValueString() != "POSTPAY" || m.Bandwidth.ValueInt64() != 20 {
		t.Errorf("name, charge_type, bandwidth = %s, %s, %s", m.Name, m.ChargeType, m.Bandwidth)
	}
	if m.GeographicRegionAID.ValueString() != "Europe" || m.GeographicRegionBID.ValueString() != "Asia-Pacific" {
		t.Errorf("areas = %s, %s", m.GeographicRegionAID, m.GeographicRegionBID)
	}
	if m.ResourceGroupID.ValueString() != "rg-1" || m.Tags.Elements()["env"] != types.StringValue("prod") {
		t.Errorf("resource group, tags = %s, %s", m.ResourceGroupID, m.Tags)
	}
	if !m.Description.IsNull() || !m.Period.IsNull() {
		t.Errorf("absent attributes = %s, %s, want null", m.Description, m.Period)
	}
}

// A set of one area means the same area at both ends; an unknown payment
// type is left for the refresh.
func TestMoveFromAlicloud_sameAreaAndUnknownPayment(t *testing.T) {
	m := movedModel(t, `{"id": "cenbwp-1", "bandwidth": 2, "geographic_region_ids": ["China"], "payment_type": "Other"}`)
	if m.GeographicRegionAID.ValueString() != "China" || m.GeographicRegionBID.ValueString() != "China" {
		t.Errorf("areas = %s, %s, want China twice", m.GeographicRegionAID, m.GeographicRegionBID)
	}
	if !m.ChargeType.IsNull() {
		t.Errorf("charge_type = %s, want null", m.ChargeType)
	}
}

// Another provider or resource type is not answered: the framework then
// reports that the move is not supported.
func TestMoveFromAlicloud_otherSources(t *testing.T) {
	for _, c := range []struct{ addr, typ string }{
		{"registry.terraform.io/hashicorp/aws", "alicloud_cen_bandwidth_package"},
		{alicloudAddress, "alicloud_ga_bandwidth_package"},
		{alicloudAddress, "alicloud_cen_instance"},
	} {
		if _, ok := move(t, c.addr, c.typ, `{"id": "cenbwp-1"}`); ok {
			t.Errorf("%s %s: a mover answered", c.addr, c.typ)
		}
	}
}

// A state without an ID cannot name a plan: an error, not an empty resource.
func TestMoveFromAlicloud_noID(t *testing.T) {
	resp, ok := move(t, alicloudAddress, "alicloud_cen_bandwidth_package", `{"bandwidth": 2}`)
	if !ok || !resp.Diagnostics.HasError() {
		t.Fatalf("want an error diagnostic, got %v", resp)
	}
}
