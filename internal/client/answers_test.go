package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

func TestCheckAnswer(t *testing.T) {
	for _, tc := range []struct {
		status int
		ctype  string
		body   string
		code   string
	}{
		{200, "application/json", `{"RequestId":"R"}`, ""},
		{400, "application/json", ` {"Code":"X","Message":"m"}` + "\n", ""},
		{200, "application/json", ``, apierrors.CodeBadAnswer},
		{200, "application/json", `{"RequestId":"R","Cen`, apierrors.CodeBadAnswer},
		{200, "text/html", `<html>ok</html>`, apierrors.CodeBadAnswer},
		{502, "text/html; charset=utf-8", `<html><body>502 Bad Gateway</body></html>`, apierrors.CodeGateway},
		{429, "", `slow down`, apierrors.CodeGateway},
		{404, "text/html", `<h1>Not Found</h1>`, apierrors.CodeNotAPI},
		{200, "application/json", `[1,2]`, apierrors.CodeBadAnswer},
	} {
		got := checkAnswer(tc.status, tc.ctype, []byte(tc.body))
		switch {
		case tc.code == "" && got != nil:
			t.Errorf("%d %q: want accepted, got %v", tc.status, tc.body, got)
		case tc.code != "" && (got == nil || got.Code != tc.code || got.HTTPStatus != tc.status):
			t.Errorf("%d %q: want %s, got %v", tc.status, tc.body, tc.code, got)
		}
	}
}

// An answer the SDK cannot take is retried (bounded) and then reported with
// its own code; a create is replayed with its token.
func TestDamagedAnswersRetriedThenReported(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.WriteHeader(200) // empty body
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RequestId":"R","CenBandwidthPackageId":"cenbwp-1"}`))
	}))
	defer srv.Close()
	f := &fakeAPI{t: t, srv: srv}
	c, slept := newTestClient(t, f, nil)
	if err := createCEN(c, "tok"); err != nil {
		t.Fatalf("create after two empty answers: %v", err)
	}
	if n.Load() != 3 || len(*slept) != 2 {
		t.Fatalf("calls %d, sleeps %v", n.Load(), *slept)
	}

	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = w.Write([]byte("<html><body>502 Bad Gateway</body></html>"))
	}))
	defer html.Close()
	c, _ = newTestClient(t, &fakeAPI{t: t, srv: html}, func(cfg *Config) { cfg.MaxRetries = 2 })
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	api, ok := apierrors.From(err)
	if !ok || api.Code != apierrors.CodeGateway || api.HTTPStatus != 502 || api.Action != "DescribeCenBandwidthPackages" {
		t.Fatalf("HTML page: %#v", err)
	}
	summary, detail, _ := apierrors.Describe("reading CEN bandwidth plan (x)", err)
	if !strings.Contains(summary, "proxy or gateway") || !strings.Contains(detail, "502 Bad Gateway") || strings.Contains(detail, "?") {
		t.Fatalf("diagnostic:\n%s\n%s", summary, detail)
	}
}

func TestPanicInCallBecomesError(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 200, map[string]string{} })
	c, slept := newTestClient(t, f, nil)
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		var m map[string]any
		_ = m["RequestId"].(string) // what the SDK does with {"RequestId": 5}
		return nil
	})
	if !apierrors.IsCode(err, apierrors.CodePanic) || len(*slept) != 0 {
		t.Fatalf("panic: %v, sleeps %v", err, *slept)
	}
}
