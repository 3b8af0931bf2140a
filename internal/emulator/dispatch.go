package emulator

import (
	"net/http"
	"strings"
	"time"
)

// call is one signed API request being served.
type call struct {
	product string
	action  string
	p       params
	now     time.Time
}

// handler serves one action with s.mu held. It returns the response fields without RequestId.
type handler func(s *Server, c *call) (map[string]any, *apiError)

type route struct {
	h handler
	// mutates marks actions after which the state file is saved.
	mutates bool
	// idempotent marks actions whose ClientToken replays the first answer.
	idempotent bool
}

var routes = map[string]map[string]route{
	versionCEN: {
		"CreateCenBandwidthPackage":          {cenCreate, true, true},
		"DescribeCenBandwidthPackages":       {cenDescribe, false, false},
		"ModifyCenBandwidthPackageAttribute": {cenModifyAttribute, true, false},
		"ModifyCenBandwidthPackageSpec":      {cenModifySpec, true, false},
		"DeleteCenBandwidthPackage":          {cenDelete, true, false},
		"TagResources":                       {tagResources, true, true},
		"UntagResources":                     {untagResources, true, true},
		"ListTagResources":                   {listTagResources, false, false},
		// CEN instances and bindings (cen_instance.go).
		"CreateCen":                      {cenCreateInstance, true, true},
		"DescribeCens":                   {cenDescribeInstances, false, false},
		"DeleteCen":                      {cenDeleteInstance, true, false},
		"AssociateCenBandwidthPackage":   {cenAssociate, true, false},
		"UnassociateCenBandwidthPackage": {cenUnassociate, true, false},
	},
	versionGA: {
		"CreateBandwidthPackage":                     {gaCreate, true, true},
		"DescribeBandwidthPackage":                   {gaDescribe, false, false},
		"ListBandwidthPackages":                      {gaList, false, false},
		"UpdateBandwidthPackage":                     {gaUpdate, true, false},
		"DeleteBandwidthPackage":                     {gaDelete, true, true},
		"UpdateBandwidthPackagaAutoRenewAttribute":   {gaUpdateAutoRenew, true, true},
		"DescribeBandwidthPackageAutoRenewAttribute": {gaDescribeAutoRenew, false, false},
		"TagResources":                               {tagResources, true, true},
		"UntagResources":                             {untagResources, true, true},
		"ListTagResources":                           {listTagResources, false, false},
		"ChangeResourceGroup":                        {gaChangeResourceGroup, true, true},
		"CreateAccelerator":                          {gaCreateAccelerator, true, true},
		"DescribeAccelerator":                        {gaDescribeAccelerator, false, false},
		"ListAccelerators":                           {gaListAccelerators, false, false},
		"DescribeAcceleratorAutoRenewAttribute":      {gaDescribeAcceleratorAutoRenew, false, false},
		"DeleteAccelerator":                          {gaDeleteAccelerator, true, true},
		"BandwidthPackageAddAccelerator":             {gaAddAccelerator, true, false},
		"BandwidthPackageRemoveAccelerator":          {gaRemoveAccelerator, true, false},
	},
}

// gaRegionOptional are the GA actions whose RegionId is optional (cn-hangzhou by default);
// every other GA action requires it, as the GA reference documents.
var gaRegionOptional = map[string]bool{"UpdateBandwidthPackagaAutoRenewAttribute": true}

