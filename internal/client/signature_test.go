package client

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// SignatureDoesNotMatch quotes the string the API signed: the diagnostic
// says what to check and leaves the string out; the debug log keeps it,
// without the secret key or the security token.
func TestSignatureMismatchStringToSignOnlyInDebugLog(t *testing.T) {
	const secret, token = "sk-secret-7d1c", "sts-token/with+chars=="
	// A string to sign as an API echoes it, the security token encoded
	// twice, over several lines (a gateway's canonical form).
	stringToSign := "POST&%2F&AccessKeyId%3Dtest-ak%26Action%3DDescribeCenBandwidthPackages" +
		"%26SecurityToken%3D" + url.QueryEscape(url.QueryEscape(token)) + "%26SignatureMethod%3DHMAC-SHA1\n" +
		"x-acs-signature-nonce:5a4c\nx-acs-date:2026-01-02T03:04:05Z\n/?RegionId=cn-hangzhou\nsecret-in-echo:" + secret
	for name, msg := range map[string]string{
		"RPC wording":   "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign,
		"other wording": "The request signature does not conform to Aliyun standards. StringToSign: " + stringToSign,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeAPI(t, func(int, url.Values) (int, any) { return 400, apiErr("SignatureDoesNotMatch", msg) })
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			ep, err := ParseEndpoint(f.srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			c, err := New(ctx, Config{Credentials: testCreds(t, "test-ak", secret, token), CENEndpoint: ep, GAEndpoint: ep})
			if err != nil {
				t.Fatal(err)
			}
			err = c.Do(ctx, "DescribeCenBandwidthPackages", func() error {
				_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
				return err
			})
			if !apierrors.IsCode(err, "SignatureDoesNotMatch") {
				t.Fatalf("want SignatureDoesNotMatch, got %v", err)
			}
			summary, detail, _ := apierrors.Describe("reading CEN bandwidth plans", err)
			for _, s := range []string{summary, detail, err.Error()} {
				for _, piece := range []string{"POST&%2F", "AccessKeyId%3D", "x-acs-signature-nonce", "secret-in-echo", secret, token, url.QueryEscape(token)} {
					if strings.Contains(s, piece) {
						t.Errorf("diagnostic or error carries %q of the string to sign:\n%s", piece, s)
					}
				}
			}
			if n := strings.Count(detail, "\n"); n > 8 {
				t.Errorf("detail is %d lines long:\n%s", n+1, detail)
			}
			for _, want := range []string{"secret key", "clock", "proxy", "TF_LOG=DEBUG", "RequestId: REQ-SignatureDoesNotMatch"} {
				if !strings.Contains(detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, detail)
				}
			}

			entries, err := tflogtest.MultilineJSONDecode(&logs)
			if err != nil {
				t.Fatal(err)
			}
			var logged string
			for _, e := range entries {
				if s, ok := e["string_to_sign"].(string); ok {
					if e["@level"] != "debug" {
						t.Errorf("string to sign logged at %v, want debug", e["@level"])
					}
					logged = s
				}
				for k, v := range e {
					if s, ok := v.(string); ok && (strings.Contains(s, secret) || strings.Contains(s, token) || strings.Contains(s, url.QueryEscape(token))) {
						t.Errorf("log field %s carries a secret: %s", k, s)
					}
				}
			}
			if !strings.Contains(logged, "POST&%2F&AccessKeyId%3Dtest-ak") || !strings.Contains(logged, "x-acs-signature-nonce:5a4c") {
				t.Errorf("debug log lacks the string to sign; logged %q, all logs:\n%v", logged, entries)
			}
			if n := len(f.Calls()); n != 1 {
				t.Errorf("SignatureDoesNotMatch sent %d times, want once", n)
			}
		})
	}
}
