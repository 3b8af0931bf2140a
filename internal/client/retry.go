package client

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// CallOption adjusts one call's retry policy.
type CallOption func(*callOptions)

type callOptions struct {
	clientToken string
	busyCodes   []string
	persist     bool
}

// WithClientToken marks a call that creates something. Such a call is retried
// only because it carries this token, which the caller has put on the request:
// every attempt re-sends the same request, so the same token. A lost answer
// is retried until ctx's deadline, not max_retries times (Persist): giving up
// early would leave a plan that may have been bought untracked.
func WithClientToken(token string) CallOption {
	return func(o *callOptions) { o.clientToken, o.persist = token, true }
}

// Persist retries transient errors (the table's Retry codes, untabled 5xx,
// connection resets and timeouts) until ctx's deadline instead of
// max_retries times. Resource operations use it: their timeouts are the
// user's budget, and a transient error must not end a wait for a plan that
// was already bought (DESIGN.md, "Never buy twice").
func Persist() CallOption {
	return func(o *callOptions) { o.persist = true }
}

// Transient reports an error that Persist retries: the table's Retry codes,
// untabled 5xx, connection resets and timeouts. A shared poll that ends with
// one wakes no wait (wait.Poller).
func Transient(err error) bool {
	return err != nil && classify(err, &callOptions{persist: true}, false) == retryCount
}

// RetryOn retries the given codes (a busy plan, a binding being removed)
// until the context's deadline, on top of the table's retryable codes.
// Credential errors are never retried, even when named here.
func RetryOn(codes ...string) CallOption {
	return func(o *callOptions) { o.busyCodes = append(o.busyCodes, codes...) }
}

// decision is what Do does with one failed attempt.
type decision int

const (
	stop         decision = iota // report the error
	retryCount                   // retry while attempts < max_retries
	retryUntil                   // retry until the deadline (RetryOn codes)
	retryPersist                 // retry until the deadline (Persist, transient errors)
)

// classify decides whether err is worth another attempt. Data comes from the
// error table; only transport failures and untabled 5xx are judged here.
func classify(err error, o *callOptions, creates bool) decision {
	if creates && o.clientToken == "" {
		// A create without a token might have succeeded; a retry could buy twice.
		return stop
	}
	api, isAPI := apierrors.From(err)
	if isAPI {
		if e, ok := apierrors.Lookup(api.Code); ok && e.Credential {
			return stop
		}
		if slices.ContainsFunc(o.busyCodes, func(c string) bool { return strings.EqualFold(c, api.Code) }) {
			return retryUntil
		}
		if e, ok := apierrors.Lookup(api.Code); ok {
			if e.Retry {
				return retryCount
			}
			return stop
		}
		if api.HTTPStatus >= 500 || api.HTTPStatus == 429 {
			return retryCount
		}
		return stop
	}
	if isTransient(err) {
		return retryCount
	}
	return stop
}

// isTransient reports connection resets, refusals, EOFs and timeouts: the
// SDK returns the net/http error itself when its own retry is off.
func isTransient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || untrustedCertificate(err) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTemporary || dns.IsTimeout || dns.IsNotFound
	}
	return false
}

// normalize turns what the SDK returned into an *apierrors.APIError that
// names the action and never prints a URL (its query carries the AccessKeyId
// and security token) or response headers.
func normalize(err error, action, product string) error {
	if err == nil {
		return nil
	}
	api, ok := apierrors.From(err)
	if !ok {
		var ue *url.Error
		switch {
		case errors.As(err, &ue):
			host := ""
			if u, perr := url.Parse(ue.URL); perr == nil {
				host = u.Host
			}
			code := apierrors.CodeConnection
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				code = apierrors.CodeTimeout
			}
			if untrustedCertificate(err) {
				code = apierrors.CodeCertificate
			}
			api = apierrors.NewAPIError(code, ue.Op+" "+host+": "+ue.Err.Error(), "", 0, err)
		case isTransient(err):
			api = apierrors.NewAPIError(apierrors.CodeConnection, err.Error(), "", 0, err)
		default:
			return err
		}
	}
	var ce *sdkerrors.ClientError
	if errors.As(err, &ce) && api.Code == sdkerrors.TimeoutErrorCode {
		api.Code = apierrors.CodeTimeout
	}
	// JSON the typed response cannot hold is a damaged answer: retried, so a
	// create whose answer was garbled is replayed with its ClientToken.
	if errors.As(err, &ce) && api.Code == sdkerrors.JsonUnmarshalErrorCode {
		api.Code = apierrors.CodeBadAnswer
	}
	out := *api
	if out.Action == "" {
		out.Action = action
	}
	if out.Product == "" {
		out.Product = product
	}
	return &out
}

