package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// TestConformance checks the emulator against the official API metadata
// (testdata/official-metadata.json, see testdata/README.md). For every action the metadata
// lists and the emulator serves, it drives the emulator through the SDK (common requests,
// so every parameter reaches the wire as written) and checks:
//
//   - requests: every documented parameter, and every documented value of an enumerated one,
//     is accepted; every required parameter is enforced (missing: a MissingParameter-style
//     code, 400); every documented range is enforced at both ends (the bound accepted, one
//     past it refused); every documented list size likewise;
//   - responses: every documented field is present, with the documented name and JSON type
//     (string, integer, boolean, array, object), nested ones too;
//   - errors: every documented error code that ordinary bad input (or an account state the
//     control API sets) can trigger comes back with its documented code and HTTP status.
//
// Where the metadata does not say what triggers an error, the trigger below is the choice
// DESIGN.md lists under "Emulator conformance choices". The checks deliberately left out are in
// conformanceSkips, each with its reason.
func TestConformance(t *testing.T) {
	meta := loadMetadata(t)
	fast := newKit(t, WithReadyDelay(0), WithUpdateDelay(0), WithDeleteDelay(0))
	// Plans on the slow server stay Creating (CEN) or init (GA), for the busy refusals.
	slow := newKit(t, WithReadyDelay(time.Hour))
	c := &conformance{t: t, fast: fast, slow: slow, used: map[string]bool{}}

	products := sortedMapKeys(meta.Products)
	for _, prod := range products {
		mp := meta.Products[prod]
		version := map[string]string{"cbn": versionCEN, "ga": versionGA}[prod]
		if mp.Version != version {
			t.Fatalf("metadata %s has version %s, the emulator serves %s", prod, mp.Version, version)
		}
		for _, action := range sortedMapKeys(mp.Actions) {
			if _, served := routes[version][action]; !served {
				// Out of scope: the emulator does not serve it. Every action the metadata lists is
				// one the provider calls, so none may be missing.
				t.Errorf("%s %s: listed in the metadata but not served by the emulator", prod, action)
				continue
			}
			fx, ok := fixtures[prod+"/"+action]
			if !ok {
				t.Errorf("%s %s: no conformance fixture", prod, action)
				continue
			}
			c.action(prod, action, mp.Actions[action], fx)
		}
	}

	// The skip list is explicit and may not grow silently, nor keep stale entries.
	if len(conformanceSkips) != wantConformanceSkips {
		t.Errorf("conformanceSkips has %d entries, want %d: a new skip needs a reason and this count raised on purpose",
			len(conformanceSkips), wantConformanceSkips)
	}
	for _, id := range sortedMapKeys(conformanceSkips) {
		if !c.used[id] {
			t.Errorf("skip %q matches no documented check: remove it", id)
		}
	}
	t.Logf("conformance: %d checks run, %d failed, %d documented checks skipped (conformanceSkips)", c.run, c.failed, len(c.used))
	if c.failed > 0 {
		t.Errorf("conformance: %d of %d checks failed", c.failed, c.run)
	}
}

// wantConformanceSkips is len(conformanceSkips); raise it only with a reason in the list.
const wantConformanceSkips = 19

// conformanceSkips are the documented checks left out on purpose, by check ID
// ("product/Action/kind:subject"), each with its reason.
var conformanceSkips = map[string]string{
	// Errors that no request can trigger: they depend on the account or on the live API's backend.
	"cbn/CreateCenBandwidthPackage/error:OperationInvalid.UserCanNotBuyBwp":            "needs an account barred from buying CEN plans (real-name verification), which the emulator does not model",
	"cbn/ModifyCenBandwidthPackageSpec/error:OperationFailed.InsufficientBalance":      "needs an account balance, which the emulator does not model",
	"cbn/ModifyCenBandwidthPackageSpec/error:OperationFailed.OperationIsProcessing":    "needs another operation in flight in the live billing backend; a plan busy in the emulator answers InvalidStatus.Resource (DESIGN.md, \"API facts the code relies on\")",
	"cbn/ModifyCenBandwidthPackageSpec/error:OperationFailed.OrderIsProcessing":        "needs an order being processed; CEN spec changes create no order in the emulator",
	"cbn/ModifyCenBandwidthPackageSpec/error:OperationFailed.UpDownRadeConfigNoChange": "the same input (an unchanged bandwidth) answers Operation.Failed, whose message names exactly that case",
	"cbn/DeleteCenBandwidthPackage/error:InvalidParameter":                             "the one parameter is the plan ID, and an unknown ID answers ParameterBwpInstanceId (DESIGN.md, \"API facts the code relies on\"): no input is left for it",
	"cbn/TagResources/error:InvalidParameter":                                          "every bad input to TagResources has a documented code of its own",
	"cbn/TagResources/error:InvalidTagScope.NotFound":                                  "tag scopes are an account feature the emulator does not model",
	"cbn/UntagResources/error:InvalidTagScope.NotFound":                                "tag scopes are an account feature the emulator does not model",
	"cbn/ListTagResources/error:InvalidTagScope.NotFound":                              "tag scopes are an account feature the emulator does not model",
	"cbn/UntagResources/error:InvalidTagValue":                                         "UntagResources takes tag keys only, no values",
	"cbn/UntagResources/error:QuotaExceeded.TagNum":                                    "removing tags cannot exceed the tag quota",
	"cbn/ListTagResources/error:QuotaExceeded.TagNum":                                  "listing tags cannot exceed the tag quota",
	"ga/CreateBandwidthPackage/error:UnknownError":                                     "a server-side failure, not caused by input (fault injection reproduces it)",
	"ga/DeleteBandwidthPackage/error:UnknownError":                                     "a server-side failure, not caused by input (fault injection reproduces it)",
	"ga/UpdateBandwidthPackagaAutoRenewAttribute/error:UnknownError":                   "a server-side failure, not caused by input (fault injection reproduces it)",
	"ga/DescribeBandwidthPackageAutoRenewAttribute/error:UnknownError":                 "a server-side failure, not caused by input (fault injection reproduces it)",
	"ga/ChangeResourceGroup/error:UnknownError":                                        "a server-side failure, not caused by input (fault injection reproduces it)",
	// Response items that only exist with resources the emulator does not model.
	"cbn/DescribeCenBandwidthPackages/items:CenBandwidthPackages.CenBandwidthPackage[].OrginInterRegionBandwidthLimits.OrginInterRegionBandwidthLimit[]": "inter-region bandwidth limits need CEN instances with attached regions; the emulator answers an empty list",
}

