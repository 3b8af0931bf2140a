package apierrors

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// documentedCodes lists every error code named in ../shared/api-docs (the
// four create pages and BEHAVIOUR.md) and in issue 2. Kept here so the test
// runs where the shared folder is absent; TestDocsCodesListed checks the list
// against the docs when they are present.
var documentedCodes = []string{
	// 000 and 001: CreateCenBandwidthPackage.
	"UnSupported.ChargeType",
	"ParameterIllegal.BandwidthPackage",
	"OperationInvalid.UserCanNotBuyCrossBorderBwp",
	"OperationInvalid.UserCanNotBuyBwp",
	"Order.AccountStatusIllegal",
	"InvalidParameter",
	"Unauthorized",
	"PayFor.AccountMoneyValidateError",
	// 003: GA CreateBandwidthPackage.
	"MissingParameter.BandwidthType",
	"UnknownError",
	// BEHAVIOUR.md.
	"ParameterCenInstanceId",
	"Operation.Blocking",
	"InvalidStatus.Resource",
	"InvalidOperation.CenBandwidthLimitsNotZero",
	"Forbidden.Release",
	"ParameterBwpInstanceId",
	"Throttling",
	"Throttling.User",
	"ServiceUnavailable",
	"NotExist.BandwidthPackage",
	"StateError.BandwidthPackage",
	"StateError.Accelerator",
	"UpgradeError.BandwidthPackage",
	"GreaterThanGa.IpSetBandwidth",
	"BandwidthIllegal.BandwidthPackage",
	"BindExist.BandwidthPackage",
	// Issue 2: throttling family and credentials.
	"Throttling.Api",
	"InternalError",
	"InvalidAccessKeyId.NotFound",
	"SignatureDoesNotMatch",
	"InvalidSecurityToken.Expired",
	"Forbidden.RAM",
}

var knownAttributes = map[string]bool{
	"bandwidth": true, "bandwidth_type": true, "charge_type": true,
	"geographic_region_a_id": true, "geographic_region_b_id": true,
	"instance_id": true, "accelerator_id": true, "bandwidth_package_id": true,
}

func TestTableCoversDocumentedCodes(t *testing.T) {
	for _, code := range documentedCodes {
		if _, ok := Lookup(code); !ok {
			t.Errorf("documented code %s is not in the error table", code)
		}
	}
}

// TestDocsCodesListed reads the API pages when the shared folder is beside
// the repository, so a code added to the docs cannot be missed.
func TestDocsCodesListed(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "api-docs")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("api-docs not present at %s; documentedCodes is checked alone", dir)
	}
	listed := map[string]bool{}
	for _, c := range documentedCodes {
		listed[c] = true
	}
	// Error rows of the pages: "| 400 | Code |" or "400 Code Message".
	row := regexp.MustCompile(`(?m)^\|?\s*(?:400|403|404|500|503)\s*\|?\s*([A-Z][A-Za-z]+(?:\.[A-Za-z]+)+|[A-Z][A-Za-z]+)\b`)
	// Codes in backticks in BEHAVIOUR.md that look like error codes.
	tick := regexp.MustCompile("`([A-Z][A-Za-z]+(?:\\.[A-Za-z]+)+|Throttling|ServiceUnavailable|ParameterCenInstanceId|ParameterBwpInstanceId)`")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var found [][]string
		found = append(found, row.FindAllStringSubmatch(string(b), -1)...)
		if e.Name() == "BEHAVIOUR.md" {
			found = append(found, tick.FindAllStringSubmatch(string(b), -1)...)
		}
		for _, m := range found {
			if !listed[m[1]] {
				t.Errorf("%s names error code %s, missing from documentedCodes (and maybe the table)", e.Name(), m[1])
			}
		}
	}
}

