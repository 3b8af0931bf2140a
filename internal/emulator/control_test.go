package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
)

func TestControlAPIRefusesValuesOutOfRange(t *testing.T) {
	s := startServer(t)
	cases := []struct {
		name, path, body string
		field, allowed   string
	}{
		{"latency of an hour", "faults", `{"action":"*","mode":"latency","latency_ms":3600000}`, "latency_ms", "from 0 to 600000"},
		{"negative latency", "faults", `{"action":"*","mode":"latency","latency_ms":-1}`, "latency_ms", "from 0 to 600000"},
		{"negative count", "faults", `{"action":"*","mode":"error","count":-3}`, "count", "0 (every matching call) or more"},
		{"probability above 1", "faults", `{"action":"*","mode":"error","probability":1.5}`, "probability", "from 0 to 1"},
		{"negative probability", "faults", `{"action":"*","mode":"error","probability":-0.1}`, "probability", "from 0 to 1"},
		{"error status below 400", "faults", `{"action":"*","mode":"error","status":200}`, "status", "from 400 to 599"},
		{"body status above 599", "faults", `{"action":"*","mode":"body","status":700}`, "status", "from 200 to 599"},
		{"unknown mode", "faults", `{"action":"*","mode":"explode"}`, "mode", `one of "error"`},
		{"no action", "faults", `{"mode":"reset"}`, "action", `an action name or "*"`},
		{"negative rps", "ratelimit", `{"action":"*","rps":-1}`, "rps", "from 0 (no limit) to 100000"},
		{"absurd rps", "ratelimit", `{"action":"*","rps":1e9}`, "rps", "from 0 (no limit) to 100000"},
		{"rate limit without action", "ratelimit", `{"rps":5}`, "action", `an action name or "*"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body map[string]string
			if code := ctl(t, s, "POST", tc.path, tc.body, &body); code != 400 {
				t.Fatalf("status %d, want 400: %v", code, body)
			}
			if body["field"] != tc.field || !strings.HasPrefix(body["error"], tc.field+" must be ") ||
				!strings.Contains(body["error"], tc.allowed) {
				t.Fatalf("answer does not name %s and %q: %v", tc.field, tc.allowed, body)
			}
		})
	}
	if f := s.Faults(); len(f) != 0 {
		t.Fatalf("refused faults were installed: %+v", f)
	}
	if rl := s.limits.snapshot(); len(rl) != 0 {
		t.Fatalf("refused rate limits were installed: %v", rl)
	}

	// A misspelt field is refused rather than dropped.
	for path, body := range map[string]string{
		"faults":    `{"action":"*","mode":"latency","latency":500}`,
		"ratelimit": `{"action":"*","rate":5}`,
		"account":   `{"quota_exhausted":true,"deny_actions":["TagResources"]}`,
	} {
		var answer map[string]string
		if code := ctl(t, s, "POST", path, body, &answer); code != 400 || !strings.Contains(answer["error"], "unknown field") {
			t.Fatalf("POST %s with an unknown field: %d %v", path, code, answer)
		}
	}
	if len(s.Faults()) != 0 || len(s.limits.snapshot()) != 0 || s.Account().QuotaExhausted {
		t.Fatal("a body with an unknown field changed the emulator")
	}
}

func TestControlAPIAcceptsTheBounds(t *testing.T) {
	s := startServer(t)
	for path, body := range map[string]string{
		"faults":    `{"action":"NoSuchAction","mode":"latency","latency_ms":600000,"probability":1,"count":0}`,
		"ratelimit": `{"action":"NoSuchAction","rps":100000}`,
	} {
		var answer map[string]any
		if code := ctl(t, s, "POST", path, body, &answer); code != 200 {
			t.Fatalf("POST %s at the bounds: %d %v", path, code, answer)
		}
	}
	if f := s.Faults(); len(f) != 1 || f[0].LatencyMS != maxLatencyMS || f[0].Probability != 1 {
		t.Fatalf("faults: %+v", f)
	}
	if rl := s.limits.snapshot(); rl["NoSuchAction"] != maxRPS {
		t.Fatalf("rate limits: %v", rl)
	}
}

func TestControlAccessDecision(t *testing.T) {
	const token = "s3cret"
	cases := []struct {
		name, token, remote, header, forwarded string
		want                                   int
	}{
		{"loopback, no token set", "", "127.0.0.1:5000", "", "", 0},
		{"elsewhere in 127/8", "", "127.0.0.2:5000", "", "", 0},
		{"IPv6 loopback", "", "[::1]:5000", "", "", 0},
		{"IPv4-mapped loopback", "", "[::ffff:127.0.0.1]:5000", "", "", 0},
		{"remote, no token set", "", "192.0.2.1:1234", "", "", 403},
		{"remote IPv6, no token set", "", "[2001:db8::1]:1234", "", "", 403},
		{"remote claiming loopback in a forwarding header", "", "192.0.2.1:1234", "", "127.0.0.1", 403},
		{"unparsable address", "", "somewhere", "", "", 403},
		{"remote with the token", token, "192.0.2.1:1234", token, "", 0},
		{"loopback with the token", token, "127.0.0.1:5000", token, "", 0},
		{"loopback without the token", token, "127.0.0.1:5000", "", "", 401},
		{"remote without the token", token, "192.0.2.1:1234", "", "", 401},
		{"loopback with a wrong token", token, "127.0.0.1:5000", "s3cre", "", 403},
		{"remote with a wrong token", token, "192.0.2.1:1234", "s3cret!", "", 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/_emulator/stats", nil)
			r.RemoteAddr = tc.remote
			if tc.header != "" {
				r.Header.Set(ControlTokenHeader, tc.header)
			}
			if tc.forwarded != "" {
				r.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			status, msg := controlAccess(tc.token, r)
			if status != tc.want {
				t.Fatalf("status %d (%s), want %d", status, msg, tc.want)
			}
			if status != 0 && !strings.Contains(msg, ControlTokenHeader) {
				t.Fatalf("refusal does not say how to get in: %s", msg)
			}
		})
	}
}

// A remote client without a token can neither read nor change anything, while the signed
// API still serves it.
func TestControlAPIRefusesRemoteClients(t *testing.T) {
	s := startServer(t)
	id := createCEN(t, cenClient(t, s), nil).CenBandwidthPackageId
	remote := func(method, target string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, target, nil)
		r.RemoteAddr = "192.0.2.1:1234"
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "resources"}, {"GET", "stats"}, {"POST", "reset"}, {"DELETE", "faults"}, {"GET", "health"},
	} {
		w := remote(c.method, "/_emulator/"+c.path)
		if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), id) {
			t.Fatalf("%s %s from a remote client: %d %s", c.method, c.path, w.Code, w.Body.String())
		}
	}
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("a remote reset went through: %d plans", n)
	}
	v := signedValues(http.MethodGet, "DescribeCenBandwidthPackages", "test-ak", "test-sk", time.Now(), "remote-1", nil)
	if w := remote(http.MethodGet, "/?"+v.Encode()); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), id) {
		t.Fatalf("signed API from a remote client: %d %s", w.Code, w.Body.String())
	}
}

func TestControlTokenEndToEnd(t *testing.T) {
	s := startServer(t, WithControlToken("s3cret"))
	raw := func(token string) int {
		req, err := http.NewRequest(http.MethodPost, s.URL()+"/_emulator/reset", nil)
		if err != nil {
			t.Fatal(err)
		}
		if token != "" {
			req.Header.Set(ControlTokenHeader, token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	c := cenClient(t, s)
	createCEN(t, c, nil)
	if code := raw(""); code != http.StatusUnauthorized {
		t.Fatalf("no token, from loopback: %d", code)
	}
	if code := raw("wrong"); code != http.StatusForbidden {
		t.Fatalf("wrong token: %d", code)
	}
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("a refused reset went through: %d plans", n)
	}
	if code := raw("s3cret"); code != http.StatusOK || len(s.Resources()) != 0 {
		t.Fatalf("right token: %d, %d plans", code, len(s.Resources()))
	}

	// The package's own callers keep working: ctl sends the token, Server methods need none.
	if code := ctl(t, s, "POST", "faults", `{"action":"DescribeCenBandwidthPackages","mode":"error","count":1}`, nil); code != 200 {
		t.Fatalf("POST faults with the token: %d", code)
	}
	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultError, Code: "Throttling", Status: 400, Count: 1})
	_, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	wantAPIError(t, err, "ServiceUnavailable", 503)
	_, err = c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	wantAPIError(t, err, "Throttling", 400)
}
