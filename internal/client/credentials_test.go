package client

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cleanEnv clears every variable the resolver reads and gives the test an
// empty HOME, so the developer's own credentials never leak in.
func cleanEnv(t *testing.T) string {
	t.Helper()
	for _, names := range [][]string{EnvAccessKey, EnvSecretKey, EnvSecurityToken, EnvRegion} {
		for _, n := range names {
			t.Setenv(n, "")
		}
	}
	t.Setenv(EnvProfile, "")
	t.Setenv(EnvECSRole, "")
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "")
	home := t.TempDir()
	t.Setenv(homeEnv(), home)
	return home
}

const cliConfig = `{
  "current": "main",
  "profiles": [
    {"name": "main",  "mode": "AK", "access_key_id": "profile-main-ak", "access_key_secret": "profile-main-sk"},
    {"name": "other", "mode": "StsToken", "access_key_id": "profile-other-ak", "access_key_secret": "profile-other-sk", "sts_token": "profile-other-token"}
  ]
}`

func writeCLIConfig(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "config.json")
	if err := os.WriteFile(p, []byte(cliConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func resolvedAK(t *testing.T, cfg CredentialConfig) (ak, token, source string) {
	t.Helper()
	c, err := ResolveCredentials(cfg)
	if err != nil {
		t.Fatalf("ResolveCredentials: %v", err)
	}
	cc, err := c.Provider.GetCredentials()
	if err != nil {
		t.Fatalf("GetCredentials: %v", err)
	}
	return cc.AccessKeyId, cc.SecurityToken, c.Source
}

func TestCredentialPrecedence(t *testing.T) {
	t.Run("attributes win over everything", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-ak")
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-sk")
		t.Setenv(EnvECSRole, "role")
		ak, token, src := resolvedAK(t, CredentialConfig{AccessKey: "attr-ak", SecretKey: "attr-sk", SecurityToken: "attr-tok"})
		if ak != "attr-ak" || token != "attr-tok" || !strings.Contains(src, "provider block") {
			t.Fatalf("got %s/%s from %s", ak, token, src)
		}
	})
	t.Run("environment, new names before old", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-ak")
		t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-sk")
		t.Setenv("ALICLOUD_ACCESS_KEY", "old-ak")
		t.Setenv("ALICLOUD_SECRET_KEY", "old-sk")
		t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "env-tok")
		ak, token, src := resolvedAK(t, CredentialConfig{})
		if ak != "env-ak" || token != "env-tok" || !strings.Contains(src, "ALIBABA_CLOUD_ACCESS_KEY_ID") {
			t.Fatalf("got %s/%s from %s", ak, token, src)
		}
	})
	t.Run("older ALICLOUD names", func(t *testing.T) {
		cleanEnv(t)
		t.Setenv("ALICLOUD_ACCESS_KEY", "old-ak")
		t.Setenv("ALICLOUD_SECRET_KEY", "old-sk")
		if ak, _, _ := resolvedAK(t, CredentialConfig{}); ak != "old-ak" {
			t.Fatalf("got %s", ak)
		}
	})
	t.Run("profile: current one of ~/.aliyun/config.json", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		t.Setenv(EnvECSRole, "role") // profile comes first
		ak, _, src := resolvedAK(t, CredentialConfig{})
		if ak != "profile-main-ak" || !strings.Contains(src, "CLI profile") {
			t.Fatalf("got %s from %s", ak, src)
		}
	})
	t.Run("profile named by attribute", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		ak, token, _ := resolvedAK(t, CredentialConfig{Profile: "other"})
		if ak != "profile-other-ak" || token != "profile-other-token" {
			t.Fatalf("got %s/%s", ak, token)
		}
	})
	t.Run("profile named by ALIBABA_CLOUD_PROFILE", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		t.Setenv(EnvProfile, "other")
		if ak, _, _ := resolvedAK(t, CredentialConfig{}); ak != "profile-other-ak" {
			t.Fatalf("got %s", ak)
		}
	})
	t.Run("shared_credentials_file elsewhere", func(t *testing.T) {
		home := cleanEnv(t)
		file := writeCLIConfig(t, filepath.Join(t.TempDir(), "elsewhere"))
		ak, _, src := resolvedAK(t, CredentialConfig{SharedCredentialsFile: file, Profile: "other"})
		if ak != "profile-other-ak" || !strings.Contains(src, file) {
			t.Fatalf("got %s from %s", ak, src)
		}
		if got := os.Getenv(homeEnv()); got != home {
			t.Fatalf("HOME not restored: %q", got)
		}
	})
	t.Run("missing named profile is an error, not a fallthrough", func(t *testing.T) {
		home := cleanEnv(t)
		writeCLIConfig(t, filepath.Join(home, ".aliyun"))
		t.Setenv(EnvECSRole, "role")
		_, err := ResolveCredentials(CredentialConfig{Profile: "nope"})
		if err == nil || !strings.Contains(err.Error(), `"nope"`) {
			t.Fatalf("want an error naming the profile, got %v", err)
		}
	})
	t.Run("ECS role last", func(t *testing.T) {
		cleanEnv(t)
		c, err := ResolveCredentials(CredentialConfig{ECSRoleName: "tf-runner"})
		if err != nil || !strings.Contains(c.Source, `ECS RAM role "tf-runner"`) {
			t.Fatalf("got %v, %v", c, err)
		}
		t.Setenv(EnvECSRole, "env-role")
		c, err = ResolveCredentials(CredentialConfig{})
		if err != nil || !strings.Contains(c.Source, "env-role") {
			t.Fatalf("got %v, %v", c, err)
		}
	})
	t.Run("assume_role wraps the resolved source", func(t *testing.T) {
		cleanEnv(t)
		c, err := ResolveCredentials(CredentialConfig{AccessKey: "a", SecretKey: "b",
			AssumeRole: &AssumeRole{RoleARN: "acs:ram::123:role/tf", SessionExpiration: 3600}, STSHost: "sts.example.com"})
		if err != nil || !strings.Contains(c.Source, "assume_role acs:ram::123:role/tf on top of provider block") {
			t.Fatalf("got %v, %v", c, err)
		}
		if _, err := ResolveCredentials(CredentialConfig{AccessKey: "a", SecretKey: "b", AssumeRole: &AssumeRole{}}); err == nil {
			t.Fatal("assume_role without role_arn must fail")
		}
	})
}

