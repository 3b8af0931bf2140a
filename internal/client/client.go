// Package client builds the Alibaba Cloud SDK clients the resources call and
// runs every call under one retry policy.
//
// CONTRACT (resources code against this surface; keep it stable):
//
//	c.CEN()  *cbn.Client      typed CEN client, endpoint and credentials set
//	c.GA()   *ga.Client       typed GA client, region cn-hangzhou
//	c.Do(ctx, action, func() error, opts...)    one call under the retry policy
//	c.CommonGA(ctx, action, params, opts...) raw JSON of an
//	   operation the typed SDK lacks, signed and retried the same way
//	WithClientToken(token)   marks a create: retried only with this token
//	RetryOn(codes...)        extra codes retried until ctx's deadline (busy states)
//
// Rules for callers: make exactly one SDK request inside the func given to
// Do; never set RegionId on a GA request (the client sends cn-hangzhou and
// refuses anything else); give every Create* call a ClientToken and pass it
// with WithClientToken, or Do will not retry it. action may be prefixed with
// the RAM service ("ga:TagResources") where both APIs have the operation.
package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"

	"github.com/bwplan/terraform-provider-aliyun/internal/pacer"
)

// GARegion is the only region the GA API answers in.
const GARegion = "cn-hangzhou"

// Defaults of Config.
const (
	DefaultMaxRetries     = 5
	DefaultConnectTimeout = 10 * time.Second
	DefaultReadTimeout    = 60 * time.Second
	DefaultBaseDelay      = 500 * time.Millisecond
	DefaultMaxDelay       = 10 * time.Second
	// DefaultBusyBudget bounds RetryOn codes when the context has no deadline.
	DefaultBusyBudget = 20 * time.Minute
	// DefaultPersistBudget bounds Persist retries when the context has no
	// deadline (a refresh): long enough to ride out a burst of 5xx or
	// throttling (about ten attempts), short enough that a real outage
	// fails the plan quickly.
	DefaultPersistBudget = 30 * time.Second
)

// Config is everything New needs. The provider fills it from its schema.
type Config struct {
	// Region is the provider's region (CEN calls); GA always uses GARegion.
	Region      string
	Credentials *Credentials
	// CEN and GA endpoints; a zero Endpoint means the real API over HTTPS.
	CENEndpoint Endpoint
	GAEndpoint  Endpoint
	// MaxRetries bounds the retries of ordinary retryable errors.
	// Negative means none; zero means DefaultMaxRetries.
	MaxRetries int
	// ProviderVersion and TerraformVersion go into the User-Agent.
	ProviderVersion  string
	TerraformVersion string
	ConnectTimeout   time.Duration
	ReadTimeout      time.Duration
	// BaseDelay and MaxDelay shape the backoff; zero means the defaults.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// Transport replaces the HTTP transport (tests); nil means a clone of
	// http.DefaultTransport, which honours HTTPS_PROXY and verifies certificates.
	Transport http.RoundTripper
}

// Client holds the SDK clients of one provider instance.
type Client struct {
	Region string

	// newCEN and newGA build a fresh SDK client per call: the SDK writes its
	// http.Client's timeout and transport on every request, so one client
	// shared by Terraform's parallel operations would race.
	newCEN     func() *cbn.Client
	newGA      func() *ga.Client
	maxRetries int
	// cenEndpoint and gaEndpoint are where the calls go, defaults applied.
	cenEndpoint Endpoint
	gaEndpoint  Endpoint
	baseDelay   time.Duration
	maxDelay    time.Duration
	creds       *Credentials
	// shared holds per-provider helpers such as read batchers (see Shared).
	shared sync.Map
	// lastWrite is when the last call that may change something was sent
	// (unix nanoseconds); see LastWrite.
	lastWrite atomic.Int64
	// pacers space the retries of throttled calls, one schedule per action.
	pacers pacer.Set
	// notReady, when set, is returned by every call: the provider
	// configuration was not known when the provider was configured.
	notReady error
	// logCtx carries the logger of the context New was given: the SDK
	// gives the transport no context, so what is logged below Do uses it.
	logCtx context.Context

	// Replaced in tests.
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
	jitter func(ceiling time.Duration) time.Duration
}

