package main

import (
	"bufio"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// startLine is the line scripts wait for (scripts/lib.sh, internal/benchmark): the endpoint
// right after the command's name.
var startLine = regexp.MustCompile(`^aliyun-emulator: (http://\S+) \(`)

// running is run() started in the background.
type running struct {
	url  string
	done chan int
	out  chan []string // every line printed, once run has returned
	err  *strings.Builder
}

// start runs the command with args until its start line and returns its endpoint.
func start(t *testing.T, args ...string) *running {
	t.Helper()
	pr, pw := io.Pipe()
	r := &running{done: make(chan int, 1), out: make(chan []string, 1), err: &strings.Builder{}}
	go func() {
		r.done <- run(args, pw, r.err)
		pw.Close()
	}()
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		var lines []string
		for sc.Scan() {
			if len(lines) == 0 {
				first <- sc.Text()
			}
			lines = append(lines, sc.Text())
		}
		r.out <- lines
	}()
	var line string
	select {
	case line = <-first:
	case code := <-r.done:
		t.Fatalf("exited with %d before its start line: %s", code, r.err.String())
	}
	m := startLine.FindStringSubmatch(line)
	if m == nil || !strings.HasPrefix(m[1], "http://127.0.0.1:") || strings.HasSuffix(m[1], ":0") {
		t.Fatalf("first line is not a start line with a usable endpoint: %q", line)
	}
	r.url = m[1]
	return r
}

// stop sends SIGTERM, which run catches, and returns everything it printed.
func (r *running) stop(t *testing.T) []string {
	t.Helper()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-r.done:
		if code != 0 {
			t.Fatalf("exit code %d: %s", code, r.err.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not shut down on SIGTERM")
	}
	return <-r.out
}

func controlStatus(t *testing.T, url, token string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+"/_emulator/stats", nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set(emulator.ControlTokenHeader, token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRunPrintsOneStartLineAndStopsOnSIGTERM(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	r := start(t, "-listen", "127.0.0.1:0", "-access-key-id", "AK", "-access-key-secret", "SK", "-ready-after", "10ms", "-state", state)
	if code := controlStatus(t, r.url, ""); code != 200 {
		t.Fatalf("control API from loopback: %d", code)
	}
	lines := r.stop(t)
	want := r.url + " (access key AK, control API: loopback only)"
	if len(lines) != 2 || lines[0] != "aliyun-emulator: "+want || !strings.HasSuffix(lines[1], "shutting down") {
		t.Fatalf("want the start line then the shutdown line, got:\n%s", strings.Join(lines, "\n"))
	}
	if strings.Contains(strings.Join(lines, "\n"), "SK") {
		t.Fatalf("the secret is printed without -v:\n%s", strings.Join(lines, "\n"))
	}
}

func TestRunVerbose(t *testing.T) {
	r := start(t, "-listen", "127.0.0.1:0", "-access-key-id", "AK", "-access-key-secret", "SK", "-v")
	out := strings.Join(r.stop(t), "\n")
	for _, want := range []string{"Cbn 2017-09-12", `access key id "AK", secret "SK"`, "read after create 0s", r.url + "/_emulator/"} {
		if !strings.Contains(out, want) {
			t.Fatalf("-v output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunControlToken(t *testing.T) {
	r := start(t, "-listen", "127.0.0.1:0", "-control-token", "s3cret")
	codes := []int{controlStatus(t, r.url, ""), controlStatus(t, r.url, "wrong"), controlStatus(t, r.url, "s3cret")}
	lines := r.stop(t)
	if codes[0] != 401 || codes[1] != 403 || codes[2] != 200 {
		t.Fatalf("control API without, with a wrong and with the token: %v", codes)
	}
	if !strings.HasSuffix(lines[0], "(access key test-ak, control API: token in X-Emulator-Control-Token)") {
		t.Fatalf("start line does not say the token is needed: %q", lines[0])
	}
	if strings.Contains(lines[0], "s3cret") {
		t.Fatalf("start line prints the token: %q", lines[0])
	}
}

func TestRunReadAfterCreate(t *testing.T) {
	r := start(t, "-listen", "127.0.0.1:0", "-read-after-create", "1h")
	c, err := cbn.NewClientWithAccessKey("cn-hangzhou", "test-ak", "test-sk")
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = strings.TrimPrefix(r.url, "http://")
	c.GetConfig().Scheme = "HTTP"
	create := cbn.CreateCreateCenBandwidthPackageRequest()
	create.Bandwidth, create.GeographicRegionAId, create.GeographicRegionBId = requests.NewInteger(10), "China", "China"
	create.AutoPay, create.BandwidthPackageChargeType = "true", "POSTPAY"
	created, err := c.CreateCenBandwidthPackage(create)
	if err != nil {
		t.Fatal(err)
	}
	describe := cbn.CreateDescribeCenBandwidthPackagesRequest()
	describe.Filter = &[]cbn.DescribeCenBandwidthPackagesFilter{{Key: "CenBandwidthPackageId", Value: &[]string{created.CenBandwidthPackageId}}}
	got, err := c.DescribeCenBandwidthPackages(describe)
	r.stop(t)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.CenBandwidthPackages.CenBandwidthPackage); n != 0 {
		t.Fatalf("-read-after-create 1h: a new plan is listed at once (%d)", n)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-ready-after", "soon"},
		{"-ready-after", "-1s"},
		{"-read-after-create", "-2s"},
		{"-delete-after", "-1ms"},
	} {
		var out, errOut strings.Builder
		if code := run(args, &out, &errOut); code != 2 {
			t.Fatalf("%v: exit code %d", args, code)
		}
		if out.Len() != 0 || errOut.Len() == 0 {
			t.Fatalf("%v: stdout %q, stderr %q", args, out.String(), errOut.String())
		}
	}
}
