package acctest

// This file drives the terraform CLI directly, for what
// terraform-plugin-testing cannot do: interrupt a command halfway, then run
// the next one in the same working directory and state.
//
// The provider is served in-process, as terraform-plugin-testing serves it:
// tf6server in go-plugin's test (debug) mode listens on a local socket and
// hands back a reattach configuration, which every command gets in
// TF_REATTACH_PROVIDERS. Terraform then attaches to the running server
// instead of starting a plugin binary: no build, no `terraform init` (an
// attached provider needs neither an installed package nor a lock file
// entry), and the provider's code runs under the test binary's race
// detector. A test-mode server is not shut down when a command ends, so one
// server answers every command of a test; t.Cleanup stops it.
//
// What Terraform (1.11) does on the first SIGINT to a running apply, as seen
// by these tests: it prints "Interrupt received. Please wait for Terraform to
// exit or data loss may occur. Gracefully shutting down..." and "Stopping
// operation...", starts no new operation, and calls StopProvider, which
// makes tf6server cancel the context of every request in flight (a provider
// polling for a plan to become ready sees ctx.Done()). It then waits for the
// running operations to return, records in state what they returned, reports
// "execution halted" and exits 1. A second SIGINT would make it exit at once
// without waiting for them, losing what they would have returned;
// RunInterrupt sends only the first.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/bwplan/terraform-provider-aliyun/internal/provider"
)

// ProviderAddress is the provider's source address, as main.go serves it.
const ProviderAddress = "registry.terraform.io/bwplan/aliyun"

// impliedAddress is the address Terraform gives a provider named "aliyun"
// that no required_providers block declares.
const impliedAddress = "registry.terraform.io/hashicorp/aliyun"

// InterruptBound is how long RunInterrupt waits for its condition before it
// fails the test.
const InterruptBound = 2 * time.Minute

// Workdir is a terraform working directory of its own (configuration, state,
// data directory and an empty CLI configuration) whose commands reach a
// provider served in this test process. Configurations need no terraform
// block: the server is attached both as ProviderAddress and as the address
// Terraform implies for a provider named "aliyun".
//
//	acctest.PreCheck(t)
//	emu := acctest.Emulator(t, emulator.WithReadyDelay(30*time.Second))
//	w := acctest.NewWorkdir(t)
//	w.SetConfig(acctest.Config(emu, `resource "aliyun_cen_bandwidth_package" "p" { ... }`))
//	res := w.RunInterrupt(t.Context(), func() bool {
//		return emu.Calls("DescribeCenBandwidthPackages") >= 1
//	}, "apply", "-auto-approve", "-json")
//	// res.ExitCode, res.Diagnostics, res.Stdout
//	res = w.Run(t.Context(), "apply", "-auto-approve", "-json")
//	rs, ok := w.State().Resource("aliyun_cen_bandwidth_package.p") // rs.Tainted, rs.Values["id"]
//
// Commands run with TF_IN_AUTOMATION=1, TF_INPUT=0 and CHECKPOINT_DISABLE=1
// (no network); TF_ variables of the test's environment other than TF_LOG*
// are not passed on. Human-readable output is colored unless the command is
// given -no-color.
type Workdir struct {
	t         *testing.T
	dir       string
	terraform string
	env       []string
}

// Result is what one terraform command did.
type Result struct {
	Args     []string
	ExitCode int // -1 when the process was killed (ctx done)
	Stdout   string
	Stderr   string
	// Diagnostics are the "diagnostic" messages of a -json stream, in order.
	Diagnostics []Diagnostic
	// Elapsed is the command's wall time, start to exit.
	Elapsed time.Duration
	// AfterInterrupt is, for RunInterrupt, the time from the SIGINT to the
	// exit; zero for Run.
	AfterInterrupt time.Duration
}

// Diagnostic is one diagnostic of a -json stream.
type Diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// State is the part of `terraform show -json` tests look at.
type State struct {
	Resources []StateResource
}

// StateResource is one resource instance in state.
type StateResource struct {
	Address    string         `json:"address"`
	Mode       string         `json:"mode"`
	Type       string         `json:"type"`
	Provider   string         `json:"provider_name"`
	Values     map[string]any `json:"values"`
	Tainted    bool           `json:"tainted"`
	DeposedKey string         `json:"deposed_key"`
}

// NewWorkdir serves the provider in-process and creates an empty working
// directory for t; both go away when t ends. Call PreCheck first.
func NewWorkdir(t *testing.T) *Workdir {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("no terraform CLI: %v", err)
		}
	}
	reattach := serveProvider(t)

	root := t.TempDir()
	w := &Workdir{t: t, dir: filepath.Join(root, "work"), terraform: bin}
	cliConfig := filepath.Join(root, "terraform.rc")
	for _, err := range []error{os.Mkdir(w.dir, 0o755), os.WriteFile(cliConfig, nil, 0o644)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.env = append(inheritedEnv(),
		"TF_REATTACH_PROVIDERS="+reattach,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_DATA_DIR="+filepath.Join(root, "data"),
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
	)
	return w
}

// Dir is the working directory, where main.tf and terraform.tfstate live.
func (w *Workdir) Dir() string { return w.dir }

