package emutest

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// The helpers below hold a product's mapping from an API answer to its
// Terraform model (modelFromAPI) to the list of answer fields kept next to
// it: the tests of each product use them to check that the mapping reads
// exactly the listed fields, that every schema attribute is accounted for,
// and that the emulator answers every listed field.

// FieldsRead changes each JSON field of an answer in turn, from each of
// bases, and reports which attributes (tfsdk names) of the model that
// mapping returns it changes. A field that changes no attribute from any
// base is not in the result. A is a struct or a pointer to one; M a struct
// of attr.Value fields with tfsdk tags.
func FieldsRead[A, M any](t *testing.T, bases []A, mapping func(A) M) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, base := range bases {
		before := mapping(base)
		walkFields(reflect.TypeOf(base), func(name string, index []int) {
			changed := changedAttributes(before, mapping(perturbed(base, index)))
			for _, a := range changed {
				if !slices.Contains(out[name], a) {
					out[name] = append(out[name], a)
				}
			}
		})
	}
	for _, attrs := range out {
		sort.Strings(attrs)
	}
	return out
}

// SameSet reports the difference between two lists of names as a message,
// "" when they hold the same names.
func SameSet(gotName string, got []string, wantName string, want []string) string {
	var msgs []string
	for _, g := range got {
		if !slices.Contains(want, g) {
			msgs = append(msgs, fmt.Sprintf("%s has %q, %s does not", gotName, g, wantName))
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			msgs = append(msgs, fmt.Sprintf("%s has %q, %s does not", wantName, w, gotName))
		}
	}
	return strings.Join(msgs, "; ")
}

// walkFields calls f with the JSON name and index path of every exported
// field of the struct t (or *t), descending into embedded structs as
// encoding/json does.
func walkFields(t reflect.Type, f func(name string, index []int)) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			index := append(slices.Clone(prefix), i)
			tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if tag == "-" {
				continue
			}
			ft := sf.Type
			if sf.Anonymous && tag == "" {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, index)
				}
				continue
			}
			if !sf.IsExported() {
				continue
			}
			if tag == "" {
				tag = sf.Name
			}
			f(tag, index)
		}
	}
	walk(t, nil)
}

// perturbed returns a copy of base with the field at index changed.
func perturbed[A any](base A, index []int) A {
	v := reflect.ValueOf(base)
	if v.Kind() == reflect.Pointer {
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(v.Elem())
		field := c.Elem().FieldByIndex(index)
		field.Set(change(field))
		return c.Interface().(A) //nolint:forcetypeassert // c has A's type
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	field := c.FieldByIndex(index)
	field.Set(change(field))
	return c.Interface().(A) //nolint:forcetypeassert // c has A's type
}

// change returns a value of v's type that differs from v.
func change(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			out.SetString("changed")
		} else {
			out.SetString(v.String() + "-changed")
		}
	case reflect.Bool:
		out.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		out.SetInt(v.Int() + 7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		out.SetUint(v.Uint() + 7)
	case reflect.Float32, reflect.Float64:
		out.SetFloat(v.Float() + 7.5)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len()+1)
		reflect.Copy(s, v)
		out = reflect.Append(s, change(reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		out = reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			out.SetMapIndex(k, v.MapIndex(k))
		}
		out.SetMapIndex(change(reflect.New(v.Type().Key()).Elem()), change(reflect.New(v.Type().Elem()).Elem()))
	case reflect.Struct:
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(change(v.Field(i)))
			}
		}
	case reflect.Pointer:
		out = reflect.New(v.Type().Elem())
		if !v.IsNil() {
			out.Elem().Set(v.Elem())
		}
		out.Elem().Set(change(out.Elem()))
	case reflect.Interface:
		out.Set(reflect.ValueOf("changed"))
	default:
		panic(fmt.Sprintf("emutest: cannot change a %s", v.Kind()))
	}
	return out
}

// changedAttributes lists the tfsdk attributes whose values differ.
func changedAttributes[M any](a, b M) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var out []string
	for i := range va.NumField() {
		name := va.Type().Field(i).Tag.Get("tfsdk")
		x, ok := va.Field(i).Interface().(attr.Value)
		if name == "" || !ok {
			continue
		}
		y, _ := vb.Field(i).Interface().(attr.Value)
		if !x.Equal(y) {
			out = append(out, name)
		}
	}
	return out
}

// CheckAttributes fails t unless every attribute and block of the
// resource schema s is either filled from the API answer (mapped) or listed
// in notFromAPI with the reason why not, and not both; and unless every
// name notFromAPI lists is in s.
func CheckAttributes(t *testing.T, s rschema.Schema, mapped []string, notFromAPI map[string]string) {
	t.Helper()
	names := slices.Sorted(maps.Keys(s.Attributes))
	names = append(names, slices.Sorted(maps.Keys(s.Blocks))...)
	for _, name := range names {
		why, listed := notFromAPI[name]
		switch isMapped := slices.Contains(mapped, name); {
		case isMapped && listed:
			t.Errorf("attribute %s is filled from the API answer, yet listed as not (%s): drop it from the list", name, why)
		case !isMapped && !listed:
			t.Errorf("attribute %s is neither filled from the API answer by modelFromAPI nor listed, with the reason, in notFromAPI "+
				"(purchase-only, config-only, or computed elsewhere)", name)
		case listed && strings.TrimSpace(why) == "":
			t.Errorf("attribute %s is listed in notFromAPI without a reason", name)
		}
	}
	for name := range notFromAPI {
		if !slices.Contains(names, name) {
			t.Errorf("notFromAPI lists %s, which the schema does not have", name)
		}
	}
}

// CheckDataSource fails t unless the nested element listAttr of the data
// source schema ds has every attribute in mapped (the resource's attributes
// that the data source's answer gives), and only attributes that resource
// schema s has too.
func CheckDataSource(t *testing.T, ds dschema.Schema, listAttr string, mapped []string, s rschema.Schema) {
	t.Helper()
	list, ok := ds.Attributes[listAttr].(dschema.ListNestedAttribute)
	if !ok {
		t.Fatalf("data source attribute %s is not a nested list", listAttr)
	}
	element := list.NestedObject.Attributes
	for _, name := range mapped {
		if _, ok := element[name]; !ok {
			t.Errorf("the resource reads %s from the API, but the data source's %s element lacks it", name, listAttr)
		}
	}
	for name := range element {
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("the data source's %s element has %s, which the resource does not", listAttr, name)
		}
	}
}

// MissingKeys returns the names in want that the JSON object obj lacks.
func MissingKeys(obj map[string]any, want []string) []string {
	var out []string
	for _, k := range want {
		if _, ok := obj[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// Attributes returns the attr.Value fields of the model m by tfsdk name.
func Attributes(m any) map[string]attr.Value {
	v := reflect.ValueOf(m)
	out := map[string]attr.Value{}
	for i := range v.NumField() {
		name := v.Type().Field(i).Tag.Get("tfsdk")
		if x, ok := v.Field(i).Interface().(attr.Value); ok && name != "" {
			out[name] = x
		}
	}
	return out
}
