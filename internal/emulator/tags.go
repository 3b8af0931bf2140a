package emulator

import (
	"regexp"
	"strconv"
	"strings"
)

// Tag operations of both products: TagResources, UntagResources and ListTagResources, with
// ResourceId.N, Tag.N.Key/Value, TagKey.N and All. Both answer ListTagResources in the cbn SDK's
// shape, {"NextToken", "TagResources": {"TagResource": [{ResourceId, ResourceType, TagKey,
// TagValue}]}}, and GA adds TotalCount as its reference documents. GA's typed SDK lacks these
// operations; its reference uses the same field names.
//
// The two products document different codes and limits (DESIGN.md, "Emulator conformance
// choices"): CEN answers its own tag codes (MissingParam, InvalidInstanceType.NotFound,
// InvalidInstanceIds.NotFound, SizeLimitExceeded.ResourceIdNum above 20 IDs, ...), GA answers
// InvalidParameter, MissingParameter.<Name> and NotExist.<Resource>, and takes 50 IDs.

// tagResourceType is how ListTagResources names a bandwidth plan in its rows.
const tagResourceType = "bandwidthpackage"

// cenResourceTypes are the ResourceType values CEN's tag operations document, lower-cased
// (the API takes them in any case: the provider sends "bandwidthpackage").
var cenResourceTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []string{"Cen", "BandwidthPackage", "TransitRouter", "TransitRouterVpcAttachment",
		"TransitRouterVbrAttachment", "TransitRouterPeerAttachment", "TransitRouterVpnAttachment",
		"TransitRouterRouteTable", "Flowlog", "TransitRouterMulticastDomain"} {
		m[strings.ToLower(t)] = true
	}
	return m
}()

// gaResourceTypes are the ResourceType values GA's tag operations document, with the code a
// resource ID of that type answers when it names nothing: the emulator holds only bandwidth
// plans, so an ID given with another type is never found. The codes follow GA's
// NotExist.<Resource> naming (NotExist.BandwidthPackage is documented).
var gaResourceTypes = map[string]string{
	"bandwidthpackage": "NotExist.BandwidthPackage",
	"accelerator":      "NotExist.Accelerator",
	"basicaccelerator": "NotExist.BasicAccelerator",
	"acl":              "NotExist.Acl",
	"endpointgroup":    "NotExist.EndPointGroup",
}

// Documented ID limits: CEN 20 (SizeLimitExceeded.ResourceIdNum says "Valid : 20"), GA 50.
const (
	cenMaxTagResourceIDs = 20
	gaMaxTagResourceIDs  = 50
	cenMaxTagPageSize    = 50
)

// regionIDPattern is the shape of an Alibaba Cloud region ID (cn-hangzhou, us-west-1,
// ap-southeast-1): a RegionId of another shape answers IllegalParam.Region in CEN's tag calls.
var regionIDPattern = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)

// missingParam is CEN's tag operations' code for a missing parameter (they document
// MissingParam, not MissingParameter.<Name>).
func missingParam(name string) *apiError {
	return newErr(400, "MissingParam", "%s is mandatory for this action.", name)
}

// resourceType reads and checks ResourceType; types are GA's documented values for the call
// (ChangeResourceGroup documents fewer). It returns the lower-case type.
func resourceType(c *call, types map[string]string) (string, *apiError) {
	rt := c.p.get("ResourceType")
	lower := strings.ToLower(rt)
	if c.product == productCEN {
		switch {
		case rt == "":
			return "", missingParam("ResourceType")
		case !cenResourceTypes[lower]:
			return "", newErr(400, "InvalidInstanceType.NotFound", "The instance type is not found: %q.", rt)
		}
		if r := c.p.get("RegionId"); r != "" && !regionIDPattern.MatchString(r) {
			return "", newErr(400, "IllegalParam.Region", "The specified region %q is invalid.", r)
		}
		return lower, nil
	}
	if rt == "" {
		return "", missing("ResourceType")
	}
	if _, ok := types[lower]; !ok {
		return "", invalid("ResourceType", rt)
	}
	return lower, nil
}

// notFoundFor is the answer to a resource ID of type rt that names nothing.
func notFoundFor(product, rt, id string) *apiError {
	if product == productGA {
		return newErr(400, gaResourceTypes[rt], "The resource %s does not exist.", id)
	}
	return newErr(400, "InvalidInstanceIds.NotFound", "The instanceIds are not found: %s.", id)
}

// resourceIDs reads ResourceId.N and checks its documented size.
func resourceIDs(c *call, required bool) ([]string, *apiError) {
	ids := c.p.list("ResourceId")
	switch {
	case len(ids) == 0 && required && c.product == productCEN:
		return nil, missingParam("ResourceId")
	case len(ids) == 0 && required:
		return nil, missing("ResourceId")
	case c.product == productCEN && len(ids) > cenMaxTagResourceIDs:
		return nil, newErr(400, "SizeLimitExceeded.ResourceIdNum",
			"The ResourceIds parameter's number is exceed , Valid : %d", cenMaxTagResourceIDs)
	case c.product == productGA && len(ids) > gaMaxTagResourceIDs:
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d resource IDs.", gaMaxTagResourceIDs)
	}
	return ids, nil
}

