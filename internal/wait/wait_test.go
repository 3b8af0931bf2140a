package wait

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fakeClock drives Config.Until without real sleeping.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && c.t.Add(d).After(dl) {
		return context.DeadlineExceeded
	}
	c.t = c.t.Add(d)
	return nil
}

// readyAfter simulates an object that is "Creating" until ready, then "Idle".
func readyAfter(c *fakeClock, start time.Time, ready time.Duration, calls *int) Refresh {
	return func(context.Context) (any, string, error) {
		*calls++
		if c.t.Sub(start) >= ready {
			return "obj", "Idle", nil
		}
		return nil, "Creating", nil
	}
}

func TestUntilOvershootBound(t *testing.T) {
	for _, ready := range []time.Duration{0, 300 * time.Millisecond, 3 * time.Second, 10 * time.Second, 30 * time.Second, 5 * time.Minute, 20 * time.Minute} {
		c := &fakeClock{t: time.Unix(1e9, 0)}
		start := c.t
		calls := 0
		cfg := Config{Target: []string{"Idle"}, Refresh: readyAfter(c, start, ready, &calls), Now: c.now, Sleep: c.sleep}
		obj, err := cfg.Until(context.Background())
		if err != nil || obj != "obj" {
			t.Fatalf("ready=%s: Until = %v, %v", ready, obj, err)
		}
		over := c.t.Sub(start) - ready
		bound := max(time.Second, ready/10)
		if over > bound {
			t.Errorf("ready=%s: overshoot %s exceeds bound %s", ready, over, bound)
		}
	}
}

func TestUntilFiveMinutesCallBudget(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	calls := 0
	cfg := Config{Target: []string{"Idle"}, Refresh: readyAfter(c, c.t, 5*time.Minute, &calls), Now: c.now, Sleep: c.sleep}
	if _, err := cfg.Until(context.Background()); err != nil {
		t.Fatal(err)
	}
	if calls > 60 {
		t.Errorf("a five-minute wait made %d Describe calls, want at most 60", calls)
	}
	if calls < 10 {
		t.Errorf("a five-minute wait made only %d calls: the interval is too coarse for the overshoot bound", calls)
	}
}

func TestUntilUnexpectedState(t *testing.T) {
	cfg := Config{Target: []string{"Idle"}, Fail: []string{"Locked"},
		Refresh: func(context.Context) (any, string, error) { return nil, "Locked", nil }}
	_, err := cfg.Until(context.Background())
	var use *UnexpectedStateError
	if !errors.As(err, &use) || use.State != "Locked" {
		t.Fatalf("err = %v, want UnexpectedStateError for Locked", err)
	}
}

// A state the API never documented is polled again, not taken as final.
func TestUntilUnknownStateIsPending(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	calls := 0
	cfg := Config{Target: []string{"Idle"}, Fail: []string{"Locked"}, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) {
			calls++
			if calls < 4 {
				return nil, "SomethingNew", nil
			}
			return "obj", "Idle", nil
		}}
	obj, err := cfg.Until(context.Background())
	if err != nil || obj != "obj" || calls != 4 {
		t.Fatalf("obj=%v err=%v calls=%d, want obj after 4 polls", obj, err, calls)
	}
}

// NotFoundAlways: not found is pending until the deadline, and the timeout
// then says the object never showed.
func TestUntilNotFoundAlways(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	ctx, cancel := context.WithDeadline(context.Background(), c.t.Add(30*time.Second))
	defer cancel()
	calls := 0
	cfg := Config{Target: []string{"Idle"}, NotFoundChecks: NotFoundAlways, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) { calls++; return nil, "", ErrNotFound }}
	_, err := cfg.Until(ctx)
	var te *TimeoutError
	if !errors.As(err, &te) || te.LastState != "" {
		t.Fatalf("err = %v, want a TimeoutError that never saw the object", err)
	}
	if calls < 10 {
		t.Fatalf("only %d polls in 30 s: not found ended the wait early", calls)
	}
}

// A cancelled context (Terraform's Ctrl-C) is reported as an interrupt.
func TestUntilInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	cfg := Config{Target: []string{"Idle"},
		Refresh: func(context.Context) (any, string, error) {
			calls++
			if calls == 2 {
				cancel()
			}
			return "obj", "Creating", nil
		}}
	_, err := cfg.Until(ctx)
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.Canceled) || te.Last != "obj" {
		t.Fatalf("err = %v, want an interrupt TimeoutError keeping the last object", err)
	}
	if !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("message %q does not say interrupted", err.Error())
	}
}

