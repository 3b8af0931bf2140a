// Package movestate reads the state of a resource of the official alicloud
// provider, for moved blocks into this provider. The source schema is not
// ours, so values are read from the raw JSON leniently: SDKv2 states hold
// numbers and booleans either as JSON values or as strings.
package movestate

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// alicloudNamespaces are where the alicloud provider is published:
// aliyun/alicloud, and hashicorp/alicloud, which configurations without
// required_providers still resolve "alicloud" to.
var alicloudNamespaces = []string{"aliyun/alicloud", "hashicorp/alicloud"}

// FromAlicloud reports whether req moves a resource of type typeName of the
// alicloud provider. The hostname is ignored, so mirrors match too.
func FromAlicloud(req resource.MoveStateRequest, typeName string) bool {
	if req.SourceTypeName != typeName || req.SourceRawState == nil {
		return false
	}
	addr := strings.ToLower(req.SourceProviderAddress)
	for _, ns := range alicloudNamespaces {
		if addr == ns || strings.HasSuffix(addr, "/"+ns) {
			return true
		}
	}
	return false
}

// Mover takes over a resource of type alicloudType of the alicloud provider:
// model translates its state into the target's model. A request for any
// other source is left unanswered and the framework reports it; a source
// state without an id is refused, since there is no plan to take over.
func Mover[M any](alicloudType string, model func(Attrs) M) resource.StateMover {
	return resource.StateMover{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		if !FromAlicloud(req, alicloudType) {
			return
		}
		src, err := Decode(req.SourceRawState)
		if err != nil {
			resp.Diagnostics.AddError("Moving "+alicloudType, "Reading the alicloud provider's state: "+err.Error())
			return
		}
		if src.StringValue("id").IsNull() {
			resp.Diagnostics.AddError("Moving "+alicloudType, "The alicloud provider's state has no id, so there is no plan to take over.")
			return
		}
		m := model(src)
		resp.Diagnostics.Append(resp.TargetState.Set(ctx, &m)...)
	}}
}

// NullTimeouts is a null timeouts block with create, update and delete, the
// value a moved resource starts with.
func NullTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
		"create": types.StringType, "update": types.StringType, "delete": types.StringType,
	})}
}

// Attrs are the top-level attributes of a source state.
type Attrs map[string]json.RawMessage

// Decode reads the raw state's JSON.
func Decode(raw *tfprotov6.RawState) (Attrs, error) {
	if raw == nil || len(raw.JSON) == 0 {
		return nil, errors.New("the source state has no JSON form (a state from Terraform before 0.12 cannot be moved)")
	}
	var a Attrs
	if err := json.Unmarshal(raw.JSON, &a); err != nil {
		return nil, err
	}
	return a, nil
}

// String is the first of the named attributes that holds a non-empty string.
func (a Attrs) String(names ...string) (string, bool) {
	for _, n := range names {
		var s string
		if json.Unmarshal(a[n], &s) == nil && s != "" {
			return s, true
		}
	}
	return "", false
}

// Int64 reads a number written as a JSON number or a string.
func (a Attrs) Int64(name string) (int64, bool) {
	raw := strings.Trim(strings.TrimSpace(string(a[name])), `"`)
	if raw == "" || raw == "null" {
		return 0, false
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(raw, 64)
		if ferr != nil || f != float64(int64(f)) {
			return 0, false
		}
		n = int64(f)
	}
	return n, true
}

// Bool reads a boolean written as a JSON boolean or a string.
func (a Attrs) Bool(name string) (bool, bool) {
	raw := strings.Trim(strings.TrimSpace(string(a[name])), `"`)
	b, err := strconv.ParseBool(raw)
	return b, err == nil
}

// Strings reads a list or set of strings.
func (a Attrs) Strings(name string) []string {
	var out []string
	_ = json.Unmarshal(a[name], &out)
	return out
}

// StringValue is String as a framework value, null when absent or empty.
func (a Attrs) StringValue(names ...string) types.String {
	if s, ok := a.String(names...); ok {
		return types.StringValue(s)
	}
	return types.StringNull()
}

// Int64Value is Int64 as a framework value, null when absent.
func (a Attrs) Int64Value(name string) types.Int64 {
	if n, ok := a.Int64(name); ok {
		return types.Int64Value(n)
	}
	return types.Int64Null()
}

// BoolValue is Bool as a framework value, null when absent.
func (a Attrs) BoolValue(name string) types.Bool {
	if b, ok := a.Bool(name); ok {
		return types.BoolValue(b)
	}
	return types.BoolNull()
}

// TagsValue reads a map of strings; no tags is null, as the resources store it.
func (a Attrs) TagsValue(name string) types.Map {
	var m map[string]string
	if json.Unmarshal(a[name], &m) != nil || len(m) == 0 {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}
