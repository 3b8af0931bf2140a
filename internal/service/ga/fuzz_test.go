package ga

import (
	"encoding/json"
	"testing"

	"github.com/bwplan/terraform-provider-aliyun/internal/apitime"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
)

// FuzzDecoders: GA's hand-decoded answers (ListTagResources in both shapes,
// the auto-renew attribute, times) take any bytes without a panic.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"NextToken":"","TagResources":{"TagResource":[{"ResourceId":"gbwp-1","TagKey":"k","TagValue":"v"}]}}`))
	f.Add([]byte(`{"TagResources":[{"ResourceId":"gbwp-1","TagKey":"k","TagValue":"v"}],"NextToken":"2"}`))
	f.Add([]byte(`{"AutoRenew":"True","AutoRenewDuration":"3","RenewalStatus":"AutoRenewal"}`))
	f.Add([]byte(`{"AutoRenew":1,"AutoRenewDuration":1e99}`))
	f.Add([]byte(`1700000000000`))
	f.Add([]byte(`{"TagResources":"x"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, _, err := tags.DecodeListTagResources(body)
		if err != nil && rows != nil {
			t.Fatalf("rows with an error: %v", err)
		}
		var a autoRenewAttribute
		if json.Unmarshal(body, &a) == nil {
			_ = a.enabled()
		}
		s := string(body)
		_ = apitime.RFC3339(s)
		if tm, ok := apitime.Parse(s); ok && tm.IsZero() && s != "0" {
			t.Fatalf("parsed %q as the zero time", s)
		}
	})
}
