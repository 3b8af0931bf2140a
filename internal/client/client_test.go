package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// fakeAPI answers RPC calls in the API's JSON shapes and records each request.
type fakeAPI struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	calls  []url.Values
	agents []string
	// answer returns status and body for the n-th call (from 1).
	answer func(n int, q url.Values) (int, any)
}

func newFakeAPI(t *testing.T, answer func(n int, q url.Values) (int, any)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, answer: answer}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		q := r.URL.Query()
		f.mu.Lock()
		f.calls = append(f.calls, q)
		f.agents = append(f.agents, r.Header.Get("User-Agent"))
		n := len(f.calls)
		f.mu.Unlock()
		status, body := f.answer(n, q)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) Calls() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.calls...)
}

func apiErr(code, msg string) map[string]string {
	return map[string]string{"RequestId": "REQ-" + code, "HostId": "cbn.aliyuncs.com", "Code": code, "Message": msg, "Recommend": "https://api.aliyun.com/troubleshoot"}
}

func testCreds(t *testing.T, ak, sk, token string) *Credentials {
	t.Helper()
	c, err := static(ak, sk, token, "test")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// newTestClient points both APIs at f, with instant, recorded sleeps.
func newTestClient(t *testing.T, f *fakeAPI, mutate func(*Config)) (*Client, *[]time.Duration) {
	t.Helper()
	ep, err := ParseEndpoint(f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Region:           "cn-shanghai",
		Credentials:      testCreds(t, "test-ak", "test-sk", ""),
		CENEndpoint:      ep,
		GAEndpoint:       ep,
		ProviderVersion:  "1.2.3",
		TerraformVersion: "1.11.4",
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	return c, &slept
}

func createCEN(c *Client, token string) error {
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.Bandwidth = "10"
	req.GeographicRegionAId = "China"
	req.GeographicRegionBId = "China"
	req.ClientToken = token
	var opts []CallOption
	if token != "" {
		opts = append(opts, WithClientToken(token))
	}
	return c.Do(context.Background(), "CreateCenBandwidthPackage", func() error {
		_, err := c.CEN().CreateCenBandwidthPackage(req)
		return err
	}, opts...)
}

func TestCreateRetriedKeepsClientToken(t *testing.T) {
	f := newFakeAPI(t, func(n int, _ url.Values) (int, any) {
		if n <= 2 {
			return 503, apiErr("ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
		}
		return 200, map[string]string{"RequestId": "R3", "CenBandwidthPackageId": "cenbwp-1"}
	})
	c, slept := newTestClient(t, f, nil)
	if err := createCEN(c, "tok-123"); err != nil {
		t.Fatalf("create: %v", err)
	}
	calls := f.Calls()
	if len(calls) != 3 {
		t.Fatalf("want 3 attempts, got %d", len(calls))
	}
	nonces := map[string]bool{}
	for i, q := range calls {
		if got := q.Get("ClientToken"); got != "tok-123" {
			t.Errorf("attempt %d sent ClientToken %q, want tok-123", i+1, got)
		}
		nonces[q.Get("SignatureNonce")] = true
	}
	if len(nonces) != 3 {
		t.Errorf("each attempt must be signed anew (fresh nonce), got %d distinct nonces", len(nonces))
	}
	if len(*slept) != 2 {
		t.Errorf("want 2 backoff sleeps, got %v", *slept)
	}
}

func TestCreateWithoutTokenNotRetried(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) {
		return 503, apiErr("ServiceUnavailable", "temporary failure")
	})
	c, _ := newTestClient(t, f, nil)
	if err := createCEN(c, ""); !apierrors.IsCode(err, "ServiceUnavailable") {
		t.Fatalf("want ServiceUnavailable, got %v", err)
	}
	if n := len(f.Calls()); n != 1 {
		t.Fatalf("a create without ClientToken must not be retried; got %d calls", n)
	}
}

func TestCredentialErrorsNeverRetried(t *testing.T) {
	for _, e := range apierrors.Entries() {
		if !e.Credential {
			continue
		}
		t.Run(e.Code, func(t *testing.T) {
			f := newFakeAPI(t, func(int, url.Values) (int, any) { return 400, apiErr(e.Code, "denied") })
			c, _ := newTestClient(t, f, nil)
			err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
				_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
				return err
			}, RetryOn(e.Code)) // even when a caller asks
			if !apierrors.IsCode(err, e.Code) {
				t.Fatalf("want %s, got %v", e.Code, err)
			}
			if n := len(f.Calls()); n != 1 {
				t.Fatalf("credential error retried: %d calls", n)
			}
		})
	}
}