// ---- metadata ----

type metaDoc struct {
	Products map[string]struct {
		Product string                 `json:"product"`
		Version string                 `json:"version"`
		Actions map[string]*metaAction `json:"actions"`
	} `json:"products"`
}

type metaAction struct {
	Params   []*metaField `json:"params"`
	Response *metaField   `json:"response"`
	Errors   []metaError  `json:"errors"`
}

type metaField struct {
	Name       string                `json:"name"`
	Type       string                `json:"type"`
	Required   bool                  `json:"required"`
	Enum       []string              `json:"enum"`
	Min        *int64                `json:"min"`
	Max        *int64                `json:"max"`
	MaxItems   *int                  `json:"maxItems"`
	Items      *metaField            `json:"items"`
	Properties map[string]*metaField `json:"properties"`
}

type metaError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func loadMetadata(t testing.TB) *metaDoc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "official-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m metaDoc
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("official-metadata.json: %v", err)
	}
	if len(m.Products) == 0 {
		t.Fatal("official-metadata.json lists no products")
	}
	return &m
}

func (a *metaAction) status(code string) (int, bool) {
	for _, e := range a.Errors {
		if e.Code == code {
			return e.Status, true
		}
	}
	return 0, false
}

// listLimit is the documented size limit of a list parameter. The metadata gives some limits
// as the number of items allowed (Tag of CreateCenBandwidthPackage: 20; Filter: 5) and others
// one higher (21 for "at most 20", 51 for "at most 50"): SizeLimitExceeded.ResourceIdNum's own
// message says "Valid : 20" for a ResourceId with maxItems 21. A maxItems ending in 1 is read
// as the latter (DESIGN.md, "Emulator conformance choices").
func listLimit(maxItems int) int {
	if maxItems > 10 && maxItems%10 == 1 {
		return maxItems - 1
	}
	return maxItems
}

// ---- the SDK side ----

type kit struct {
	s   *Server
	cen *cbn.Client
	ga  *ga.Client
	t   testing.TB
}

func newKit(t testing.TB, opts ...Option) *kit {
	s := startServer(t, opts...)
	return &kit{s: s, cen: cenClient(t, s), ga: gaClient(t, s), t: t}
}

type answer struct {
	status int
	code   string
	msg    string
	body   []byte
}

func (a answer) String() string {
	if a.code != "" {
		return fmt.Sprintf("%s (%d): %s", a.code, a.status, a.msg)
	}
	return fmt.Sprintf("%d %s", a.status, a.body)
}

// call sends action with exactly the parameters q through the SDK's common request.
// An empty RegionId is sent as such (the SDK adds the client's region only when the key is absent).
func (k *kit) call(prod, action string, q map[string]string) answer {
	req := requests.NewCommonRequest()
	req.Method = "POST"
	req.Scheme = "http"
	req.Domain = k.s.Addr()
	if prod == "cbn" {
		req.Product, req.Version = "Cbn", versionCEN
	} else {
		req.Product, req.Version = "Ga", versionGA
	}
	req.ApiName = action
	for key, v := range q {
		req.QueryParams[key] = v
	}
	var err error
	var body []byte
	var status int
	if prod == "cbn" {
		resp, e := k.cen.ProcessCommonRequest(req)
		err = e
		if e == nil {
			body, status = resp.GetHttpContentBytes(), resp.GetHttpStatus()
		}
	} else {
		resp, e := k.ga.ProcessCommonRequest(req)
		err = e
		if e == nil {
			body, status = resp.GetHttpContentBytes(), resp.GetHttpStatus()
		}
	}
	if err != nil {
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return answer{status: se.HttpStatus(), code: se.ErrorCode(), msg: se.Message()}
		}
		return answer{status: -1, code: "SDK", msg: err.Error()}
	}
	return answer{status: status, body: body}
}

// cenPlan creates a ready pay-as-you-go CEN plan; tags ("env"="conf", "team"="net") and a CEN
// binding make Describe's nested lists non-empty.
func (k *kit) cenPlan(tagged bool, mod func(*cbn.CreateCenBandwidthPackageRequest)) string {
	return createCEN(k.t, k.cen, func(r *cbn.CreateCenBandwidthPackageRequest) {
		if tagged {
			r.Tag = &[]cbn.CreateCenBandwidthPackageTag{{Key: "env", Value: "conf"}, {Key: "team", Value: "net"}}
			r.QueryParams["CenId"] = "cen-conformance"
		}
		if mod != nil {
			mod(r)
		}
	}).CenBandwidthPackageId
}

