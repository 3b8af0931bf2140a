package apierrors

import "testing"

func TestInSchema(t *testing.T) {
	has := InSchema(map[string]int{"bandwidth": 1, "name": 2})
	if !has("bandwidth") || !has("name") || has("period") || has("") {
		t.Error("InSchema reports attributes the map does not hold, or misses one it does")
	}
}
