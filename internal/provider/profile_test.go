package provider

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// A malformed CLI profile file fails Configure with diagnostics that name
// the file and what is wrong, and never show the file's content: not the
// secret wherever it sits, not a temporary path.
func TestConfigureMalformedProfileNeverShowsSecret(t *testing.T) {
	const secret = "S3cr3t-Value-9f1b2c7d"
	const numericSecret = "314159265358979323846264338"
	good := `{"name": "main", "mode": "AK", "access_key_id": "ak-main", "access_key_secret": "` + secret + `"}`
	cases := []struct {
		name    string
		file    string
		profile string // the provider's profile attribute; "" for the file's current one
		secret  string // defaults to secret
		want    []string
	}{
		{name: "truncated JSON", file: `{"current": "main", "profiles": [` + good[:len(good)-2],
			want: []string{"not valid JSON", "line 1", "truncated"}},
		{name: "syntax error after the secret", file: "{\n  \"current\": \"main\",\n  \"profiles\": [\n    {\"name\": \"main\", \"mode\": \"AK\", \"access_key_secret\": " + secret + "}\n  ]\n}",
			want: []string{"not valid JSON", "line 4, column"}},
		{name: "secret of the wrong type", file: `{"current": "main", "profiles": [{"name": "main", "mode": "AK", "access_key_id": "ak", "access_key_secret": ` + numericSecret + `}]}`,
			secret: numericSecret, want: []string{"profiles.access_key_secret is a number where a string is expected"}},
		{name: "number that does not fit", file: "{\"current\": \"main\",\n\"profiles\": [{\"name\": \"main\", \"mode\": \"RamRoleArn\", \"expired_seconds\": " + numericSecret + "}]}",
			secret: numericSecret, want: []string{"line 2", "profiles.expired_seconds is a number where a whole number is expected"}},
		{name: "profiles is an object", file: `{"current": "main", "profiles": {"main": ` + good + `}}`,
			want: []string{"profiles is an object where a list is expected"}},
		{name: "the file is a string", file: `"` + secret + `"`,
			want: []string{"the file holds a string where an object"}},
		{name: "secret under an unknown key", file: `{"` + secret + `": {"access_key_secret": "` + secret + `"}}`,
			want: []string{"no profiles"}},
		{name: "empty file", file: " \n", want: []string{"the file is empty"}},
		{name: "named profile missing", file: `{"current": "main", "profiles": [` + good + `]}`, profile: "nope",
			want: []string{`profile "nope" is not in the file`, "1 profile(s)"}},
		{name: "current names a secret", file: `{"current": "` + secret + `", "profiles": [` + good + `]}`,
			want: []string{`the profile that "current" names is not in the file`}},
		{name: "secret as the mode", file: `{"current": "main", "profiles": [{"name": "main", "mode": "` + secret + `", "access_key_id": "ak"}]}`,
			want: []string{"a mode the provider does not know", "AK, StsToken"}},
		{name: "unsupported mode", file: `{"current": "main", "profiles": [{"name": "main", "mode": "CloudSSO", "access_key_secret": "` + secret + `"}]}`,
			want: []string{"mode CloudSSO, which the provider cannot use"}},
		{name: "missing key field, secret in the token", file: `{"current": "main", "profiles": [{"name": "main", "mode": "StsToken", "access_key_id": "ak", "sts_token": "` + secret + `"}]}`,
			want: []string{`the profile that "current" names (mode StsToken) lacks access_key_secret`}},
		{name: "secret as a source profile", file: `{"current": "main", "profiles": [{"name": "main", "mode": "ChainableRamRoleArn", "ram_role_arn": "acs:ram::1:role/x", "source_profile": "` + secret + `"}]}`,
			want: []string{`the source_profile of the profile that "current" names is not in the file`}},
		{name: "source profiles in a loop", file: `{"current": "a", "profiles": [` +
			`{"name": "a", "mode": "ChainableRamRoleArn", "ram_role_arn": "acs:ram::1:role/x", "source_profile": "b", "access_key_secret": "` + secret + `"},` +
			`{"name": "b", "mode": "ChainableRamRoleArn", "ram_role_arn": "acs:ram::1:role/y", "source_profile": "a"}]}`,
			want: []string{`the chain of source_profile from the profile that "current" names is longer than 10 profiles, or loops`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			leak := tc.secret
			if leak == "" {
				leak = secret
			}
			if strings.TrimSpace(tc.file) != "" && !strings.Contains(tc.file, leak) {
				t.Fatalf("bad case: the file must hold the secret")
			}
			path := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
			set := map[string]tftypes.Value{"shared_credentials_file": str(path)}
			if tc.profile != "" {
				set["profile"] = str(tc.profile)
			}
			var logs bytes.Buffer
			resp := configureCtx(tflogtest.RootLogger(context.Background(), &logs), t, set, false)
			if !resp.Diagnostics.HasError() {
				t.Fatalf("want an error, got %v", resp.Diagnostics)
			}
			var all strings.Builder
			for _, d := range resp.Diagnostics {
				all.WriteString(d.Summary() + "\n" + d.Detail() + "\n")
			}
			shown := all.String()
			for _, bad := range []string{leak, "aliyun-profile-", os.TempDir() + string(filepath.Separator) + "aliyun"} {
				if strings.Contains(shown, bad) {
					t.Errorf("diagnostics show %q:\n%s", bad, shown)
				}
			}
			if strings.Contains(logs.String(), leak) {
				t.Errorf("logs show the secret:\n%s", logs.String())
			}
			for _, want := range append([]string{path}, tc.want...) {
				if !strings.Contains(shown, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, shown)
				}
			}
		})
	}
}