func TestRetryClassificationOfEveryTableCode(t *testing.T) {
	for _, e := range apierrors.Entries() {
		t.Run(e.Code, func(t *testing.T) {
			err := apierrors.NewAPIError(e.Code, "m", "R", 400, nil)
			got := classify(err, &callOptions{}, false)
			want := stop
			if e.Retry && !e.Credential {
				want = retryCount
			}
			if got != want {
				t.Errorf("classify(%s) = %v, want %v (Retry=%v)", e.Code, got, want, e.Retry)
			}
			// RetryOn extends any non-credential code to the deadline.
			got = classify(err, &callOptions{busyCodes: []string{e.Code}}, false)
			want = retryUntil
			if e.Credential {
				want = stop
			}
			if got != want {
				t.Errorf("classify(%s) with RetryOn = %v, want %v", e.Code, got, want)
			}
		})
	}
	// The documented HTTP 500 that must not be retried.
	if d := classify(apierrors.NewAPIError("PayFor.AccountMoneyValidateError", "m", "R", 500, nil), &callOptions{}, false); d != stop {
		t.Errorf("PayFor.AccountMoneyValidateError (HTTP 500) must not be retried, got %v", d)
	}
	// Untabled 5xx retried, untabled 4xx not.
	if d := classify(apierrors.NewAPIError("Some.New500", "m", "R", 502, nil), &callOptions{}, false); d != retryCount {
		t.Errorf("untabled 502 not retried: %v", d)
	}
	if d := classify(apierrors.NewAPIError("Some.New400", "m", "R", 400, nil), &callOptions{}, false); d != stop {
		t.Errorf("untabled 400 retried: %v", d)
	}
	// Transport failures.
	reset := &url.Error{Op: "Post", URL: "http://x/?a=b", Err: &netErr{msg: "read: connection reset by peer", timeout: false}}
	if d := classify(normalize(reset, "DescribeX", ""), &callOptions{}, false); d != retryCount {
		t.Errorf("connection reset not retried: %v", d)
	}
	timeout := &url.Error{Op: "Post", URL: "http://x/", Err: &netErr{msg: "i/o timeout", timeout: true}}
	if d := classify(normalize(timeout, "DescribeX", ""), &callOptions{}, false); d != retryCount {
		t.Errorf("timeout not retried: %v", d)
	}
	if d := classify(errors.New("plain"), &callOptions{}, false); d != stop {
		t.Errorf("unknown non-API error retried: %v", d)
	}
	// A create with a token is retried; without, never.
	thr := apierrors.NewAPIError("Throttling", "m", "R", 400, nil)
	if d := classify(thr, &callOptions{clientToken: "t"}, true); d != retryCount {
		t.Errorf("create with token not retried: %v", d)
	}
	if d := classify(thr, &callOptions{busyCodes: []string{"Throttling"}}, true); d != stop {
		t.Errorf("create without token retried: %v", d)
	}
}

type netErr struct {
	msg     string
	timeout bool
}

func (e *netErr) Error() string   { return e.msg }
func (e *netErr) Timeout() bool   { return e.timeout }
func (e *netErr) Temporary() bool { return e.timeout }

func TestMaxRetriesBoundsOrdinaryRetries(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 400, apiErr("Throttling.User", "slow down") })
	c, slept := newTestClient(t, f, func(cfg *Config) { cfg.MaxRetries = 3 })
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	if !apierrors.IsCode(err, "Throttling.User") {
		t.Fatalf("want Throttling.User, got %v", err)
	}
	if n := len(f.Calls()); n != 4 {
		t.Fatalf("want 1 call + 3 retries, got %d calls", n)
	}
	if len(*slept) != 3 {
		t.Fatalf("want 3 sleeps, got %v", *slept)
	}
}

