package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// maxAnswer bounds the body read to check an answer; API answers are a few KB.
const maxAnswer = 32 << 20

// answerCheck refuses answers that are not the API's JSON before the SDK
// sees them: the SDK decodes a 200 with an empty body into an empty response
// (a plan "not found", an empty ID), and a proxy's HTML page into an error
// without a code. Each becomes an *apierrors.APIError with a code of its own.
type answerCheck struct{ next http.RoundTripper }

func (a answerCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := a.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if bad := checkAnswer(resp.StatusCode, resp.Header.Get("Content-Type"), body); bad != nil {
		bad.Action = req.URL.Query().Get("Action")
		return nil, bad
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// checkAnswer returns the error for an answer that is not a JSON object, nil
// for one the SDK can decode.
func checkAnswer(status int, contentType string, body []byte) *apierrors.APIError {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed) {
		return nil
	}
	what := "an empty body"
	switch {
	case len(trimmed) == 0:
	case trimmed[0] == '{':
		what = "truncated or invalid JSON"
	default:
		mt, _, _ := mime.ParseMediaType(contentType)
		if mt == "" {
			mt = "no Content-Type"
		}
		what = "a body that is not JSON (" + mt + ")"
	}
	msg := fmt.Sprintf("the endpoint answered HTTP %d with %s", status, what)
	if excerpt := strings.Join(strings.Fields(string(trimmed)), " "); excerpt != "" {
		if len(excerpt) > 120 {
			excerpt = excerpt[:120] + "..."
		}
		msg += ": " + excerpt
	}
	code := apierrors.CodeNotAPI
	switch {
	case status >= 200 && status < 300:
		code = apierrors.CodeBadAnswer
	case status >= 500 || status == http.StatusTooManyRequests:
		code = apierrors.CodeGateway
	}
	return apierrors.NewAPIError(code, msg, "", status, nil)
}

// safeCall runs one SDK call and turns a panic into an error: the SDK's
// error decoding asserts types on the answer's fields ("RequestId": 5 panics),
// and a provider must report a bad answer, never crash on it.
func safeCall(call func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = apierrors.NewAPIError(apierrors.CodePanic, fmt.Sprint(r), "", 0, nil)
		}
	}()
	return call()
}

// redact removes the secret key and security token from an API error's
// message: SignatureDoesNotMatch quotes the string to sign, which carries the
// security token, and diagnostics are printed and logged.
func (c *Client) redact(err error) error {
	api, ok := err.(*apierrors.APIError)
	if !ok || c.creds == nil || c.creds.Provider == nil {
		return err
	}
	cc, cerr := c.creds.Provider.GetCredentials()
	if cerr != nil || cc == nil {
		return err
	}
	for _, s := range []string{cc.AccessKeySecret, cc.SecurityToken} {
		if s != "" {
			api.Message = strings.ReplaceAll(api.Message, s, "***")
			api.Message = strings.ReplaceAll(api.Message, url.QueryEscape(s), "***")
			api.Message = strings.ReplaceAll(api.Message, url.QueryEscape(url.QueryEscape(s)), "***")
		}
	}
	return api
}
