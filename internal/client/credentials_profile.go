package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// The CLI profile file (the Alibaba Cloud CLI's config.json, which `aliyun
// configure` writes) holds secrets, so nothing read from it ever goes into an
// error: errors name the file, a line, a field or the profile asked for, and
// say what is wrong, never what the file says.

// cliConfigFile is the part of config.json the provider reads.
type cliConfigFile struct {
	Current  string            `json:"current"`
	Profiles []cliProfileEntry `json:"profiles"`
}

// cliProfileEntry is one profile, with the field names the CLI writes.
type cliProfileEntry struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	STSToken        string `json:"sts_token"`
	RoleARN         string `json:"ram_role_arn"`
	RoleSessionName string `json:"ram_session_name"`
	ExpiredSeconds  int    `json:"expired_seconds"`
	STSRegion       string `json:"sts_region"`
	EnableVPC       bool   `json:"enable_vpc"`
	SourceProfile   string `json:"source_profile"`
	RAMRoleName     string `json:"ram_role_name"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
	Policy          string `json:"policy"`
	ExternalID      string `json:"external_id"`
}

// Profile modes the provider turns into credentials, as the SDK's own CLI
// profile provider does.
var supportedProfileModes = []string{"AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn"}

// otherProfileModes are modes the CLI writes that the SDK cannot use. Only
// these fixed names are ever quoted back: any other mode value could be a
// secret pasted in the wrong field.
var otherProfileModes = []string{"RsaKeyPair", "External", "CredentialsURI", "CloudSSO", "OAuth"}

// maxSourceProfiles bounds a chain of ChainableRamRoleArn profiles, so a
// loop of source_profile fails instead of recursing forever.
const maxSourceProfiles = 10

// cliProfileDisabled is the SDK's switch that turns CLI profiles off.
const cliProfileDisabled = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"

// cliProfile loads profile (empty: the file's current one) from the CLI
// config file and returns its credentials provider. It makes no network call:
// role-based profiles fetch their credentials on first use.
func cliProfile(profile, file string) (credentials.CredentialsProvider, string, error) {
	if strings.EqualFold(os.Getenv(cliProfileDisabled), "true") {
		return nil, "", fmt.Errorf("CLI profiles are turned off by %s=true", cliProfileDisabled)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", errors.New("the file does not exist")
		}
		// *PathError names the file and the operation, nothing of its content.
		return nil, "", err
	}
	conf, err := parseCLIConfig(data)
	if err != nil {
		return nil, "", err
	}
	name := profile
	if name == "" {
		if conf.Current == "" {
			return nil, "", errors.New(`the file names no current profile ("current" is empty or missing): set profile or ` + EnvProfile)
		}
		name = conf.Current
	}
	label := fmt.Sprintf("profile %q", name)
	if profile == "" {
		label = `the profile that "current" names`
	}
	p, err := conf.provider(name, label, label, 0)
	if err != nil {
		return nil, "", err
	}
	if profile == "" {
		return p, "current", nil
	}
	return p, profile, nil
}

// parseCLIConfig decodes config.json. Its errors give a line, a field and
// the kinds of JSON value involved, never text from the file: encoding/json's
// own messages may quote a character or a number of it.
func parseCLIConfig(data []byte) (*cliConfigFile, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty; run `aliyun configure` to write it")
	}
	var conf cliConfigFile
	if err := json.Unmarshal(data, &conf); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax) && syntax.Offset >= int64(len(data)):
			return nil, fmt.Errorf("the file is not valid JSON: it ends in the middle of a value (line %d); it may be truncated", lineOf(data, syntax.Offset))
		case errors.As(err, &syntax):
			line, col := lineCol(data, syntax.Offset)
			return nil, fmt.Errorf("the file is not valid JSON: syntax error at line %d, column %d", line, col)
		case errors.As(err, &typ) && typ.Field == "":
			return nil, fmt.Errorf("the file holds %s where an object ({\"current\": ..., \"profiles\": [...]}) is expected", jsonKind(typ.Value))
		case errors.As(err, &typ):
			return nil, fmt.Errorf("at line %d, %s is %s where %s is expected", lineOf(data, typ.Offset), typ.Field, jsonKind(typ.Value), goKind(typ.Type))
		default:
			return nil, errors.New("the file is not valid JSON")
		}
	}
	if len(conf.Profiles) == 0 {
		return nil, errors.New(`the file has no profiles (no "profiles" list, or an empty one); run ` + "`aliyun configure`")
	}
	return &conf, nil
}

// provider builds the credentials provider of the profile called name.
// which is how errors call it, top the profile the chain of source_profile
// started from: a name read from the file is never quoted.
func (conf *cliConfigFile) provider(name, which, top string, depth int) (credentials.CredentialsProvider, error) {
	var p *cliProfileEntry
	for i := range conf.Profiles {
		if conf.Profiles[i].Name == name {
			p = &conf.Profiles[i]
			break
		}
	}
	if p == nil {
		return nil, fmt.Errorf("%s is not in the file, which has %d profile(s); `aliyun configure list` shows their names", which, len(conf.Profiles))
	}
	mode := p.Mode
	if mode == "" {
		return nil, fmt.Errorf(`%s has no "mode"; set it to one of %s`, which, strings.Join(supportedProfileModes, ", "))
	}
	required := map[string][]string{
		"AK":                  {"access_key_id", "access_key_secret"},
		"StsToken":            {"access_key_id", "access_key_secret", "sts_token"},
		"RamRoleArn":          {"access_key_id", "access_key_secret", "ram_role_arn"},
		"ChainableRamRoleArn": {"source_profile", "ram_role_arn"},
	}
	values := map[string]string{
		"access_key_id": p.AccessKeyID, "access_key_secret": p.AccessKeySecret, "sts_token": p.STSToken,
		"ram_role_arn": p.RoleARN, "source_profile": p.SourceProfile,
	}
	var missing []string
	for _, field := range required[mode] {
		if values[field] == "" {
			missing = append(missing, field)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s (mode %s) lacks %s", which, mode, strings.Join(missing, " and "))
	}
	if s := p.ExpiredSeconds; s != 0 && s < 900 {
		return nil, fmt.Errorf("%s sets expired_seconds below 900, the shortest STS session", which)
	}
	roleOptions := &credentials.HttpOptions{ConnectTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}

	var (
		out credentials.CredentialsProvider
		err error
	)
	switch mode {
	case "AK":
		out, err = credentials.NewStaticAKCredentialsProviderBuilder().
			WithAccessKeyId(p.AccessKeyID).WithAccessKeySecret(p.AccessKeySecret).Build()
	case "StsToken":
		out, err = credentials.NewStaticSTSCredentialsProviderBuilder().
			WithAccessKeyId(p.AccessKeyID).WithAccessKeySecret(p.AccessKeySecret).WithSecurityToken(p.STSToken).Build()
	case "RamRoleArn", "ChainableRamRoleArn":
		var base credentials.CredentialsProvider
		if mode == "RamRoleArn" {
			base, err = credentials.NewStaticAKCredentialsProviderBuilder().
				WithAccessKeyId(p.AccessKeyID).WithAccessKeySecret(p.AccessKeySecret).Build()
		} else {
			if depth >= maxSourceProfiles {
				return nil, fmt.Errorf("the chain of source_profile from %s is longer than %d profiles, or loops", top, maxSourceProfiles)
			}
			source := "the source_profile of " + which
			if depth > 0 {
				source = "a source_profile in the chain from " + top
			}
			base, err = conf.provider(p.SourceProfile, source, top, depth+1)
			if err != nil {
				return nil, err
			}
		}
		if err == nil {
			out, err = credentials.NewRAMRoleARNCredentialsProviderBuilder().
				WithCredentialsProvider(base).
				WithRoleArn(p.RoleARN).WithRoleSessionName(p.RoleSessionName).WithDurationSeconds(p.ExpiredSeconds).
				WithStsRegion(p.STSRegion).WithEnableVpc(p.EnableVPC).
				WithPolicy(p.Policy).WithExternalId(p.ExternalID).
				WithHttpOptions(roleOptions).Build()
		}
	case "EcsRamRole":
		out, err = credentials.NewECSRAMRoleCredentialsProviderBuilder().
			WithRoleName(p.RAMRoleName).
			WithHttpOptions(&credentials.HttpOptions{ConnectTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}).Build()
	case "OIDC":
		out, err = credentials.NewOIDCCredentialsProviderBuilder().
			WithOIDCTokenFilePath(p.OIDCTokenFile).WithOIDCProviderARN(p.OIDCProviderARN).
			WithRoleArn(p.RoleARN).WithRoleSessionName(p.RoleSessionName).WithDurationSeconds(p.ExpiredSeconds).
			WithStsRegion(p.STSRegion).WithEnableVpc(p.EnableVPC).WithPolicy(p.Policy).
			WithHttpOptions(roleOptions).Build()
	default:
		for _, m := range otherProfileModes {
			if mode == m {
				return nil, fmt.Errorf("%s has mode %s, which the provider cannot use; use a profile of mode %s",
					which, m, strings.Join(supportedProfileModes, ", "))
			}
		}
		return nil, fmt.Errorf("%s has a mode the provider does not know (not shown: the file may hold a secret there); use one of %s",
			which, strings.Join(supportedProfileModes, ", "))
	}
	if err != nil {
		// The SDK's builders check presence and ranges; their messages
		// quote no value, but are scrubbed of the profile's secrets anyway.
		return nil, fmt.Errorf("%s (mode %s): %s", which, mode, scrub(err.Error(), []string{p.AccessKeySecret, p.STSToken}))
	}
	return out, nil
}

// lineOf is the 1-based line of a byte offset.
func lineOf(data []byte, offset int64) int {
	line, _ := lineCol(data, offset)
	return line
}

// lineCol is the 1-based line and column of a byte offset.
func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// jsonKind names the kind of a JSON value from an UnmarshalTypeError's
// Value, which for numbers also quotes the number: only the kind is kept.
func jsonKind(value string) string {
	kind, _, _ := strings.Cut(value, " ")
	switch kind {
	case "object":
		return "an object"
	case "array":
		return "a list"
	case "":
		return "a value"
	}
	return "a " + kind
}

// goKind names the JSON kind a Go type takes.
func goKind(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another kind of value"
}