func TestBusyCodesRetriedUntilDeadlineNotPastIt(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) {
		return 400, apiErr("InvalidStatus.Resource", "busy")
	})
	c, _ := newTestClient(t, f, func(cfg *Config) {
		cfg.MaxRetries = 1 // RetryOn codes ignore it
		cfg.BaseDelay = 20 * time.Millisecond
		cfg.MaxDelay = 200 * time.Millisecond
	})
	// Real sleeps, each checked against the deadline when asked for: a wall
	// clock check of the return time would flake on a loaded machine.
	c.sleep = func(ctx context.Context, d time.Duration) error {
		if dl, _ := ctx.Deadline(); time.Now().Add(d).After(dl) {
			t.Errorf("asked to sleep %s past the deadline", d)
		}
		return sleepCtx(ctx, d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
	defer cancel()
	err := c.Do(ctx, "ModifyCenBandwidthPackageSpec", func() error {
		_, err := c.CEN().ModifyCenBandwidthPackageSpec(cbn.CreateModifyCenBandwidthPackageSpecRequest())
		return err
	}, RetryOn("InvalidStatus.Resource"))
	if !apierrors.IsCode(err, "InvalidStatus.Resource") {
		t.Fatalf("want the last API error, not a context error; got %v", err)
	}
	if n := len(f.Calls()); n <= 2 {
		t.Errorf("busy code retried only %d times; RetryOn must outlast max_retries", n)
	}
}

func TestBackoffNeverPastDeadline(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 400, apiErr("Throttling", "slow") })
	c, _ := newTestClient(t, f, func(cfg *Config) { cfg.MaxRetries = 100 })
	// Every sleep would be the full cap: far beyond the deadline.
	c.jitter = func(ceiling time.Duration) time.Duration { return ceiling }
	sleeps := 0
	c.sleep = func(ctx context.Context, d time.Duration) error {
		sleeps++
		dl, _ := ctx.Deadline()
		if time.Now().Add(d).After(dl) {
			t.Errorf("asked to sleep %s past the deadline", d)
		}
		return sleepCtx(ctx, d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := c.Do(ctx, "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	if !apierrors.IsCode(err, "Throttling") {
		t.Fatalf("want Throttling, got %v", err)
	}
	// Whether Do overran is judged on what it asked to sleep (above), not
	// on a wall clock, which a loaded machine stretches.
	if sleeps == 0 {
		t.Fatal("Do never backed off: the test proves nothing")
	}
}

func TestBackoffFullJitterCapped(t *testing.T) {
	c := &Client{baseDelay: 100 * time.Millisecond, maxDelay: time.Second}
	var ceilings []time.Duration
	c.jitter = func(ceiling time.Duration) time.Duration { ceilings = append(ceilings, ceiling); return ceiling }
	for a := 1; a <= 40; a++ {
		c.backoff(a)
	}
	want := []int64{100, 200, 400, 800, 1000} // ms
	for i, w := range want {
		if ceilings[i] != time.Duration(w)*time.Millisecond {
			t.Errorf("attempt %d ceiling %s, want %dms", i+1, ceilings[i], w)
		}
	}
	for _, d := range ceilings {
		if d > time.Second || d <= 0 {
			t.Fatalf("ceiling %s outside (0, cap]", d)
		}
	}
	c.jitter = nil
	for a := 1; a < 200; a++ {
		if d := c.backoff(a % 20); d < 0 || d > time.Second {
			t.Fatalf("jittered delay %s outside [0, cap]", d)
		}
	}
}

func TestGAAlwaysCallsRegionCnHangzhou(t *testing.T) {
	f := newFakeAPI(t, func(_ int, q url.Values) (int, any) {
		return 200, map[string]string{"RequestId": "R", "BandwidthPackageId": "gbwp-1", "State": "active"}
	})
	c, _ := newTestClient(t, f, func(cfg *Config) { cfg.Region = "ap-southeast-1" })
	ctx := context.Background()
	req := ga.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = "gbwp-1"
	if err := c.Do(ctx, "DescribeBandwidthPackage", func() error { _, err := c.GA().DescribeBandwidthPackage(req); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CommonGA(ctx, "UpdateBandwidthPackagaAutoRenewAttribute", map[string]string{"InstanceId": "gbwp-1", "RegionId": "us-west-1"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	calls := f.Calls()
	if len(calls) != 3 {
		t.Fatalf("want 3 calls, got %d", len(calls))
	}
	for i, q := range calls[:2] {
		if got := q.Get("RegionId"); got != GARegion {
			t.Errorf("GA call %d (%s) sent RegionId %q, want %s", i+1, q.Get("Action"), got, GARegion)
		}
		if q.Get("Version") != "2019-11-20" {
			t.Errorf("GA call %d sent Version %q", i+1, q.Get("Version"))
		}
	}
	if got := calls[2].Get("RegionId"); got != "ap-southeast-1" {
		t.Errorf("CEN call sent RegionId %q, want the provider's region", got)
	}

	// A GA request that sets another region never leaves the machine.
	bad := ga.CreateDescribeBandwidthPackageRequest()
	bad.RegionId = "cn-shanghai"
	bad.QueryParams["RegionId"] = "cn-shanghai"
	err := c.Do(ctx, "DescribeBandwidthPackage", func() error { _, err := c.GA().DescribeBandwidthPackage(bad); return err })
	if err == nil || !strings.Contains(err.Error(), "cn-hangzhou") {
		t.Fatalf("want a refusal naming cn-hangzhou, got %v", err)
	}
	if len(f.Calls()) != 3 {
		t.Fatalf("the wrong-region GA request reached the server")
	}
}

func TestSchemeHostAndUserAgent(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 200, map[string]string{"RequestId": "R"} })
	c, _ := newTestClient(t, f, nil)
	if err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	}); err != nil {
		t.Fatalf("plain HTTP endpoint: %v", err)
	}
	ua := f.agents[0]
	for _, want := range []string{"terraform-provider-aliyun/1.2.3", "terraform/1.11.4"} {
		if !strings.Contains(ua, want) {
			t.Errorf("User-Agent %q lacks %q", ua, want)
		}
	}

	def, err := New(context.Background(), Config{Credentials: testCreds(t, "a", "b", "")})
	if err != nil {
		t.Fatal(err)
	}
	if def.CEN().Domain != DefaultCENHost || def.CEN().GetConfig().Scheme != "HTTPS" {
		t.Errorf("CEN default: %s %s, want HTTPS %s", def.CEN().GetConfig().Scheme, def.CEN().Domain, DefaultCENHost)
	}
	if def.GA().Domain != DefaultGAHost || def.GA().GetConfig().Scheme != "HTTPS" {
		t.Errorf("GA default: %s %s, want HTTPS %s", def.GA().GetConfig().Scheme, def.GA().Domain, DefaultGAHost)
	}
	if got := def.CENEndpoint().URL(); got != "https://"+DefaultCENHost {
		t.Errorf("CENEndpoint() = %q, want https://%s", got, DefaultCENHost)
	}
	if got := def.GAEndpoint().URL(); got != "https://"+DefaultGAHost {
		t.Errorf("GAEndpoint() = %q, want https://%s", got, DefaultGAHost)
	}
	if got := c.CENEndpoint().URL(); got != f.srv.URL {
		t.Errorf("CENEndpoint() = %q, want the configured %s", got, f.srv.URL)
	}
	if def.CEN().GetConfig().AutoRetry || def.GA().GetConfig().AutoRetry {
		t.Errorf("the SDK's own retry must be off")
	}
	if def.CEN().GetHTTPSInsecure() {
		t.Errorf("certificate verification must stay on")
	}
}

func TestUnauthorizedNamesRAMAction(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) {
		return 400, apiErr("Unauthorized", "The AccessKeyId is unauthorized.")
	})
	c, _ := newTestClient(t, f, nil)
	err := createCEN(c, "tok")
	_, detail, _ := apierrors.Describe("creating CEN bandwidth plan", err)
	for _, want := range []string{"cen:CreateCenBandwidthPackage", "REQ-Unauthorized"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "RespHeaders") || strings.Contains(detail, "Content-Type") {
		t.Errorf("detail carries raw headers:\n%s", detail)
	}
	if n := len(f.Calls()); n != 1 {
		t.Errorf("Unauthorized retried: %d calls", n)
	}
}

