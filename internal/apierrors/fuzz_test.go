package apierrors

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// FuzzDescribe: any code, message and status maps to a diagnostic with a
// summary naming the operation, and the detail carries the code and never
// loses the RequestId.
func FuzzDescribe(f *testing.F) {
	for _, e := range table {
		f.Add(e.Code, "message", "REQ-1", 400)
	}
	f.Add("", "<html>", "", 502)
	f.Add("Some.New", "", "", 0)
	f.Fuzz(func(t *testing.T, code, msg, requestID string, status int) {
		err := fmt.Errorf("wrapped: %w", NewAPIError(code, msg, requestID, status, errors.New("cause")))
		summary, detail, attrs := Describe("creating X", err)
		if !strings.HasPrefix(summary, "creating X") {
			t.Fatalf("summary %q", summary)
		}
		if requestID != "" && !strings.Contains(detail, requestID) {
			t.Fatalf("detail lacks the RequestId: %q", detail)
		}
		if _, known := Lookup(code); !known && len(attrs) > 0 {
			t.Fatalf("attributes for an unknown code: %v", attrs)
		}
		_ = Retryable(err)
	})
}
