package wait

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeAPI answers a poller's fetches: each ID is "Creating" until it has
// been read ready[id] times, then "Idle", and a fetch fails with fail[n]
// on its n-th call (0-based) when set.
type fakeAPI struct {
	mu    sync.Mutex
	ready map[string]int
	reads map[string]int
	calls [][]string
	fail  map[int]error
}

type obj struct{ id, state string }

func (a *fakeAPI) fetch(_ context.Context, ids []string) (map[string]obj, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := len(a.calls)
	a.calls = append(a.calls, ids)
	if err := a.fail[n]; err != nil {
		return nil, err
	}
	out := map[string]obj{}
	for _, id := range ids {
		need, ok := a.ready[id]
		if !ok {
			continue // not found
		}
		a.reads[id]++
		state := "Creating"
		if a.reads[id] >= need {
			state = "Idle"
		}
		out[id] = obj{id, state}
	}
	return out, nil
}

func stateOf(o obj) string { return o.state }

// fast is a wait whose polls come every 50 ms, so tests run quickly.
var fast = Config{Target: []string{"Idle"}, Floor: 50 * time.Millisecond, Fraction: 0.01}

func TestPollerBatchesWaits(t *testing.T) {
	const n = 12
	api := &fakeAPI{ready: map[string]int{}, reads: map[string]int{}}
	var ids []string
	for i := range n {
		id := fmt.Sprintf("p-%02d", i)
		ids = append(ids, id)
		api.ready[id] = 3 + i%3 // ready on the 3rd, 4th or 5th read
	}
	p := NewPoller(api.fetch, 25)
	p.Gather = 300 * time.Millisecond // every wait below registers within it
	got := make([]any, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = p.Until(context.Background(), id, fast, stateOf)
		}()
	}
	wg.Wait()
	for i, id := range ids {
		if errs[i] != nil || got[i] != (obj{id, "Idle"}) {
			t.Errorf("wait %s = %v, %v; want its own Idle object", id, got[i], errs[i])
		}
	}
	// One poll per interval for all of them: the slowest needs 5 reads,
	// and every call asked for every ID still waiting.
	if len(api.calls) != 5 {
		t.Errorf("%d polls for %d waits, want 5 (one per interval): %v", len(api.calls), n, api.calls)
	}
	if !slices.Equal(api.calls[0], ids) {
		t.Errorf("the first poll read %v, want all %d waiting IDs", api.calls[0], n)
	}
	for i, call := range api.calls {
		for _, id := range ids {
			waiting := api.ready[id] > i
			if waiting && !slices.Contains(call, id) {
				t.Errorf("poll %d left out %s, which was still waiting", i, id)
			}
		}
	}
}

func TestPollerSplitsCallsAtPerCall(t *testing.T) {
	api := &fakeAPI{ready: map[string]int{}, reads: map[string]int{}}
	var wg sync.WaitGroup
	p := NewPoller(api.fetch, 2)
	// Every wait registers within the slack of the first, however slow
	// the machine: they are due together.
	p.Gather, p.Slack = 300*time.Millisecond, 250*time.Millisecond
	for i := range 3 {
		id := fmt.Sprintf("p-%d", i)
		api.ready[id] = 1
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := p.Until(context.Background(), id, fast, stateOf); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// Three due together with two per call: one poll of all three (its
	// calls are the fetch's business), never a poll each.
	if len(api.calls) != 1 || len(api.calls[0]) != 3 {
		t.Errorf("polls %v, want one poll of the 3 due IDs", api.calls)
	}
}

func TestPollerTransientFailureWakesNoOne(t *testing.T) {
	throttled := errors.New("Throttling.User")
	api := &fakeAPI{ready: map[string]int{"a": 2, "b": 2}, reads: map[string]int{},
		fail: map[int]error{0: throttled, 1: throttled}}
	p := NewPoller(api.fetch, 25)
	p.Gather = 200 * time.Millisecond
	p.Retry = 10 * time.Millisecond
	p.Transient = func(err error) bool { return errors.Is(err, throttled) }
	var wg sync.WaitGroup
	for _, id := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o, err := p.Until(context.Background(), id, fast, stateOf)
			if err != nil || o != (obj{id, "Idle"}) {
				t.Errorf("wait %s = %v, %v: a transient poll failure must not end it", id, o, err)
			}
		}()
	}
	wg.Wait()
	if len(api.calls) != 4 {
		t.Errorf("%d polls, want 4 (2 failed, 2 read): %v", len(api.calls), api.calls)
	}
}

func TestPollerTransientFailureUntilDeadline(t *testing.T) {
	throttled := errors.New("Throttling.User")
	api := &fakeAPI{ready: map[string]int{"a": 2}, reads: map[string]int{}, fail: map[int]error{}}
	p := NewPoller(func(ctx context.Context, ids []string) (map[string]obj, error) {
		if _, err := api.fetch(ctx, ids); err != nil {
			return nil, err
		}
		return nil, throttled // after the first read the API only throttles
	}, 25)
	p.Gather, p.Retry = 0, 10*time.Millisecond
	p.Transient = func(err error) bool { return errors.Is(err, throttled) }
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := p.Until(ctx, "a", fast, stateOf)
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(te.Cause, throttled) {
		t.Fatalf("Until = %v, want a TimeoutError at the deadline that names the last failure", err)
	}
	if len(api.calls) < 2 {
		t.Errorf("%d polls, want the wait to keep polling after a transient failure", len(api.calls))
	}
}

func TestPollerErrorAndNotFound(t *testing.T) {
	denied := errors.New("Forbidden.RAM")
	api := &fakeAPI{ready: map[string]int{}, reads: map[string]int{}, fail: map[int]error{0: denied}}
	p := NewPoller(api.fetch, 25)
	p.Gather = 0
	if _, err := p.Until(context.Background(), "x", fast, stateOf); !errors.Is(err, denied) {
		t.Errorf("Until = %v, want the poll's lasting error", err)
	}
	// A wait for a deletion ends when the fetch leaves the ID out.
	c := fast
	c.NotFoundOK = true
	if o, err := p.Until(context.Background(), "gone", c, stateOf); err != nil || o != nil {
		t.Errorf("Until = %v, %v; want nil, nil for an object that is gone", o, err)
	}
	// A wait that is not for a deletion reports it.
	c = fast
	c.NotFoundChecks = 1
	if _, err := p.Until(context.Background(), "gone", c, stateOf); !errors.Is(err, ErrNotFound) {
		t.Errorf("Until = %v, want ErrNotFound", err)
	}
}

func TestPollerInterruptedWait(t *testing.T) {
	api := &fakeAPI{ready: map[string]int{"a": 1000}, reads: map[string]int{}}
	p := NewPoller(api.fetch, 25)
	p.Gather = 0
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(80 * time.Millisecond); cancel() }()
	_, err := p.Until(ctx, "a", fast, stateOf)
	last, seen, ok := Last[obj](err)
	if !ok || !errors.Is(err, context.Canceled) || !seen || last.id != "a" {
		t.Errorf("Until = %v (last %v, seen %v); want an interrupt that keeps the last object", err, last, seen)
	}
	// The poller stops once no wait is left.
	deadline := time.Now().Add(2 * time.Second)
	for {
		p.mu.Lock()
		running := p.running
		p.mu.Unlock()
		if !running {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the poller still runs with no wait registered")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
