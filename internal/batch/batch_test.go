package batch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func squares(calls *atomic.Int32, sizes *[]int, mu *sync.Mutex) Fetch[int, int] {
	return func(_ context.Context, keys []int) (map[int]int, error) {
		calls.Add(1)
		mu.Lock()
		*sizes = append(*sizes, len(keys))
		mu.Unlock()
		out := map[int]int{}
		for _, k := range keys {
			if k >= 0 {
				out[k] = k * k
			}
		}
		return out, nil
	}
}

func TestConcurrentGetsShareFetches(t *testing.T) {
	var calls atomic.Int32
	var sizes []int
	var mu sync.Mutex
	b := New(squares(&calls, &sizes, &mu), 20*time.Millisecond, 50)
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := b.Get(context.Background(), i)
			if err != nil || v != i*i {
				t.Errorf("Get(%d) = %d, %v", i, v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n < 4 || n > 8 {
		t.Errorf("200 concurrent gets took %d fetches (sizes %v), want about 4", n, sizes)
	}
	for _, s := range sizes {
		if s > 50 {
			t.Errorf("a fetch took %d keys, over the maximum 50", s)
		}
	}
}

func TestNotFoundErrorAndDuplicates(t *testing.T) {
	var calls atomic.Int32
	var sizes []int
	var mu sync.Mutex
	b := New(squares(&calls, &sizes, &mu), time.Millisecond, 10)
	if _, err := b.Get(context.Background(), -1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing key: %v", err)
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = b.Get(context.Background(), 7) }()
	}
	wg.Wait()
	for _, s := range sizes {
		if s != 1 {
			t.Errorf("a key asked for by several callers went out %d times", s)
		}
	}

	boom := errors.New("boom")
	fail := New(func(context.Context, []string) (map[string]int, error) { return nil, boom }, time.Millisecond, 10)
	if _, err := fail.Get(context.Background(), "a"); !errors.Is(err, boom) {
		t.Fatalf("fetch error: %v", err)
	}
}

func TestCallerLeavingCancelsOnlyWhenNoneWaits(t *testing.T) {
	started := make(chan struct{})
	var cancelled atomic.Bool
	b := New(func(ctx context.Context, keys []string) (map[string]string, error) {
		close(started)
		<-ctx.Done()
		cancelled.Store(true)
		return nil, ctx.Err()
	}, time.Millisecond, 10)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { _, err := b.Get(ctx, "a"); errc <- err }()
	<-started
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Get after cancel: %v", err)
	}
	deadline := time.Now().Add(time.Second)
	for !cancelled.Load() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if !cancelled.Load() {
		t.Fatal("the fetch was not cancelled once its only caller left")
	}
}

func BenchmarkSingleGet(b *testing.B) {
	bt := New(func(_ context.Context, keys []string) (map[string]string, error) {
		return map[string]string{keys[0]: "v"}, nil
	}, 2*time.Millisecond, 50)
	for i := 0; b.Loop(); i++ {
		if _, err := bt.Get(context.Background(), fmt.Sprint(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// While one fetch is in flight, later lookups wait for it and then share a
// single fetch, however long past their window it ends.
func TestBatchWaitsForFetchInFlight(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	var mu sync.Mutex
	var batches [][]int
	b := New(func(_ context.Context, keys []int) (map[int]int, error) {
		if calls.Add(1) == 1 {
			<-release
		}
		mu.Lock()
		batches = append(batches, append([]int(nil), keys...))
		mu.Unlock()
		out := map[int]int{}
		for _, k := range keys {
			out[k] = k
		}
		return out, nil
	}, time.Millisecond, 50)

	var wg sync.WaitGroup
	get := func(k int) {
		defer wg.Done()
		if v, err := b.Get(context.Background(), k); err != nil || v != k {
			t.Errorf("Get(%d) = %d, %v", k, v, err)
		}
	}
	wg.Add(1)
	go get(0)
	for calls.Load() == 0 { // the first fetch is now blocked in flight
		time.Sleep(time.Millisecond)
	}
	for k := 1; k <= 9; k++ {
		wg.Add(1)
		go get(k)
		time.Sleep(3 * time.Millisecond) // each past the 1 ms window
	}
	close(release)
	wg.Wait()
	if got := calls.Load(); got != 2 {
		t.Fatalf("fetches = %d (batches %v), want 2: the nine later lookups share one", got, batches)
	}
	if len(batches[1]) != 9 {
		t.Fatalf("second batch = %v, want the nine keys that waited", batches[1])
	}
}
