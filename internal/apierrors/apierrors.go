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
}

// APIError is the normalised form of an error answered by the API.
type APIError struct {
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int
	cause      error
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
		return &APIError{Code: srv.ErrorCode(), Message: srv.Message(), RequestID: srv.RequestId(), HTTPStatus: srv.HttpStatus(), cause: err}, true
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

// AddError appends the diagnostic for err to diags. what names the operation
// and the object, for example `creating CEN bandwidth plan ("my-plan")`.
// has reports whether the resource has an attribute; errors whose table row
// names attributes are attached to those the resource has.
func AddError(diags *diag.Diagnostics, what string, err error, has func(attr string) bool) {
	summary, detail, attrs := Describe(what, err)
	attached := false
	for _, a := range attrs {
		if has != nil && has(a) {
			diags.AddAttributeError(path.Root(a), summary, detail)
			attached = true
		}
	}
	if !attached {
		diags.AddError(summary, detail)
	}
}

// Describe returns the summary, detail and attributes for err.
func Describe(what string, err error) (summary, detail string, attrs []string) {
	api, ok := From(err)
	if !ok {
		return "Error " + what, err.Error(), nil
	}
	e, known := Lookup(api.Code)
	var b strings.Builder
	if known {
		summary = fmt.Sprintf("Error %s: %s", what, e.Summary)
		b.WriteString(e.Detail)
		b.WriteString("\n\n")
	} else {
		summary = fmt.Sprintf("Error %s: %s", what, api.Code)
	}
	fmt.Fprintf(&b, "API error code: %s\nAPI message: %s", api.Code, api.Message)
	if api.RequestID != "" {
		fmt.Fprintf(&b, "\nRequestId: %s", api.RequestID)
	}
	if known {
		attrs = e.Attributes
	}
	return summary, b.String(), attrs
}