// taggedPlans resolves ResourceId.N to plans, refusing IDs that name nothing of type rt.
func taggedPlans(s *Server, c *call, rt string) ([]*plan, *apiError) {
	ids, e := resourceIDs(c, true)
	if e != nil {
		return nil, e
	}
	out := make([]*plan, 0, len(ids))
	for _, id := range ids {
		var pl *plan
		if rt == tagResourceType {
			pl = s.lookupVisible(id, c.product, c.now)
		}
		if pl == nil {
			return nil, notFoundFor(c.product, rt, id)
		}
		out = append(out, pl)
	}
	return out, nil
}

// cenTagKeyProblem checks a tag key in CEN's tag calls: the reserved prefixes answer
// Forbidden.TagKeys (aliyun) and Forbidden.NotAllowedCategary (acs:, the system tags);
// a URL in it answers InvalidTagKey. It reports whether the length is over.
func cenTagKeyProblem(key string) (*apiError, bool) {
	lower := strings.ToLower(key)
	switch {
	case strings.HasPrefix(lower, "aliyun"):
		return newErr(400, "Forbidden.TagKeys", "The request do not allow to operate the tag keys: %q.", key), false
	case strings.HasPrefix(lower, "acs:"):
		return newErr(400, "Forbidden.NotAllowedCategary", "The System tag is not valid: %q.", key), false
	case strings.Contains(lower, "http://") || strings.Contains(lower, "https://"):
		return newErr(400, "InvalidTagKey", "The tag keys are not valid: %q.", key), false
	}
	return nil, len([]rune(key)) > maxTagKeyLen
}

func cenTagValueProblem(value string) (*apiError, bool) {
	lower := strings.ToLower(value)
	if strings.Contains(lower, "http://") || strings.Contains(lower, "https://") {
		return newErr(400, "InvalidTagValue", "The tag values are not valid: %q.", value), false
	}
	return nil, len([]rune(value)) > maxTagValueLen
}

// cenTagsToSet reads TagResources' Tag.N of CEN: Key and Value are both required.
func cenTagsToSet(p params) ([]Tag, *apiError) {
	keys, vals := p.indexed("Tag", ".Key"), p.indexed("Tag", ".Value")
	idx := map[int]string{}
	for n := range keys {
		idx[n] = ""
	}
	for n := range vals {
		idx[n] = ""
	}
	if len(idx) == 0 {
		return nil, missingParam("Tag")
	}
	if len(idx) > maxTags {
		return nil, newErr(400, "QuotaExceeded.TagNum", "Custom Tags quota exceeded: at most %d tags.", maxTags)
	}
	seen := map[string]bool{}
	var out []Tag
	for _, n := range sortedKeys(idx) {
		key, val := keys[n], vals[n]
		switch {
		case key == "":
			return nil, newErr(400, "MissingParameter.TagKey", "TagKey must be specified: Tag.%d.Key.", n)
		case val == "":
			return nil, newErr(400, "MissingParameter.TagValue", "The specified parameter TagValue is missing: Tag.%d.Value.", n)
		case seen[key]:
			return nil, newErr(400, "DuplicatedParam.TagKey", "The parameter TagKey is duplicated: %q.", key)
		}
		seen[key] = true
		e, long := cenTagKeyProblem(key)
		if e != nil {
			return nil, e
		}
		ve, vlong := cenTagValueProblem(val)
		if ve != nil {
			return nil, ve
		}
		if long || vlong {
			return nil, newErr(400, "IllegalParamLength.Tag",
				"The specified length of Tag is invalid: keys up to %d characters, values up to %d.", maxTagKeyLen, maxTagValueLen)
		}
		out = append(out, Tag{Key: key, Value: val})
	}
	return out, nil
}

// cenTagFilterOfList reads ListTagResources' Tag.N filter of CEN.
func cenTagFilterOfList(p params) ([]Tag, *apiError) {
	keys, vals := p.indexed("Tag", ".Key"), p.indexed("Tag", ".Value")
	idx := map[int]string{}
	for n := range keys {
		idx[n] = ""
	}
	for n := range vals {
		idx[n] = ""
	}
	if len(idx) > maxTags {
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d tags.", maxTags)
	}
	var out []Tag
	for _, n := range sortedKeys(idx) {
		key, val := keys[n], vals[n]
		e, long := cenTagKeyProblem(key)
		if e == nil && (key == "" || long) {
			e = newErr(400, "InvalidTagKey", "The tag keys are not valid: Tag.%d.Key %q.", n, key)
		}
		if e != nil {
			return nil, e
		}
		if ve, vlong := cenTagValueProblem(val); ve != nil || vlong {
			return nil, newErr(400, "InvalidTagValue", "The tag values are not valid: Tag.%d.Value.", n)
		}
		out = append(out, Tag{Key: key, Value: val})
	}
	return out, nil
}

