package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

const testDelay = 50 * time.Millisecond

// testClock is an emulator clock that moves only when a test says so: a
// plan stays Creating or Updating until the test advances it past the delay,
// however slowly the machine runs, and nothing a test checks depends on
// wall time.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// clocks holds the clock of each server startServer started; testClocks
// the clock of each test, which every server the test starts shares, as
// servers restarted on one machine share its time.
var clocks, testClocks sync.Map

// clockOf is the clock that drives s.
func clockOf(t testing.TB, s *Server) *testClock {
	t.Helper()
	c, ok := clocks.Load(s)
	if !ok {
		t.Fatal("the server was not started by startServer")
	}
	return c.(*testClock) //nolint:forcetypeassert // only startServer stores
}

// startServer starts an emulator driven by a test clock (clockOf), with
// every delay testDelay unless opts say otherwise.
func startServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	shared, _ := testClocks.LoadOrStore(t.Name(), &testClock{now: time.Now()})
	clock := shared.(*testClock) //nolint:forcetypeassert // only startServer stores
	base := []Option{WithReadyDelay(testDelay), WithUpdateDelay(testDelay), WithDeleteDelay(testDelay),
		func(c *config) { c.clock = clock.Now }}
	s, err := New(append(base, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	clocks.Store(s, clock)
	t.Cleanup(func() {
		clocks.Delete(s)
		testClocks.Delete(t.Name())
		_ = s.Close()
	})
	return s
}

func cenClientWith(t testing.TB, s *Server, ak, sk string) *cbn.Client {
	t.Helper()
	c, err := cbn.NewClientWithAccessKey("cn-hangzhou", ak, sk)
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = s.Addr()
	c.GetConfig().Scheme = "HTTP"
	return c
}

func cenClient(t testing.TB, s *Server) *cbn.Client { return cenClientWith(t, s, "test-ak", "test-sk") }

func gaClient(t testing.TB, s *Server) *ga.Client {
	t.Helper()
	c, err := ga.NewClientWithAccessKey("cn-hangzhou", "test-ak", "test-sk")
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = s.Addr()
	c.GetConfig().Scheme = "HTTP"
	return c
}

// gaCommon calls a GA operation the typed client lacks, returning the decoded body.
func gaCommon(t testing.TB, c *ga.Client, action string, q map[string]string) (map[string]any, error) {
	t.Helper()
	req := requests.NewCommonRequest()
	req.Method = "POST"
	req.Scheme = "http"
	req.Domain = c.Domain
	req.Product = "Ga"
	req.Version = "2019-11-20"
	req.ApiName = action
	req.QueryParams["RegionId"] = "cn-hangzhou"
	for k, v := range q {
		req.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(req)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &out); err != nil {
		t.Fatalf("decoding %s: %v", action, err)
	}
	return out, nil
}

// wantAPIError asserts err is the API error code with the HTTP status.
func wantAPIError(t testing.TB, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want API error %s (%d), got %v", code, status, err)
	}
	if se.ErrorCode() != code || se.HttpStatus() != status {
		t.Fatalf("want %s (%d), got %s (%d): %s", code, status, se.ErrorCode(), se.HttpStatus(), se.Message())
	}
	if se.RequestId() == "" || se.HostId() == "" {
		t.Fatalf("error lacks RequestId/HostId: %q %q", se.RequestId(), se.HostId())
	}
	return se
}

// settle moves s's clock past every short delay the tests set (a minute),
// then requires cond: the state after the delay, checked by
// order of events rather than by waiting.
func settle(t testing.TB, s *Server, what string, cond func() bool) {
	t.Helper()
	clockOf(t, s).Advance(time.Minute)
	if !cond() {
		t.Fatalf("not %s once the emulator's delays have passed", what)
	}
}

func createCEN(t testing.TB, c *cbn.Client, mod func(*cbn.CreateCenBandwidthPackageRequest)) *cbn.CreateCenBandwidthPackageResponse {
	t.Helper()
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.Bandwidth = requests.NewInteger(10)
	req.GeographicRegionAId = "China"
	req.GeographicRegionBId = "China"
	req.AutoPay = requests.NewBoolean(true)
	req.BandwidthPackageChargeType = "POSTPAY"
	if mod != nil {
		mod(req)
	}
	resp, err := c.CreateCenBandwidthPackage(req)
	if err != nil {
		t.Fatalf("CreateCenBandwidthPackage: %v", err)
	}
	return resp
}

