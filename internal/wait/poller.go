package wait

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// Fetch reads the objects of ids at once. An ID it leaves out of the map
// does not exist; an error is the whole poll's.
type Fetch[V any] func(ctx context.Context, ids []string) (map[string]V, error)

// Poller answers the waits of many objects of one kind with shared polls.
// Each wait keeps its own schedule (Config.Interval of its own elapsed
// time); when one is due, the poller reads it and every other waiting ID
// that fits in the same calls with one Fetch, and wakes each wait with its
// own object. So N plans bought together cost the polls of one, and a
// single plan is still seen within Config.Interval of ready (DESIGN.md,
// "API economy").
//
// A poll that fails with a transient error (Transient) wakes no one: each
// wait keeps waiting, until the next poll or its own deadline, as a wait
// of its own would while its client retries. Any other error ends the
// waits that poll answered.
type Poller[V any] struct {
	fetch Fetch[V]
	// perCall is how many IDs one API call reads: a poll that is due for
	// some waits fills its calls with the others.
	perCall int
	// Gather delays a wait's first poll, so waits that start together (a
	// Terraform apply starts up to -parallelism creates at once) share it.
	Gather time.Duration
	// Transient reports an error that must not end a wait.
	Transient func(error) bool
	// Retry is when a wait is polled again after a transient failure.
	Retry time.Duration
	// Slack: a wait due within it counts as due now, so waits that started
	// a moment apart share a poll even when that takes one more call.
	Slack time.Duration

	mu      sync.Mutex
	watches map[*watch[V]]struct{}
	kick    chan struct{}
	running bool
	base    context.Context    // values for the polls' calls (logging), no cancellation
	cancel  context.CancelFunc // ends the poll in flight when no wait is left
	polls   int
}

// Defaults of a Poller's timing.
const (
	DefaultGather = 100 * time.Millisecond
	DefaultRetry  = time.Second
	DefaultSlack  = 50 * time.Millisecond
	// MaxPoll bounds how long one poll retries transient errors.
	MaxPoll        = 30 * time.Second
	deadlineMargin = 100 * time.Millisecond
)

// watch is one wait registered with a Poller.
type watch[V any] struct {
	id string
	// due is when the wait wants its next poll; parked (zero) while its
	// last result has not been taken yet.
	due    time.Time
	result chan polled[V]
	// anchor is when the wait's schedule last put a poll: its start, then
	// each due time in turn. Intervals count from it, not from when a poll
	// ended, so the extra first poll (Gather) and slow polls do not push
	// the schedule later.
	anchor time.Time
	// deadline is the wait's own (zero: none); a poll for it gives up
	// retrying a little before, so the wait can report why.
	deadline time.Time
	// failed is the transient error of the last poll that read this wait's
	// object, until a poll answers it; its Refresh reports it at the deadline.
	failed error
}

type polled[V any] struct {
	v     V
	found bool
	err   error
}

// NewPoller returns a Poller that reads with fetch, perCall IDs a call.
func NewPoller[V any](fetch Fetch[V], perCall int) *Poller[V] {
	return &Poller[V]{
		fetch: fetch, perCall: max(perCall, 1), Gather: DefaultGather, Retry: DefaultRetry, Slack: DefaultSlack,
		Transient: func(error) bool { return false },
		watches:   map[*watch[V]]struct{}{}, kick: make(chan struct{}, 1),
	}
}

// Until runs the wait c for the object id through the poller: c's Refresh
// and Sleep are the poller's, state gives an object's state. It returns as
// Config.Until does.
func (p *Poller[V]) Until(ctx context.Context, id string, c Config, state func(V) string) (any, error) {
	w := &watch[V]{id: id, result: make(chan polled[V], 1), anchor: time.Now()}
	w.deadline, _ = ctx.Deadline()
	p.add(ctx, w)
	defer p.remove(w)
	c.Refresh = func(ctx context.Context) (any, string, error) {
		select {
		case r := <-w.result:
			switch {
			case r.err != nil:
				return nil, "", r.err
			case !r.found:
				return nil, "", fmt.Errorf("%s: %w", id, ErrNotFound)
			}
			return r.v, state(r.v), nil
		case <-ctx.Done():
			p.mu.Lock()
			failed := w.failed
			p.mu.Unlock()
			if failed != nil {
				return nil, "", failed
			}
			return nil, "", ctx.Err()
		}
	}
	c.Sleep = func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// A schedule that fell behind (slow polls, retries) restarts from now.
		now := time.Now()
		if w.anchor = w.anchor.Add(d); w.anchor.Before(now) {
			w.anchor = now.Add(d)
		}
		p.schedule(w, w.anchor)
		return nil
	}
	return c.Until(ctx)
}