func TestSecretsMaskedInLogs(t *testing.T) {
	const secret, token = "very-secret-sk-9f8e", "sts-token-abc-123"
	f := newFakeAPI(t, func(int, url.Values) (int, any) {
		// An API that echoes the secret: the log must still hide it.
		return 500, apiErr("InternalError", "failed for "+secret+" and "+token)
	})
	c, _ := newTestClient(t, f, func(cfg *Config) {
		cfg.Credentials = testCreds(t, "test-ak", secret, token)
		cfg.MaxRetries = 1
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	_ = c.Do(ctx, "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	out := buf.String()
	if out == "" {
		t.Fatal("nothing logged")
	}
	for _, s := range []string{secret, token} {
		if strings.Contains(out, s) {
			t.Errorf("log contains %q:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "***") {
		t.Errorf("log shows no mask:\n%s", out)
	}
}

func TestTransportErrorHidesURLQuery(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 200, nil })
	c, slept := newTestClient(t, f, func(cfg *Config) {
		cfg.Credentials = testCreds(t, "test-ak", "sk", "sts-token-in-url")
		cfg.MaxRetries = 2
	})
	f.srv.Close() // connection refused from now on
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	if !apierrors.IsCode(err, apierrors.CodeConnection) {
		t.Fatalf("want %s, got %v", apierrors.CodeConnection, err)
	}
	if len(*slept) != 2 {
		t.Errorf("connection refused: want 2 retries, got sleeps %v", *slept)
	}
	_, detail, _ := apierrors.Describe("reading", err)
	for _, leak := range []string{"sts-token-in-url", "Signature=", "AccessKeyId="} {
		if strings.Contains(err.Error(), leak) || strings.Contains(detail, leak) {
			t.Errorf("error shows %q: %v", leak, err)
		}
	}
}

func TestNotReadyClientFailsClearly(t *testing.T) {
	c := NotReady("configuration depends on unknown values (region)")
	called := false
	err := c.Do(context.Background(), "DescribeX", func() error { called = true; return nil })
	if err == nil || called || !strings.Contains(err.Error(), "region") {
		t.Fatalf("want the reason without calling; err=%v called=%v", err, called)
	}
	if _, err := c.CommonGA(context.Background(), "X", nil); err == nil {
		t.Fatal("CommonGA on a not-ready client must fail")
	}
}