func TestUntilNotFound(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	calls := 0
	gone := Config{NotFoundOK: true, Target: []string{"never"}, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) {
			calls++
			if calls < 3 {
				return nil, "Deleting", nil
			}
			return nil, "", ErrNotFound
		}}
	if _, err := gone.Until(context.Background()); err != nil || calls != 3 {
		t.Fatalf("deletion wait: err=%v calls=%d", err, calls)
	}

	calls = 0
	appears := Config{NotFoundChecks: 2, Target: []string{"Idle"}, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) {
			calls++
			if calls <= 2 {
				return nil, "", ErrNotFound
			}
			return "obj", "Idle", nil
		}}
	if _, err := appears.Until(context.Background()); err != nil {
		t.Fatalf("eventual consistency: %v", err)
	}

	never := Config{NotFoundChecks: 2, Target: []string{"Idle"}, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) { return nil, "", ErrNotFound }}
	if _, err := never.Until(context.Background()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("never appears: err = %v, want ErrNotFound", err)
	}
}

func TestUntilTimeout(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	ctx, cancel := context.WithDeadline(context.Background(), c.t.Add(5*time.Second))
	defer cancel()
	cfg := Config{Target: []string{"Idle"}, Now: c.now, Sleep: c.sleep,
		Refresh: func(context.Context) (any, string, error) { return nil, "Creating", nil }}
	_, err := cfg.Until(ctx)
	var te *TimeoutError
	if !errors.As(err, &te) || te.LastState != "Creating" {
		t.Fatalf("err = %v, want TimeoutError with last state Creating", err)
	}
}

func TestUntilRefreshError(t *testing.T) {
	boom := errors.New("boom")
	cfg := Config{Target: []string{"Idle"}, Refresh: func(context.Context) (any, string, error) { return nil, "", boom }}
	if _, err := cfg.Until(context.Background()); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

func TestSleepCtxStopsAtDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := sleepCtx(ctx, time.Hour)
	if time.Since(start) > 10*time.Second {
		t.Fatal("sleepCtx slept past the context deadline")
	}
	if err == nil {
		// Woke at the deadline on the timer; the context must be done now.
		<-ctx.Done()
	}
}

func TestInterval(t *testing.T) {
	var c Config
	if got := c.Interval(0); got != DefaultFloor {
		t.Errorf("Interval(0) = %s, want floor %s", got, DefaultFloor)
	}
	if got, want := c.Interval(100*time.Second), time.Duration(float64(100*time.Second)*DefaultFraction); got != want {
		t.Errorf("Interval(100s) = %s, want %s", got, want)
	}
}

// Visible ends as soon as the object shows, whatever its state, and waits
// through "not found" until then.
func TestVisible(t *testing.T) {
	c := &fakeClock{t: time.Unix(1e9, 0)}
	ctx, cancel := context.WithDeadline(context.Background(), c.t.Add(30*time.Second))
	defer cancel()
	calls := 0
	cfg := Visible(func(context.Context) (any, string, error) {
		calls++
		if calls < 3 {
			return nil, "", ErrNotFound
		}
		return "obj", "Creating", nil
	})
	cfg.Now, cfg.Sleep = c.now, c.sleep
	if obj, err := cfg.Until(ctx); err != nil || obj != "obj" || calls != 3 {
		t.Fatalf("Until = %v, %v after %d calls; want the object on the third", obj, err, calls)
	}
}

func TestLast(t *testing.T) {
	if _, _, ok := Last[string](errors.New("other")); ok {
		t.Error("a plain error is not a timeout")
	}
	last, seen, ok := Last[string](fmt.Errorf("wrapped: %w", &TimeoutError{LastState: "Creating", Last: "obj", Err: context.DeadlineExceeded}))
	if !ok || !seen || last != "obj" {
		t.Errorf("Last = %q, %v, %v", last, seen, ok)
	}
	last, seen, ok = Last[string](&TimeoutError{Err: context.DeadlineExceeded})
	if !ok || seen || last != "" {
		t.Errorf("never seen: Last = %q, %v, %v", last, seen, ok)
	}
}