// Do runs call under the retry policy. action names the API operation, for
// logs and diagnostics. call performs exactly one SDK request and returns its
// error; Do retries it while the error is retryable and the context allows.
//
// Ordinary retryable errors (the table's Retry codes, untabled 5xx,
// connection resets and timeouts) are retried at most max_retries times;
// RetryOn codes until ctx's deadline. Between attempts Do sleeps an
// exponential backoff with full jitter, capped, and never past the deadline:
// when the next sleep would end after it, Do returns the last error at once.
// Rate-limit codes (the table's RateLimit rows) are the exception: their
// retries wait for a send slot of the action's pacer (internal/pacer), which
// spaces the throttled calls of one action evenly at the rate the API takes.
// A Create* call without WithClientToken is never retried.
func (c *Client) Do(ctx context.Context, action string, call func() error, opts ...CallOption) error {
	if c.notReady != nil {
		return c.notReady
	}
	var o callOptions
	for _, opt := range opts {
		opt(&o)
	}
	product, op, hasPrefix := strings.Cut(action, ":")
	if !hasPrefix {
		op, product = action, productOf(action)
	}
	creates := strings.HasPrefix(op, "Create")
	if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List") && !strings.HasPrefix(op, "Query") {
		c.lastWrite.Store(time.Now().UnixNano())
	}
	ctx = c.maskSecrets(ctx)
	ctx = tflog.SetField(ctx, "api_action", op)

	now := c.now
	if now == nil {
		now = time.Now
	}
	start := now()
	busyDeadline, hasDeadline := ctx.Deadline()
	persistDeadline := busyDeadline
	if !hasDeadline {
		busyDeadline = start.Add(DefaultBusyBudget)
		persistDeadline = start.Add(DefaultPersistBudget)
	}

	pc := c.pacers.For(product + ":" + op)
	paced := false           // the attempt was sent in a slot of pc
	var reservedAt time.Time // when that slot was reserved
	counted := 0             // retries spent on ordinary retryable errors
	for attempt := 1; ; attempt++ {
		began := now()
		err := c.redact(normalize(safeCall(call), op, product))
		ended := now()
		took := ended.Sub(began)
		limited := rateLimited(err)
		switch {
		case err == nil:
			pc.Success(ended, paced)
		case limited:
			pc.Throttled(ended, reservedAt, paced)
		}
		if err == nil {
			if attempt > 1 {
				tflog.Debug(ctx, "API call succeeded after retries", map[string]any{"attempts": attempt})
			}
			return nil
		}
		fields := map[string]any{"attempt": attempt, "error": err.Error()}
		if o.clientToken != "" {
			fields["client_token"] = o.clientToken
		}
		d := classify(err, &o, creates)
		switch d {
		case stop:
			tflog.Debug(ctx, "API call failed, not retrying", fields)
			return err
		case retryCount:
			if o.persist {
				if !now().Before(persistDeadline) {
					return err
				}
				d = retryPersist
				break
			}
			if counted >= c.maxRetries {
				fields["max_retries"] = c.maxRetries
				tflog.Warn(ctx, "API call failed, retries exhausted", fields)
				return err
			}
			counted++
		case retryUntil:
			if !now().Before(busyDeadline) {
				return err
			}
		}
		t := now()
		var delay time.Duration
		paced = limited
		if paced {
			// A rate limit: take the action's next send slot, spaced
			// evenly after the slots of its other throttled calls, if
			// one is free early enough to call again before the deadline.
			latest := t.Add(DefaultBusyBudget)
			if dl, ok := ctx.Deadline(); ok {
				latest = dl.Add(-took)
			}
			if d == retryUntil && busyDeadline.Before(latest) {
				latest = busyDeadline
			}
			if d == retryPersist && persistDeadline.Before(latest) {
				latest = persistDeadline
			}
			at, ok := pc.Reserve(t, latest)
			if !ok {
				tflog.Warn(ctx, "API call throttled, no send slot before the deadline", fields)
				return err
			}
			delay, reservedAt = at.Sub(t), t
		} else {
			delay = c.backoff(attempt)
		}
		// Retry only if sleeping and calling again (as long as the last call
		// took) still ends before the deadline.
		if dl, ok := ctx.Deadline(); ok && t.Add(delay+took).After(dl) {
			fields["deadline"] = dl
			tflog.Warn(ctx, "API call failed, no time left to retry", fields)
			return err
		}
		if d == retryUntil && t.Add(delay).After(busyDeadline) {
			return err
		}
		if d == retryPersist && t.Add(delay).After(persistDeadline) {
			return err
		}
		fields["retry_in"] = delay.String()
		tflog.Info(ctx, "API call failed, retrying", fields)
		sleep := c.sleep
		if sleep == nil {
			sleep = sleepCtx
		}
		if serr := sleep(ctx, delay); serr != nil {
			return err
		}
	}
}

