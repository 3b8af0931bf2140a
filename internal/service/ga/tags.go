package ga

import (
	"context"
	"fmt"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
)

const (
	// tagBatchSize is how many ResourceId.N one ListTagResources takes.
	tagBatchSize = 50
	// tagWindow is how long a tag read waits for others to share its call.
	tagWindow = 5 * time.Millisecond
)

// gaTags are GA's tag calls (common requests: the typed SDK lacks them) for
// tags.Sync and tags.Reader. A refresh reads tags back, so Sync does not
// wait for them to show.
type gaTags struct{ c *client.Client }

var _ tags.Lister = gaTags{}

func (t gaTags) Untag(ctx context.Context, id string, keys []string) error {
	params := map[string]string{"ResourceType": resourceType, "ResourceId.1": id}
	for i, k := range keys {
		params[fmt.Sprintf("TagKey.%d", i+1)] = k
	}
	return onPlan(ctx, t.c, id, func() error {
		_, err := t.c.CommonGA(ctx, "UntagResources", params, client.RetryOn(updateBusyCodes...), client.Persist())
		return err
	})
}

func (t gaTags) Tag(ctx context.Context, id string, set map[string]string) error {
	params := tags.QueryParams(set)
	params["ResourceType"], params["ResourceId.1"] = resourceType, id
	return onPlan(ctx, t.c, id, func() error {
		_, err := t.c.CommonGA(ctx, "TagResources", params, client.RetryOn(updateBusyCodes...), client.Persist())
		return err
	})
}

// ListPage is one page of ListTagResources for the plans ids.
func (t gaTags) ListPage(ctx context.Context, ids []string, next string) ([]byte, error) {
	params := map[string]string{"ResourceType": resourceType, "MaxResults": "50"}
	for i, id := range ids {
		params[fmt.Sprintf("ResourceId.%d", i+1)] = id
	}
	if next != "" {
		params["NextToken"] = next
	}
	return t.c.CommonGA(ctx, "ListTagResources", params, client.Persist())
}

// Gone: ListTagResources names an unknown plan.
func (gaTags) Gone(err error) bool { return apierrors.IsCode(err, codeNotExist) }

type tagReaderKey struct{}

// tagReader is the provider instance's reader of GA plans' tags.
func tagReader(c *client.Client) *tags.Reader {
	return c.Shared(tagReaderKey{}, func() any { //nolint:forcetypeassert // Shared returns what build made
		return tags.NewReader(gaTags{c}, tagWindow, tagBatchSize)
	}).(*tags.Reader)
}
