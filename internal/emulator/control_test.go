package emulator

import (
	"strings"
	"testing"
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
