package tags

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	have := map[string]string{"keep": "1", "change": "old", "drop": "x", "drop2": "y"}
	want := map[string]string{"keep": "1", "change": "new", "add": ""}
	set, remove := Diff(have, want)
	if !reflect.DeepEqual(set, map[string]string{"change": "new", "add": ""}) {
		t.Errorf("set = %v", set)
	}
	if !reflect.DeepEqual(remove, []string{"drop", "drop2"}) {
		t.Errorf("remove = %v", remove)
	}
	set, remove = Diff(nil, nil)
	if len(set) != 0 || len(remove) != 0 {
		t.Errorf("empty diff = %v %v", set, remove)
	}
}

func TestSortedKeys(t *testing.T) {
	if got := SortedKeys(map[string]string{"b": "", "a": "", "c": ""}); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("SortedKeys = %v", got)
	}
}

func TestApplied(t *testing.T) {
	current := map[string]string{"env": "prod", "team": "net", "owner": "someone-else"}
	cases := []struct {
		set    map[string]string
		remove []string
		want   bool
	}{
		{map[string]string{"env": "prod"}, nil, true},
		{map[string]string{"env": "prod"}, []string{"old"}, true},
		{map[string]string{"env": "dev"}, nil, false},
		{map[string]string{"new": "x"}, nil, false},
		{nil, []string{"team"}, false},
		{nil, nil, true},
	}
	for i, c := range cases {
		if got := Applied(current, c.set, c.remove); got != c.want {
			t.Errorf("case %d: Applied = %v, want %v (a tag set outside Terraform, owner, must not matter)", i, got, c.want)
		}
	}
}
