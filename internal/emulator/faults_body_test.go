package emulator

import (
	"errors"
	"strings"
	"testing"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
)

func TestBodyFault(t *testing.T) {
	s := startServer(t)
	c := cenClient(t, s)
	describe := func() (*cbn.DescribeCenBandwidthPackagesResponse, error) {
		return c.DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
	}

	// A proxy's HTML error page: the SDK sees a server error without an API code.
	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultBody, Status: 502,
		ContentType: "text/html", Body: "<html><body>502 Bad Gateway</body></html>", Count: 1})
	_, err := describe()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.HttpStatus() != 502 || se.ErrorCode() != "" || !strings.Contains(se.Message(), "Bad Gateway") {
		t.Fatalf("HTML page: %v", err)
	}

	// Truncated JSON with 200: the typed SDK response fails to decode.
	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultBody, Body: `{"RequestId":"A","TotalCount":`, Count: 1})
	if _, err := describe(); err == nil {
		t.Fatal("truncated JSON decoded without error")
	}

	// A 200 with an empty body decodes to an empty response: the SDK does not notice.
	s.AddFault(Fault{Action: "DescribeCenBandwidthPackages", Mode: FaultBody, Count: 1})
	if resp, err := describe(); err != nil || resp.RequestId != "" || resp.GetHttpStatus() != 200 {
		t.Fatalf("empty body: %v %+v", err, resp)
	}

	// A 2xx body fault processes the call first: the plan is bought, the answer damaged.
	s.AddFault(Fault{Action: "CreateCenBandwidthPackage", Mode: FaultBody, Body: `{"RequestId":"A","CenBandwi`, Count: 1})
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.Bandwidth, req.GeographicRegionAId, req.GeographicRegionBId, req.AutoPay = "10", "China", "China", "true"
	req.ClientToken = "body-fault-token"
	if _, err := c.CreateCenBandwidthPackage(req); err == nil {
		t.Fatal("truncated create answer decoded without error")
	}
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("a 2xx body fault must process the call: %d plans", n)
	}
	// An error-status body fault answers in place of the API.
	s.AddFault(Fault{Action: "CreateCenBandwidthPackage", Mode: FaultBody, Status: 503, Body: "busy", Count: 1})
	req.ClientToken = "body-fault-token-2"
	if _, err := c.CreateCenBandwidthPackage(req); err == nil {
		t.Fatal("503 body fault answered success")
	}
	if n := len(s.Resources()); n != 1 {
		t.Fatalf("an error-status body fault must not process the call: %d plans", n)
	}

	if code := ctl(t, s, "POST", "faults", `{"action":"*","mode":"body","status":302,"body":"x","content_type":"text/plain"}`, nil); code != 200 {
		t.Fatalf("body fault through the control API: %d", code)
	}
	if code := ctl(t, s, "POST", "faults", `{"action":"*","mode":"body","status":700}`, nil); code != 400 {
		t.Fatalf("body fault with status 700 accepted: %d", code)
	}
	s.ClearFaults()
	if _, err := describe(); err != nil {
		t.Fatal(err)
	}
}
