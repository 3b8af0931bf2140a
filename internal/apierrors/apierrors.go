// Package apierrors turns Alibaba Cloud API errors into Terraform diagnostics.
//
// The mapping is data (table.go): one row per documented error code. Code here
// only reads the table; it never grows per-code branches.
package apierrors

import (
	"errors"
	"fmt"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// Entry is one row of the error table.
type Entry struct {
	// Code is the API's error code, for example "UnSupported.ChargeType".
	Code string
	// Summary is a short statement of what went wrong.
	Summary string
	// Detail tells the user what to do next.
	Detail string
	// Attributes are the resource attributes the error concerns, if any.
	// A diagnostic is attached to each one the resource has.
	Attributes []string
	// Retry marks codes that pass by themselves; the client retries them.
	Retry bool
	// Credential marks the credential family: never retried, whatever the
	// caller asks, so a wrong secret fails after one call.
	Credential bool
	// NeedsRAMAction makes the detail name the RAM action to grant.
	NeedsRAMAction bool
	// RateLimit marks the codes a request-rate limit answers: the client
	// paces their retries on a schedule shared by the action's calls
	// (internal/pacer) instead of sleeping a random backoff.
	RateLimit bool
}

// APIError is the normalised form of an error answered by the API.
type APIError struct {
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int
	// Action is the API operation called, for example "CreateCenBandwidthPackage".
	Action string
	// Product is the RAM service prefix of Action ("cen" or "ga"), when known.
	Product string
	// AuthAction is the RAM action the API reported as denied, when it did.
	AuthAction string
	cause      error
}

// NewAPIError wraps cause (an SDK error) with the fields a diagnostic needs.
func NewAPIError(code, message, requestID string, status int, cause error) *APIError {
	return &APIError{Code: code, Message: message, RequestID: requestID, HTTPStatus: status, cause: cause}
}

// RAMAction names the RAM action to grant, such as "cen:CreateCenBandwidthPackage".
func (e *APIError) RAMAction() string {
	switch {
	case e.AuthAction != "":
		return e.AuthAction
	case e.Product != "" && e.Action != "":
		return e.Product + ":" + e.Action
	case e.Action != "":
		return "cen:" + e.Action + " or ga:" + e.Action
	}
	return ""
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %s", e.Code, e.Message)
	if e.RequestID != "" {
		s += " (RequestId: " + e.RequestID + ")"
	}
	return s
}

func (e *APIError) Unwrap() error { return e.cause }

// From extracts the API error from err, whether it is an SDK ServerError,
// an SDK ClientError (transport problems, code such as "SDK.TimeoutError")
// or an *APIError already.
func From(err error) (*APIError, bool) {
	if err == nil {
		return nil, false
	}
	var api *APIError
	if errors.As(err, &api) {
		return api, true
	}
	var srv *sdkerrors.ServerError
	if errors.As(err, &srv) {
		api := &APIError{Code: srv.ErrorCode(), Message: srv.Message(), RequestID: srv.RequestId(), HTTPStatus: srv.HttpStatus(), cause: err}
		if a, ok := srv.AccessDeniedDetail()["AuthAction"].(string); ok {
			api.AuthAction = a
		}
		if api.Code == "" {
			// A body that is not the API's JSON (a proxy's HTML page): keep a short excerpt only.
			api.Message = truncate(api.Message, 200)
		}
		return api, true
	}
	var cli *sdkerrors.ClientError
	if errors.As(err, &cli) {
		return &APIError{Code: cli.ErrorCode(), Message: cli.Message(), cause: err}, true
	}
	return nil, false
}

// Code returns the API error code of err, or "" when err is not an API error.
func Code(err error) string {
	if api, ok := From(err); ok {
		return api.Code
	}
	return ""
}

// IsCode reports whether err is an API error with one of the given codes.
func IsCode(err error, codes ...string) bool {
	c := Code(err)
	if c == "" {
		return false
	}
	for _, want := range codes {
		if strings.EqualFold(c, want) {
			return true
		}
	}
	return false
}

// Lookup finds the table entry of an error code.
func Lookup(code string) (Entry, bool) {
	e, ok := byCode[code]
	return e, ok
}

// Retryable reports whether the table marks err's code as passing by itself.
func Retryable(err error) bool {
	e, ok := Lookup(Code(err))
	return ok && e.Retry
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// Entries returns a copy of the whole table, for tests and docs.
func Entries() []Entry {
	out := make([]Entry, len(table))
	copy(out, table)
	return out
}

var byCode = func() map[string]Entry {
	m := make(map[string]Entry, len(table))
	for _, e := range table {
		if _, dup := m[e.Code]; dup {
			panic("apierrors: duplicate code " + e.Code)
		}
		m[e.Code] = e
	}
	return m
}()

// InSchema is the has func of AddError for a resource whose schema has
// attrs: a code's attribute in the error table gets the diagnostic only
// when the resource has that attribute.
func InSchema[V any](attrs map[string]V) func(attr string) bool {
	return func(attr string) bool {
		_, ok := attrs[attr]
		return ok
	}
}

// AddError appends the diagnostic for err to diags. what names the operation
// and the object, for example `creating CEN bandwidth plan ("my-plan")`.
// has reports whether the resource has an attribute; errors whose table row
// names attributes are attached to those the resource has.
//
// One error gets one diagnostic: it is attached to the first of its
// attributes the resource has (Terraform then prints that line of the
// configuration), and the detail names the others.
func AddError(diags *diag.Diagnostics, what string, err error, has func(attr string) bool) {
	summary, detail, attrs := Describe(what, err)
	var own []string
	for _, a := range attrs {
		if has != nil && has(a) {
			own = append(own, a)
		}
	}
	if len(own) == 0 {
		diags.AddError(summary, detail)
		return
	}
	if len(own) > 1 {
		detail = "Concerns " + strings.Join(own, " and ") + ".\n\n" + detail
	}
	diags.AddAttributeError(path.Root(own[0]), summary, detail)
}

// Describe returns the summary, detail and attributes for err.
func Describe(what string, err error) (summary, detail string, attrs []string) {
	api, ok := From(err)
	if !ok {
		return what, err.Error(), nil
	}
	e, known := Lookup(api.Code)
	var b strings.Builder
	if known {
		summary = fmt.Sprintf("%s: %s", what, e.Summary)
		b.WriteString(e.Detail)
		b.WriteString("\n\n")
		if e.NeedsRAMAction {
			if a := api.RAMAction(); a != "" {
				fmt.Fprintf(&b, "RAM action to grant: %s\n\n", a)
			}
		}
	} else {
		code := api.Code
		if code == "" {
			code = fmt.Sprintf("HTTP %d", api.HTTPStatus)
		}
		summary = fmt.Sprintf("%s: %s", what, code)
	}
	if api.Action != "" {
		fmt.Fprintf(&b, "API action: %s\n", api.Action)
	}
	fmt.Fprintf(&b, "API error code: %s\nAPI message: %s", api.Code, api.Message)
	if api.HTTPStatus != 0 {
		fmt.Fprintf(&b, "\nHTTP status: %d", api.HTTPStatus)
	}
	if api.RequestID != "" {
		fmt.Fprintf(&b, "\nRequestId: %s", api.RequestID)
	}
	if known {
		attrs = e.Attributes
	}
	return summary, b.String(), attrs
}
