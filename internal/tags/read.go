package tags

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
)

// Row is one row of ListTagResources: a tag of one resource.
type Row struct {
	ResourceID string `json:"ResourceId"`
	TagKey     string `json:"TagKey"`
	TagValue   string `json:"TagValue"`
}

// DecodeListTagResources reads a page of ListTagResources in either shape:
// GA's API reference answers a plain TagResources array, the cbn SDK wraps
// it in {"TagResource": [...]}. next is the page token of the next page.
func DecodeListTagResources(body []byte) (rows []Row, next string, err error) {
	var page struct {
		NextToken    string          `json:"NextToken"`
		TagResources json.RawMessage `json:"TagResources"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
	}
	raw := strings.TrimSpace(string(page.TagResources))
	switch {
	case raw == "" || raw == "null":
	case strings.HasPrefix(raw, "["):
		if err := json.Unmarshal(page.TagResources, &rows); err != nil {
			return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
		}
	default:
		var wrapped struct {
			TagResource []Row `json:"TagResource"`
		}
		if err := json.Unmarshal(page.TagResources, &wrapped); err != nil {
			return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
		}
		rows = wrapped.TagResource
	}
	return rows, page.NextToken, nil
}

// Lister is a product's ListTagResources.
type Lister interface {
	// ListPage answers one page of the tags of the plans ids, from page
	// token next ("" for the first page).
	ListPage(ctx context.Context, ids []string, next string) ([]byte, error)
	// Gone reports whether err says that a plan named in the call does not
	// exist.
	Gone(err error) bool
}

// Reader reads plans' tags with ListTagResources; concurrent reads share a
// call (at most maxIDs plans, waiting up to window for others to join).
type Reader struct {
	lister  Lister
	batcher *batch.Batcher[string, map[string]string]
}

// NewReader returns a Reader of l. A provider instance keeps one, so that
// all its reads share calls.
func NewReader(l Lister, window time.Duration, maxIDs int) *Reader {
	r := &Reader{lister: l}
	r.batcher = batch.New(r.listMany, window, maxIDs)
	return r
}

// Get reads one plan's tags; a plan without tags has none.
func (r *Reader) Get(ctx context.Context, id string) (map[string]string, error) {
	tags, err := r.batcher.Get(ctx, id)
	if errors.Is(err, batch.ErrNotFound) {
		return map[string]string{}, nil // a plan without tags has no rows
	}
	return tags, err
}

// listMany reads the tags of many plans, page by page. An API that refuses
// the whole call for one unknown plan is asked plan by plan.
func (r *Reader) listMany(ctx context.Context, ids []string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(ids))
	next := ""
	for {
		body, err := r.lister.ListPage(ctx, ids, next)
		if r.lister.Gone(err) && len(ids) > 1 {
			return r.listOneByOne(ctx, ids)
		}
		if err != nil {
			return nil, err
		}
		rows, token, err := DecodeListTagResources(body)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if out[row.ResourceID] == nil {
				out[row.ResourceID] = map[string]string{}
			}
			out[row.ResourceID][row.TagKey] = row.TagValue
		}
		if token == "" || token == next {
			return out, nil
		}
		next = token
	}
}

// listOneByOne reads each plan's tags with calls of its own, leaving out
// the plans that do not exist.
func (r *Reader) listOneByOne(ctx context.Context, ids []string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(ids))
	for _, id := range ids {
		tags, err := r.listOne(ctx, id)
		if r.lister.Gone(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = tags
	}
	return out, nil
}

// listOne reads every tag of one plan, page by page.
func (r *Reader) listOne(ctx context.Context, id string) (map[string]string, error) {
	out := map[string]string{}
	next := ""
	for {
		body, err := r.lister.ListPage(ctx, []string{id}, next)
		if err != nil {
			return nil, err
		}
		rows, token, err := DecodeListTagResources(body)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if row.ResourceID == "" || row.ResourceID == id {
				out[row.TagKey] = row.TagValue
			}
		}
		if token == "" || token == next {
			return out, nil
		}
		next = token
	}
}
