package emulator

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)

func TestSignatureFailuresThroughSDK(t *testing.T) {
	s := startServer(t, WithCredential("ak-1", "sk-1"), WithCredential("ak-2", "sk-2"))
	// Several pairs are accepted.
	for _, pair := range [][2]string{{"ak-1", "sk-1"}, {"ak-2", "sk-2"}} {
		if _, err := cenClientWith(t, s, pair[0], pair[1]).DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest()); err != nil {
			t.Fatalf("%s: %v", pair[0], err)
		}
	}
	_, err := cenClientWith(t, s, "ak-1", "wrong").DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	se := wantAPIError(t, err, "SignatureDoesNotMatch", 400)
	if !strings.Contains(se.Message(), "server string to sign is:POST&%2F&") {
		t.Fatalf("message should carry the string to sign: %s", se.Message())
	}
	_, err = cenClientWith(t, s, "nobody", "sk-1").DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	wantAPIError(t, err, "InvalidAccessKeyId.NotFound", 404)
	// The default test-ak is not accepted once credentials are configured.
	_, err = cenClient(t, s).DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	wantAPIError(t, err, "InvalidAccessKeyId.NotFound", 404)
}

func TestSignatureFailuresByHand(t *testing.T) {
	s := startServer(t)
	now := time.Now()

	// A correctly signed GET with params in the query string works, and so does a POST form body.
	a := rawDo(t, s, http.MethodGet, signedValues(http.MethodGet, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-get", nil), false)
	if a.Status != 200 || a.Body["TotalCount"] != float64(0) {
		t.Fatalf("signed GET: %d %v", a.Status, a.Body)
	}
	a = rawDo(t, s, http.MethodPost, signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-body", nil), true)
	if a.Status != 200 {
		t.Fatalf("signed form body: %d %v", a.Status, a.Body)
	}

	// Signed for GET, sent as POST: the method is part of the string to sign.
	v := signedValues(http.MethodGet, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-method", nil)
	a = rawDo(t, s, http.MethodPost, v, false)
	if a.Status != 400 || a.Body["Code"] != "SignatureDoesNotMatch" {
		t.Fatalf("method mismatch: %d %v", a.Status, a.Body)
	}

	// A parameter changed after signing.
	v = signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-tamper", nil)
	v.Set("PageSize", "20")
	a = rawDo(t, s, http.MethodPost, v, false)
	if a.Body["Code"] != "SignatureDoesNotMatch" {
		t.Fatalf("tampered: %v", a.Body)
	}

	a = rawDo(t, s, http.MethodPost, signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now.Add(-16*time.Minute), "n-old", nil), false)
	if a.Status != 400 || a.Body["Code"] != "InvalidTimeStamp.Expired" {
		t.Fatalf("old timestamp: %d %v", a.Status, a.Body)
	}
	a = rawDo(t, s, http.MethodPost, signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now.Add(-14*time.Minute), "n-14", nil), false)
	if a.Status != 200 {
		t.Fatalf("14-minute-old timestamp should pass: %v", a.Body)
	}

	v = signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-reused", nil)
	if a = rawDo(t, s, http.MethodPost, v, false); a.Status != 200 {
		t.Fatalf("first use of nonce: %v", a.Body)
	}
	a = rawDo(t, s, http.MethodPost, v, false)
	if a.Status != 400 || a.Body["Code"] != "SignatureNonceUsed" {
		t.Fatalf("reused nonce: %d %v", a.Status, a.Body)
	}

	v = signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-nosig", nil)
	v.Del("Signature")
	a = rawDo(t, s, http.MethodPost, v, false)
	if a.Status != 400 || a.Body["Code"] != "MissingParameter" {
		t.Fatalf("no signature: %d %v", a.Status, a.Body)
	}

	a = rawDo(t, s, http.MethodPost, signedValues(http.MethodPost, "DescribeVpcs", "test-ak", "test-sk", now, "n-action", nil), false)
	if a.Status != 404 || a.Body["Code"] != "InvalidAction.NotFound" {
		t.Fatalf("unknown action: %d %v", a.Status, a.Body)
	}
	v = signedValues(http.MethodPost, "DescribeCenBandwidthPackages", "test-ak", "test-sk", now, "n-version", map[string]string{"Version": "2001-01-01"})
	a = rawDo(t, s, http.MethodPost, v, false)
	if a.Status != 400 || a.Body["Code"] != "InvalidVersion" {
		t.Fatalf("unknown version: %d %v", a.Status, a.Body)
	}
	// GA actions do not exist under the CEN version.
	a = rawDo(t, s, http.MethodPost, signedValues(http.MethodPost, "CreateBandwidthPackage", "test-ak", "test-sk", now, "n-cross", nil), false)
	if a.Status != 404 {
		t.Fatalf("GA action under CEN version: %d %v", a.Status, a.Body)
	}
}

func TestNonceCacheIsBounded(t *testing.T) {
	var c nonceCache
	start := time.Now()
	for i := range 1000 {
		if !c.use(string(rune('a'+i%26))+time.Duration(i).String(), start.Add(time.Duration(i)*time.Second)) {
			t.Fatal("fresh nonce refused")
		}
	}
	// 1000 s span with a 15-minute window: the oldest ~100 entries are gone.
	if n := len(c.seen); n > int(timestampWindow/time.Second)+1 {
		t.Fatalf("nonce cache holds %d entries", n)
	}
	if !c.use("a0s", start.Add(2000*time.Second)) {
		t.Fatal("a nonce older than the window should be usable again")
	}
}

func TestSTSCredentials(t *testing.T) {
	s := startServer(t,
		WithSTSCredential("sts-ak", "sts-sk", "token-ok", time.Now().Add(time.Hour)),
		WithSTSCredential("old-ak", "old-sk", "token-old", time.Now().Add(-time.Minute)))
	c, err := cbn.NewClientWithStsToken("cn-hangzhou", "sts-ak", "sts-sk", "token-ok")
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = s.Addr()
	if _, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest()); err != nil {
		t.Fatalf("valid STS: %v", err)
	}
	bad, _ := cbn.NewClientWithStsToken("cn-hangzhou", "sts-ak", "sts-sk", "token-forged")
	bad.Domain = s.Addr()
	_, err = bad.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	wantAPIError(t, err, "InvalidSecurityToken.Malformed", 400)
	old, _ := ga.NewClientWithStsToken("cn-hangzhou", "old-ak", "old-sk", "token-old")
	old.Domain = s.Addr()
	_, err = old.ListBandwidthPackages(ga.CreateListBandwidthPackagesRequest())
	wantAPIError(t, err, "InvalidSecurityToken.Expired", 400)
	// An STS key without its token is refused.
	_, err = cenClientWith(t, s, "sts-ak", "sts-sk").DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.HttpStatus() != 400 {
		t.Fatalf("STS key without token: %v", err)
	}
}

func TestResponsesCarryFreshRequestIDs(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	seen := map[string]bool{}
	for range 3 {
		r, err := c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		if err != nil {
			t.Fatal(err)
		}
		if !requestIDPattern.MatchString(r.RequestId) || seen[r.RequestId] {
			t.Fatalf("RequestId %q is not a fresh upper-case UUID", r.RequestId)
		}
		seen[r.RequestId] = true
		if r.GetHttpHeaders()["X-Acs-Request-Id"][0] != r.RequestId {
			t.Fatal("x-acs-request-id header differs from the body")
		}
	}
	_, err := gaClient(t, s).DescribeBandwidthPackage(ga.CreateDescribeBandwidthPackageRequest())
	se := wantAPIError(t, err, "MissingParameter.BandwidthPackageId", 400)
	if se.HostId() != "ga.cn-hangzhou.aliyuncs.com" || !requestIDPattern.MatchString(se.RequestId()) || se.Recommend() == "" {
		t.Fatalf("error body: host %q id %q recommend %q", se.HostId(), se.RequestId(), se.Recommend())
	}
}
