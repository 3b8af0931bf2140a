package cen

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/tags"
)

// tagResourceType is how TagResources and UntagResources name a CEN plan.
const tagResourceType = "bandwidthpackage"

// updateTags removes, then sets, so a key both removed and re-added is safe.
func updateTags(ctx context.Context, c *client.Client, id string, have, want map[string]string) error {
	set, remove := tags.Diff(have, want)
	conn := c.CEN()
	if len(remove) > 0 {
		request := cbn.CreateUntagResourcesRequest()
		request.ResourceType = tagResourceType
		request.ResourceId = &[]string{id}
		request.TagKey = &remove
		if err := c.Do(ctx, request.GetActionName(), func() error {
			_, err := conn.UntagResources(request)
			return err
		}, client.RetryOn(busyCodes...), client.Persist()); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		request := cbn.CreateTagResourcesRequest()
		request.ResourceType = tagResourceType
		request.ResourceId = &[]string{id}
		list := make([]cbn.TagResourcesTag, 0, len(set))
		for _, k := range tags.SortedKeys(set) {
			list = append(list, cbn.TagResourcesTag{Key: k, Value: set[k]})
		}
		request.Tag = &list
		if err := c.Do(ctx, request.GetActionName(), func() error {
			_, err := conn.TagResources(request)
			return err
		}, client.RetryOn(busyCodes...), client.Persist()); err != nil {
			return err
		}
	}
	return nil
}

func apiTags(p *cbn.CenBandwidthPackage) map[string]string {
	m := make(map[string]string, len(p.Tags.Tag))
	for _, t := range p.Tags.Tag {
		m[t.Key] = t.Value
	}
	return m
}