// gaPlan creates a pay-as-you-go GA plan of bandwidth 20, Basic/Basic unless mod says otherwise.
func (k *kit) gaPlan(tagged bool, mod func(*ga.CreateBandwidthPackageRequest)) string {
	return createGA(k.t, k.ga, func(r *ga.CreateBandwidthPackageRequest) {
		if tagged {
			r.QueryParams["Tag.1.Key"], r.QueryParams["Tag.1.Value"] = "env", "conf"
			r.QueryParams["Tag.2.Key"], r.QueryParams["Tag.2.Value"] = "team", "net"
		}
		if mod != nil {
			mod(r)
		}
	}).BandwidthPackageId
}

// gaBoundPlan is a plan bound to an accelerator seeded on k's server; on
// the fast server it is binded at once.
func (k *kit) gaBoundPlan(tagged bool) string {
	id := k.gaPlan(tagged, nil)
	if _, err := bind(k.ga, id, k.s.AddAccelerator("conformance").ID); err != nil {
		k.t.Fatalf("binding plan %s: %v", id, err)
	}
	return id
}

// ---- fixtures ----

// fixture says how to call one action: the metadata says what to check.
type fixture struct {
	// base returns the parameters of a call that succeeds; it may create plans on k's server.
	base func(k *kit) map[string]string
	// samples are valid values of parameters the base leaves out (default: by type).
	samples map[string]string
	// fill sets list parameter name to n valid items (default: distinct sample items).
	fill map[string]func(k *kit, q map[string]string, n int)
	// adjust completes a call that sends "Param" or "Param=value" (parameters it depends on).
	adjust map[string]func(k *kit, q map[string]string)
	// acceptAlso: answers that still accept "Param=value" (the value names a resource type
	// the emulator holds none of, so the ID is not found).
	acceptAlso map[string]func(a answer) bool
	// rangeCode and itemsCode: the code of a value past a range or a list past its size
	// (default InvalidParameter).
	rangeCode map[string]string
	itemsCode map[string]string
	// errors: how to trigger each documented error code.
	errors map[string]trigger
}

type trigger struct {
	slow    bool     // on the slow server, where plans stay Creating/init
	account *Account // account restrictions during the call
	mod     func(k *kit, q map[string]string)
}

func set(kv ...string) func(k *kit, q map[string]string) {
	return func(_ *kit, q map[string]string) {
		for i := 0; i < len(kv); i += 2 {
			q[kv[i]] = kv[i+1]
		}
	}
}

func del(names ...string) func(k *kit, q map[string]string) {
	return func(_ *kit, q map[string]string) {
		for _, n := range names {
			clearParam(q, n)
		}
	}
}

// deny is the trigger of Unauthorized: RAM denies the action.
func deny(action string) trigger { return trigger{account: &Account{DeniedActions: []string{action}}} }

func notFoundCode(code string) func(a answer) bool {
	return func(a answer) bool { return a.code == code }
}

func gaNotExist(a answer) bool { return strings.HasPrefix(a.code, "NotExist.") && a.status == 400 }

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// fillPlans sets name.1..n to the IDs of n new plans (CEN or GA, untagged).
func fillPlans(prod string) func(k *kit, q map[string]string, n int) {
	return func(k *kit, q map[string]string, n int) {
		for i := 1; i <= n; i++ {
			if prod == "cbn" {
				q["ResourceId."+strconv.Itoa(i)] = k.cenPlan(false, nil)
			} else {
				q["ResourceId."+strconv.Itoa(i)] = k.gaPlan(false, nil)
			}
		}
	}
}

func fakeIDs(prefix string, n int) func(k *kit, q map[string]string) {
	return func(_ *kit, q map[string]string) {
		clearParam(q, "ResourceId")
		for i := 1; i <= n; i++ {
			q["ResourceId."+strconv.Itoa(i)] = prefix + strconv.Itoa(i)
		}
	}
}

// nextToken sets NextToken to the one a first page of one row answers.
func nextToken(prod string) func(k *kit, q map[string]string) {
	return func(k *kit, q map[string]string) {
		first := merge(q)
		delete(first, "NextToken")
		if prod == "cbn" {
			first["PageSize"] = "1"
		} else {
			first["MaxResults"] = "1"
		}
		a := k.call(prod, "ListTagResources", first)
		var body struct{ NextToken string }
		if a.code != "" || json.Unmarshal(a.body, &body) != nil || body.NextToken == "" {
			k.t.Fatalf("no NextToken from a first page: %v", a)
		}
		q["NextToken"] = body.NextToken
	}
}

var long65 = strings.Repeat("k", 65)

// otherTypes accepts, for each documented ResourceType value naming resources the emulator
// does not hold, the answer to a plan ID sent with it (which names nothing of that type).
func otherTypes(accept func(a answer) bool, values ...string) map[string]func(a answer) bool {
	m := map[string]func(a answer) bool{}
	for _, v := range values {
		m["ResourceType="+v] = accept
	}
	return m
}

var cenOtherTypes = []string{"Cen", "TransitRouter", "TransitRouterVpcAttachment", "TransitRouterVbrAttachment",
	"TransitRouterPeerAttachment", "TransitRouterVpnAttachment", "TransitRouterRouteTable", "Flowlog", "TransitRouterMulticastDomain"}