// Polls is how many polls the poller has made (for tests and logs).
func (p *Poller[V]) Polls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.polls
}

func (p *Poller[V]) add(ctx context.Context, w *watch[V]) {
	p.mu.Lock()
	w.due = time.Now().Add(p.Gather)
	p.watches[w] = struct{}{}
	if p.base == nil {
		p.base = context.WithoutCancel(ctx)
	}
	start := !p.running
	p.running = true
	p.mu.Unlock()
	if start {
		go p.run()
	}
	p.wake()
}

func (p *Poller[V]) remove(w *watch[V]) {
	p.mu.Lock()
	delete(p.watches, w)
	if len(p.watches) == 0 && p.cancel != nil {
		p.cancel()
	}
	p.mu.Unlock()
	p.wake()
}

func (p *Poller[V]) schedule(w *watch[V], due time.Time) {
	p.mu.Lock()
	w.due = due
	p.mu.Unlock()
	p.wake()
}

func (p *Poller[V]) wake() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// run polls while any wait is registered.
func (p *Poller[V]) run() {
	for {
		p.mu.Lock()
		if len(p.watches) == 0 {
			p.running = false
			p.mu.Unlock()
			return
		}
		var next time.Time
		for w := range p.watches {
			if !w.due.IsZero() && (next.IsZero() || w.due.Before(next)) {
				next = w.due
			}
		}
		p.mu.Unlock()
		if next.IsZero() {
			<-p.kick // every wait is handling its last result
			continue
		}
		if d := time.Until(next); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-p.kick:
				t.Stop()
				continue
			}
		}
		p.poll()
	}
}

// poll reads the waits that are due, and as many others as fit in the same
// calls, soonest due first.
func (p *Poller[V]) poll() {
	p.mu.Lock()
	now := time.Now()
	var due, rest []*watch[V]
	for w := range p.watches {
		switch {
		case w.due.IsZero():
		case !w.due.After(now.Add(p.Slack)):
			due = append(due, w)
		default:
			rest = append(rest, w)
		}
	}
	if len(due) == 0 {
		p.mu.Unlock()
		return
	}
	slices.SortFunc(rest, func(a, b *watch[V]) int { return a.due.Compare(b.due) })
	ids := map[string]bool{}
	batch := due
	for _, w := range due {
		ids[w.id] = true
	}
	room := (len(ids)+p.perCall-1)/p.perCall*p.perCall - len(ids)
	for _, w := range rest {
		if !ids[w.id] {
			if room == 0 {
				continue
			}
			room--
			ids[w.id] = true
		}
		batch = append(batch, w)
	}
	// The poll retries transient errors (its calls persist) until shortly
	// before the first deadline among its waits, or MaxPoll.
	deadline := now.Add(MaxPoll)
	for _, w := range batch {
		w.due = time.Time{}
		if !w.deadline.IsZero() && w.deadline.Add(-deadlineMargin).Before(deadline) {
			deadline = w.deadline.Add(-deadlineMargin)
		}
	}
	ctx, cancel := context.WithDeadline(p.base, deadline)
	p.cancel = cancel
	p.polls++
	p.mu.Unlock()

	values, err := p.fetch(ctx, slices.Sorted(maps.Keys(ids)))
	ended := ctx.Err() != nil
	cancel()

	p.mu.Lock()
	defer p.mu.Unlock()
	p.cancel = nil
	if err != nil && (ended || p.Transient(err)) {
		// Nobody is woken; each is polled again soon, or ends at its
		// deadline, naming the transient error it last got.
		for _, w := range batch {
			w.due = time.Now().Add(p.Retry)
			if p.Transient(err) {
				w.failed = err
			}
		}
		return
	}
	for _, w := range batch {
		if _, live := p.watches[w]; !live {
			continue
		}
		w.failed = nil
		v, found := values[w.id]
		w.result <- polled[V]{v: v, found: found, err: err}
	}
}
