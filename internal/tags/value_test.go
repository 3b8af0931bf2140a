package tags

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestValue: no tags keep the form the user wrote (moved from tfvalue.TestTags).
func TestValue(t *testing.T) {
	empty := types.MapValueMust(types.StringType, map[string]attr.Value{})
	if !Value(types.MapNull(types.StringType), nil).IsNull() || !Value(types.MapUnknown(types.StringType), nil).IsNull() {
		t.Error("no tags with no prior should be null")
	}
	if got := Value(empty, nil); got.IsNull() || len(got.Elements()) != 0 {
		t.Errorf("no tags with tags = {} should stay {}: %s", got)
	}
	if got := Value(types.MapNull(types.StringType), map[string]string{"a": "b"}); len(got.Elements()) != 1 {
		t.Errorf("Tags = %s", got)
	}
}
