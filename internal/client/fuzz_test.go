package client

import (
	"encoding/json"
	"errors"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// FuzzAnswerToDiagnostic drives any HTTP answer through what the provider
// does with it: the answer check, the SDK's error decoding (under safeCall,
// as Do runs it), normalize, classify and Describe. Nothing panics, every
// error gets a summary, and an accepted answer is a JSON object.
func FuzzAnswerToDiagnostic(f *testing.F) {
	f.Add(200, "application/json", `{"RequestId":"R","CenBandwidthPackageId":"cenbwp-1"}`)
	f.Add(400, "application/json", `{"RequestId":"R","Code":"Throttling.User","Message":"m"}`)
	f.Add(403, "application/json", `{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"ga:X"}}`)
	f.Add(400, "application/json", `{"RequestId":5,"Code":["x"],"AccessDeniedDetail":"s"}`)
	f.Add(502, "text/html", `<html>502 Bad Gateway</html>`)
	f.Add(200, "", ``)
	f.Add(200, "application/json", `{"RequestId":"R","Cen`)
	f.Fuzz(func(t *testing.T, status int, contentType, body string) {
		if bad := checkAnswer(status, contentType, []byte(body)); bad == nil {
			var obj map[string]any
			if json.Unmarshal([]byte(body), &obj) != nil {
				t.Fatalf("accepted a body that is not a JSON object: %q", body)
			}
		} else if bad.Code == "" {
			t.Fatalf("refused answer without a code: %v", bad)
		}
		if status < 400 {
			return
		}
		err := safeCall(func() error { return sdkerrors.NewServerError(status, body, "") })
		err = normalize(err, "DescribeCenBandwidthPackages", "cen")
		var api *apierrors.APIError
		if !errors.As(err, &api) {
			t.Fatalf("not an API error: %#v", err)
		}
		_ = classify(err, &callOptions{}, false)
		summary, detail, _ := apierrors.Describe("reading CEN bandwidth plan (x)", err)
		if summary == "" || detail == "" {
			t.Fatalf("empty diagnostic for %q", body)
		}
	})
}
