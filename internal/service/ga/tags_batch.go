package ga

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/batch"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

const (
	// tagBatchSize is how many ResourceId.N one ListTagResources takes.
	tagBatchSize = 50
	// tagWindow is how long a tag read waits for others to share its call.
	tagWindow = 5 * time.Millisecond
)

type tagBatcherKey struct{}

func tagBatcher(c *client.Client) *batch.Batcher[string, map[string]string] {
	return c.Shared(tagBatcherKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		return batch.New(func(ctx context.Context, ids []string) (map[string]map[string]string, error) {
			return listTagsOfMany(ctx, c, ids)
		}, tagWindow, tagBatchSize)
	}).(*batch.Batcher[string, map[string]string])
}

// listTagsBatched reads one plan's tags; concurrent reads share a call.
func listTagsBatched(ctx context.Context, c *client.Client, id string) (map[string]string, error) {
	tags, err := tagBatcher(c).Get(ctx, id)
	if errors.Is(err, batch.ErrNotFound) {
		return map[string]string{}, nil // a plan without tags has no rows
	}
	return tags, err
}

// listTagsOfMany reads the tags of many plans, page by page. An API that
// refuses the whole call for one unknown plan is asked plan by plan.
func listTagsOfMany(ctx context.Context, c *client.Client, ids []string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(ids))
	next := ""
	for {
		params := map[string]string{"ResourceType": resourceType, "MaxResults": "50"}
		for i, id := range ids {
			params[fmt.Sprintf("ResourceId.%d", i+1)] = id
		}
		if next != "" {
			params["NextToken"] = next
		}
		body, err := c.CommonGA(ctx, "ListTagResources", params, client.Persist())
		if apierrors.IsCode(err, codeNotExist) && len(ids) > 1 {
			return listTagsOneByOne(ctx, c, ids)
		}
		if err != nil {
			return nil, err
		}
		rows, token, err := decodeTagResources(body)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if out[row.ResourceId] == nil {
				out[row.ResourceId] = map[string]string{}
			}
			out[row.ResourceId][row.TagKey] = row.TagValue
		}
		if token == "" || token == next {
			return out, nil
		}
		next = token
	}
}

func listTagsOneByOne(ctx context.Context, c *client.Client, ids []string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(ids))
	for _, id := range ids {
		tags, err := listTags(ctx, c, id)
		if errors.Is(err, wait.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = tags
	}
	return out, nil
}