var gaOtherTypes = []string{"accelerator", "basicaccelerator", "acl", "endpointgroup"}

func listAccepts(a answer) bool { return a.code == "" }

var fixtures = map[string]fixture{
	"cbn/CreateCenBandwidthPackage": {
		base: func(*kit) map[string]string {
			return map[string]string{"Bandwidth": "10", "GeographicRegionAId": "China", "GeographicRegionBId": "China",
				"BandwidthPackageChargeType": "PREPAY", "AutoPay": "true"}
		},
		rangeCode: map[string]string{"Bandwidth": "ParameterIllegal.BandwidthPackage"},
		errors: map[string]trigger{
			"UnSupported.ChargeType":                       {mod: set("BandwidthPackageChargeType", "FREE")},
			"ParameterIllegal.BandwidthPackage":            {mod: set("Bandwidth", "10001")},
			"OperationInvalid.UserCanNotBuyCrossBorderBwp": {account: &Account{CrossBorderDenied: true}, mod: set("GeographicRegionBId", "Europe")},
			"InvalidParameter":                             {mod: set("GeographicRegionBId", "Mars")},
			"Unauthorized":                                 deny("CreateCenBandwidthPackage"),
			"PayFor.AccountMoneyValidateError":             {account: &Account{QuotaExhausted: true}},
		},
	},
	"cbn/DescribeCenBandwidthPackages": {
		base: func(k *kit) map[string]string {
			return map[string]string{"Filter.1.Key": "CenBandwidthPackageId", "Filter.1.Value.1": k.cenPlan(true, nil)}
		},
		errors: map[string]trigger{
			"IllegalParam.TagValue": {mod: set("Tag.1.Key", "env", "Tag.1.Value", strings.Repeat("v", 129))},
			"IllegalParam.TagKey":   {mod: set("Tag.1.Key", long65, "Tag.1.Value", "v")},
			"InvalidParameter":      {mod: set("PageSize", "51")},
			"Unauthorized":          deny("DescribeCenBandwidthPackages"),
		},
	},
	"cbn/ModifyCenBandwidthPackageAttribute": {
		base: func(k *kit) map[string]string {
			return map[string]string{"CenBandwidthPackageId": k.cenPlan(false, nil), "Name": "conf-renamed"}
		},
		errors: map[string]trigger{
			"InvalidParameter": {mod: set("Name", "http://renamed")},
			"Unauthorized":     deny("ModifyCenBandwidthPackageAttribute"),
		},
	},
	"cbn/ModifyCenBandwidthPackageSpec": {
		// The plan has bandwidth 10 (createCEN).
		base: func(k *kit) map[string]string {
			return map[string]string{"CenBandwidthPackageId": k.cenPlan(false, nil), "Bandwidth": "20"}
		},
		errors: map[string]trigger{
			"Operation.Failed":       {mod: set("Bandwidth", "10")},
			"InvalidStatus.Resource": {slow: true},
			"InvalidParameter":       {mod: set("Bandwidth", "twenty")},
			"Unauthorized":           deny("ModifyCenBandwidthPackageSpec"),
		},
	},
	"cbn/DeleteCenBandwidthPackage": {
		base: func(k *kit) map[string]string {
			return map[string]string{"CenBandwidthPackageId": k.cenPlan(false, nil)}
		},
		errors: map[string]trigger{
			"Unauthorized": deny("DeleteCenBandwidthPackage"),
			"Forbidden.Release": {mod: func(k *kit, q map[string]string) {
				q["CenBandwidthPackageId"] = k.cenPlan(false, func(r *cbn.CreateCenBandwidthPackageRequest) {
					r.BandwidthPackageChargeType = "PREPAY"
				})
			}},
			"InvalidOperation.BwpInstanceStatus": {slow: true},
		},
	},
	"cbn/TagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"ResourceType": "BandwidthPackage", "ResourceId.1": k.cenPlan(false, nil),
				"Tag.1.Key": "conf-key", "Tag.1.Value": "conf-value"}
		},
		samples:    map[string]string{"RegionId": "cn-hangzhou"},
		fill:       map[string]func(*kit, map[string]string, int){"ResourceId": fillPlans("cbn")},
		acceptAlso: otherTypes(notFoundCode("InvalidInstanceIds.NotFound"), cenOtherTypes...),
		itemsCode:  map[string]string{"ResourceId": "SizeLimitExceeded.ResourceIdNum", "Tag": "QuotaExceeded.TagNum"},
		errors: map[string]trigger{
			"InvalidTagKey":                {mod: set("Tag.1.Key", "http://key")},
			"InvalidTagValue":              {mod: set("Tag.1.Value", "http://value")},
			"MissingParam":                 {mod: del("ResourceType")},
			"InvalidInstanceType.NotFound": {mod: set("ResourceType", "Database")},
			"InvalidInstanceIds.NotFound":  {mod: set("ResourceId.1", "cenbwp-conformance-none")},
			"Forbidden.TagKeys":            {mod: set("Tag.1.Key", "aliyun-key")},
			"QuotaExceeded.TagNum": {mod: func(k *kit, q map[string]string) {
				full := make([]cbn.CreateCenBandwidthPackageTag, maxTags)
				for i := range full {
					full[i] = cbn.CreateCenBandwidthPackageTag{Key: "k" + strconv.Itoa(i), Value: "v"}
				}
				q["ResourceId.1"] = k.cenPlan(false, func(r *cbn.CreateCenBandwidthPackageRequest) { r.Tag = &full })
			}},
			"Forbidden.NotAllowedCategary":    {mod: set("Tag.1.Key", "acs:key")},
			"SizeLimitExceeded.ResourceIdNum": {mod: fakeIDs("cenbwp-conformance-", 21)},
			"MissingParameter.TagValue":       {mod: del("Tag.1.Value")},
			"DuplicatedParam.TagKey":          {mod: set("Tag.2.Key", "conf-key", "Tag.2.Value", "other")},
			"IllegalParamLength.Tag":          {mod: set("Tag.1.Key", long65)},
			"IllegalParam.Region":             {mod: set("RegionId", "Mars")},
			"MissingParameter.TagKey":         {mod: del("Tag.1.Key")},
			"Unauthorized":                    deny("TagResources"),
		},
	},
	"cbn/UntagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"ResourceType": "BandwidthPackage", "ResourceId.1": k.cenPlan(true, nil), "TagKey.1": "env"}
		},
		samples:    map[string]string{"RegionId": "cn-hangzhou"},
		fill:       map[string]func(*kit, map[string]string, int){"ResourceId": fillPlans("cbn")},
		acceptAlso: otherTypes(notFoundCode("InvalidInstanceIds.NotFound"), cenOtherTypes...),
		itemsCode:  map[string]string{"ResourceId": "SizeLimitExceeded.ResourceIdNum"},
		errors: map[string]trigger{
			"InvalidTagKey":                   {mod: set("TagKey.1", long65)},
			"MissingParam":                    {mod: del("ResourceType")},
			"InvalidInstanceType.NotFound":    {mod: set("ResourceType", "Database")},
			"InvalidInstanceIds.NotFound":     {mod: set("ResourceId.1", "cenbwp-conformance-none")},
			"Forbidden.TagKeys":               {mod: set("TagKey.1", "aliyun-key")},
			"Forbidden.NotAllowedCategary":    {mod: set("TagKey.1", "acs:key")},
			"SizeLimitExceeded.ResourceIdNum": {mod: fakeIDs("cenbwp-conformance-", 21)},
			"IllegalParam.Region":             {mod: set("RegionId", "Mars")},
			"InvalidParameter":                {mod: set("All", "maybe")},
			"Unauthorized":                    deny("UntagResources"),
		},
	},
	"cbn/ListTagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"ResourceType": "BandwidthPackage", "ResourceId.1": k.cenPlan(true, nil)}
		},
		samples:    map[string]string{"RegionId": "cn-hangzhou"},
		fill:       map[string]func(*kit, map[string]string, int){"ResourceId": fillPlans("cbn")},
		adjust:     map[string]func(*kit, map[string]string){"NextToken": nextToken("cbn")},
		acceptAlso: otherTypes(notFoundCode("InvalidInstanceIds.NotFound"), cenOtherTypes...),
		itemsCode:  map[string]string{"ResourceId": "SizeLimitExceeded.ResourceIdNum"},
		errors: map[string]trigger{
			"InvalidTagKey":                   {mod: set("Tag.1.Key", "http://key")},
			"InvalidTagValue":                 {mod: set("Tag.1.Key", "env", "Tag.1.Value", "http://value")},
			"MissingParam":                    {mod: del("ResourceType")},
			"InvalidInstanceType.NotFound":    {mod: set("ResourceType", "Database")},
			"InvalidInstanceIds.NotFound":     {mod: set("ResourceId.1", "cenbwp-conformance-none")},
			"Forbidden.TagKeys":               {mod: set("Tag.1.Key", "aliyun-key")},
			"Forbidden.NotAllowedCategary":    {mod: set("Tag.1.Key", "acs:key")},
			"SizeLimitExceeded.ResourceIdNum": {mod: fakeIDs("cenbwp-conformance-", 21)},
			"BothEmpty.TagsAndResources":      {mod: del("ResourceId")},
			"IllegalParam.NextToken":          {mod: set("NextToken", "not-a-token")},
			"IllegalParam.Region":             {mod: set("RegionId", "Mars")},
			"InvalidParameter":                {mod: set("PageSize", "0")},
			"Unauthorized":                    deny("ListTagResources"),
		},
	},

	"ga/CreateBandwidthPackage": {
		base: func(*kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "Bandwidth": "20", "Type": "Basic", "BandwidthType": "Basic",
				"ChargeType": "PREPAY", "PricingCycle": "Month", "Duration": "1", "AutoPay": "true"}
		},
		adjust: map[string]func(*kit, map[string]string){
			// Pay-by-95th-percentile needs its guaranteed ratio; the ratio goes with it.
			"BillingType=PayBY95":    set("ChargeType", "POSTPAY", "Ratio", "30"),
			"BillingType":            set("ChargeType", "POSTPAY"),
			"Ratio":                  set("ChargeType", "POSTPAY", "BillingType", "PayBY95"),
			"CbnGeographicRegionIdA": set("Type", "CrossDomain"),
			"CbnGeographicRegionIdB": set("Type", "CrossDomain"),
		},
		rangeCode: map[string]string{"Bandwidth": "COMMODITY.INVALID_COMPONENT"},
		errors: map[string]trigger{
			"COMMODITY.INVALID_COMPONENT":    {mod: set("Bandwidth", "2001")},
			"MissingParameter.BandwidthType": {mod: del("BandwidthType")},
		},
	},
	"ga/DescribeBandwidthPackage": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "BandwidthPackageId": k.gaBoundPlan(true)}
		},
	},
	"ga/ListBandwidthPackages": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "BandwidthPackageId": k.gaBoundPlan(true)}
		},
	},
	"ga/UpdateBandwidthPackage": {
		// The plan is Basic/Basic, bandwidth 20, pay-as-you-go (gaPlan).
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "BandwidthPackageId": k.gaPlan(false, nil), "Name": "conf-renamed"}
		},
		adjust: map[string]func(*kit, map[string]string){
			// An Advanced plan keeps its type (the API changes no Advanced plan's type).
			"BandwidthType=Advanced": func(k *kit, q map[string]string) {
				q["BandwidthPackageId"] = k.gaPlan(false, func(r *ga.CreateBandwidthPackageRequest) { r.BandwidthType = "Advanced" })
			},
		},
		rangeCode: map[string]string{"Bandwidth": "COMMODITY.INVALID_COMPONENT"},
		errors: map[string]trigger{
			"COMMODITY.INVALID_COMPONENT": {mod: set("BandwidthType", "Advanced")},
			"StateError.BandwidthPackage": {slow: true},
			"NotExist.BandwidthPackage":   {mod: set("BandwidthPackageId", "gbwp-conformance-none")},
			// A larger bandwidth with a lower type: neither all upgrades nor all downgrades.
			"UpgradeError.BandwidthPackage": {mod: func(k *kit, q map[string]string) {
				q["BandwidthPackageId"] = k.gaPlan(false, func(r *ga.CreateBandwidthPackageRequest) { r.BandwidthType = "Enhanced" })
				q["Bandwidth"], q["BandwidthType"] = "40", "Basic"
			}},
		},
	},
	"ga/DeleteBandwidthPackage": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "BandwidthPackageId": k.gaPlan(false, nil)}
		},
		errors: map[string]trigger{
			"NotExist.BandwidthPackage":   {mod: set("BandwidthPackageId", "gbwp-conformance-none")},
			"StateError.BandwidthPackage": {slow: true},
			"BindExist.BandwidthPackage": {mod: func(k *kit, q map[string]string) {
				q["BandwidthPackageId"] = k.gaBoundPlan(false)
			}},
		},
	},
	"ga/UpdateBandwidthPackagaAutoRenewAttribute": {
		base: func(k *kit) map[string]string {
			id := k.gaPlan(false, func(r *ga.CreateBandwidthPackageRequest) {
				r.ChargeType, r.PricingCycle, r.Duration = "PREPAY", "Month", "1"
			})
			return map[string]string{"InstanceId": id, "AutoRenew": "true"}
		},
		errors: map[string]trigger{
			"NotExist.BandwidthPackage":        {mod: set("InstanceId", "gbwp-conformance-none")},
			"ParamIllegal.SpInstanceAutoRenew": {mod: del("AutoRenew", "RenewalStatus")},
		},
	},
	"ga/DescribeBandwidthPackageAutoRenewAttribute": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "InstanceId": k.gaPlan(false, nil)}
		},
	},
	"ga/TagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "ResourceType": "bandwidthpackage", "ResourceId.1": k.gaPlan(false, nil),
				"Tag.1.Key": "conf-key", "Tag.1.Value": "conf-value"}
		},
		fill:       map[string]func(*kit, map[string]string, int){"ResourceId": fillPlans("ga")},
		acceptAlso: otherTypes(gaNotExist, gaOtherTypes...),
	},
	"ga/UntagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "ResourceType": "bandwidthpackage", "ResourceId.1": k.gaPlan(true, nil), "TagKey.1": "env"}
		},
		fill:       map[string]func(*kit, map[string]string, int){"ResourceId": fillPlans("ga")},
		acceptAlso: otherTypes(gaNotExist, gaOtherTypes...),
	},
	"ga/ListTagResources": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "ResourceType": "bandwidthpackage", "ResourceId.1": k.gaPlan(true, nil)}
		},
		adjust:     map[string]func(*kit, map[string]string){"NextToken": nextToken("ga")},
		acceptAlso: otherTypes(listAccepts, gaOtherTypes...),
	},
	"ga/ChangeResourceGroup": {
		base: func(k *kit) map[string]string {
			return map[string]string{"RegionId": "cn-hangzhou", "ResourceType": "bandwidthpackage", "ResourceId": k.gaPlan(false, nil),
				"NewResourceGroupId": "rg-conformance"}
		},
		acceptAlso: otherTypes(gaNotExist, "accelerator", "basicaccelerator", "acl"),
	},
}