// SetConfig replaces main.tf with hcl.
func (w *Workdir) SetConfig(hcl string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(hcl), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// Run runs terraform with args and waits for it to exit. A non-zero exit is
// returned, not reported: the test decides whether it expected one.
func (w *Workdir) Run(ctx context.Context, args ...string) Result {
	w.t.Helper()
	cmd, stdout, stderr := w.command(ctx, args)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		w.t.Fatalf("starting terraform %s: %v", strings.Join(args, " "), err)
	}
	return w.wait(cmd, args, start, stdout, stderr)
}

// RunInterrupt starts terraform with args, polls until, sends the process
// one SIGINT as soon as until returns true, and waits for it to exit. It
// fails the test if until is not true within InterruptBound or if terraform
// exits before it is.
func (w *Workdir) RunInterrupt(ctx context.Context, until func() bool, args ...string) Result {
	w.t.Helper()
	cmd, stdout, stderr := w.command(ctx, args)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		w.t.Fatalf("starting terraform %s: %v", strings.Join(args, " "), err)
	}
	exited := make(chan Result, 1)
	go func() { exited <- w.wait(cmd, args, start, stdout, stderr) }()

	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	bound := time.After(InterruptBound)
	for !until() {
		select {
		case res := <-exited:
			w.t.Fatalf("terraform exited before the interrupt condition held (ctx: %v)\n%s", ctx.Err(), res)
		case <-bound:
			_ = cmd.Process.Kill()
			w.t.Fatalf("interrupt condition not true within %s\n%s", InterruptBound, <-exited)
		case <-tick.C:
		}
	}
	interrupted := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		w.t.Fatalf("interrupting terraform: %v", err)
	}
	res := <-exited
	res.AfterInterrupt = time.Since(interrupted)
	return res
}

// State returns the state as `terraform show -json` reports it; it fails
// the test if the command fails.
func (w *Workdir) State() State {
	w.t.Helper()
	res := w.Run(w.t.Context(), "show", "-json")
	if res.ExitCode != 0 {
		w.t.Fatalf("reading state\n%s", res)
	}
	var out struct {
		Values struct {
			RootModule module `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &out); err != nil {
		w.t.Fatalf("decoding terraform show -json: %v\n%s", err, res.Stdout)
	}
	var st State
	out.Values.RootModule.collect(&st.Resources)
	return st
}

// Resource returns the resource instance at address.
func (s State) Resource(address string) (StateResource, bool) {
	for _, r := range s.Resources {
		if r.Address == address && r.DeposedKey == "" {
			return r, true
		}
	}
	return StateResource{}, false
}

// String is the command, its exit code and its output, for failure messages.
func (r Result) String() string {
	return fmt.Sprintf("terraform %s: exit %d after %s\n--- stdout\n%s--- stderr\n%s",
		strings.Join(r.Args, " "), r.ExitCode, r.Elapsed.Round(time.Millisecond), r.Stdout, r.Stderr)
}

type module struct {
	Resources    []StateResource `json:"resources"`
	ChildModules []module        `json:"child_modules"`
}

func (m module) collect(into *[]StateResource) {
	*into = append(*into, m.Resources...)
	for _, c := range m.ChildModules {
		c.collect(into)
	}
}

func (w *Workdir) command(ctx context.Context, args []string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, w.terraform, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	// A killed terraform may leave nothing holding the pipes open, but do not
	// wait on them forever if it does.
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

func (w *Workdir) wait(cmd *exec.Cmd, args []string, start time.Time, stdout, stderr *bytes.Buffer) Result {
	err := cmd.Wait()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Elapsed: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
	default:
		res.ExitCode = -1
		res.Stderr += fmt.Sprintf("\n(harness: %v)", err)
	}
	res.Diagnostics = diagnostics(res.Stdout)
	return res
}

// diagnostics picks the diagnostic messages out of a -json stream; other
// lines, and output that is not JSON, are skipped.
func diagnostics(stdout string) []Diagnostic {
	var out []Diagnostic
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var msg struct {
			Type       string      `json:"type"`
			Diagnostic *Diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil {
			out = append(out, *msg.Diagnostic)
		}
	}
	return out
}

// inheritedEnv is the test's environment without the TF_ variables that
// would change what a command does (TF_LOG and its kin stay, for debugging).
func inheritedEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "TF_LOG") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// serveProvider serves the provider in go-plugin's test mode until t ends
// and returns the TF_REATTACH_PROVIDERS value that points Terraform at it.
func serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig, 1)
	serveErr := make(chan error, 1)
	go func() {
		// Serve returns once the server has stopped: when ctx is done.
		serveErr <- tf6server.Serve(ProviderAddress, providerserver.NewProtocol6(provider.New("test")()),
			tf6server.WithDebug(ctx, reattachCh, nil),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
		)
	}()
	stopped := false
	t.Cleanup(func() {
		cancel()
		if !stopped {
			if err := <-serveErr; err != nil {
				t.Errorf("serving the provider: %v", err)
			}
		}
	})

	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattachCh:
	case err := <-serveErr:
		stopped = true
		t.Fatalf("serving the provider: stopped before it listened: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serving the provider: no reattach configuration within 30s")
	}
	type addr struct{ Network, String string }
	server := map[string]any{
		"Protocol":        string(rc.Protocol),
		"ProtocolVersion": rc.ProtocolVersion,
		"Pid":             rc.Pid,
		"Test":            rc.Test,
		"Addr":            addr{rc.Addr.Network(), rc.Addr.String()},
	}
	reattach, err := json.Marshal(map[string]any{ProviderAddress: server, impliedAddress: server})
	if err != nil {
		t.Fatal(err)
	}
	return string(reattach)
}