func TestTableRowsAreComplete(t *testing.T) {
	for _, e := range Entries() {
		if e.Summary == "" || e.Detail == "" {
			t.Errorf("%s: summary and detail are required", e.Code)
		}
		if e.Credential && e.Retry {
			t.Errorf("%s: a credential error is never retried", e.Code)
		}
		for _, a := range e.Attributes {
			if !knownAttributes[a] {
				t.Errorf("%s: attribute %q is not one of the resources' attributes", e.Code, a)
			}
		}
	}
	for _, c := range []string{"InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch", "InvalidSecurityToken.Expired", "Forbidden.RAM"} {
		if e, _ := Lookup(c); !e.Credential {
			t.Errorf("%s must be in the credential family", c)
		}
	}
	for c, retry := range map[string]bool{
		"UnknownError": true, "Throttling.Api": true, "Operation.Blocking": true, "PayFor.AccountMoneyValidateError": false, "GreaterThanGa.IpSetBandwidth": false,
		// Another operation passes by itself; a busy plan, an order and a refused value do not.
		"OperationFailed.OperationIsProcessing": true, "InvalidOperation.BwpInstanceStatus": false,
		"OperationFailed.OrderIsProcessing": false, "COMMODITY.INVALID_COMPONENT": false, "QuotaExceeded.TagNum": false,
	} {
		if e, _ := Lookup(c); e.Retry != retry {
			t.Errorf("%s: Retry = %v, want %v", c, e.Retry, retry)
		}
	}
}

func serverError(status int, body string) error {
	return sdkerrors.NewServerError(status, body, "")
}

func TestDescribeCarriesRequestIdNotHeaders(t *testing.T) {
	se := serverError(400, `{"RequestId":"REQ-42","HostId":"cbn.aliyuncs.com","Code":"UnSupported.ChargeType","Message":"The charge type is not supported.","Recommend":"x"}`).(*sdkerrors.ServerError)
	se.RespHeaders = map[string][]string{"X-Acs-Request-Id": {"REQ-42"}, "Set-Cookie": {"secret-cookie"}}
	summary, detail, attrs := Describe(`creating CEN bandwidth plan ("p")`, se)
	if !strings.Contains(summary, "billing method is not supported") {
		t.Errorf("summary %q", summary)
	}
	if !strings.Contains(detail, "RequestId: REQ-42") {
		t.Errorf("detail lacks RequestId:\n%s", detail)
	}
	if strings.Contains(detail, "secret-cookie") || strings.Contains(detail, "Set-Cookie") {
		t.Errorf("detail carries headers:\n%s", detail)
	}
	if len(attrs) != 1 || attrs[0] != "charge_type" {
		t.Errorf("attrs %v", attrs)
	}
}

func TestUnknownCodeReportsCodeMessageRequestId(t *testing.T) {
	err := serverError(400, `{"RequestId":"REQ-7","Code":"Brand.NewCode","Message":"something new"}`)
	summary, detail, _ := Describe("reading X", err)
	for _, want := range []string{"Brand.NewCode"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary %q lacks %q", summary, want)
		}
	}
	for _, want := range []string{"Brand.NewCode", "something new", "REQ-7"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail lacks %q:\n%s", want, detail)
		}
	}
	// A non-JSON gateway page: status shown, body cut short.
	summary, detail, _ = Describe("reading X", serverError(502, strings.Repeat("<html>", 200)))
	if !strings.Contains(summary, "HTTP 502") || len(detail) > 600 {
		t.Errorf("gateway error: %q / %d chars", summary, len(detail))
	}
}

