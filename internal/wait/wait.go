// Package wait polls an API object until it reaches a target state.
//
// The poll interval grows with the time already waited (a fixed fraction of
// it, never under a floor), so a wait ends soon after the object is ready:
// at most max(Floor, Fraction × elapsed) late, plus one API round trip, and a
// long wait costs only a logarithmic number of Describe calls.
package wait

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrNotFound is returned by a Refresh func when the object does not exist.
var ErrNotFound = errors.New("not found")

// Defaults chosen so that a plan ready after T seconds is seen at most
// max(1 s, 10 % of T) later, with room left for the Describe round trip.
const (
	DefaultFloor    = 800 * time.Millisecond
	DefaultFraction = 0.09
)

// Refresh reads the object once and returns it with its state.
// It returns ErrNotFound (wrapped or not) when the object does not exist.
type Refresh func(ctx context.Context) (obj any, state string, err error)

// NotFoundAlways, as Config.NotFoundChecks, treats "not found" as pending
// until the deadline: a plan just bought may stay invisible to Describe for a
// while, and giving up early would look like "gone" (DESIGN.md).
const NotFoundAlways = -1

// Config describes one wait.
type Config struct {
	// Target states end the wait successfully.
	Target []string
	// Fail states end the wait with an UnexpectedStateError: states that
	// waiting cannot change (a plan locked for an unpaid bill). Every other
	// state, one the API never documented included, keeps the wait going:
	// an answer that makes no sense is polled again, never taken as final.
	Fail []string
	// AnyState: any state ends the wait successfully, once the object
	// shows at all (Visible).
	AnyState bool
	// Applied, when set, must also hold for an object in a Target state:
	// until it does, the wait goes on (a change Describe does not show yet).
	Applied func(obj any) bool
	// Refresh reads the object once.
	Refresh Refresh
	// NotFoundOK: when true, ErrNotFound ends the wait successfully
	// (waiting for a deletion). Otherwise it is treated as pending for
	// NotFoundChecks consecutive polls (NotFoundAlways: until the
	// deadline), then returned.
	NotFoundOK     bool
	NotFoundChecks int
	// Floor and Fraction set the poll interval; zero means the defaults.
	Floor    time.Duration
	Fraction float64
	// Sleep is replaced in tests; nil means a context-aware sleep.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is replaced in tests; nil means time.Now.
	Now func() time.Time
}

// UnexpectedStateError reports a state that is neither pending nor target.
type UnexpectedStateError struct {
	State  string
	Target []string
}

func (e *UnexpectedStateError) Error() string {
	return fmt.Sprintf("unexpected state %q, wanted one of %v", e.State, e.Target)
}

// TimeoutError reports that the context ended before the target was reached:
// its deadline passed (Err is context.DeadlineExceeded) or it was cancelled,
// as Terraform does on Ctrl-C (context.Canceled).
type TimeoutError struct {
	// LastState is the last state seen; "" when the object never showed.
	LastState string
	// Last is the object of the last successful Refresh, or nil.
	Last   any
	Waited time.Duration
	Err    error
	// Cause is the error the last poll failed with, when it failed (a
	// transient error a shared poll kept getting), or nil.
	Cause error
}

func (e *TimeoutError) Error() string {
	if errors.Is(e.Err, context.Canceled) {
		return fmt.Sprintf("interrupted after %s of waiting (last state %q)", e.Waited.Round(time.Second), e.LastState)
	}
	msg := fmt.Sprintf("timed out after %s waiting (last state %q): %v", e.Waited.Round(time.Second), e.LastState, e.Err)
	if e.Cause != nil {
		msg += fmt.Sprintf("; the last poll failed: %v", e.Cause)
	}
	return msg
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// Interval returns how long to sleep after having waited elapsed.
func (c Config) Interval(elapsed time.Duration) time.Duration {
	floor, frac := c.Floor, c.Fraction
	if floor <= 0 {
		floor = DefaultFloor
	}
	if frac <= 0 {
		frac = DefaultFraction
	}
	d := time.Duration(float64(elapsed) * frac)
	if d < floor {
		d = floor
	}
	return d
}

// Until polls until the object reaches a target state, the context ends, or
// Refresh fails. It polls once at once, then at growing intervals.
func (c Config) Until(ctx context.Context) (any, error) {
	now := c.Now
	if now == nil {
		now = time.Now
	}
	sleep := c.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	start := now()
	lastState := ""
	var last any
	notFound := 0
	for {
		obj, state, err := c.Refresh(ctx)
		switch {
		case errors.Is(err, ErrNotFound):
			if c.NotFoundOK {
				return nil, nil
			}
			notFound++
			if c.NotFoundChecks != NotFoundAlways && notFound > c.NotFoundChecks {
				return nil, err
			}
		case err != nil:
			if ctx.Err() != nil {
				te := &TimeoutError{LastState: lastState, Last: last, Waited: now().Sub(start), Err: ctx.Err()}
				if !errors.Is(err, ctx.Err()) {
					te.Cause = err
				}
				return nil, te
			}
			return nil, err
		default:
			notFound = 0
			lastState, last = state, obj
			if c.AnyState || slices.Contains(c.Target, state) {
				if c.Applied == nil || c.Applied(obj) {
					return obj, nil
				}
				lastState = state + ", change not shown yet"
				break
			}
			if slices.Contains(c.Fail, state) {
				return obj, &UnexpectedStateError{State: state, Target: c.Target}
			}
		}
		if err := sleep(ctx, c.Interval(now().Sub(start))); err != nil {
			return nil, &TimeoutError{LastState: lastState, Last: last, Waited: now().Sub(start), Err: err}
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		// Sleep to the deadline, then report it, rather than overrunning.
		d = time.Until(dl)
	}
	return Sleep(ctx, d)
}

// Sleep waits for d, or until ctx ends, and then returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Visible is the wait until refresh finds the object, in whatever state: a
// plan bought by an apply that never saw it, which a Delete must see before
// it releases it. Not found is pending until the deadline (NotFoundAlways).
// refresh may be nil for a Poller, which brings its own.
func Visible(refresh Refresh) Config {
	return Config{AnyState: true, Refresh: refresh, NotFoundChecks: NotFoundAlways}
}

// Last returns what a wait that failed with err last saw: the object (nil
// when it never showed, or is not a T) and whether it showed at all. ok is
// false when err is not a TimeoutError: the wait ended otherwise.
func Last[T any](err error) (last T, seen, ok bool) {
	var te *TimeoutError
	if !errors.As(err, &te) {
		return last, false, false
	}
	last, _ = te.Last.(T)
	return last, te.LastState != "", true
}