func tagResources(s *Server, c *call) (map[string]any, *apiError) {
	rt, e := resourceType(c, gaResourceTypes)
	if e != nil {
		return nil, e
	}
	var tags []Tag
	if c.product == productCEN {
		tags, e = cenTagsToSet(c.p)
	} else {
		tags, e = c.p.tags("Tag")
		if e == nil && len(tags) == 0 {
			e = missing("Tag")
		}
		if e == nil {
			e = checkTags(tags)
		}
	}
	if e != nil {
		return nil, e
	}
	plans, e := taggedPlans(s, c, rt)
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
	rt, e := resourceType(c, gaResourceTypes)
	if e != nil {
		return nil, e
	}
	all, e := c.p.boolParam("All", false)
	if e != nil {
		return nil, e
	}
	keys := c.p.list("TagKey")
	switch {
	case !all && len(keys) == 0 && c.product == productCEN:
		return nil, missingParam("TagKey")
	case !all && len(keys) == 0:
		return nil, missing("TagKey")
	case len(keys) > maxTags:
		return nil, newErr(400, "InvalidParameter", "You can specify at most %d tag keys.", maxTags)
	}
	if c.product == productCEN {
		for _, k := range keys {
			e, long := cenTagKeyProblem(k)
			if e == nil && long {
				e = newErr(400, "InvalidTagKey", "The tag keys are not valid: %q is longer than %d characters.", k, maxTagKeyLen)
			}
			if e != nil {
				return nil, e
			}
		}
	}
	plans, e := taggedPlans(s, c, rt)
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

// tagPageSize reads the page size: CEN's PageSize (1 to 50), GA's MaxResults (its API's name;
// PageSize also taken), both 50 by default.
func tagPageSize(c *call) (int, *apiError) {
	p := c.p
	if c.product == productCEN {
		n, e := p.intParam("PageSize", cenMaxTagPageSize)
		if e == nil && (n < 1 || n > cenMaxTagPageSize) {
			e = invalid("PageSize", p.get("PageSize"))
		}
		return n, e
	}
	limit, e := p.intParam("MaxResults", 0)
	if e != nil {
		return 0, e
	}
	if limit == 0 {
		if limit, e = p.intParam("PageSize", 50); e != nil {
			return 0, e
		}
	}
	if limit < 1 || limit > 1000 {
		return 0, invalid("MaxResults", strconv.Itoa(limit))
	}
	return limit, nil
}

func listTagResources(s *Server, c *call) (map[string]any, *apiError) {
	p := c.p
	rt, e := resourceType(c, gaResourceTypes)
	if e != nil {
		return nil, e
	}
	var tags []Tag
	if c.product == productCEN {
		tags, e = cenTagFilterOfList(p)
	} else {
		tags, e = p.tags("Tag")
		if e == nil && len(tags) > maxTags {
			e = newErr(400, "InvalidParameter", "You can specify at most %d tags.", maxTags)
		}
	}
	if e != nil {
		return nil, e
	}
	ids, e := resourceIDs(c, false)
	if e != nil {
		return nil, e
	}
	if len(ids) == 0 && len(tags) == 0 {
		if c.product == productCEN {
			return nil, newErr(400, "BothEmpty.TagsAndResources", "Both of Tags and ResourceIds is empty.")
		}
		return nil, missing("ResourceId")
	}
	limit, e := tagPageSize(c)
	if e != nil {
		return nil, e
	}
	offset := 0
	if tok := p.get("NextToken"); tok != "" {
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 {
			if c.product == productCEN {
				return nil, newErr(400, "IllegalParam.NextToken", "The parameter NextToken is invalid: %q.", tok)
			}
			return nil, invalid("NextToken", tok)
		}
		offset = n
	}
	var cands []*plan
	var rows []tagResourceRow
	switch {
	case c.product == productCEN && rt == cenInstanceTagType:
		// CEN instances' tags (cen_instance.go), as the official provider reads them.
		if rows, e = s.cenInstanceTagRows(ids, tags, c.now); e != nil {
			return nil, e
		}
	case c.product == productCEN && len(ids) > 0:
		// CEN refuses an ID that names nothing, as its TagResources does.
		for _, id := range ids {
			if rt != tagResourceType || s.lookupVisible(id, c.product, c.now) == nil {
				return nil, notFoundFor(c.product, rt, id)
			}
		}
		cands = s.candidates(ids, c.product, c.now)
	case rt != tagResourceType:
		// GA: no resource of another type exists here, so none carries tags.
	case len(ids) > 0:
		cands = s.candidates(ids, c.product, c.now)
	default:
		cands = s.candidates(nil, c.product, c.now)
	}
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
	out := map[string]any{
		"NextToken":    next,
		"TagResources": map[string]any{"TagResource": page},
	}
	if c.product == productGA {
		out["TotalCount"] = len(rows)
	}
	return out, nil
}
