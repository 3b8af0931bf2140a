// Command provider-bench builds the provider and the emulator, drives the
// provider with the terraform CLI (dev_overrides) against the standalone
// emulator, and prints a table of figures, also written as JSON.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

type row struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Note  string  `json:"note,omitempty"`
}

var (
	work    string
	rows    []row
	verbose = flag.Bool("v", false, "show terraform output")
)

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "provider-bench.json"), "JSON results file")
	long := flag.Duration("long-delay", 30*time.Second, "the long ready delay of the overshoot measure")
	n := flag.Int("plans", 200, "plans per type for the refresh measure")
	flag.DurationVar(&apiLatency, "api-latency", 50*time.Millisecond,
		"latency the emulator adds to every call in the second refresh measure, like the real API's round trip")
	only := flag.String("only", "economy,overshoot,refresh,ratelimit", "comma-separated measures to run")
	sizes := flag.String("economy-plans", "20,200", "comma-separated plan counts of the economy measure")
	flag.Parse()
	runs := func(name string) bool { return slices.Contains(strings.Split(*only, ","), name) }
	var err error
	if work, err = os.MkdirTemp("", "provider-bench"); err != nil {
		fail(err)
	}
	defer os.RemoveAll(work)
	root, _ := os.Getwd()
	step("building the provider and the emulator")
	run(root, "go", "build", "-o", filepath.Join(work, "bin", "terraform-provider-aliyun"), ".")
	run(root, "go", "build", "-o", filepath.Join(work, "aliyun-emulator"), "./internal/emulator/cmd/aliyun-emulator")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/bwplan/aliyun\" = %q\n  }\n  direct {}\n}\n", filepath.Join(work, "bin"))
	must(os.WriteFile(filepath.Join(work, "terraformrc"), []byte(rc), 0o644))

	if runs("economy") {
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(f)
			must(err)
			for _, kind := range []string{"cen", "ga"} {
				economy(kind, n)
			}
		}
	}
	if runs("overshoot") {
		for _, d := range []time.Duration{0, 3 * time.Second, *long} {
			for _, kind := range []string{"cen", "ga"} {
				overshoot(kind, d)
			}
		}
	}
	if runs("refresh") {
		refresh(*n)
	}
	if runs("ratelimit") {
		rateLimited(50, 20)
	}

	fmt.Printf("\n%-62s %12s  %s\n", "measure", "value", "unit")
	for _, r := range rows {
		fmt.Printf("%-62s %12.2f  %s", r.Name, r.Value, r.Unit)
		if r.Note != "" {
			fmt.Printf("  (%s)", r.Note)
		}
		fmt.Println()
	}
	data, _ := json.MarshalIndent(rows, "", "  ")
	must(os.WriteFile(*out, data, 0o644))
	fmt.Println("\nresults written to", *out)
}

func add(name string, v float64, unit, note string) {
	rows = append(rows, row{name, v, unit, note})
	fmt.Printf("    %s: %.2f %s %s\n", name, v, unit, note)
}

// emulator is a running standalone emulator.
type emulator struct {
	cmd *exec.Cmd
	url string
}

func startEmulator(ready time.Duration, flags ...string) *emulator {
	args := append([]string{"-listen", "127.0.0.1:0", "-ready-after", ready.String(), "-update-after", "0s", "-delete-after", "0s"}, flags...)
	cmd := exec.Command(filepath.Join(work, "aliyun-emulator"), args...)
	stdout, err := cmd.StdoutPipe()
	must(err)
	must(cmd.Start())
	sc := bufio.NewScanner(stdout)
	// The emulator's start line: "aliyun-emulator: http://ADDR (access key ...)".
	re := regexp.MustCompile(`^aliyun-emulator: (http://\S+)`)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return &emulator{cmd: cmd, url: m[1]}
		}
	}
	fail(fmt.Errorf("the emulator did not start"))
	return nil
}

func (e *emulator) stop() { _ = e.cmd.Process.Kill(); _ = e.cmd.Wait() }

func (e *emulator) stats() map[string]int {
	var st struct {
		Calls map[string]int `json:"calls"`
	}
	e.control("GET", "stats", "", &st)
	return st.Calls
}

