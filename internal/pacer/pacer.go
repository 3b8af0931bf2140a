// Package pacer spaces the retries of rate-limited API calls evenly.
//
// A rate limit (a token bucket refilled every second) lets one more call
// through every 1/rate seconds. Retries that each sleep a random backoff
// collide: several arrive when one token is ready and the rest are throttled
// again, so the tail of a burst is random. A Pacer instead hands the retries
// of one action send slots on a shared schedule, Spacing apart, with the
// spacing adapted to what the API accepts.
//
// The Pacer takes times as arguments and never sleeps or reads a clock, so
// its behaviour is a pure function of the calls made on it.
package pacer

import (
	"sync"
	"time"
)

// Bounds and defaults of the spacing.
const (
	// MinSpacing and MaxSpacing bound the spacing between paced sends.
	MinSpacing = 5 * time.Millisecond
	MaxSpacing = time.Second
	// DefaultSpacing is the spacing a schedule starts from when the action
	// had no success in the last Window.
	DefaultSpacing = 50 * time.Millisecond
	// Window is the period over which successes are counted, the refill
	// period of the limits this paces; a schedule idle for longer restarts.
	Window = time.Second
)

// ring is the number of success times kept per action: enough to measure a
// rate of ring per Window; a higher rate is counted as ring.
const ring = 128

// Pacer is the schedule of one action. The zero value is ready to use.
type Pacer struct {
	mu      sync.Mutex
	active  bool
	spacing time.Duration
	// next is the earliest time the next slot may be given.
	next time.Time
	// widenedAt: throttles of calls whose slot was reserved before it do
	// not widen again (see Throttled).
	widenedAt time.Time
	// wins holds the times of the last successes, a ring of ring entries.
	wins [ring]time.Time
	n    int // successes recorded, total
}

// Spacing reports the current spacing (0 before the first Reserve).
func (p *Pacer) Spacing() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.spacing
}

// initial is the spacing a schedule starts from at now: the observed success
// rate of the last Window is a lower bound of the limit, so 1/rate bounds the
// spacing it needs from above; without one, DefaultSpacing.
func (p *Pacer) initial(now time.Time) time.Duration {
	wins := 0
	for i := range min(p.n, ring) {
		if t := p.wins[i]; !t.After(now) && now.Sub(t) < Window {
			wins++
		}
	}
	s := DefaultSpacing
	if wins > 0 {
		s = min(s, Window/time.Duration(wins))
	}
	return clamp(s)
}

// Reserve gives the caller a send slot at or after now+spacing, after every
// slot given before, and reports it. When that slot would be after latest
// (the caller's deadline), it gives none and reports false, leaving the
// schedule as it was.
func (p *Pacer) Reserve(now, latest time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.active || p.next.Before(now.Add(-Window)) {
		// Starting, or idle for a whole window: restart from what the API
		// accepts now.
		p.active = true
		p.spacing = p.initial(now)
		p.next = now
		p.widenedAt = time.Time{}
	}
	at := now.Add(p.spacing)
	if p.next.After(at) {
		at = p.next
	}
	if at.After(latest) {
		return time.Time{}, false
	}
	p.next = at.Add(p.spacing)
	return at, true
}

// Success records a call of the action that went through at now; paced says
// it was sent in a slot from Reserve, which narrows the spacing a little.
func (p *Pacer) Success(now time.Time, paced bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wins[p.n%ring] = now
	p.n++
	if paced && p.active {
		p.spacing = clamp(p.spacing - p.spacing/32)
	}
}

// Throttled records at now that a call sent in a slot reserved at
// reservedAt was throttled again: the spacing widens by half. Slots reserved
// before the last widening were spaced at the old spacing, so their throttles
// do not widen it again: a row of them widens it once, not once each.
// Throttles of calls not sent in a slot (paced false) change nothing.
func (p *Pacer) Throttled(now, reservedAt time.Time, paced bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !paced || !p.active || reservedAt.Before(p.widenedAt) {
		return
	}
	p.spacing = clamp(p.spacing + p.spacing/2)
	p.widenedAt = now
}

func clamp(d time.Duration) time.Duration {
	return min(max(d, MinSpacing), MaxSpacing)
}

// Set holds one Pacer per key (an API action). The zero value is ready to use.
type Set struct {
	mu sync.Mutex
	m  map[string]*Pacer
}

// For returns key's Pacer, making it on first use.
func (s *Set) For(key string) *Pacer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]*Pacer)
	}
	p, ok := s.m[key]
	if !ok {
		p = new(Pacer)
		s.m[key] = p
	}
	return p
}