// ServeHTTP serves the signed API and, under /_emulator/, the control API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		s.serveControl(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		writeAPIError(w, productCEN, newErr(400, "InvalidParameter", "The request body is malformed."))
		return
	}
	p := params{v: r.Form}
	action, version := p.get("Action"), p.get("Version")
	product := productCEN
	if version == versionGA {
		product = productGA
	}
	if action == "" {
		writeAPIError(w, product, newErr(400, "MissingParameter",
			"The input parameter \"Action\" that is mandatory for processing this request is not supplied."))
		return
	}
	if version == "" {
		writeAPIError(w, product, newErr(400, "MissingParameter",
			"The input parameter \"Version\" that is mandatory for processing this request is not supplied."))
		return
	}
	actions, ok := routes[version]
	if !ok {
		writeAPIError(w, product, newErr(400, "InvalidVersion", "Specified parameter Version is not valid."))
		return
	}
	rt, ok := actions[action]
	if !ok {
		writeAPIError(w, product, newErr(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."))
		return
	}

	s.mu.Lock()
	s.calls[action]++
	s.mu.Unlock()

	fa := s.faults.pick(action)
	if fa.latency > 0 {
		select {
		case <-time.After(fa.latency):
		case <-r.Context().Done():
			return
		}
	}
	if fa.rule != nil {
		switch fa.rule.Mode {
		case FaultReset:
			hangUp(w)
			return
		case FaultError:
			writeAPIError(w, product, fa.rule.apiError())
			return
		case FaultBody:
			if !fa.rule.processed() {
				fa.rule.writeBody(w)
				return
			}
		}
	}
	if !s.limits.allow(action, s.now()) {
		writeAPIError(w, product, errThrottling)
		return
	}

	c := &call{product: product, action: action, p: p, now: s.now()}
	if e := s.authenticate(r.Method, p, c.now); e != nil {
		writeAPIError(w, product, e)
		return
	}
	body, e := s.run(rt, c)
	if fa.rule != nil && fa.rule.Mode == FaultDropResponse {
		// The call has been processed; the client never learns the answer.
		hangUp(w)
		return
	}
	if fa.rule != nil && fa.rule.Mode == FaultBody {
		// Processed, but the answer arrives damaged.
		fa.rule.writeBody(w)
		return
	}
	if e != nil {
		writeAPIError(w, product, e)
		return
	}
	id := newRequestID()
	body["RequestId"] = id
	writeJSON(w, http.StatusOK, id, body)
}

// run executes an action under the lock, applying RAM denial and ClientToken idempotency.
func (s *Server) run(rt route, c *call) (map[string]any, *apiError) {
	s.mu.Lock()
	if s.account.denies(c.action) {
		s.mu.Unlock()
		if c.product == productGA {
			return nil, newErr(403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM.")
		}
		return nil, newErr(400, "Unauthorized", "The AccessKeyId is unauthorized.")
	}
	if c.product == productGA && !gaRegionOptional[c.action] && c.p.get("RegionId") == "" {
		s.mu.Unlock()
		return nil, missing("RegionId")
	}
	token := c.p.get("ClientToken")
	var key, fp string
	if rt.idempotent && token != "" {
		if len(token) > 64 {
			s.mu.Unlock()
			return nil, invalid("ClientToken", token)
		}
		key = c.product + "\x00" + c.action + "\x00" + token
		fp = c.p.fingerprint()
		if t, ok := s.tokens[key]; ok && c.now.Sub(t.At) < tokenTTL {
			s.mu.Unlock()
			if t.Fingerprint != fp {
				return nil, newErr(400, "IdempotentParameterMismatch",
					"The request uses the same client token as a previous, but non-identical request.")
			}
			return copyBody(t.Response), nil
		}
	}
	if rt.mutates {
		s.sweep(c.now)
	}
	body, e := rt.h(s, c)
	if e == nil && key != "" {
		s.pruneTokens(c.now)
		s.tokens[key] = &tokenEntry{Fingerprint: fp, Response: copyBody(body), At: c.now}
	}
	s.mu.Unlock()
	if e == nil && rt.mutates {
		s.save()
	}
	return body, e
}

// pruneTokens forgets expired ClientTokens once the map grows; the caller holds s.mu.
func (s *Server) pruneTokens(now time.Time) {
	if len(s.tokens) < 4096 {
		return
	}
	for k, t := range s.tokens {
		if now.Sub(t.At) >= tokenTTL {
			delete(s.tokens, k)
		}
	}
}

func copyBody(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// hangUp closes the connection without an HTTP answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
