// Package tags holds all the tag logic both resources share: the API's tag
// rules (Validator), what to send to TagResources and UntagResources to move
// a plan from one tag set to another (Diff, Sync), when a change shows
// (Applied), and reading tags from a Describe (FromList, Value) or from
// ListTagResources (Reader). The product calls themselves are the products'
// own: they come in as an API or a Lister.
package tags

import (
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Diff returns the tags to set (new or changed values) and the keys to
// remove to turn have into want. Keys come out sorted, so requests are stable.
func Diff(have, want map[string]string) (set map[string]string, remove []string) {
	set = map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			set[k] = v
		}
	}
	for k := range have {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	slices.Sort(remove)
	return set, remove
}

// SortedKeys returns m's keys in order, for building Tag.N parameters.
func SortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// Applied reports whether current shows a tag change: every key of set with
// its value, and none of remove. Tags that others manage are left out on
// purpose: waiting for the whole set to match would never end when someone
// tags the plan outside Terraform; a refresh reports those as drift.
func Applied(current, set map[string]string, remove []string) bool {
	for k, v := range set {
		if got, ok := current[k]; !ok || got != v {
			return false
		}
	}
	for _, k := range remove {
		if _, ok := current[k]; ok {
			return false
		}
	}
	return true
}

// QueryParams are the Tag.N.Key and Tag.N.Value parameters of m, in key
// order, for calls the typed SDK request lacks.
func QueryParams(m map[string]string) map[string]string {
	out := make(map[string]string, 2*len(m))
	for i, k := range SortedKeys(m) {
		out[fmt.Sprintf("Tag.%d.Key", i+1)] = k
		out[fmt.Sprintf("Tag.%d.Value", i+1)] = m[k]
	}
	return out
}

// FromList reads the tags a Describe or List answer carries as a list of
// key-value pairs.
func FromList[T any](list []T, pair func(T) (key, value string)) map[string]string {
	out := make(map[string]string, len(list))
	for _, t := range list {
		k, v := pair(t)
		out[k] = v
	}
	return out
}

// Value stores the API's tags; no tags are stored as the user wrote them,
// null or an empty map.
func Value(prior types.Map, api map[string]string) types.Map {
	if len(api) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(api))
	for k, v := range api {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}
