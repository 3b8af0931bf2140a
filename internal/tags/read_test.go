package tags

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDecodeTagResources: both shapes of ListTagResources (moved from ga).
func TestDecodeTagResources(t *testing.T) {
	for _, body := range []string{
		`{"NextToken":"2","TagResources":{"TagResource":[{"ResourceId":"g","TagKey":"k","TagValue":"v"}]}}`,
		`{"NextToken":"2","TagResources":[{"ResourceId":"g","TagKey":"k","TagValue":"v"}]}`,
	} {
		rows, next, err := DecodeListTagResources([]byte(body))
		if err != nil || next != "2" || len(rows) != 1 || rows[0].TagKey != "k" || rows[0].TagValue != "v" {
			t.Errorf("%s: rows %v next %q err %v", body, rows, next, err)
		}
	}
	rows, next, err := DecodeListTagResources([]byte(`{"RequestId":"x"}`))
	if err != nil || next != "" || len(rows) != 0 {
		t.Errorf("empty answer: rows %v next %q err %v", rows, next, err)
	}
}

var errGone = errors.New("NotExist")

// fakeLister answers ListTagResources from tags, one row a page, and refuses
// a call that names a plan it does not hold.
type fakeLister struct {
	mu    sync.Mutex
	tags  map[string]map[string]string
	calls [][]string
}

func (f *fakeLister) ListPage(_ context.Context, ids []string, next string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, ids)
	var rows []Row
	for _, id := range ids {
		m, ok := f.tags[id]
		if !ok {
			return nil, errGone
		}
		for _, k := range SortedKeys(m) {
			rows = append(rows, Row{ResourceID: id, TagKey: k, TagValue: m[k]})
		}
	}
	page := 0
	if next != "" {
		page = int(next[0] - '0')
	}
	out := map[string]any{"TagResources": map[string]any{"TagResource": []Row{}}}
	if page < len(rows) {
		out["TagResources"] = []Row{rows[page]}
		if page+1 < len(rows) {
			out["NextToken"] = string(rune('0' + page + 1))
		}
	}
	return json.Marshal(out)
}

func (f *fakeLister) Gone(err error) bool { return errors.Is(err, errGone) }

// TestReader: concurrent reads share a call and read every page; a plan
// without tags has none; a call refused for an unknown plan is asked again
// plan by plan.
func TestReader(t *testing.T) {
	ctx := context.Background()
	l := &fakeLister{tags: map[string]map[string]string{"a": {"k": "1", "l": "2"}, "b": {"k": "3"}, "c": {}}}
	r := NewReader(l, 50*time.Millisecond, 10)
	var wg sync.WaitGroup
	got := make([]map[string]string, 3)
	for i, id := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if got[i], err = r.Get(ctx, id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	want := []map[string]string{{"k": "1", "l": "2"}, {"k": "3"}, {}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if len(l.calls) != 3 || len(l.calls[0]) != 3 {
		t.Errorf("want one batch of 3 plans read in 3 pages, got calls %v", l.calls)
	}

	l = &fakeLister{tags: map[string]map[string]string{"a": {"k": "1"}}}
	r = NewReader(l, 50*time.Millisecond, 10)
	var gone map[string]string
	var goneErr error
	wg.Add(2)
	go func() { defer wg.Done(); got[0], _ = r.Get(ctx, "a") }()
	go func() { defer wg.Done(); gone, goneErr = r.Get(ctx, "x") }()
	wg.Wait()
	if !reflect.DeepEqual(got[0], map[string]string{"k": "1"}) || len(gone) != 0 || goneErr != nil {
		t.Errorf("with an unknown plan: a %v, x %v (%v)", got[0], gone, goneErr)
	}
	var asked []string
	for _, c := range l.calls {
		asked = append(asked, strings.Join(c, ","))
	}
	if len(asked) != 3 {
		t.Errorf("want the batch, then each plan alone: %v", asked)
	}
}