// CEN returns a typed CEN (Cbn 2017-09-12) client for one call. Each call
// gets its own; they share the connection pool.
func (c *Client) CEN() *cbn.Client {
	if c.newCEN == nil { // a NotReady client: Do refuses before any call
		return nil
	}
	return c.newCEN()
}

// GA returns a typed GA (2019-11-20) client for one call.
func (c *Client) GA() *ga.Client {
	if c.newGA == nil {
		return nil
	}
	return c.newGA()
}

// CredentialSource says where the credentials came from (for logs and tests).
func (c *Client) CredentialSource() string {
	if c.creds == nil {
		return ""
	}
	return c.creds.Source
}

// LastWrite is when this provider instance last sent a call that may change
// something (any action but Describe*, List* and Query*); zero if none. A
// read answered from an earlier listing must not predate it.
func (c *Client) LastWrite() time.Time {
	if n := c.lastWrite.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// MaxRetries is the number of retries of an ordinary retryable error.
func (c *Client) MaxRetries() int { return c.maxRetries }

// CENEndpoint is the endpoint CEN calls go to: the endpoints block's, or
// the public one over HTTPS. Zero on a NotReady client.
func (c *Client) CENEndpoint() Endpoint { return c.cenEndpoint }

// GAEndpoint is the endpoint GA calls go to, as CENEndpoint.
func (c *Client) GAEndpoint() Endpoint { return c.gaEndpoint }

// NotReady returns a client whose every call fails with reason: the provider
// block depends on values Terraform does not know yet, so no real client can
// be built. Resources still get a client and report reason, not a crash.
func NotReady(reason string) *Client {
	return &Client{notReady: errors.New(reason)}
}

// UserAgent is the product part of the User-Agent the client sends.
func UserAgent(providerVersion, terraformVersion string) string {
	return fmt.Sprintf("terraform-provider-aliyun/%s terraform/%s", orDev(providerVersion), orDev(terraformVersion))
}

func orDev(v string) string {
	if v == "" {
		return "dev"
	}
	return v
}

// New builds the CEN and GA SDK clients once, with endpoint overrides,
// timeouts, the User-Agent, and the SDK's own retry turned off so that only
// Do's policy retries.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.Credentials == nil || cfg.Credentials.Provider == nil {
		return nil, errors.New("client: no credentials")
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if cfg.CENEndpoint == (Endpoint{}) {
		cfg.CENEndpoint = Endpoint{Scheme: "HTTPS", Host: DefaultCENHost}
	}
	if cfg.GAEndpoint == (Endpoint{}) {
		cfg.GAEndpoint = Endpoint{Scheme: "HTTPS", Host: DefaultGAHost}
	}
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	c := &Client{
		Region:      cfg.Region,
		maxRetries:  cfg.MaxRetries,
		cenEndpoint: cfg.CENEndpoint,
		gaEndpoint:  cfg.GAEndpoint,
		baseDelay:   cfg.BaseDelay,
		maxDelay:    cfg.MaxDelay,
		creds:       cfg.Credentials,
		logCtx:      MaskFieldNames(ctx),
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.baseDelay <= 0 {
		c.baseDelay = DefaultBaseDelay
	}
	if c.maxDelay <= 0 {
		c.maxDelay = DefaultMaxDelay
	}

	base := cfg.Transport
	if base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // net/http declares it an *http.Transport
		t.DialContext = (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
		t.TLSHandshakeTimeout = cfg.ConnectTimeout
		base = t
	}
	ua := UserAgent(cfg.ProviderVersion, cfg.TerraformVersion)

	sdkConfig := func(ep Endpoint, rt http.RoundTripper) *sdk.Config {
		conf := sdk.NewConfig()
		conf.AutoRetry = false
		conf.MaxRetryTime = 0
		conf.Scheme = ep.Scheme
		// A wrapper, not an *http.Transport: the SDK then leaves TLS
		// verification and dialing as configured here.
		conf.Transport = rt
		return conf
	}

	name, version, _ := strings.Cut(ua, " ")
	setup := func(sc *sdk.Client, ep Endpoint) {
		sc.SetConnectTimeout(cfg.ConnectTimeout)
		sc.SetReadTimeout(cfg.ReadTimeout)
		sc.SetHTTPSInsecure(false)
		sc.Domain = ep.Host
		for _, tok := range []string{name, version} {
			k, v, _ := strings.Cut(tok, "/")
			sc.AppendUserAgent(k, v)
		}
	}
	checked := answerCheck{base}
	cenRT, gaRT := roundTripper{checked}, gaRegionGuard{checked}
	buildCEN := func() (*cbn.Client, error) {
		sdkMu.Lock()
		defer sdkMu.Unlock()
		cc, err := cbn.NewClientWithOptions(cfg.Region, sdkConfig(cfg.CENEndpoint, cenRT), cfg.Credentials.Provider)
		if err == nil {
			setup(&cc.Client, cfg.CENEndpoint)
		}
		return cc, err
	}
	buildGA := func() (*ga.Client, error) {
		sdkMu.Lock()
		defer sdkMu.Unlock()
		gc, err := ga.NewClientWithOptions(GARegion, sdkConfig(cfg.GAEndpoint, gaRT), cfg.Credentials.Provider)
		if err == nil {
			setup(&gc.Client, cfg.GAEndpoint)
		}
		return gc, err
	}
	// Build one of each now, so a bad configuration fails here; later builds
	// of the same configuration cannot fail.
	if _, err := buildCEN(); err != nil {
		return nil, fmt.Errorf("building the CEN client: %w", err)
	}
	if _, err := buildGA(); err != nil {
		return nil, fmt.Errorf("building the GA client: %w", err)
	}
	c.newCEN = func() *cbn.Client { cc, _ := buildCEN(); return cc }
	c.newGA = func() *ga.Client { gc, _ := buildGA(); return gc }
	return c, nil
}

// sdkMu serialises SDK client construction: the SDK fills its endpoint
// tables lazily in package variables without a lock.
var sdkMu sync.Mutex

// roundTripper hides the real transport's type from the SDK, which would
// otherwise rewrite its dialer and TLS settings on every call.
type roundTripper struct{ next http.RoundTripper }

func (r roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	return r.next.RoundTrip(req)
}

// gaRegionGuard refuses a GA request whose RegionId is not cn-hangzhou: the
// query is signed, so it cannot be corrected here, and another region would
// reach the wrong place.
type gaRegionGuard struct{ next http.RoundTripper }

func (g gaRegionGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if r := req.URL.Query().Get("RegionId"); r != GARegion {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("GA request %s carries RegionId %q; the GA API answers only in %s (provider bug: do not set RegionId on GA requests)",
			req.URL.Query().Get("Action"), r, GARegion)
	}
	return g.next.RoundTrip(req)
}

// CommonGA sends a GA operation that the typed SDK lacks and returns the raw
// JSON body. RegionId is always cn-hangzhou.
func (c *Client) CommonGA(ctx context.Context, action string, params map[string]string, opts ...CallOption) ([]byte, error) {
	if c.notReady != nil {
		return nil, c.notReady
	}
	return c.common(ctx, &c.GA().Client, "ga", "Ga", "2019-11-20", GARegion, action, params, opts)
}

func (c *Client) common(ctx context.Context, sc *sdk.Client, ram, product, version, region, action string, params map[string]string, opts []CallOption) ([]byte, error) {
	action = strings.TrimPrefix(action, ram+":")
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Product = product
	req.Version = version
	req.ApiName = action
	req.Domain = sc.Domain
	req.Scheme = sc.GetConfig().Scheme
	for k, v := range params {
		req.QueryParams[k] = v
	}
	if region != "" {
		req.QueryParams["RegionId"] = region
	}
	var body []byte
	err := c.Do(ctx, ram+":"+action, func() error {
		resp, err := sc.ProcessCommonRequest(req)
		if err != nil {
			return err
		}
		body = resp.GetHttpContentBytes()
		return nil
	}, opts...)
	return body, err
}

var (
	cenType = reflect.TypeOf(&cbn.Client{})
	gaType  = reflect.TypeOf(&ga.Client{})
)

// productOf names the RAM service of an operation: the SDK client that has
// a method of that name. "" when both have it (TagResources) or neither.
func productOf(action string) string {
	_, inCEN := cenType.MethodByName(action)
	_, inGA := gaType.MethodByName(action)
	switch {
	case inCEN && !inGA:
		return "cen"
	case inGA && !inCEN:
		return "ga"
	}
	return ""
}
