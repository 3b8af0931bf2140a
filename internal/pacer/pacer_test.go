package pacer

import (
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func far(now time.Time) time.Time { return now.Add(time.Hour) }

func TestReserveSpacesSlotsEvenly(t *testing.T) {
	var p Pacer
	var prev time.Time
	for i := range 30 {
		at, ok := p.Reserve(t0, far(t0))
		if !ok {
			t.Fatalf("slot %d refused", i)
		}
		want := t0.Add(time.Duration(i+1) * DefaultSpacing)
		if !at.Equal(want) {
			t.Fatalf("slot %d at %v, want %v", i, at.Sub(t0), want.Sub(t0))
		}
		if i > 0 && at.Sub(prev) != DefaultSpacing {
			t.Fatalf("slots %d and %d %v apart", i-1, i, at.Sub(prev))
		}
		prev = at
	}
}

func TestInitialSpacingFromObservedSuccesses(t *testing.T) {
	var p Pacer
	// 40 successes in the last second: the limit takes at least 40/s.
	for i := range 40 {
		p.Success(t0.Add(time.Duration(i)*10*time.Millisecond), false)
	}
	now := t0.Add(500 * time.Millisecond)
	at, _ := p.Reserve(now, far(now))
	if got := at.Sub(now); got != 25*time.Millisecond {
		t.Fatalf("first slot after %v, want 25ms (1s/40)", got)
	}
	// Few successes never widen it past the default.
	var q Pacer
	q.Success(t0, false)
	at, _ = q.Reserve(t0.Add(time.Millisecond), far(t0))
	if got := at.Sub(t0.Add(time.Millisecond)); got != DefaultSpacing {
		t.Fatalf("first slot after %v, want %v", got, DefaultSpacing)
	}
	// Successes older than the window do not count.
	var r Pacer
	for i := range 100 {
		r.Success(t0, false)
		_ = i
	}
	now = t0.Add(2 * Window)
	at, _ = r.Reserve(now, far(now))
	if got := at.Sub(now); got != DefaultSpacing {
		t.Fatalf("first slot after %v, want %v (old successes ignored)", got, DefaultSpacing)
	}
}

func TestAdaptation(t *testing.T) {
	var p Pacer
	r1 := t0
	p.Reserve(r1, far(r1))
	p.Reserve(r1, far(r1))
	// The first paced call is throttled again: widen by half.
	p.Throttled(t0.Add(60*time.Millisecond), r1, true)
	if got, want := p.Spacing(), 75*time.Millisecond; got != want {
		t.Fatalf("spacing %v after a throttle, want %v", got, want)
	}
	// The second slot was reserved at the old spacing: no second widening.
	p.Throttled(t0.Add(110*time.Millisecond), r1, true)
	if got, want := p.Spacing(), 75*time.Millisecond; got != want {
		t.Fatalf("spacing %v after a stale throttle, want %v", got, want)
	}
	// A slot reserved after the widening widens again.
	r2 := t0.Add(120 * time.Millisecond)
	p.Reserve(r2, far(r2))
	p.Throttled(t0.Add(300*time.Millisecond), r2, true)
	if got, want := p.Spacing(), 112500*time.Microsecond; got != want {
		t.Fatalf("spacing %v after a second throttle, want %v", got, want)
	}
	// Unpaced throttles change nothing.
	p.Throttled(t0.Add(400*time.Millisecond), t0.Add(400*time.Millisecond), false)
	if got, want := p.Spacing(), 112500*time.Microsecond; got != want {
		t.Fatalf("spacing %v after an unpaced throttle, want %v", got, want)
	}
	// Paced successes narrow; unpaced ones do not.
	before := p.Spacing()
	p.Success(t0.Add(500*time.Millisecond), false)
	if p.Spacing() != before {
		t.Fatalf("an unpaced success changed the spacing")
	}
	p.Success(t0.Add(500*time.Millisecond), true)
	if got := p.Spacing(); got >= before {
		t.Fatalf("spacing %v after a paced success, want below %v", got, before)
	}
}

func TestSpacingBounded(t *testing.T) {
	var p Pacer
	now := t0
	for range 100 {
		p.Reserve(now, far(now))
		now = now.Add(time.Millisecond)
		p.Throttled(now, now, true)
		now = now.Add(time.Millisecond)
	}
	if got := p.Spacing(); got != MaxSpacing {
		t.Fatalf("spacing %v after many throttles, want the bound %v", got, MaxSpacing)
	}
	for range 10000 {
		p.Success(now, true)
	}
	if got := p.Spacing(); got != MinSpacing {
		t.Fatalf("spacing %v after many successes, want the bound %v", got, MinSpacing)
	}
}

func TestReserveNeverPastDeadline(t *testing.T) {
	var p Pacer
	latest := t0.Add(120 * time.Millisecond)
	var got []time.Time
	for range 5 {
		at, ok := p.Reserve(t0, latest)
		if !ok {
			continue
		}
		if at.After(latest) {
			t.Fatalf("slot %v after the deadline %v", at.Sub(t0), latest.Sub(t0))
		}
		got = append(got, at)
	}
	if len(got) != 2 {
		t.Fatalf("%d slots before a 120ms deadline at 50ms spacing, want 2", len(got))
	}
	// A refused reservation leaves the schedule as it was.
	at, ok := p.Reserve(t0, far(t0))
	if !ok || !at.Equal(t0.Add(150*time.Millisecond)) {
		t.Fatalf("next slot %v %v, want 150ms", at.Sub(t0), ok)
	}
}

func TestIdleScheduleRestarts(t *testing.T) {
	var p Pacer
	now := t0
	p.Reserve(now, far(now))
	p.Throttled(now.Add(time.Millisecond), now, true) // 75ms
	later := t0.Add(5 * time.Second)
	at, _ := p.Reserve(later, far(later))
	if got := at.Sub(later); got != DefaultSpacing {
		t.Fatalf("first slot after idling %v, want %v", got, DefaultSpacing)
	}
}

// Concurrent reservations never share a slot and are spaced exactly.
func TestConcurrentReservations(t *testing.T) {
	var set Set
	const n = 200
	slots := make(chan time.Time, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			p := set.For("ACTION")
			at, ok := p.Reserve(t0, far(t0))
			if ok {
				slots <- at
			}
			p.Success(at, true)
			_ = p.Spacing()
		})
	}
	wg.Wait()
	close(slots)
	seen := map[time.Time]bool{}
	for at := range slots {
		if seen[at] {
			t.Fatalf("slot %v given twice", at.Sub(t0))
		}
		seen[at] = true
	}
	if len(seen) != n {
		t.Fatalf("%d slots, want %d", len(seen), n)
	}
	a1, a2 := set.For("ACTION"), set.For("ACTION")
	if a1 != a2 || set.For("A") == set.For("B") {
		t.Fatal("Set does not keep one Pacer per key")
	}
}
