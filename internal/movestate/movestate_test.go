package movestate

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestFromAlicloud(t *testing.T) {
	raw := &tfprotov6.RawState{JSON: []byte(`{}`)}
	cases := []struct {
		addr, typ string
		want      bool
	}{
		{"registry.terraform.io/aliyun/alicloud", "alicloud_x", true},
		{"registry.terraform.io/hashicorp/alicloud", "alicloud_x", true},
		{"mirror.example.com/aliyun/alicloud", "alicloud_x", true},
		{"registry.terraform.io/aliyun/alicloud", "alicloud_y", false},
		{"registry.terraform.io/hashicorp/aws", "alicloud_x", false},
		{"registry.terraform.io/someone/notalicloud", "alicloud_x", false},
	}
	for _, c := range cases {
		req := resource.MoveStateRequest{SourceProviderAddress: c.addr, SourceTypeName: c.typ, SourceRawState: raw}
		if got := FromAlicloud(req, "alicloud_x"); got != c.want {
			t.Errorf("FromAlicloud(%s, %s) = %v, want %v", c.addr, c.typ, got, c.want)
		}
	}
	if FromAlicloud(resource.MoveStateRequest{SourceProviderAddress: "registry.terraform.io/aliyun/alicloud", SourceTypeName: "alicloud_x"}, "alicloud_x") {
		t.Error("a request without raw state matched")
	}
}

func TestAttrs(t *testing.T) {
	a, err := Decode(&tfprotov6.RawState{JSON: []byte(`{
		"name": "", "cen_bandwidth_package_name": "plan", "bandwidth": 10, "period": "3", "ratio": 30.0,
		"bad": "x", "auto_pay": true, "auto_use_coupon": "false", "ids": ["a", "b"],
		"tags": {"k": "v"}, "no_tags": {}, "nothing": null}`)})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.StringValue("name", "cen_bandwidth_package_name"); got != types.StringValue("plan") {
		t.Errorf("String fallback = %s", got)
	}
	if got := a.StringValue("nothing", "missing"); !got.IsNull() {
		t.Errorf("absent string = %s, want null", got)
	}
	for name, want := range map[string]types.Int64{"bandwidth": types.Int64Value(10), "period": types.Int64Value(3),
		"ratio": types.Int64Value(30), "bad": types.Int64Null(), "nothing": types.Int64Null(), "missing": types.Int64Null()} {
		if got := a.Int64Value(name); !got.Equal(want) {
			t.Errorf("Int64Value(%s) = %s, want %s", name, got, want)
		}
	}
	if got := a.BoolValue("auto_pay"); got != types.BoolValue(true) {
		t.Errorf("auto_pay = %s", got)
	}
	if got := a.BoolValue("auto_use_coupon"); got != types.BoolValue(false) {
		t.Errorf("auto_use_coupon = %s", got)
	}
	if got := a.BoolValue("missing"); !got.IsNull() {
		t.Errorf("missing bool = %s", got)
	}
	if got := a.Strings("ids"); len(got) != 2 || got[1] != "b" {
		t.Errorf("Strings = %v", got)
	}
	if got := a.TagsValue("tags"); len(got.Elements()) != 1 {
		t.Errorf("tags = %s", got)
	}
	if got := a.TagsValue("no_tags"); !got.IsNull() {
		t.Errorf("empty tags = %s, want null", got)
	}
	if _, err := Decode(&tfprotov6.RawState{}); err == nil {
		t.Error("Decode of a state without JSON succeeded")
	}
}
