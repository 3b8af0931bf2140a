// Package emulator is an offline stand-in for the Alibaba Cloud CEN (Cbn 2017-09-12) and
// Global Accelerator (Ga 2019-11-20) bandwidth plan APIs. It speaks the RPC wire protocol,
// verifies signatures as the official SDK computes them and answers in the SDK's shapes.
package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

type credential struct {
	id, secret, token string
	expires           time.Time
}

type config struct {
	creds       []credential
	readyDelay  time.Duration
	updateDelay time.Duration
	deleteDelay time.Duration
	// listDelay hides a new plan from Describe/List and GA Update (read-after-create).
	listDelay    time.Duration
	controlToken string
	stateFile    string
	listen       string
	account      Account
	// accountSet makes WithAccount win over the account saved in the state file.
	accountSet bool
	// clock tells the time every delay, expiry and rate limit is measured
	// against; nil is the wall clock. Tests drive their own, so no check of
	// theirs depends on how fast the machine runs.
	clock func() time.Time
}

// now is the emulator's time.
func (s *Server) now() time.Time {
	if s.cfg.clock != nil {
		return s.cfg.clock()
	}
	return time.Now()
}

func (c *config) lookup(id string) (credential, bool) {
	for _, cr := range c.creds {
		if cr.id == id {
			return cr, true
		}
	}
	return credential{}, false
}

// Option configures a Server.
type Option func(*config)

// WithCredential accepts an AccessKey pair; give it several times for several pairs.
// Without any credential option the server accepts "test-ak"/"test-sk".
func WithCredential(accessKeyID, accessKeySecret string) Option {
	return func(c *config) {
		c.creds = append(c.creds, credential{id: accessKeyID, secret: accessKeySecret})
	}
}

// WithSTSCredential accepts STS credentials; calls after expires get InvalidSecurityToken.Expired.
// A zero expires never expires.
func WithSTSCredential(accessKeyID, accessKeySecret, securityToken string, expires time.Time) Option {
	return func(c *config) {
		c.creds = append(c.creds, credential{id: accessKeyID, secret: accessKeySecret, token: securityToken, expires: expires})
	}
}

// WithReadyDelay sets how long a new plan stays Creating (CEN) or init (GA).
func WithReadyDelay(d time.Duration) Option { return func(c *config) { c.readyDelay = d } }

// WithUpdateDelay sets how long a plan stays busy after a modification.
func WithUpdateDelay(d time.Duration) Option { return func(c *config) { c.updateDelay = d } }

// WithDeleteDelay sets how long a plan stays Deleting before it is gone.
func WithDeleteDelay(d time.Duration) Option { return func(c *config) { c.deleteDelay = d } }

// WithReadAfterCreateDelay hides a plan from reads for d after it is created (paid, for an
// AutoPay=false subscription), as a live API may not show a new plan at once: CEN
// DescribeCenBandwidthPackages leaves it out, GA DescribeBandwidthPackage and
// UpdateBandwidthPackage answer NotExist.BandwidthPackage and ListBandwidthPackages leaves it out.
// The default 0 shows it at once.
func WithReadAfterCreateDelay(d time.Duration) Option { return func(c *config) { c.listDelay = d } }

// WithStateFile loads plans from path at start and saves them atomically after each mutation.
func WithStateFile(path string) Option { return func(c *config) { c.stateFile = path } }

// WithListen sets the listen address; the default "127.0.0.1:0" picks a free port.
func WithListen(addr string) Option { return func(c *config) { c.listen = addr } }

// WithControlToken makes the control API (/_emulator/) serve only requests that carry token
// in the ControlTokenHeader header, from any address. Without it (or with an empty token) the
// control API serves loopback clients only, so an emulator listening on 0.0.0.0 cannot be
// driven by whoever reaches its port.
func WithControlToken(token string) Option { return func(c *config) { c.controlToken = token } }

// WithAccount sets the initial account restrictions.
// It takes precedence over the account saved in a state file.
func WithAccount(a Account) Option {
	return func(c *config) { c.account, c.accountSet = a.clone(), true }
}

// Account holds the account-level restrictions; the zero value allows everything documented.
type Account struct {
	CrossBorderDenied bool     `json:"cross_border_denied"`
	PostpayNotOpened  bool     `json:"postpay_not_opened"`
	QuotaExhausted    bool     `json:"quota_exhausted"`
	DeniedActions     []string `json:"denied_actions"`
	ChinaSite         bool     `json:"china_site"`
}

func (a Account) denies(action string) bool {
	for _, d := range a.DeniedActions {
		if d == action || d == "*" {
			return true
		}
	}
	return false
}

func (a Account) clone() Account {
	a.DeniedActions = append([]string(nil), a.DeniedActions...)
	return a
}

// Stats counts the calls that reached an action, faulted or not.
type Stats struct {
	Calls map[string]int `json:"calls"`
	Total int            `json:"total"`
}

