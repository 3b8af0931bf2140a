package emulator

import (
	"strconv"
	"strings"
)

// Tag operations are shared by both products: ResourceType bandwidthpackage, ResourceId.N,
// Tag.N.Key/Value, TagKey.N, All. Both answer ListTagResources in the cbn SDK's shape:
// {"NextToken", "TagResources": {"TagResource": [{ResourceId, ResourceType, TagKey, TagValue}]}}
// GA's typed SDK lacks these operations; its API reference uses the same field names.

const tagResourceType = "bandwidthpackage"

func checkResourceType(p params) *apiError {
	rt, e := p.required("ResourceType")
	if e != nil {
		return e
	}
	if strings.ToLower(rt) != tagResourceType {
		return invalid("ResourceType", rt)
	}
	return nil
}

func notFoundFor(product, id string) *apiError {
	if product == productGA {
		return errGANotFound(id)
	}
	return newErr(400, "InvalidResourceId.NotFound", "The specified resource %s is not found.", id)
}

// taggedPlans resolves ResourceId.N (at most 50) to plans, refusing unknown IDs.
func taggedPlans(s *Server, c *call) ([]*plan, *apiError) {
	ids := c.p.list("ResourceId")
	if len(ids) == 0 {
		return nil, missing("ResourceId")
	}
	if len(ids) > 50 {
		return nil, newErr(400, "InvalidParameter", "You can specify at most 50 resource IDs.")
	}
	out := make([]*plan, 0, len(ids))
	for _, id := range ids {
		pl := s.lookupVisible(id, c.product, c.now)
		if pl == nil {
			return nil, notFoundFor(c.product, id)
		}
		out = append(out, pl)
	}
	return out, nil
}

func tagResources(s *Server, c *call) (map[string]any, *apiError) {
	if e := checkResourceType(c.p); e != nil {
		return nil, e
	}
	tags, e := c.p.tags("Tag")
	if e != nil {
		return nil, e
	}
	if len(tags) == 0 {
		return nil, missing("Tag")
	}
	if e := checkTags(tags); e != nil {
		return nil, e
	}
	plans, e := taggedPlans(s, c)
	if e != nil {
		return nil, e
	}
	for _, pl := range plans {
		if pl.tagCountAfter(tags) > maxTags {
			return nil, newErr(400, "QuotaExceeded.TagNum", "The number of tags on resource %s exceeds the limit of %d.", pl.ID, maxTags)
		}
	}
	for _, pl := range plans {
		pl.setTags(tags)
	}
	return map[string]any{}, nil
}

func untagResources(s *Server, c *call) (map[string]any, *apiError) {
	if e := checkResourceType(c.p); e != nil {
		return nil, e
	}
	all, e := c.p.boolParam("All", false)
	if e != nil {
		return nil, e
	}
	keys := c.p.list("TagKey")
	if !all && len(keys) == 0 {
		return nil, missing("TagKey")
	}
	plans, e := taggedPlans(s, c)
	if e != nil {
		return nil, e
	}
	for _, pl := range plans {
		pl.removeTags(keys, all)
	}
	return map[string]any{}, nil
}

type tagResourceRow struct {
	ResourceId   string `json:"ResourceId"`
	ResourceType string `json:"ResourceType"`
	TagKey       string `json:"TagKey"`
	TagValue     string `json:"TagValue"`
}

func listTagResources(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	if e := checkResourceType(p); e != nil {
		return nil, e
	}
	tags, e := p.tags("Tag")
	if e != nil {
		return nil, e
	}
	ids := p.list("ResourceId")
	if len(ids) == 0 && len(tags) == 0 {
		return nil, missing("ResourceId")
	}
	// CEN's SDK pages with PageSize, GA's API with MaxResults; both default to 50.
	limit, e := p.intParam("MaxResults", 0)
	if e != nil {
		return nil, e
	}
	if limit == 0 {
		if limit, e = p.intParam("PageSize", 50); e != nil {
			return nil, e
		}
	}
	if limit < 1 || limit > 1000 {
		return nil, invalid("MaxResults", strconv.Itoa(limit))
	}
	offset := 0
	if tok := p.get("NextToken"); tok != "" {
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 {
			return nil, invalid("NextToken", tok)
		}
		offset = n
	}
	var cands []*plan
	if len(ids) > 0 {
		cands = s.candidates(ids, c.product, c.now)
	} else {
		cands = s.candidates(nil, c.product, c.now)
	}
	var rows []tagResourceRow
	for _, pl := range cands {
		if !pl.hasTags(tags) {
			continue
		}
		for _, t := range pl.Tags {
			rows = append(rows, tagResourceRow{ResourceId: pl.ID, ResourceType: tagResourceType, TagKey: t.Key, TagValue: t.Value})
		}
	}
	next := ""
	if offset > len(rows) {
		offset = len(rows)
	}
	end := min(offset+limit, len(rows))
	if end < len(rows) {
		next = strconv.Itoa(end)
	}
	page := append([]tagResourceRow{}, rows[offset:end]...)
	return map[string]any{
		"NextToken":    next,
		"TagResources": map[string]any{"TagResource": page},
	}, nil
}
