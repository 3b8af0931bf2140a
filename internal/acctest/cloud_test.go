package acctest

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/sweep"
)

func TestModeOf(t *testing.T) {
	for v, want := range map[string]Mode{"": ModeEmulator, "0": ModeEmulator, "1": ModeCloud} {
		got, err := ModeOf(func(string) string { return v })
		if err != nil || got != want {
			t.Errorf("%s=%q: mode %v, %v; want %v", EnvCloud, v, got, err, want)
		}
	}
	for _, v := range []string{"true", "yes", "2"} {
		if _, err := ModeOf(func(string) string { return v }); err == nil {
			t.Errorf("%s=%q accepted: an unclear value must not pick a mode that spends money", EnvCloud, v)
		}
	}
}

func TestCheckCost(t *testing.T) {
	const ok = `
resource "aliyun_cen_bandwidth_package" "a" {
  bandwidth   = 2
  charge_type = "POSTPAY"
  name        = "tf-acc-a"
}
data "aliyun_cen_bandwidth_packages" "all" {}
resource "null_resource" "x" {}
`
	cases := []struct {
		name, body string
		prepay     bool
		want       string
	}{
		{"postpay", ok, false, ""},
		{"prepay", strings.Replace(ok, "POSTPAY", "PREPAY", 1), false, "pay-as-you-go"},
		{"prepay allowed", strings.Replace(ok, "POSTPAY", "PREPAY", 1), true, ""},
		{"charge_type left out", strings.Replace(ok, `charge_type = "POSTPAY"`, "", 1), false, "left out, it is PREPAY"},
		{"charge_type not literal", strings.Replace(ok, `"POSTPAY"`, "var.charge", 1), false, "literal"},
		{"large", strings.Replace(ok, "= 2", "= 6", 1), false, "bandwidth at most 5"},
		{"no prefix", strings.Replace(ok, "tf-acc-a", "mine", 1), false, `start with "tf-acc-"`},
		{"no name", strings.Replace(ok, `name        = "tf-acc-a"`, "", 1), false, `start with "tf-acc-"`},
		{"ga", `resource "aliyun_ga_bandwidth_package" "g" {
  bandwidth = 2
  type      = "Basic"
  name      = "tf-acc-g"
}`, false, "aliyun_ga_bandwidth_package.g: cloud mode buys only pay-as-you-go"},
		{"not HCL", `resource "x" {`, false, "parsing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckCost(c.body, c.prepay)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// cloudEnv sets the environment of a cloud-mode run with fake credentials;
// nothing in these tests reaches the network.
func cloudEnv(t *testing.T) {
	t.Setenv("TF_ACC", "1")
	t.Setenv(EnvCloud, "1")
	t.Setenv(EnvCloudPrepay, "")
	t.Setenv("TF_ACC_TERRAFORM_PATH", "/nonexistent/terraform")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "fake-id")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "fake-secret")
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")
	t.Setenv(sweep.EnvEndpoint, "")
}

// A rehearsal (sweep.EnvEndpoint) sends cloud mode's calls, the provider's
// and the checks', to the URL given; a malformed one is an error, never the
// live API.
func TestCloudModeRehearsal(t *testing.T) {
	cloudEnv(t)
	t.Setenv(sweep.EnvEndpoint, "http://127.0.0.1:18799")
	tg := NewTarget(t)
	if cfg := tg.Config(""); !strings.Contains(cfg, `cen = "http://127.0.0.1:18799"`) || !strings.Contains(cfg, `ga  = "http://127.0.0.1:18799"`) ||
		strings.Contains(cfg, "access_key") {
		t.Errorf("rehearsal configuration:\n%s", cfg)
	}
	if c := tg.Client(); c.CENEndpoint().URL() != "http://127.0.0.1:18799" || c.GAEndpoint().URL() != "http://127.0.0.1:18799" {
		t.Errorf("rehearsal client goes to %s and %s", c.CENEndpoint().URL(), c.GAEndpoint().URL())
	}
	t.Setenv(sweep.EnvEndpoint, "127.0.0.1:18799")
	if _, err := sweep.Endpoint(); err == nil {
		t.Error("an endpoint without a scheme was accepted")
	}
}

func TestCloudMode(t *testing.T) {
	cloudEnv(t)
	if !Cloud() {
		t.Fatal("TF_ACC_CLOUD=1 is not cloud mode")
	}
	tg := NewTarget(t)
	if !tg.Cloud() {
		t.Fatal("the target is not the cloud")
	}
	body := `resource "aliyun_cen_bandwidth_package" "a" {
  bandwidth   = 2
  charge_type = "POSTPAY"
  name        = "` + tg.Name() + `"
}`
	cfg := tg.Config(body)
	if strings.Contains(cfg, "endpoints") || strings.Contains(cfg, "access_key") || !strings.HasSuffix(cfg, body) {
		t.Errorf("cloud configuration does not leave credentials and endpoints to the environment:\n%s", cfg)
	}
	if c := tg.Client(); c.Region != "cn-shanghai" || !strings.HasPrefix(c.CENEndpoint().URL(), "https://") {
		t.Errorf("client region %q, endpoint %q: want the live API over HTTPS", c.Region, c.CENEndpoint().URL())
	}
	if r := emulatorOnly(ModeCloud, "faults"); !strings.Contains(r, "faults") || !strings.Contains(r, EnvCloud) {
		t.Errorf("an emulator test's skip in cloud mode says %q", r)
	}
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if r := prepayRefused(true, getenv); !strings.Contains(r, EnvCloudPrepay) {
		t.Errorf("a PREPAY test in cloud mode without %s: %q", EnvCloudPrepay, r)
	}
	env[EnvCloudPrepay] = "1"
	if r := prepayRefused(true, getenv); r != "" {
		t.Errorf("a PREPAY test refused with %s=1: %q", EnvCloudPrepay, r)
	}
}

// TestEmulatorModeSkipsNothing: without TF_ACC_CLOUD nothing is refused.
func TestEmulatorModeSkipsNothing(t *testing.T) {
	t.Setenv("TF_ACC", "1")
	t.Setenv(EnvCloud, "")
	t.Setenv("TF_ACC_TERRAFORM_PATH", "/nonexistent/terraform")
	if r := emulatorOnly(ModeEmulator, "faults"); r != "" {
		t.Errorf("an emulator test skips in emulator mode: %q", r)
	}
	if r := prepayRefused(false, func(string) string { return "" }); r != "" {
		t.Errorf("a PREPAY test skips in emulator mode: %q", r)
	}
	tg := NewTarget(t)
	tg.Prepay()
	if tg.Cloud() || tg.Emulator("faults") == nil {
		t.Fatal("no emulator in emulator mode")
	}
	if cfg := tg.Config(""); !strings.Contains(cfg, tg.Emulator("").URL()) {
		t.Errorf("configuration does not point at the emulator:\n%s", cfg)
	}
}

func TestEmulatorCheck(t *testing.T) {
	fails := func(*emulator.Server) resource.TestCheckFunc {
		return func(*terraform.State) error { return errors.New("looked") }
	}
	cloud := &Target{t: t}
	if err := cloud.EmulatorCheck("calls", fails)(nil); err != nil {
		t.Errorf("cloud mode ran an emulator-only check: %v", err)
	}
	emu := &Target{t: t, emu: &emulator.Server{}}
	if err := emu.EmulatorCheck("calls", fails)(nil); err == nil {
		t.Error("emulator mode left out an emulator-only check")
	}
	if cloud.Emu() != nil || emu.Emu() == nil {
		t.Error("Emu must be nil in cloud mode only")
	}
}
