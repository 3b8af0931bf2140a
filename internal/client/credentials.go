package client

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Environment variables read for credentials, newest names first.
var (
	EnvAccessKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}
	EnvSecretKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}
	EnvSecurityToken = []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}
	EnvRegion        = []string{"ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION"}
)

const (
	// EnvProfile names the CLI profile, as the SDK and the CLI read it.
	EnvProfile = "ALIBABA_CLOUD_PROFILE"
	// EnvECSRole names the instance RAM role, as the SDK reads it.
	EnvECSRole = "ALIBABA_CLOUD_ECS_METADATA"
	// DefaultRegion is used when neither the attribute nor the environment sets one.
	DefaultRegion = "cn-hangzhou"
)

// CredentialConfig holds what the provider block says about credentials.
// Empty strings mean "not set".
type CredentialConfig struct {
	AccessKey     string
	SecretKey     string
	SecurityToken string

	Profile               string
	SharedCredentialsFile string
	ECSRoleName           string

	AssumeRole *AssumeRole
	// STSHost is the STS endpoint's host for assume_role; empty means sts.aliyuncs.com.
	STSHost string
}

// AssumeRole is the provider's assume_role block.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	// SessionExpiration in seconds; 0 means the SDK's default (3600).
	SessionExpiration int
	Policy            string
	ExternalID        string
}

// Credentials is a resolved credential source.
type Credentials struct {
	Provider credentials.CredentialsProvider
	// Source says where the credentials came from, for logs.
	Source string
}

// NoCredentialsError lists every place that was searched.
type NoCredentialsError struct {
	Tried []string
}

func (e *NoCredentialsError) Error() string {
	return "no Alibaba Cloud credentials found. Tried, in order:\n  - " + strings.Join(e.Tried, "\n  - ") +
		"\nSet access_key and secret_key in the provider block, export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, " +
		"configure a profile with `aliyun configure`, or set ecs_role_name on an ECS instance."
}

// ResolveCredentials picks the credential source by precedence: the provider
// block's attributes, then the environment, then a CLI profile, then an ECS
// instance role; assume_role then wraps whichever resolved. Each level is
// taken whole: a key from one level is never paired with a secret from another.
// It makes no network call: role credentials are fetched on the first API call.
func ResolveCredentials(cfg CredentialConfig) (*Credentials, error) {
	base, err := resolveBase(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.AssumeRole == nil {
		return base, nil
	}
	ar := cfg.AssumeRole
	if ar.RoleARN == "" {
		return nil, errors.New("assume_role.role_arn is required")
	}
	b := credentials.NewRAMRoleARNCredentialsProviderBuilder().
		WithCredentialsProvider(base.Provider).
		WithRoleArn(ar.RoleARN).
		WithRoleSessionName(ar.SessionName).
		WithDurationSeconds(ar.SessionExpiration).
		WithPolicy(ar.Policy).
		WithExternalId(ar.ExternalID).
		WithHttpOptions(&credentials.HttpOptions{ConnectTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second})
	if cfg.STSHost != "" {
		b = b.WithStsEndpoint(cfg.STSHost)
	}
	p, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("assume_role: %w", err)
	}
	return &Credentials{Provider: p, Source: fmt.Sprintf("assume_role %s on top of %s", ar.RoleARN, base.Source)}, nil
}

func resolveBase(cfg CredentialConfig) (*Credentials, error) {
	var tried []string

	// 1. Provider block.
	if cfg.AccessKey != "" || cfg.SecretKey != "" {
		if cfg.AccessKey == "" || cfg.SecretKey == "" {
			return nil, fmt.Errorf("the provider block sets only one of access_key and secret_key; set both")
		}
		return static(cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken, "provider block (access_key, secret_key)")
	}
	tried = append(tried, "provider block: access_key and secret_key (not set)")

	// 2. Environment.
	ak, akName := firstEnv(EnvAccessKey)
	sk, skName := firstEnv(EnvSecretKey)
	if ak != "" || sk != "" {
		switch {
		case ak == "":
			return nil, fmt.Errorf("%s is set but no access key ID is: set %s", skName, strings.Join(EnvAccessKey, " or "))
		case sk == "":
			return nil, fmt.Errorf("%s is set but no secret is: set %s", akName, strings.Join(EnvSecretKey, " or "))
		}
		token, _ := firstEnv(EnvSecurityToken)
		return static(ak, sk, token, "environment ("+akName+", "+skName+")")
	}
	tried = append(tried, "environment: "+strings.Join(append(append([]string{}, EnvAccessKey...), EnvSecretKey...), ", ")+" (not set)")

	// 3. CLI profile. An explicitly named profile or file must work; the
	// default file is only used when it exists.
	profile, profileFrom := cfg.Profile, "profile"
	if profile == "" {
		if v := os.Getenv(EnvProfile); v != "" {
			profile, profileFrom = v, EnvProfile
		}
	}
	file := cfg.SharedCredentialsFile
	if file == "" {
		file = defaultCLIConfigPath()
	}
	explicit := profile != "" || cfg.SharedCredentialsFile != ""
	if _, statErr := os.Stat(file); statErr == nil || explicit {
		p, name, err := cliProfile(profile, file)
		if err != nil {
			what := "CLI config " + file
			if profile != "" {
				what = fmt.Sprintf("profile %q (from %s) in %s", profile, profileFrom, file)
			}
			return nil, fmt.Errorf("reading credentials from %s: %w", what, err)
		}
		return &Credentials{Provider: p, Source: fmt.Sprintf("CLI profile %q in %s", name, file)}, nil
	}
	tried = append(tried, fmt.Sprintf("CLI profile: profile, %s, shared_credentials_file (not set) and %s (not found)", EnvProfile, file))

	// 4. ECS instance RAM role, only when named: probing the metadata
	// service off ECS would only add a timeout.
	role, roleFrom := cfg.ECSRoleName, "ecs_role_name"
	if role == "" {
		role, roleFrom = os.Getenv(EnvECSRole), EnvECSRole
	}
	if role != "" {
		p, err := credentials.NewECSRAMRoleCredentialsProviderBuilder().
			WithRoleName(role).
			WithHttpOptions(&credentials.HttpOptions{ConnectTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}).
			Build()
		if err != nil {
			return nil, fmt.Errorf("ECS RAM role %q (from %s): %w", role, roleFrom, err)
		}
		return &Credentials{Provider: p, Source: fmt.Sprintf("ECS RAM role %q (from %s)", role, roleFrom)}, nil
	}
	tried = append(tried, "ECS RAM role: ecs_role_name, "+EnvECSRole+" (not set)")

	return nil, &NoCredentialsError{Tried: tried}
}

func static(ak, sk, token, source string) (*Credentials, error) {
	if token != "" {
		p, err := credentials.NewStaticSTSCredentialsProviderBuilder().
			WithAccessKeyId(ak).WithAccessKeySecret(sk).WithSecurityToken(token).Build()
		if err != nil {
			return nil, err
		}
		return &Credentials{Provider: p, Source: source + " with security token"}, nil
	}
	p, err := credentials.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(ak).WithAccessKeySecret(sk).Build()
	if err != nil {
		return nil, err
	}
	return &Credentials{Provider: p, Source: source}, nil
}

func firstEnv(names []string) (value, name string) {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v, n
		}
	}
	return "", names[0]
}

func homeEnv() string {
	if runtime.GOOS == "windows" {
		return "USERPROFILE"
	}
	return "HOME"
}

func defaultCLIConfigPath() string {
	return filepath.Join(os.Getenv(homeEnv()), ".aliyun", "config.json")
}
