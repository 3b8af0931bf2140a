package tags

import "context"

// API is a product's calls that change one plan's tags.
type API interface {
	// Untag removes keys from plan id (UntagResources).
	Untag(ctx context.Context, id string, keys []string) error
	// Tag sets the tags in set on plan id (TagResources).
	Tag(ctx context.Context, id string, set map[string]string) error
}

// Waiter is an API whose tag changes show in the plan's reads only after a
// while (CEN's Describe). Sync waits for them.
type Waiter interface {
	// WaitTags waits until the plan's reads give tags that applied accepts.
	WaitTags(ctx context.Context, id string, applied func(current map[string]string) bool) error
}

// WaitError is the error of a Sync whose calls went through but whose wait
// for the change to show did not end well.
type WaitError struct{ Err error }

func (e *WaitError) Error() string { return e.Err.Error() }

func (e *WaitError) Unwrap() error { return e.Err }

// Sync moves plan id's tags from have to want: removals first, so the
// count limit holds throughout, then the new and changed tags. When api is
// a Waiter it then waits until the plan shows the change (Applied), and a
// failed wait comes back as a *WaitError.
func Sync(ctx context.Context, api API, id string, have, want map[string]string) error {
	set, remove := Diff(have, want)
	if len(remove) > 0 {
		if err := api.Untag(ctx, id, remove); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		if err := api.Tag(ctx, id, set); err != nil {
			return err
		}
	}
	w, ok := api.(Waiter)
	if !ok {
		return nil
	}
	if err := w.WaitTags(ctx, id, func(current map[string]string) bool { return Applied(current, set, remove) }); err != nil {
		return &WaitError{Err: err}
	}
	return nil
}
