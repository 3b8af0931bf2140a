package ga

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
	"github.com/bwplan/terraform-provider-aliyun/internal/wait"
)

// updateTags moves the plan's tags from have to want: removals first, so the
// count limit holds throughout.
func updateTags(ctx context.Context, c *client.Client, id string, have, want map[string]string) error {
	set, remove := tags.Diff(have, want)
	if len(remove) > 0 {
		params := map[string]string{"ResourceType": resourceType, "ResourceId.1": id}
		for i, k := range remove {
			params[fmt.Sprintf("TagKey.%d", i+1)] = k
		}
		if err := onPlan(ctx, c, id, func() error {
			_, err := c.CommonGA(ctx, "UntagResources", params, client.RetryOn(updateBusyCodes...), client.Persist())
			return err
		}); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		params := map[string]string{"ResourceType": resourceType, "ResourceId.1": id}
		for i, k := range tags.SortedKeys(set) {
			params[fmt.Sprintf("Tag.%d.Key", i+1)] = k
			params[fmt.Sprintf("Tag.%d.Value", i+1)] = set[k]
		}
		if err := onPlan(ctx, c, id, func() error {
			_, err := c.CommonGA(ctx, "TagResources", params, client.RetryOn(updateBusyCodes...), client.Persist())
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// listTags reads every tag of the plan, page by page.
func listTags(ctx context.Context, c *client.Client, id string) (map[string]string, error) {
	out := map[string]string{}
	next := ""
	for {
		params := map[string]string{"ResourceType": resourceType, "ResourceId.1": id, "MaxResults": "50"}
		if next != "" {
			params["NextToken"] = next
		}
		body, err := c.CommonGA(ctx, "ListTagResources", params, client.Persist())
		if apierrors.IsCode(err, codeNotExist) {
			return nil, fmt.Errorf("GA bandwidth plan %s: %w (%v)", id, wait.ErrNotFound, err)
		}
		if err != nil {
			return nil, err
		}
		rows, token, err := decodeTagResources(body)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			if row.ResourceId == "" || row.ResourceId == id {
				out[row.TagKey] = row.TagValue
			}
		}
		if token == "" || token == next {
			return out, nil
		}
		next = token
	}
}

type tagResource struct {
	ResourceId string `json:"ResourceId"`
	TagKey     string `json:"TagKey"`
	TagValue   string `json:"TagValue"`
}

// decodeTagResources accepts both shapes of ListTagResources: GA's reference
// answers a plain TagResources array, the cbn SDK wraps it in {"TagResource": [...]}.
func decodeTagResources(body []byte) ([]tagResource, string, error) {
	var page struct {
		NextToken    string          `json:"NextToken"`
		TagResources json.RawMessage `json:"TagResources"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
	}
	raw := strings.TrimSpace(string(page.TagResources))
	var rows []tagResource
	switch {
	case raw == "" || raw == "null":
	case strings.HasPrefix(raw, "["):
		if err := json.Unmarshal(page.TagResources, &rows); err != nil {
			return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
		}
	default:
		var wrapped struct {
			TagResource []tagResource `json:"TagResource"`
		}
		if err := json.Unmarshal(page.TagResources, &wrapped); err != nil {
			return nil, "", fmt.Errorf("decoding ListTagResources: %w", err)
		}
		rows = wrapped.TagResource
	}
	return rows, page.NextToken, nil
}