func describeCEN(t testing.TB, c *cbn.Client, id string) []cbn.CenBandwidthPackage {
	t.Helper()
	req := cbn.CreateDescribeCenBandwidthPackagesRequest()
	req.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{id}}}
	resp, err := c.DescribeCenBandwidthPackages(req)
	if err != nil {
		t.Fatalf("DescribeCenBandwidthPackages: %v", err)
	}
	return resp.CenBandwidthPackages.CenBandwidthPackage
}

func cenStatus(t testing.TB, c *cbn.Client, id string) string {
	t.Helper()
	ps := describeCEN(t, c, id)
	if len(ps) == 0 {
		return "gone"
	}
	return ps[0].Status
}

func createGA(t testing.TB, c *ga.Client, mod func(*ga.CreateBandwidthPackageRequest)) *ga.CreateBandwidthPackageResponse {
	t.Helper()
	req := ga.CreateCreateBandwidthPackageRequest()
	req.Bandwidth = requests.NewInteger(20)
	req.Type = "Basic"
	req.BandwidthType = "Basic"
	req.ChargeType = "POSTPAY"
	req.AutoPay = requests.NewBoolean(true)
	if mod != nil {
		mod(req)
	}
	resp, err := c.CreateBandwidthPackage(req)
	if err != nil {
		t.Fatalf("CreateBandwidthPackage: %v", err)
	}
	return resp
}

func gaState(t testing.TB, c *ga.Client, id string) string {
	t.Helper()
	req := ga.CreateDescribeBandwidthPackageRequest()
	req.BandwidthPackageId = id
	resp, err := c.DescribeBandwidthPackage(req)
	var se *sdkerrors.ServerError
	if errors.As(err, &se) && se.ErrorCode() == "NotExist.BandwidthPackage" {
		return "gone"
	}
	if err != nil {
		t.Fatalf("DescribeBandwidthPackage: %v", err)
	}
	return resp.State
}

// signedValues builds a CEN call signed by hand, for the cases the SDK cannot produce.
func signedValues(method, action, ak, sk string, ts time.Time, nonce string, extra map[string]string) url.Values {
	v := url.Values{}
	v.Set("Action", action)
	v.Set("Version", "2017-09-12")
	v.Set("Format", "JSON")
	v.Set("RegionId", "cn-hangzhou")
	v.Set("AccessKeyId", ak)
	v.Set("SignatureMethod", "HMAC-SHA1")
	v.Set("SignatureVersion", "1.0")
	v.Set("SignatureNonce", nonce)
	v.Set("Timestamp", ts.UTC().Format("2006-01-02T15:04:05Z"))
	for k, val := range extra {
		v.Set(k, val)
	}
	v.Set("Signature", Sign(StringToSign(method, v), sk))
	return v
}

type rawAnswer struct {
	Status int
	Body   map[string]any
}

func rawDo(t testing.TB, s *Server, method string, v url.Values, inBody bool) rawAnswer {
	t.Helper()
	var req *http.Request
	var err error
	if inBody {
		req, err = http.NewRequest(method, s.URL()+"/", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req, err = http.NewRequest(method, s.URL()+"/?"+v.Encode(), nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var body map[string]any
	if err := json.Unmarshal(data, &body); err != nil {
		t.Fatalf("non-JSON answer %d: %s", resp.StatusCode, data)
	}
	return rawAnswer{resp.StatusCode, body}
}

// ctl calls the control API, with the server's control token when it has one.
func ctl(t testing.TB, s *Server, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+"/_emulator/"+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if s.cfg.controlToken != "" {
		req.Header.Set(ControlTokenHeader, s.cfg.controlToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("control %s %s: %v: %s", method, path, err, data)
		}
	}
	return resp.StatusCode
}

func mustAtoi(t testing.TB, v any) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(fmt.Sprint(v), &n); err != nil {
		t.Fatalf("not a number: %v", v)
	}
	return n
}
