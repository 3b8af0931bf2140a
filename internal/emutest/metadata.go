package emutest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// ParamRange is the documented range of an integer parameter of an action in
// the vendored official API metadata (internal/emulator/testdata), so tests
// can hold the provider's plan-time limits to the same numbers as the
// emulator. product is "cbn" or "ga". It fails the test when the metadata
// documents no range for the parameter.
func ParamRange(t testing.TB, product, action, param string) (minimum, maximum int64) {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "emulator", "testdata", "official-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Products map[string]struct {
			Actions map[string]struct {
				Params []struct {
					Name string   `json:"name"`
					Min  *float64 `json:"min"`
					Max  *float64 `json:"max"`
				} `json:"params"`
			} `json:"actions"`
		} `json:"products"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Products[product].Actions[action].Params {
		if p.Name == param && p.Min != nil && p.Max != nil {
			return int64(*p.Min), int64(*p.Max)
		}
	}
	t.Fatalf("the metadata documents no range for %s %s %s", product, action, param)
	return 0, 0
}