// ---- the checks ----

type conformance struct {
	t          *testing.T
	fast, slow *kit
	run        int
	failed     int
	used       map[string]bool
}

// check runs one check unless the skip list names it; fn returns "" when it passes.
func (c *conformance) check(id string, fn func() string) {
	c.t.Helper()
	if _, skip := conformanceSkips[id]; skip {
		c.used[id] = true
		return
	}
	c.run++
	if msg := fn(); msg != "" {
		c.failed++
		c.t.Errorf("%s: %s", id, msg)
	}
}

func clearParam(q map[string]string, name string) {
	delete(q, name)
	for k := range q {
		if strings.HasPrefix(k, name+".") {
			delete(q, k)
		}
	}
}

func sampleOf(f *fixture, p *metaField) string {
	if v, ok := f.samples[p.Name]; ok {
		return v
	}
	if len(p.Enum) > 0 {
		return p.Enum[0]
	}
	switch p.Type {
	case "integer":
		if p.Min != nil {
			return strconv.FormatInt(*p.Min, 10)
		}
		return "1"
	case "boolean":
		return "true"
	}
	if p.Name == "ClientToken" {
		return "conf-" + newRequestID()
	}
	return "conf-" + strings.ToLower(p.Name)
}

// fillList sets list parameter p to n items.
func fillList(k *kit, f *fixture, q map[string]string, p *metaField, n int) {
	clearParam(q, p.Name)
	if fn, ok := f.fill[p.Name]; ok {
		fn(k, q, n)
		return
	}
	for i := 1; i <= n; i++ {
		prefix := p.Name + "." + strconv.Itoa(i)
		if p.Items == nil || p.Items.Type != "object" {
			q[prefix] = "conf-" + strings.ToLower(p.Name) + "-" + strconv.Itoa(i)
			continue
		}
		for _, name := range sortedMapKeys(p.Items.Properties) {
			prop := p.Items.Properties[name]
			switch {
			case prop.Type == "array":
				q[prefix+"."+name+".1"] = "conf-" + strings.ToLower(name)
			case len(prop.Enum) > 0:
				q[prefix+"."+name] = prop.Enum[(i-1)%len(prop.Enum)]
			default:
				q[prefix+"."+name] = "conf-" + strings.ToLower(name) + "-" + strconv.Itoa(i)
			}
		}
	}
}