func (e *emulator) control(method, path, body string, out any) {
	req, _ := http.NewRequest(method, e.url+"/_emulator/"+path, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	must(err)
	defer resp.Body.Close()
	if out != nil {
		must(json.NewDecoder(resp.Body).Decode(out))
	}
}

func diff(after, before map[string]int, match func(string) bool) int {
	n := 0
	for k, v := range after {
		if match(k) {
			n += v - before[k]
		}
	}
	return n
}

func isDescribe(a string) bool { return strings.HasPrefix(a, "Describe") }
func anyCall(string) bool      { return true }

const providerBlock = `
terraform {
  required_providers {
    aliyun = { source = "bwplan/aliyun" }
  }
}

provider "aliyun" {
  region     = "cn-hangzhou"
  access_key = "test-ak"
  secret_key = "test-sk"
  endpoints {
    cen = %q
    ga  = %q
  }
}
`

func plansConfig(e *emulator, kind string, count int) string {
	cfg := fmt.Sprintf(providerBlock, e.url, e.url)
	if kind == "cen" {
		return cfg + fmt.Sprintf(`
resource "aliyun_cen_bandwidth_package" "p" {
  count                  = %d
  bandwidth              = 2
  geographic_region_a_id = "China"
  geographic_region_b_id = "China"
  charge_type            = "POSTPAY"
  name                   = "bench-${count.index}"
  tags                   = { bench = "yes" }
}
`, count)
	}
	return cfg + fmt.Sprintf(`
resource "aliyun_ga_bandwidth_package" "p" {
  count          = %d
  bandwidth      = 2
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  name           = "bench-${count.index}"
  tags           = { bench = "yes" }
}
`, count)
}

// dir writes a configuration into a fresh directory.
func dir(name, cfg string) string {
	d := filepath.Join(work, name)
	must(os.MkdirAll(d, 0o755))
	must(os.WriteFile(filepath.Join(d, "main.tf"), []byte(cfg), 0o644))
	return d
}

// tf runs terraform in d and returns its wall time and error.
func tf(d string, args ...string) (time.Duration, error) {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = d
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+filepath.Join(work, "terraformrc"), "TF_IN_AUTOMATION=1")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if *verbose {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&buf, os.Stdout), io.MultiWriter(&buf, os.Stderr)
	}
	start := time.Now()
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("terraform %s: %v\n%s", strings.Join(args, " "), err, tail(buf.String()))
	}
	return time.Since(start), err
}

func tail(s string) string {
	if len(s) > 3000 {
		return s[len(s)-3000:]
	}
	return s
}

// economy counts the API calls per plan of create (apply), refresh (plan)
// and destroy for n POSTPAY plans with names and no tags, ready 3 s after
// their purchase and gone 1 s after their release, at -parallelism=10: the
// workload of the official provider's figures it is compared with.
func economy(kind string, n int) {
	step(fmt.Sprintf("economy: calls per plan for %d %s plans", n, kind))
	e := startEmulator(3*time.Second, "-delete-after", "1s", "-update-after", "1s")
	defer e.stop()
	cfg := strings.Replace(plansConfig(e, kind, n), `  tags           = { bench = "yes" }`+"\n", "", 1)
	cfg = strings.Replace(cfg, `  tags                   = { bench = "yes" }`+"\n", "", 1)
	wd := dir(fmt.Sprintf("economy-%s-%d", kind, n), cfg)
	official := map[string][3]string{"cen": {"3", "1", "2"}, "ga": {"5", "3", "5"}}[kind]
	goals := map[string][3]float64{"cen": {2, 0.1, 2}, "ga": {3, 0.2, 3}}[kind]
	phases := []struct {
		name string
		args []string
	}{
		{"create (apply)", []string{"apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"}},
		{"refresh (plan)", []string{"plan", "-input=false", "-no-color", "-parallelism=10", "-detailed-exitcode"}},
		{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"}},
	}
	for i, ph := range phases {
		before := e.stats()
		took, err := tf(wd, ph.args...)
		must(err)
		after := e.stats()
		calls := float64(diff(after, before, anyCall)) / float64(n)
		verdict := "meets the goal"
		if calls > goals[i] {
			verdict = "MISSES the goal"
		}
		add(fmt.Sprintf("%s %s, %d plans: API calls per plan", kind, ph.name, n), calls, "calls",
			fmt.Sprintf("official provider %s, goal ≤ %g, %s; %.1f s; %s", official[i], goals[i], verdict, took.Seconds(), callsOf(after, before)))
	}
}

// overshoot applies one plan with the emulator's ready delay d.
func overshoot(kind string, d time.Duration) {
	step(fmt.Sprintf("create overshoot: one %s plan, ready delay %s", kind, d))
	e := startEmulator(d)
	defer e.stop()
	wd := dir(fmt.Sprintf("overshoot-%s-%s", kind, d), plansConfig(e, kind, 1))
	// A plan first, so provider start-up is warm as in any apply.
	_, err := tf(wd, "plan", "-input=false", "-no-color")
	must(err)
	before := e.stats()
	took, err := tf(wd, "apply", "-auto-approve", "-input=false", "-no-color")
	must(err)
	after := e.stats()
	if d == 0 {
		add(fmt.Sprintf("%s apply with ~0 s ready delay (terraform + provider overhead)", kind), took.Seconds(), "s", "")
	} else {
		add(fmt.Sprintf("%s create overshoot at ready delay %s", kind, d), (took - d).Seconds(), "s",
			fmt.Sprintf("apply %.2f s; target ≤ %.1f s", took.Seconds(), max(1, d.Seconds()/10)))
	}
	create := "CreateCenBandwidthPackage"
	if kind == "ga" {
		create = "CreateBandwidthPackage"
	}
	add(fmt.Sprintf("%s Describe calls per create (ready delay %s)", kind, d),
		float64(diff(after, before, isDescribe))/float64(max(1, diff(after, before, func(a string) bool { return a == create }))), "calls", "")
}

// apiLatency is added to every emulator answer in the second refresh
// measure. The emulator answers in microseconds, so Terraform's parallel
// reads hardly overlap; the live API takes tens of milliseconds, and that
// overlap is what the provider's batching of reads turns into fewer calls.
var apiLatency time.Duration

// refresh creates n plans of each type, then times terraform plan, once as
// fast as the emulator answers and once with apiLatency on every call.
func refresh(n int) {
	e := startEmulator(0)
	defer e.stop()
	for _, kind := range []string{"cen", "ga"} {
		step(fmt.Sprintf("refresh: %d %s plans", n, kind))
		wd := dir("refresh-"+kind, plansConfig(e, kind, n))
		_, err := tf(wd, "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
		must(err)
		for _, latency := range []time.Duration{0, apiLatency} {
			label := fmt.Sprintf("%s terraform plan of %d plans, API latency %s", kind, n, latency)
			if latency > 0 {
				e.control("POST", "faults", fmt.Sprintf(`{"action":"*","mode":"latency","latency_ms":%d}`, latency.Milliseconds()), nil)
			}
			before := e.stats()
			peak := sampleVmHWM()
			took, err := tf(wd, "plan", "-input=false", "-no-color", "-detailed-exitcode")
			hwm := peak()
			must(err) // exit code 2 (changes) would be a refresh bug
			after := e.stats()
			e.control("DELETE", "faults", "", nil)
			calls := diff(after, before, anyCall)
			add(label+": wall time", took.Seconds(), "s", "")
			add(label+": API calls", float64(calls), "calls",
				fmt.Sprintf("%.2f per plan; %v", float64(calls)/float64(n), callsOf(after, before)))
			add(label+": provider peak memory (VmHWM)", float64(hwm)/1024, "MB", "target < 100 MB")
		}
	}
}

func callsOf(after, before map[string]int) string {
	var parts []string
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			parts = append(parts, k+"="+strconv.Itoa(d))
		}
	}
	return strings.Join(parts, " ")
}