func TestHalfAKeyPairIsAnError(t *testing.T) {
	cleanEnv(t)
	if _, err := ResolveCredentials(CredentialConfig{AccessKey: "a"}); err == nil || !strings.Contains(err.Error(), "secret_key") {
		t.Fatalf("attribute access_key alone: %v", err)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "a")
	if _, err := ResolveCredentials(CredentialConfig{}); err == nil || !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_SECRET") {
		t.Fatalf("env key alone: %v", err)
	}
}

func TestNothingResolvesListsWhatWasTried(t *testing.T) {
	home := cleanEnv(t)
	_, err := ResolveCredentials(CredentialConfig{})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{
		"access_key", "secret_key",
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY",
		"ALIBABA_CLOUD_PROFILE", "shared_credentials_file", filepath.Join(home, ".aliyun", "config.json"),
		"ecs_role_name", "ALIBABA_CLOUD_ECS_METADATA",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%s", want, err)
		}
	}
}

// Every mode the SDK's own CLI-profile provider takes still resolves, and
// the role modes build without calling STS or the metadata service.
func TestProfileModes(t *testing.T) {
	cleanEnv(t)
	file := filepath.Join(t.TempDir(), "config.json")
	conf := `{"current": "ak", "profiles": [
	  {"name": "ak",      "mode": "AK", "access_key_id": "ak-1", "access_key_secret": "sk-1"},
	  {"name": "role",    "mode": "RamRoleArn", "access_key_id": "ak-2", "access_key_secret": "sk-2", "ram_role_arn": "acs:ram::1:role/r", "expired_seconds": 900, "sts_region": "cn-shanghai"},
	  {"name": "chain",   "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": "acs:ram::1:role/c"},
	  {"name": "ecs",     "mode": "EcsRamRole", "ram_role_name": "tf-runner"},
	  {"name": "oidc",    "mode": "OIDC", "oidc_provider_arn": "acs:ram::1:oidc-provider/p", "oidc_token_file": "/var/token", "ram_role_arn": "acs:ram::1:role/o"},
	  {"name": "short",   "mode": "RamRoleArn", "access_key_id": "ak-3", "access_key_secret": "sk-3", "ram_role_arn": "acs:ram::1:role/r", "expired_seconds": 60}
	]}`
	if err := os.WriteFile(file, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"role", "chain", "ecs", "oidc"} {
		c, err := ResolveCredentials(CredentialConfig{SharedCredentialsFile: file, Profile: name})
		if err != nil {
			t.Errorf("profile %s: %v", name, err)
			continue
		}
		if want := fmt.Sprintf("CLI profile %q in %s", name, file); c.Source != want {
			t.Errorf("profile %s: source %q, want %q", name, c.Source, want)
		}
	}
	if ak, _, src := resolvedAK(t, CredentialConfig{SharedCredentialsFile: file}); ak != "ak-1" || !strings.Contains(src, `"current"`) {
		t.Errorf("current profile: got %s from %s", ak, src)
	}
	if _, err := ResolveCredentials(CredentialConfig{SharedCredentialsFile: file, Profile: "short"}); err == nil || !strings.Contains(err.Error(), "expired_seconds below 900") {
		t.Errorf("a session shorter than STS allows: %v", err)
	}
	t.Setenv(cliProfileDisabled, "true")
	if _, err := ResolveCredentials(CredentialConfig{SharedCredentialsFile: file}); err == nil || !strings.Contains(err.Error(), cliProfileDisabled) {
		t.Errorf("%s=true: %v", cliProfileDisabled, err)
	}
}

func TestMissingSharedCredentialsFile(t *testing.T) {
	cleanEnv(t)
	file := filepath.Join(t.TempDir(), "nope.json")
	_, err := ResolveCredentials(CredentialConfig{SharedCredentialsFile: file})
	if err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("want an error naming the missing file, got %v", err)
	}
}
