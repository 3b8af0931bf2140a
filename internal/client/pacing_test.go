package client

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/pacer"
)

// fakeClock is a clock that only moves when the client sleeps.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }

func (f *fakeClock) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slept = append(f.slept, d)
	f.t = f.t.Add(d)
	return nil
}

func pacedClient(t *testing.T, maxRetries int) (*Client, *fakeClock) {
	t.Helper()
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := &Client{maxRetries: maxRetries, baseDelay: 500 * time.Millisecond, maxDelay: 10 * time.Second}
	c.now, c.sleep = clk.now, clk.sleep
	c.jitter = func(ceiling time.Duration) time.Duration { return ceiling }
	return c, clk
}

// failing answers code for the first n calls, then success.
func failing(code string, n int) func() error {
	calls := 0
	return func() error {
		calls++
		if calls <= n {
			return apierrors.NewAPIError(code, "m", "R", 400, nil)
		}
		return nil
	}
}

func TestRateLimitCodesMarkedInTable(t *testing.T) {
	want := map[string]bool{"Throttling": true, "Throttling.User": true, "Throttling.Api": true}
	for _, e := range apierrors.Entries() {
		if e.RateLimit != want[e.Code] {
			t.Errorf("%s: RateLimit %v, want %v", e.Code, e.RateLimit, want[e.Code])
		}
		if e.RateLimit && !e.Retry {
			t.Errorf("%s: a rate-limit code must be retryable", e.Code)
		}
	}
}

// Throttled retries wait for the pacer's slots, not a random backoff; a
// paced call throttled again widens the spacing.
func TestThrottledRetriesArePaced(t *testing.T) {
	c, clk := pacedClient(t, 5)
	c.jitter = func(time.Duration) time.Duration { t.Fatal("throttled retry used the random backoff"); return 0 }
	if err := c.Do(context.Background(), "DescribeCenBandwidthPackages", failing("Throttling.User", 2)); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{pacer.DefaultSpacing, pacer.DefaultSpacing * 3 / 2}
	if len(clk.slept) != len(want) || clk.slept[0] != want[0] || clk.slept[1] != want[1] {
		t.Fatalf("slept %v, want %v", clk.slept, want)
	}
}

// Other retryable codes keep the full-jitter exponential backoff.
func TestOtherCodesKeepBackoff(t *testing.T) {
	c, clk := pacedClient(t, 5)
	if err := c.Do(context.Background(), "DescribeCenBandwidthPackages", failing("ServiceUnavailable", 2)); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{500 * time.Millisecond, time.Second} // the jitter's ceilings
	if len(clk.slept) != 2 || clk.slept[0] != want[0] || clk.slept[1] != want[1] {
		t.Fatalf("slept %v, want %v", clk.slept, want)
	}
}

// Concurrent throttled calls of one action get slots one spacing apart;
// another action has its own schedule.
func TestThrottledCallsShareSchedule(t *testing.T) {
	c, _ := pacedClient(t, 5)
	var mu sync.Mutex
	var waits []time.Duration
	all := make(chan struct{})
	c.sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		if len(waits) == 10 {
			close(all)
		}
		mu.Unlock()
		<-all      // every call reserves before any succeeds (and narrows the spacing)
		return nil // the clock stands still: every slot is reserved at the same now
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if err := c.Do(context.Background(), "CreateCenBandwidthPackage", failing("Throttling.User", 1), WithClientToken("t")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[time.Duration]bool{}
	for _, d := range waits {
		if d%pacer.DefaultSpacing != 0 || d < pacer.DefaultSpacing || d > 10*pacer.DefaultSpacing || seen[d] {
			t.Fatalf("waits %v: want each of 1..10 spacings once", waits)
		}
		seen[d] = true
	}
	if len(seen) != 10 {
		t.Fatalf("waits %v: want 10 distinct slots", waits)
	}
	// Another action starts its own schedule.
	var other []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { other = append(other, d); return nil }
	if err := c.Do(context.Background(), "DescribeCenBandwidthPackages", failing("Throttling", 1)); err != nil {
		t.Fatal(err)
	}
	if len(other) != 1 || other[0] != pacer.DefaultSpacing {
		t.Fatalf("other action waited %v, want one spacing", other)
	}
}

// No slot past the deadline: the throttle is returned at once.
func TestPacedRetryNeverPastDeadline(t *testing.T) {
	c, clk := pacedClient(t, 5)
	ctx, cancel := context.WithDeadline(context.Background(), clk.now().Add(30*time.Millisecond))
	defer cancel()
	err := c.Do(ctx, "DescribeCenBandwidthPackages", failing("Throttling.User", 1))
	if !apierrors.IsCode(err, "Throttling.User") {
		t.Fatalf("want the throttle back, got %v", err)
	}
	if len(clk.slept) != 0 {
		t.Fatalf("slept %v though no slot was before the deadline", clk.slept)
	}
}

// max_retries still bounds paced retries.
func TestPacedRetriesBoundedByMaxRetries(t *testing.T) {
	c, clk := pacedClient(t, 3)
	calls := 0
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		calls++
		return apierrors.NewAPIError("Throttling.Api", "m", "R", 400, nil)
	})
	if !apierrors.IsCode(err, "Throttling.Api") || calls != 4 || len(clk.slept) != 3 {
		t.Fatalf("err %v after %d calls and sleeps %v, want 4 calls", err, calls, clk.slept)
	}
}