// setParam gives p a valid value in q, keeping the base's own value when it has one.
func setParam(k *kit, f *fixture, q map[string]string, p *metaField) {
	if p.Type == "array" {
		if !hasParam(q, p.Name) {
			fillList(k, f, q, p, 1)
		}
		return
	}
	if _, ok := q[p.Name]; !ok {
		q[p.Name] = sampleOf(f, p)
	}
}

func hasParam(q map[string]string, name string) bool {
	for k := range q {
		if k == name || strings.HasPrefix(k, name+".") {
			return true
		}
	}
	return false
}

func (f *fixture) adjustFor(k *kit, q map[string]string, keys ...string) {
	for _, key := range keys {
		if fn, ok := f.adjust[key]; ok {
			fn(k, q)
		}
	}
}

func wantOK(a answer, also func(answer) bool) string {
	if a.code == "" && a.status >= 200 && a.status < 300 {
		return ""
	}
	if also != nil && also(a) {
		return ""
	}
	return "refused: " + a.String()
}

func wantCode(a answer, code string, status int) string {
	if a.code == code && a.status == status {
		return ""
	}
	return fmt.Sprintf("want %s (%d), got %s", code, status, a)
}

func (c *conformance) action(prod, action string, ma *metaAction, fx fixture) {
	k := c.fast
	id := func(kind string) string { return prod + "/" + action + "/" + kind }
	call := func(q map[string]string) answer { return k.call(prod, action, q) }
	codeStatus := func(code string) int {
		if st, ok := ma.status(code); ok {
			return st
		}
		return 400
	}

	for _, p := range ma.Params {
		// Accepted.
		c.check(id("param:"+p.Name), func() string {
			q := fx.base(k)
			setParam(k, &fx, q, p)
			fx.adjustFor(k, q, p.Name)
			return wantOK(call(q), nil)
		})
		// Every documented value accepted.
		for _, v := range p.Enum {
			c.check(id("enum:"+p.Name+"="+v), func() string {
				q := fx.base(k)
				q[p.Name] = v
				fx.adjustFor(k, q, p.Name, p.Name+"="+v)
				return wantOK(call(q), fx.acceptAlso[p.Name+"="+v])
			})
		}
		// Required enforced.
		if p.Required {
			c.check(id("required:"+p.Name), func() string {
				q := fx.base(k)
				clearParam(q, p.Name)
				if p.Name == "RegionId" {
					q["RegionId"] = "" // the SDK would add its own region to a request without one
				}
				a := call(q)
				if strings.HasPrefix(a.code, "MissingParam") && a.status == 400 {
					return ""
				}
				return "want a MissingParameter-style code (400), got " + a.String()
			})
		}
		// Ranges enforced at both ends.
		if p.Type == "integer" {
			code := "InvalidParameter"
			if rc, ok := fx.rangeCode[p.Name]; ok {
				code = rc
			}
			bound := func(kind string, v int64, accept bool) {
				c.check(id(kind+":"+p.Name+"="+strconv.FormatInt(v, 10)), func() string {
					q := fx.base(k)
					fx.adjustFor(k, q, p.Name)
					q[p.Name] = strconv.FormatInt(v, 10)
					if accept {
						return wantOK(call(q), nil)
					}
					return wantCode(call(q), code, codeStatus(code))
				})
			}
			if p.Min != nil {
				bound("min", *p.Min, true)
				bound("below", *p.Min-1, false)
			}
			if p.Max != nil {
				bound("max", *p.Max, true)
				bound("above", *p.Max+1, false)
			}
		}
		// Lists: documented size accepted, one more refused.
		if p.Type == "array" && p.MaxItems != nil {
			limit := listLimit(*p.MaxItems)
			code := "InvalidParameter"
			if ic, ok := fx.itemsCode[p.Name]; ok {
				code = ic
			}
			c.check(id("items:"+p.Name+"="+strconv.Itoa(limit)), func() string {
				q := fx.base(k)
				fillList(k, &fx, q, p, limit)
				fx.adjustFor(k, q, p.Name)
				return wantOK(call(q), nil)
			})
			c.check(id("items:"+p.Name+"="+strconv.Itoa(limit+1)), func() string {
				q := fx.base(k)
				fillList(k, &fx, q, p, limit+1)
				fx.adjustFor(k, q, p.Name)
				return wantCode(call(q), code, codeStatus(code))
			})
		}
		if p.Type == "array" && p.Items != nil && p.Items.Type == "object" {
			c.itemProps(&fx, p, id, call, codeStatus)
		}
	}

	// Response fields.
	if ma.Response != nil {
		q := fx.base(k)
		a := call(q)
		if a.code != "" {
			c.check(id("response"), func() string { return "base call refused: " + a.String() })
		} else {
			var body any
			if err := json.Unmarshal(a.body, &body); err != nil {
				c.check(id("response"), func() string { return "not JSON: " + err.Error() })
			} else {
				c.fields(id, "", ma.Response, body)
			}
		}
	}

	// Documented errors.
	for _, e := range ma.Errors {
		c.check(id("error:"+e.Code), func() string {
			tr, ok := fx.errors[e.Code]
			if !ok {
				return "no trigger chosen for this documented code (add one to the fixture, or a skip with its reason)"
			}
			kk := k
			if tr.slow {
				kk = c.slow
			}
			q := fx.base(kk)
			if tr.mod != nil {
				tr.mod(kk, q)
			}
			if tr.account != nil {
				kk.s.SetAccount(*tr.account)
				defer kk.s.SetAccount(Account{})
			}
			return wantCode(kk.call(prod, action, q), e.Code, e.Status)
		})
	}
	for code := range fx.errors {
		if _, documented := ma.status(code); !documented {
			c.t.Errorf("%s: the fixture triggers %s, which the metadata does not document for this action", id(""), code)
		}
	}
}