// rateLimited applies n plans at once under an emulator limit of rps per action.
func rateLimited(n int, rps float64) {
	step(fmt.Sprintf("%d parallel creates under %.0f requests per second", n, rps))
	e := startEmulator(0)
	defer e.stop()
	e.control("POST", "ratelimit", fmt.Sprintf(`{"action":"*","rps":%g}`, rps), nil)
	wd := dir("ratelimit", plansConfig(e, "cen", n))
	before := e.stats()
	took, err := tf(wd, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", n))
	failures := 0
	if err != nil {
		failures = 1
		fmt.Println(err)
	}
	after := e.stats()
	// The bound the limit sets: n creates must each be accepted once, at rps
	// a second. Attempts (throttled ones included) are shown, not counted in
	// the bound, so retries cannot make the ratio look better. The emulator's
	// bucket holds one second's burst, so the true floor is a little lower.
	busiest, busiestName := 0, ""
	for k := range after {
		if d := after[k] - before[k]; d > busiest && k != "total" {
			busiest, busiestName = d, k
		}
	}
	bound := float64(n) / rps
	add(fmt.Sprintf("%d parallel creates at %.0f rps: wall time", n, rps), took.Seconds(), "s",
		fmt.Sprintf("bound %.2f s = %d creates / %.0f rps; ratio %.2f, target ≤ 1.2; busiest action %s: %d attempts",
			bound, n, rps, took.Seconds()/bound, busiestName, busiest))
	add(fmt.Sprintf("%d parallel creates at %.0f rps: failed applies", n, rps), float64(failures), "", "must be 0")
}

// sampleVmHWM polls the provider process's peak resident memory (KB) until
// the returned func is called, which reports the largest seen.
func sampleVmHWM() func() int {
	var mu sync.Mutex
	peak := 0
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if kb := providerHWM(); kb > 0 {
				mu.Lock()
				peak = max(peak, kb)
				mu.Unlock()
			}
		}
	}()
	return func() int {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

func providerHWM() int {
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	best := 0
	for _, p := range procs {
		cmd, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(cmd, []byte(filepath.Join(work, "bin", "terraform-provider-aliyun"))) {
			continue
		}
		status, err := os.ReadFile(filepath.Join(filepath.Dir(p), "status"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.Atoi(f[1])
				best = max(best, kb)
			}
		}
	}
	return best
}

func run(d, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = d, os.Stdout, os.Stderr
	must(cmd.Run())
}

func step(s string) { fmt.Println("==>", s) }

func must(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "provider-bench:", err)
	if work != "" {
		_ = os.RemoveAll(work)
	}
	os.Exit(1)
}
