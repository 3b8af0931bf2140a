package reliability_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/acctest"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// Credential errors are reported at once: a wrong secret or an unknown key
// after at most two calls, an expired STS token with its own diagnostic.
func TestAccReliability_credentials(t *testing.T) {
	t.Parallel()
	acctest.PreCheck(t)
	cases := []struct {
		name     string
		opts     []emulator.Option
		provider func(*emulator.Server) string
		want     string
	}{
		{"wrong secret", nil, func(e *emulator.Server) string {
			return providerBlock(e, acctest.AccessKey, "not-the-secret", "", 0)
		}, `secret key does not match`},
		{"unknown key", nil, func(e *emulator.Server) string {
			return providerBlock(e, "no-such-key", acctest.SecretKey, "", 0)
		}, `access key ID does not exist`},
		{"expired STS token", []emulator.Option{
			emulator.WithSTSCredential("STS.ak", "sts-sk", "sts-token", time.Now().Add(-time.Minute)),
		}, func(e *emulator.Server) string {
			return providerBlock(e, "STS.ak", "sts-sk", "sts-token", 0)
		}, `security token has expired`},
	}
	for _, tc := range cases {
		for _, k := range kinds {
			t.Run(tc.name+"/"+k.name, func(t *testing.T) {
				t.Parallel()
				acctest.PreCheck(t)
				emu := fastEmulator(t, tc.opts...)
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
					Steps: []resource.TestStep{{
						Config:      tc.provider(emu) + fmt.Sprintf(k.config, ""),
						ExpectError: regexp.MustCompile(`(?s)` + tc.want + `.*did not retry`),
					}},
				})
				if n := emu.Stats().Total; n < 1 || n > 2 {
					t.Errorf("%d API calls before the diagnostic, want 1 or 2", n)
				}
				if n := len(emu.Resources()); n != 0 {
					t.Errorf("%d plans bought with bad credentials", n)
				}
			})
		}
	}
}

// A full apply and destroy with TRACE logs, STS credentials from the
// environment: neither the secret key nor the security token appears in the
// logs, the state or the saved plan files.
func TestAccReliability_secretsNeverWritten(t *testing.T) {
	acctest.PreCheck(t)
	const (
		ak     = "STS.reliability-ak"
		secret = "sk-Zq7pSecretValue93"
		token  = "tok-Xw4kSecurityToken51"
	)
	emu := fastEmulator(t, emulator.WithSTSCredential(ak, secret, token, time.Now().Add(time.Hour)))
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "terraform.log")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ak)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", token)
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_ACC_PERSIST_WORKING_DIR", "1")
	// Failed calls are logged with their fields: make some fail.
	emu.AddFault(emulator.Fault{Action: "CreateCenBandwidthPackage", Mode: emulator.FaultError, Count: 1})
	emu.AddFault(emulator.Fault{Action: "*", Mode: emulator.FaultError, Code: "Throttling.User", Status: 400, Count: 4})

	var states []string
	keepState := func(s *terraform.State) error {
		states = append(states, s.String())
		return nil
	}
	cfg := providerBlock(emu, "", "", "", 0) + fmt.Sprintf(cenPlan, `tags = { env = "secret-test" }`) +
		strings.ReplaceAll(fmt.Sprintf(gaPlan, ""), `"test"`, `"other"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		WorkingDir:               work,
		CheckDestroy:             resource.ComposeTestCheckFunc(acctest.CheckPlanCount(emu, 0), keepState),
		Steps: []resource.TestStep{
			{Config: cfg, Check: keepState},
			{Config: strings.Replace(cfg, "bandwidth              = 5", "bandwidth              = 6", 1), Check: keepState},
		},
	})

	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the TRACE log: %v", err)
	}
	// The log must hold the provider's own calls, or the test proves nothing.
	for _, want := range []string{"api_action=CreateCenBandwidthPackage", "API call failed, retrying", "GetProviderSchema"} {
		if !strings.Contains(string(logs), want) {
			t.Fatalf("the TRACE log (%d bytes) lacks %q: provider logs were not captured", len(logs), want)
		}
	}
	files := 0
	scan := func(name string, data []byte) {
		for _, s := range []string{secret, token} {
			if strings.Contains(string(data), s) {
				t.Errorf("%s contains the secret %q", name, s[:6]+"...")
			}
		}
	}
	scan(logPath, logs)
	for i, s := range states {
		scan(fmt.Sprintf("state after step %d", i+1), []byte(s))
	}
	var plans []string
	err = filepath.WalkDir(work, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// Provider binaries and modules are not written by this provider.
		if strings.Contains(p, string(filepath.Separator)+".terraform"+string(filepath.Separator)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		if strings.HasSuffix(p, "tfplan") {
			plans = append(plans, p)
		}
		scan(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) == 0 {
		t.Errorf("no saved plan file among the %d files of %s", files, work)
	}
	t.Logf("scanned %d bytes of log, %d states and %d files (%d plan files)", len(logs), len(states), files, len(plans))
}
