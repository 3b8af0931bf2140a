// Package tags holds the tag bookkeeping both resources share: what to send
// to TagResources and UntagResources to move a plan from one tag set to another.
package tags

import (
	"maps"
	"slices"
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
