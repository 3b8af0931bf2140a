package cen

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
)

// tagResourceType is how TagResources and UntagResources name a CEN plan.
const tagResourceType = "bandwidthpackage"

// cenTags are CEN's tag calls (the typed cbn SDK) for tags.Sync. Describe
// shows a change only after a while, so cenTags is a tags.Waiter too.
type cenTags struct{ c *client.Client }

var _ tags.Waiter = cenTags{}

func (t cenTags) Untag(ctx context.Context, id string, keys []string) error {
	request := cbn.CreateUntagResourcesRequest()
	request.ResourceType = tagResourceType
	request.ResourceId = &[]string{id}
	request.TagKey = &keys
	conn := t.c.CEN()
	return t.c.Do(ctx, request.GetActionName(), func() error {
		_, err := conn.UntagResources(request)
		return err
	}, client.RetryOn(busyCodes...), client.Persist())
}

func (t cenTags) Tag(ctx context.Context, id string, set map[string]string) error {
	request := cbn.CreateTagResourcesRequest()
	request.ResourceType = tagResourceType
	request.ResourceId = &[]string{id}
	list := make([]cbn.TagResourcesTag, 0, len(set))
	for _, k := range tags.SortedKeys(set) {
		list = append(list, cbn.TagResourcesTag{Key: k, Value: set[k]})
	}
	request.Tag = &list
	conn := t.c.CEN()
	return t.c.Do(ctx, request.GetActionName(), func() error {
		_, err := conn.TagResources(request)
		return err
	}, client.RetryOn(busyCodes...), client.Persist())
}

// WaitTags waits until Describe shows the plan Idle or InUse with tags
// that applied accepts.
func (t cenTags) WaitTags(ctx context.Context, id string, applied func(map[string]string) bool) error {
	_, err := waitBandwidthPackageUpdated(ctx, t.c, id, func(p *cbn.CenBandwidthPackage) bool {
		return applied(apiTags(p))
	})
	return err
}

// apiTags are the tags Describe shows.
func apiTags(p *cbn.CenBandwidthPackage) map[string]string {
	return tags.FromList(p.Tags.Tag, func(t cbn.Tag) (string, string) { return t.Key, t.Value })
}
