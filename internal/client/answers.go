package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

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
// message, and moves the string to sign that SignatureDoesNotMatch quotes
// (several lines, carrying the AccessKey ID and the security token) out of
// the message into the debug log: diagnostics are printed and logged, and
// the string only helps whoever compares it with the request sent.
func (c *Client) redact(err error) error {
	api, ok := err.(*apierrors.APIError)
	if !ok || c.creds == nil || c.creds.Provider == nil {
		return err
	}
	var secrets []string
	if cc, cerr := c.creds.Provider.GetCredentials(); cerr == nil && cc != nil {
		secrets = []string{cc.AccessKeySecret, cc.SecurityToken}
	}
	api.Message = scrub(api.Message, secrets)
	if kept, signed, found := cutStringToSign(api.Message); found {
		api.Message = kept
		ctx := c.logCtx
		if ctx == nil {
			ctx = context.Background()
		}
		tflog.Debug(MaskValues(ctx, secrets...), "API error quoted the string it signed", map[string]any{
			"api_action": api.Action, "api_error_code": api.Code, "request_id": api.RequestID, "string_to_sign": signed,
		})
	}
	return api
}

// scrub replaces each secret, plain or URL-encoded once or twice as a
// string to sign holds it, by "***".
func scrub(s string, secrets []string) string {
	for _, v := range secrets {
		if v != "" {
			s = strings.ReplaceAll(s, v, "***")
			s = strings.ReplaceAll(s, url.QueryEscape(v), "***")
			s = strings.ReplaceAll(s, url.QueryEscape(url.QueryEscape(v)), "***")
		}
	}
	return s
}

// stringToSignLabel starts the string to sign in an API message: "server
// string to sign is:" in the RPC APIs' SignatureDoesNotMatch, "StringToSign:"
// in others.
var stringToSignLabel = regexp.MustCompile(`(?i)(?:server\s+)?string[ _-]?to[ _-]?sign(?:\s+is)?\s*:`)

// cutStringToSign splits an API message at the string to sign it quotes.
func cutStringToSign(msg string) (kept, signed string, found bool) {
	loc := stringToSignLabel.FindStringIndex(msg)
	if loc == nil {
		return msg, "", false
	}
	kept = strings.TrimSpace(msg[:loc[0]])
	if kept != "" {
		kept += " "
	}
	kept += "(The string the API signed is left out here; TF_LOG=DEBUG logs it.)"
	return kept, strings.TrimSpace(msg[loc[1]:]), true
}