// itemProps checks the properties of a list of objects: enumerated values, required ones,
// and nested lists' sizes (item 1 of the list carries them).
func (c *conformance) itemProps(fx *fixture, p *metaField, id func(string) string,
	call func(map[string]string) answer, codeStatus func(string) int,
) {
	k := c.fast
	for _, name := range sortedMapKeys(p.Items.Properties) {
		prop := p.Items.Properties[name]
		key := p.Name + ".1." + name
		for _, v := range prop.Enum {
			c.check(id("enum:"+p.Name+"."+name+"="+v), func() string {
				q := fx.base(k)
				clearParam(q, p.Name)
				fillList(k, fx, q, p, 1)
				q[key] = v
				return wantOK(call(q), nil)
			})
		}
		if prop.Required {
			c.check(id("required:"+p.Name+"."+name), func() string {
				q := fx.base(k)
				if !hasParam(q, p.Name) {
					fillList(k, fx, q, p, 1)
				}
				clearParam(q, key)
				a := call(q)
				if strings.HasPrefix(a.code, "MissingParam") && a.status == 400 {
					return ""
				}
				return "want a MissingParameter-style code (400), got " + a.String()
			})
		}
		if prop.Type == "array" && prop.MaxItems != nil {
			limit := listLimit(*prop.MaxItems)
			nested := func(n int) map[string]string {
				q := fx.base(k)
				if !hasParam(q, p.Name) {
					fillList(k, fx, q, p, 1)
				}
				first := q[key+".1"]
				clearParam(q, key)
				for i := 1; i <= n; i++ {
					q[key+"."+strconv.Itoa(i)] = "conf-" + strings.ToLower(name) + "-" + strconv.Itoa(i)
				}
				if first != "" {
					q[key+".1"] = first
				}
				return q
			}
			c.check(id("items:"+p.Name+"."+name+"="+strconv.Itoa(limit)), func() string {
				return wantOK(call(nested(limit)), nil)
			})
			c.check(id("items:"+p.Name+"."+name+"="+strconv.Itoa(limit+1)), func() string {
				return wantCode(call(nested(limit+1)), "InvalidParameter", codeStatus("InvalidParameter"))
			})
		}
	}
}