// Server is a running emulator.
type Server struct {
	cfg    config
	ln     net.Listener
	http   *http.Server
	nonces nonceCache
	faults faultSet
	limits rateLimits

	mu      sync.Mutex // guards everything below
	plans   map[string]*plan
	order   []*plan // creation order, for listing
	orders  map[string]*order
	tokens  map[string]*tokenEntry
	account Account
	calls   map[string]int
	// deleting counts plans in Deleting, so sweeps are skipped when none can be gone.
	deleting int
	// cens are the CEN instances (cen_instance.go).
	cens map[string]*cenInstance
	// accelerators are the GA accelerators (ga_accelerator.go).
	accelerators map[string]*accelerator

	saveMu  sync.Mutex
	saveSeq uint64
	savedAt uint64
}

// New starts an emulator and returns it running.
func New(opts ...Option) (*Server, error) {
	cfg := config{
		readyDelay:  200 * time.Millisecond,
		updateDelay: 100 * time.Millisecond,
		deleteDelay: 100 * time.Millisecond,
		listen:      "127.0.0.1:0",
	}
	for _, o := range opts {
		o(&cfg)
	}
	if len(cfg.creds) == 0 {
		cfg.creds = []credential{{id: "test-ak", secret: "test-sk"}}
	}
	s := newServer(cfg)
	if cfg.stateFile != "" {
		if err := s.load(); err != nil {
			return nil, err
		}
		if cfg.accountSet {
			s.account = cfg.account.clone()
		}
	}
	ln, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen %s: %w", cfg.listen, err)
	}
	s.ln = ln
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }()
	return s, nil
}

func newServer(cfg config) *Server {
	s := &Server{cfg: cfg}
	s.resetLocked()
	s.account = cfg.account.clone()
	return s
}

func (s *Server) resetLocked() {
	s.plans = map[string]*plan{}
	s.order = nil
	s.orders = map[string]*order{}
	s.tokens = map[string]*tokenEntry{}
	s.calls = map[string]int{}
	s.deleting = 0
	s.cens = map[string]*cenInstance{}
	s.accelerators = map[string]*accelerator{}
}

// URL returns the base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Addr returns host:port, the form SDK clients take as Domain.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server, waiting briefly for calls in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.http.Close()
	}
	return err
}

// Stats returns a copy of the call counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{Calls: make(map[string]int, len(s.calls))}
	for k, v := range s.calls {
		st.Calls[k] = v
		st.Total += v
	}
	return st
}

// Calls returns how many calls reached action.
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// SetAccount replaces the account restrictions.
func (s *Server) SetAccount(a Account) {
	s.mu.Lock()
	s.account = a.clone()
	s.mu.Unlock()
	s.save()
}

// Account returns the account restrictions.
func (s *Server) Account() Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.account.clone()
}

// Reset forgets every plan, order, token, fault, rate limit, nonce and counter.
func (s *Server) Reset() {
	s.mu.Lock()
	s.resetLocked()
	s.mu.Unlock()
	s.faults.clear()
	s.limits.clear()
	s.nonces.reset()
	s.save()
}

// PayOrder pays an order created with AutoPay=false; the plan then goes through Creating/init.
func (s *Server) PayOrder(orderID string) error {
	s.mu.Lock()
	o, ok := s.orders[orderID]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("emulator: order %q not found", orderID)
	}
	if o.Paid {
		s.mu.Unlock()
		return fmt.Errorf("emulator: order %q is already paid", orderID)
	}
	o.Paid = true
	if p, ok := s.plans[o.PlanID]; ok {
		now := s.now()
		if o.Bandwidth > 0 {
			// An upgrade order: the plan takes the new bandwidth once paid.
			p.Bandwidth = o.Bandwidth
			p.BusyUntil = now.Add(s.cfg.updateDelay)
		} else {
			p.Paid = true
			s.start(p, now)
		}
	}
	s.mu.Unlock()
	s.save()
	return nil
}

// Order is an order awaiting payment, as UnpaidOrders lists it.
type Order struct {
	ID     string `json:"id"`
	PlanID string `json:"plan_id"`
	// Bandwidth is the new bandwidth of an upgrade order; 0 for a purchase.
	Bandwidth int `json:"bandwidth,omitempty"`
}

// UnpaidOrders lists the orders that await payment (PayOrder pays one).
func (s *Server) UnpaidOrders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Order
	for _, o := range s.orders {
		if !o.Paid {
			out = append(out, Order{ID: o.ID, PlanID: o.PlanID, Bandwidth: o.Bandwidth})
		}
	}
	return out
}

// ExpirePlan moves a subscription plan's expiry into the past so Delete is allowed.
func (s *Server) ExpirePlan(id string) error {
	s.mu.Lock()
	p, ok := s.plans[id]
	if !ok || p.gone(s.now()) {
		s.mu.Unlock()
		return fmt.Errorf("emulator: plan %q not found", id)
	}
	if p.ChargeType != "PREPAY" {
		s.mu.Unlock()
		return fmt.Errorf("emulator: plan %q is %s, only PREPAY plans expire", id, p.ChargeType)
	}
	p.ExpiresAt = s.now().Add(-time.Minute)
	s.mu.Unlock()
	s.save()
	return nil
}

// Resources lists every plan that exists, including ones whose order is unpaid.
func (s *Server) Resources() []Resource {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Resource, 0, len(s.order))
	for _, p := range s.order {
		if p.gone(now) {
			continue
		}
		out = append(out, p.resource(now))
	}
	return out
}
