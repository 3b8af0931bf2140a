// Package batch answers concurrent lookups by key with one call for many
// keys: lookups that arrive within a short window, or until a batch is full,
// share a single fetch. While a fetch is in flight the next batch keeps
// filling and goes out when that fetch returns, so the callers it answered
// (Terraform starts its next reads at once) join one batch rather than many.
// Terraform refreshes up to -parallelism resources at once, so a refresh of
// N plans costs about N/parallelism list calls.
package batch

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrNotFound is returned by Get for a key the fetch did not return.
var ErrNotFound = errors.New("batch: not found")

// Fetch reads many keys at once and returns the values it found; keys it
// leaves out are not found.
type Fetch[K comparable, V any] func(ctx context.Context, keys []K) (map[K]V, error)

// Batcher groups Gets into Fetches. The zero value is not usable: use New.
type Batcher[K comparable, V any] struct {
	fetch  Fetch[K, V]
	window time.Duration
	max    int

	mu       sync.Mutex
	pending  *group[K, V]
	inFlight int // fetches running; a full batch goes out regardless
}

// group is one batch being filled, then fetched.
type group[K comparable, V any] struct {
	keys    []K
	seen    map[K]bool
	ctx     context.Context // the first caller's values, without its cancellation
	cancel  context.CancelFunc
	waiting int // callers still waiting; the fetch is cancelled when none are
	timer   *time.Timer
	due     bool // the window has passed; waiting only for the fetch in flight
	done    chan struct{}
	values  map[K]V
	err     error
}

// New returns a Batcher whose fetch takes at most maxKeys keys and which
// waits at most window after a batch's first key for others to join.
func New[K comparable, V any](fetch Fetch[K, V], window time.Duration, maxKeys int) *Batcher[K, V] {
	if maxKeys < 1 {
		maxKeys = 1
	}
	return &Batcher[K, V]{fetch: fetch, window: window, max: maxKeys}
}

// Get returns the value of key, ErrNotFound, or the fetch's error. It returns
// early with ctx's error when ctx ends first.
func (b *Batcher[K, V]) Get(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	g := b.pending
	if g == nil {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		// The fetch outlives a caller that gives up, until none waits.
		g = &group[K, V]{seen: map[K]bool{}, ctx: fctx, cancel: cancel, done: make(chan struct{})}
		b.pending = g
		g.timer = time.AfterFunc(b.window, func() { b.launch(g) })
	}
	if !g.seen[key] {
		g.seen[key] = true
		g.keys = append(g.keys, key)
	}
	g.waiting++
	full := len(g.keys) >= b.max
	if full {
		b.pending = nil
		b.inFlight++
	}
	b.mu.Unlock()
	if full {
		g.timer.Stop()
		go b.run(g)
	}

	select {
	case <-g.done:
		var zero V
		if g.err != nil {
			return zero, g.err
		}
		v, ok := g.values[key]
		if !ok {
			return zero, ErrNotFound
		}
		return v, nil
	case <-ctx.Done():
		b.mu.Lock()
		g.waiting--
		if g.waiting == 0 {
			g.cancel()
		}
		b.mu.Unlock()
		var zero V
		return zero, ctx.Err()
	}
}

// launch runs a group whose window ended, unless it filled up first or a
// fetch is in flight, in which case the group goes out when that one ends.
func (b *Batcher[K, V]) launch(g *group[K, V]) {
	b.mu.Lock()
	if b.pending != g {
		b.mu.Unlock()
		return
	}
	if b.inFlight > 0 {
		g.due = true
		b.mu.Unlock()
		return
	}
	b.pending = nil
	b.inFlight++
	b.mu.Unlock()
	b.run(g)
}

func (b *Batcher[K, V]) run(g *group[K, V]) {
	g.values, g.err = b.fetch(g.ctx, g.keys)
	g.cancel()
	close(g.done)

	b.mu.Lock()
	b.inFlight--
	next := b.pending
	if next != nil && next.due && b.inFlight == 0 {
		b.pending = nil
		b.inFlight++
	} else {
		next = nil
	}
	b.mu.Unlock()
	if next != nil {
		go b.run(next)
	}
}
