package emulator

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Fault modes.
const (
	FaultError        = "error"         // answer an API error (Code, Status)
	FaultReset        = "reset"         // close the connection before processing
	FaultDropResponse = "drop-response" // process the call, then close without answering
	FaultLatency      = "latency"       // wait LatencyMS before processing
	// FaultBody answers Body with Status (default 200) and ContentType, as a proxy or a
	// damaged connection would. A 2xx answer replaces the API's after the call is processed;
	// an error status answers in place of the API, which never sees the call.
	FaultBody = "body"
)

// Fault is one injected failure rule. Action "*" matches every action. With Count > 0 the
// rule fires for the next Count matching calls; with Probability in (0,1] each matching
// call fires with that chance; with neither it fires on every matching call.
type Fault struct {
	Action      string  `json:"action"`
	Mode        string  `json:"mode"`
	Code        string  `json:"code,omitempty"`
	Message     string  `json:"message,omitempty"`
	Status      int     `json:"status,omitempty"`
	Count       int     `json:"count,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	LatencyMS   int     `json:"latency_ms,omitempty"`
	Body        string  `json:"body,omitempty"`
	ContentType string  `json:"content_type,omitempty"`
}

// Bounds of the control API's values, written in doc.go.
const (
	maxLatencyMS = 600_000 // 10 minutes, the resources' default timeouts
	maxRPS       = 100_000 // far above what the emulator serves on a small machine
)

// fieldError names the control API field that was refused and its allowed values.
type fieldError struct {
	field, allowed string
	got            any
}

func (e *fieldError) Error() string {
	return fmt.Sprintf("%s must be %s, got %v", e.field, e.allowed, e.got)
}

func (f Fault) validate() error {
	switch f.Mode {
	case FaultError, FaultReset, FaultDropResponse, FaultLatency, FaultBody:
	default:
		return &fieldError{"mode", `one of "error", "reset", "drop-response", "latency", "body"`, fmt.Sprintf("%q", f.Mode)}
	}
	switch {
	case f.Action == "":
		return &fieldError{"action", `an action name or "*"`, `""`}
	case f.Count < 0:
		return &fieldError{"count", "0 (every matching call) or more", f.Count}
	case math.IsNaN(f.Probability) || f.Probability < 0 || f.Probability > 1:
		return &fieldError{"probability", "from 0 to 1 (0: every matching call)", f.Probability}
	case f.LatencyMS < 0 || f.LatencyMS > maxLatencyMS:
		return &fieldError{"latency_ms", fmt.Sprintf("from 0 to %d (10 minutes)", maxLatencyMS), f.LatencyMS}
	case f.Mode == FaultBody && f.Status != 0 && (f.Status < 200 || f.Status > 599):
		return &fieldError{"status", "0 (200) or an HTTP status from 200 to 599 for a body fault", f.Status}
	case f.Mode != FaultBody && f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return &fieldError{"status", "0 (503) or an HTTP error status from 400 to 599", f.Status}
	}
	return nil
}

// validateRateLimit checks a control API rate limit.
func validateRateLimit(action string, rps float64) error {
	if action == "" {
		return &fieldError{"action", `an action name or "*"`, `""`}
	}
	if math.IsNaN(rps) || rps < 0 || rps > maxRPS {
		return &fieldError{"rps", fmt.Sprintf("from 0 (no limit) to %d calls per second", maxRPS), rps}
	}
	return nil
}

func (f *Fault) apiError() *apiError {
	code, status, msg := f.Code, f.Status, f.Message
	if code == "" {
		code = "ServiceUnavailable"
	}
	if status == 0 {
		status = 503
	}
	if msg == "" {
		msg = "The request has failed due to a temporary failure of the server."
	}
	return &apiError{Status: status, Code: code, Message: msg}
}

// processed reports whether a body fault lets the API process the call first.
func (f *Fault) processed() bool { return f.Mode == FaultBody && f.status() < 300 }

func (f *Fault) status() int {
	if f.Status == 0 {
		return http.StatusOK
	}
	return f.Status
}

// writeBody answers a body fault.
func (f *Fault) writeBody(w http.ResponseWriter) {
	if f.ContentType != "" {
		w.Header().Set("Content-Type", f.ContentType)
	}
	w.WriteHeader(f.status())
	_, _ = io.WriteString(w, f.Body)
}

type faultRule struct {
	Fault
	remaining int // for Count-limited rules
}

type faultSet struct {
	mu    sync.Mutex
	rules []*faultRule
}

// pickResult is what faults do to one call: a summed latency and at most one other rule.
type pickResult struct {
	latency time.Duration
	rule    *Fault
}

func (fs *faultSet) add(f Fault) {
	fs.mu.Lock()
	fs.rules = append(fs.rules, &faultRule{Fault: f, remaining: f.Count})
	fs.mu.Unlock()
}

func (fs *faultSet) clear() {
	fs.mu.Lock()
	fs.rules = nil
	fs.mu.Unlock()
}

func (fs *faultSet) list() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, 0, len(fs.rules))
	for _, r := range fs.rules {
		f := r.Fault
		if f.Count > 0 {
			f.Count = r.remaining
		}
		out = append(out, f)
	}
	return out
}

// pick decides which rules fire for one call of action, consuming counts.
func (fs *faultSet) pick(action string) pickResult {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var res pickResult
	kept := fs.rules[:0]
	for _, r := range fs.rules {
		fires := false
		if r.Action == action || r.Action == "*" {
			// A non-latency rule only fires when no earlier one did, so counts are not wasted.
			eligible := r.Mode == FaultLatency || res.rule == nil
			if eligible && (r.Probability == 0 || rand.Float64() < r.Probability) {
				fires = true
			}
		}
		if fires {
			if r.Mode == FaultLatency {
				res.latency += time.Duration(r.LatencyMS) * time.Millisecond
			} else {
				f := r.Fault
				res.rule = &f
			}
			if r.Count > 0 {
				r.remaining--
				if r.remaining == 0 {
					continue
				}
			}
		}
		kept = append(kept, r)
	}
	for i := len(kept); i < len(fs.rules); i++ {
		fs.rules[i] = nil
	}
	fs.rules = kept
	return res
}

// rateLimits holds token buckets: a rule per action or "*", a bucket per action.
type rateLimits struct {
	mu      sync.Mutex
	rps     map[string]float64
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
	rps    float64
}

func (rl *rateLimits) set(action string, rps float64) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if rl.rps == nil {
		rl.rps = map[string]float64{}
	}
	if rps <= 0 {
		delete(rl.rps, action)
	} else {
		rl.rps[action] = rps
	}
	// Buckets restart so a new limit takes effect at once.
	rl.buckets = nil
}

func (rl *rateLimits) clear() {
	rl.mu.Lock()
	rl.rps = nil
	rl.buckets = nil
	rl.mu.Unlock()
}

func (rl *rateLimits) snapshot() map[string]float64 {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	out := map[string]float64{}
	for k, v := range rl.rps {
		out[k] = v
	}
	return out
}

// allow takes one token from action's bucket; the burst is one second's worth (at least 1).
func (rl *rateLimits) allow(action string, now time.Time) bool {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rps, ok := rl.rps[action]
	if !ok {
		if rps, ok = rl.rps["*"]; !ok {
			return true
		}
	}
	if rl.buckets == nil {
		rl.buckets = map[string]*bucket{}
	}
	burst := math.Max(1, rps)
	b, ok := rl.buckets[action]
	if !ok {
		b = &bucket{tokens: burst, last: now, rps: rps}
		rl.buckets[action] = b
	}
	b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*rps)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// AddFault installs a fault rule; invalid rules are ignored (the control API reports them).
func (s *Server) AddFault(f Fault) {
	if f.validate() != nil {
		return
	}
	s.faults.add(f)
}

// Faults lists the installed rules with their remaining counts.
func (s *Server) Faults() []Fault { return s.faults.list() }

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() { s.faults.clear() }

// SetRateLimit limits action ("*" for each action without its own rule) to rps calls per
// second, answering Throttling.User beyond; rps 0 removes the limit.
func (s *Server) SetRateLimit(action string, rps float64) { s.limits.set(action, rps) }
