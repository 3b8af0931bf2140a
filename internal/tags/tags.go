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