// fields checks every documented field of schema in v, recursively.
func (c *conformance) fields(id func(string) string, path string, schema *metaField, v any) {
	switch schema.Type {
	case "object":
		obj, _ := v.(map[string]any)
		for _, name := range sortedMapKeys(schema.Properties) {
			sub := schema.Properties[name]
			fp := name
			if path != "" {
				fp = path + "." + name
			}
			val, present := obj[name]
			ok := present && jsonType(val) == sub.Type
			c.check(id("field:"+fp), func() string {
				if !present {
					return "missing"
				}
				if !ok {
					return fmt.Sprintf("type %s, documented %s (value %v)", jsonType(val), sub.Type, val)
				}
				return ""
			})
			if ok && (sub.Type == "object" || sub.Type == "array") {
				c.fields(id, fp, sub, val)
			}
		}
	case "array":
		arr, _ := v.([]any)
		if schema.Items == nil {
			return
		}
		ip := path + "[]"
		if len(arr) == 0 {
			c.check(id("items:"+ip), func() string { return "empty, so its items cannot be checked: make the base call return one" })
			return
		}
		for i, item := range arr {
			ok := jsonType(item) == schema.Items.Type
			if i == 0 {
				c.check(id("field:"+ip), func() string {
					if !ok {
						return fmt.Sprintf("item type %s, documented %s", jsonType(item), schema.Items.Type)
					}
					return ""
				})
			}
			if ok && (schema.Items.Type == "object" || schema.Items.Type == "array") && i == 0 {
				c.fields(id, ip, schema.Items, item)
			}
		}
	}
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func sortedMapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