func TestAddErrorAttachesToAttributesTheResourceHas(t *testing.T) {
	err := &APIError{Code: "OperationInvalid.UserCanNotBuyCrossBorderBwp", Message: "m", RequestID: "R"}
	var d diag.Diagnostics
	AddError(&d, "creating", err, func(a string) bool { return a == "geographic_region_a_id" || a == "geographic_region_b_id" })
	// One problem, one diagnostic: on the first attribute, naming both.
	if len(d) != 1 {
		t.Fatalf("want one diagnostic for one error, got %d: %v", len(d), d)
	}
	wp, ok := d[0].(diag.DiagnosticWithPath)
	if !ok || wp.Path().String() != "geographic_region_a_id" {
		t.Errorf("diagnostic not attached to geographic_region_a_id: %v", d[0])
	}
	if !strings.Contains(d[0].Detail(), "geographic_region_a_id and geographic_region_b_id") {
		t.Errorf("detail does not name both attributes: %s", d[0].Detail())
	}
	if strings.HasPrefix(d[0].Summary(), "Error ") {
		t.Errorf("summary %q starts with Error (Terraform adds that itself)", d[0].Summary())
	}
	d = nil
	AddError(&d, "creating", err, func(string) bool { return false })
	if len(d) != 1 {
		t.Fatalf("want a plain diagnostic, got %d", len(d))
	}
}

func TestRAMActionNamed(t *testing.T) {
	err := &APIError{Code: "Unauthorized", Message: "The AccessKeyId is unauthorized.", RequestID: "R", Action: "CreateCenBandwidthPackage", Product: "cen"}
	_, detail, _ := Describe("creating", err)
	if !strings.Contains(detail, "cen:CreateCenBandwidthPackage") {
		t.Errorf("detail lacks the RAM action:\n%s", detail)
	}
	// The API's own AccessDeniedDetail wins.
	se := serverError(403, `{"RequestId":"R","Code":"Forbidden.RAM","Message":"denied","AccessDeniedDetail":{"AuthAction":"ga:CreateBandwidthPackage"}}`)
	_, detail, _ = Describe("creating", se)
	if !strings.Contains(detail, "ga:CreateBandwidthPackage") {
		t.Errorf("detail lacks the API's AuthAction:\n%s", detail)
	}
	if !errors.Is(se, se) {
		t.Fatal("unreachable")
	}
}

// providerActions are the CEN and GA actions the provider calls, as the official API
// metadata names them (internal/emulator/testdata/official-metadata.json).
var providerActions = map[string][]string{
	"cbn": {"CreateCenBandwidthPackage", "DescribeCenBandwidthPackages", "ModifyCenBandwidthPackageAttribute",
		"ModifyCenBandwidthPackageSpec", "DeleteCenBandwidthPackage", "TagResources", "UntagResources", "ListTagResources"},
	"ga": {"CreateBandwidthPackage", "DescribeBandwidthPackage", "ListBandwidthPackages", "UpdateBandwidthPackage",
		"DeleteBandwidthPackage", "UpdateBandwidthPackagaAutoRenewAttribute", "DescribeBandwidthPackageAutoRenewAttribute",
		"TagResources", "UntagResources", "ListTagResources", "ChangeResourceGroup"},
}

// TestTableCoversMetadataCodes reads the vendored official API metadata: every error code it
// documents for an action the provider calls must have a row, so a code added to the metadata
// (or an action the provider starts calling) cannot be missed.
func TestTableCoversMetadataCodes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "emulator", "testdata", "official-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Products map[string]struct {
			Actions map[string]struct {
				Errors []struct {
					Status int    `json:"status"`
					Code   string `json:"code"`
				} `json:"errors"`
			} `json:"actions"`
		} `json:"products"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	codes := 0
	for prod, actions := range providerActions {
		for _, action := range actions {
			a, ok := meta.Products[prod].Actions[action]
			if !ok {
				t.Errorf("%s %s: the provider calls it, the metadata does not list it", prod, action)
				continue
			}
			for _, e := range a.Errors {
				codes++
				if _, ok := Lookup(e.Code); !ok {
					t.Errorf("%s %s documents %s (HTTP %d), missing from the error table", prod, action, e.Code, e.Status)
				}
			}
		}
	}
	for prod, p := range meta.Products {
		for action := range p.Actions {
			if !slices.Contains(providerActions[prod], action) {
				t.Errorf("the metadata lists %s %s, which providerActions does not: add it if the provider calls it", prod, action)
			}
		}
	}
	if codes == 0 {
		t.Fatal("the metadata documents no error code: is the file complete?")
	}
}
