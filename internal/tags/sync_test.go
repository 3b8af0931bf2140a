package tags

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

type fakeAPI struct {
	calls   []string
	tags    map[string]string
	failTag error
}

func (f *fakeAPI) Untag(_ context.Context, _ string, keys []string) error {
	f.calls = append(f.calls, "untag")
	for _, k := range keys {
		delete(f.tags, k)
	}
	return nil
}

func (f *fakeAPI) Tag(_ context.Context, _ string, set map[string]string) error {
	f.calls = append(f.calls, "tag")
	if f.failTag != nil {
		return f.failTag
	}
	for k, v := range set {
		f.tags[k] = v
	}
	return nil
}

type fakeWaiter struct {
	*fakeAPI
	err error
}

func (f fakeWaiter) WaitTags(_ context.Context, _ string, applied func(map[string]string) bool) error {
	f.calls = append(f.calls, "wait")
	if !applied(f.tags) {
		return errors.New("not applied")
	}
	return f.err
}

// TestSync: removals go out before additions, nothing goes out for no
// change, and only a Waiter is waited for.
func TestSync(t *testing.T) {
	ctx := context.Background()
	api := &fakeAPI{tags: map[string]string{"drop": "1", "keep": "2"}}
	if err := Sync(ctx, api, "p", map[string]string{"drop": "1", "keep": "2"}, map[string]string{"keep": "2", "add": "3"}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(api.calls, []string{"untag", "tag"}) || !reflect.DeepEqual(api.tags, map[string]string{"keep": "2", "add": "3"}) {
		t.Errorf("calls %v, tags %v", api.calls, api.tags)
	}

	api = &fakeAPI{tags: map[string]string{"k": "v"}}
	if err := Sync(ctx, api, "p", map[string]string{"k": "v"}, map[string]string{"k": "v"}); err != nil || len(api.calls) != 0 {
		t.Errorf("no change: calls %v, err %v", api.calls, err)
	}

	api = &fakeAPI{tags: map[string]string{}}
	w := fakeWaiter{fakeAPI: api}
	if err := Sync(ctx, w, "p", nil, map[string]string{"a": "1"}); err != nil {
		t.Fatal(err)
	}

	boom := errors.New("boom")
	api = &fakeAPI{tags: map[string]string{}, failTag: boom}
	if err := Sync(ctx, fakeWaiter{fakeAPI: api}, "p", nil, map[string]string{"a": "1"}); !errors.Is(err, boom) {
		t.Errorf("a failed call: %v", err)
	} else if we := (*WaitError)(nil); errors.As(err, &we) {
		t.Error("a failed call is not a failed wait")
	}

	api = &fakeAPI{tags: map[string]string{}}
	err := Sync(ctx, fakeWaiter{fakeAPI: api, err: boom}, "p", nil, map[string]string{"a": "1"})
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, boom) || err.Error() != boom.Error() {
		t.Errorf("a failed wait: %v", err)
	}
}
