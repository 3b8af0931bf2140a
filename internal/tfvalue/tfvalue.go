// Package tfvalue converts between API values and the framework's types the
// way both bandwidth-plan resources store them.
package tfvalue

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NullIfEmpty stores an empty API string as null.
func NullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// StringMap reads a map of strings; null or unknown reads as empty.
func StringMap(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

// FillUnknown sets every attribute of the model m that is unknown to its
// value in from: what an apply learns from the API for what its plan left
// "known after apply". A model is a struct of attr.Value fields.
func FillUnknown[M any](m *M, from M) {
	dst, src := reflect.ValueOf(m).Elem(), reflect.ValueOf(from)
	for i := range dst.NumField() {
		if v, ok := dst.Field(i).Interface().(attr.Value); ok && v.IsUnknown() {
			dst.Field(i).Set(src.Field(i))
		}
	}
}

// Copy sets each attribute of the model dst to the value of the attribute of
// the model src with the same tfsdk name and type, as a data source's
// element takes the resource's values; attributes src lacks are left as they are.
func Copy[D, S any](dst *D, src S) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src)
	byName := map[string]reflect.Value{}
	for i := range s.NumField() {
		if name := s.Type().Field(i).Tag.Get("tfsdk"); name != "" {
			byName[name] = s.Field(i)
		}
	}
	for i := range d.NumField() {
		v, ok := byName[d.Type().Field(i).Tag.Get("tfsdk")]
		if ok && v.Type() == d.Field(i).Type() {
			d.Field(i).Set(v)
		}
	}
}