// rateLimited reports whether err is one of the table's rate-limit codes.
func rateLimited(err error) bool {
	if err == nil {
		return false
	}
	e, ok := apierrors.Lookup(apierrors.Code(err))
	return ok && e.RateLimit
}

// backoff is the full-jitter exponential delay before the attempt after
// attempt: uniform in [0, min(MaxDelay, BaseDelay·2^(attempt-1))].
func (c *Client) backoff(attempt int) time.Duration {
	base, maxD := c.baseDelay, c.maxDelay
	if base <= 0 {
		base = DefaultBaseDelay
	}
	if maxD <= 0 {
		maxD = DefaultMaxDelay
	}
	if attempt < 1 {
		attempt = 1
	}
	ceil := maxD
	if attempt-1 < 30 {
		if d := base << (attempt - 1); d > 0 && d < maxD {
			ceil = d
		}
	}
	if c.jitter != nil {
		return c.jitter(ceil)
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// maskSecrets makes every tflog message and field of ctx hide the secret
// key and security token, by value and by field name.
func (c *Client) maskSecrets(ctx context.Context) context.Context {
	ctx = MaskFieldNames(ctx)
	if c.creds == nil || c.creds.Provider == nil {
		return ctx
	}
	cc, err := c.creds.Provider.GetCredentials()
	if err != nil || cc == nil {
		return ctx
	}
	return MaskValues(ctx, cc.AccessKeySecret, cc.SecurityToken)
}

// SecretFieldNames are the log field keys whose values are always masked.
var SecretFieldNames = []string{"secret_key", "security_token", "access_key_secret", "AccessKeySecret", "SecurityToken", "Signature"}

// MaskFieldNames masks the values of SecretFieldNames in every log of ctx.
func MaskFieldNames(ctx context.Context) context.Context {
	return tflog.MaskFieldValuesWithFieldKeys(ctx, SecretFieldNames...)
}

// MaskValues masks each non-empty secret wherever it appears in messages
// and field values logged with ctx.
func MaskValues(ctx context.Context, secrets ...string) context.Context {
	var s []string
	for _, v := range secrets {
		if v != "" {
			s = append(s, v)
		}
	}
	if len(s) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, s...)
	return tflog.MaskAllFieldValuesStrings(ctx, s...)
}
