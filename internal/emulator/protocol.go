package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// apiError is an answer in the API's error shape.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func newErr(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func missing(name string) *apiError {
	return newErr(400, "MissingParameter."+name,
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func invalid(name string, value string) *apiError {
	return newErr(400, "InvalidParameter", "The specified parameter %q is not valid: %q.", name, value)
}

// Common errors, with the codes and statuses of Alibaba Cloud's POP gateway.
var (
	errThrottling = newErr(400, "Throttling.User", "Request was denied due to user flow control.")
)

const (
	productCEN = "cen"
	productGA  = "ga"

	versionCEN = "2017-09-12"
	versionGA  = "2019-11-20"

	hostCEN = "cbn.aliyuncs.com"
	hostGA  = "ga.cn-hangzhou.aliyuncs.com"

	// timestampWindow is how far a request's Timestamp may be from now, and how long nonces are kept.
	timestampWindow = 15 * time.Minute
)

func hostFor(product string) string {
	if product == productGA {
		return hostGA
	}
	return hostCEN
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}

func writeJSON(w http.ResponseWriter, status int, requestID string, body any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

type errorBody struct {
	RequestId string `json:"RequestId"`
	HostId    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func writeAPIError(w http.ResponseWriter, product string, e *apiError) {
	id := newRequestID()
	prod := "Cbn"
	if product == productGA {
		prod = "Ga"
	}
	writeJSON(w, e.Status, id, errorBody{
		RequestId: id,
		HostId:    hostFor(product),
		Code:      e.Code,
		Message:   e.Message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(e.Code) + "&product=" + prod,
	})
}

// params is the merged query string and form body of one call.
type params struct{ v url.Values }

func (p params) get(name string) string { return p.v.Get(name) }
func (p params) has(name string) bool   { _, ok := p.v[name]; return ok && p.v.Get(name) != "" }

func (p params) required(name string) (string, *apiError) {
	s := p.get(name)
	if s == "" {
		return "", missing(name)
	}
	return s, nil
}

// atoi32 parses an integer parameter: every integer parameter of both APIs is an int32
// (the metadata's "format": "int32"), so a value outside it is not a number the API takes.
func atoi32(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, false
	}
	return int(n), true
}

// intParam parses an optional integer, answering def when absent.
func (p params) intParam(name string, def int) (int, *apiError) {
	s := p.get(name)
	if s == "" {
		return def, nil
	}
	n, ok := atoi32(s)
	if !ok {
		return 0, invalid(name, s)
	}
	return n, nil
}

// boolParam parses an optional boolean the way the API does (case-insensitive true/false).
func (p params) boolParam(name string, def bool) (bool, *apiError) {
	s := p.get(name)
	if s == "" {
		return def, nil
	}
	switch strings.ToLower(s) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, invalid(name, s)
}

// indexed returns the values of repeated parameters "Prefix.N<suffix>" ordered by N.
// With suffix "" it collects "Prefix.N"; with ".Key" it collects "Prefix.N.Key".
func (p params) indexed(prefix, suffix string) map[int]string {
	out := map[int]string{}
	for k, vs := range p.v {
		if !strings.HasPrefix(k, prefix+".") || !strings.HasSuffix(k, suffix) {
			continue
		}
		mid := k[len(prefix)+1 : len(k)-len(suffix)]
		n, err := strconv.Atoi(mid)
		if err != nil || n < 1 || len(vs) == 0 {
			continue
		}
		out[n] = vs[0]
	}
	return out
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// list returns "Prefix.1", "Prefix.2", ... in index order, skipping empty values.
func (p params) list(prefix string) []string {
	m := p.indexed(prefix, "")
	var out []string
	for _, k := range sortedKeys(m) {
		if m[k] != "" {
			out = append(out, m[k])
		}
	}
	return out
}

// tags returns Tag.N.Key / Tag.N.Value pairs in index order.
//
//nolint:unparam // every operation names its list "Tag" today; the prefix says which list is read
func (p params) tags(prefix string) ([]Tag, *apiError) {
	keys := p.indexed(prefix, ".Key")
	vals := p.indexed(prefix, ".Value")
	idx := map[int]bool{}
	for k := range keys {
		idx[k] = true
	}
	for k := range vals {
		idx[k] = true
	}
	ns := make([]int, 0, len(idx))
	for k := range idx {
		ns = append(ns, k)
	}
	sort.Ints(ns)
	var out []Tag
	for _, n := range ns {
		key, ok := keys[n]
		if !ok || key == "" {
			return nil, newErr(400, "InvalidParameter", "The tag key of %s.%d cannot be empty.", prefix, n)
		}
		out = append(out, Tag{Key: key, Value: vals[n]})
	}
	return out, nil
}

// fingerprint identifies a call's own parameters, for ClientToken idempotency.
func (p params) fingerprint() string {
	keys := make([]string, 0, len(p.v))
	for k := range p.v {
		if commonParams[k] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(p.v.Get(k))
		b.WriteByte('&')
	}
	return b.String()
}

// commonParams are the protocol parameters that change on every retry of the same call.
var commonParams = map[string]bool{
	"Signature": true, "SignatureNonce": true, "Timestamp": true, "AccessKeyId": true,
	"SecurityToken": true, "SignatureMethod": true, "SignatureVersion": true, "SignatureType": true,
	"Format": true, "Version": true, "Action": true, "RegionId": true, "ClientToken": true, "BearerToken": true,
}

// StringToSign builds the RPC string to sign exactly as the SDK's signer does.
func StringToSign(method string, vals url.Values) string {
	v := url.Values{}
	for k, vs := range vals {
		if k == "Signature" {
			continue
		}
		v[k] = vs
	}
	s := v.Encode()
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	s = strings.ReplaceAll(s, "%7E", "~")
	return method + "&%2F&" + url.QueryEscape(s)
}

// Sign returns the HMAC-SHA1 signature of stringToSign for an AccessKey secret.
func Sign(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// nonceCache remembers nonces for the timestamp window only, so memory stays bounded.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	queue []nonceEntry
}

type nonceEntry struct {
	key string
	at  time.Time
}

// use records a nonce and reports whether it was fresh.
func (c *nonceCache) use(key string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string]time.Time{}
	}
	// Entries are appended in arrival order, so expired ones sit at the head.
	i := 0
	for i < len(c.queue) && now.Sub(c.queue[i].at) > timestampWindow {
		if c.seen[c.queue[i].key].Equal(c.queue[i].at) {
			delete(c.seen, c.queue[i].key)
		}
		i++
	}
	if i > 0 {
		c.queue = append(c.queue[:0:0], c.queue[i:]...)
	}
	if _, ok := c.seen[key]; ok {
		return false
	}
	c.seen[key] = now
	c.queue = append(c.queue, nonceEntry{key, now})
	return true
}

func (c *nonceCache) reset() {
	c.mu.Lock()
	c.seen = nil
	c.queue = nil
	c.mu.Unlock()
}

// authenticate checks the common parameters and the signature of a call.
func (s *Server) authenticate(method string, p params, now time.Time) *apiError {
	for _, name := range []string{"AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "SignatureMethod"} {
		if p.get(name) == "" {
			return newErr(400, "MissingParameter",
				"The input parameter %q that is mandatory for processing this request is not supplied.", name)
		}
	}
	if m := p.get("SignatureMethod"); m != "HMAC-SHA1" {
		return newErr(400, "InvalidSignatureMethod", "Specified signature method %q is not valid.", m)
	}
	if v := p.get("SignatureVersion"); v != "" && v != "1.0" {
		return newErr(400, "InvalidSignatureVersion", "Specified signature version %q is not valid.", v)
	}
	akID := p.get("AccessKeyId")
	cred, ok := s.cfg.lookup(akID)
	if !ok {
		return newErr(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	if cred.token != "" {
		if tok := p.get("SecurityToken"); tok == "" {
			return newErr(400, "MissingSecurityToken", "SecurityToken is mandatory for this action.")
		} else if tok != cred.token {
			return newErr(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.")
		}
		if !cred.expires.IsZero() && !now.Before(cred.expires) {
			return newErr(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
		}
	} else if p.get("SecurityToken") != "" {
		return newErr(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
	}
	ts, err := time.Parse("2006-01-02T15:04:05Z", p.get("Timestamp"))
	if err != nil {
		return newErr(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
	}
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		return newErr(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	sts := StringToSign(method, p.v)
	want := Sign(sts, cred.secret)
	if !hmac.Equal([]byte(want), []byte(p.get("Signature"))) {
		return newErr(400, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:%s", sts)
	}
	if !s.nonces.use(akID+"\x00"+p.get("SignatureNonce"), now) {
		return newErr(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
	}
	return nil
}
