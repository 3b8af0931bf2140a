// Package acctest holds what acceptance tests share: the protocol 6 provider
// factories, an in-process API emulator per test, and the provider block
// that points at it. Tests importing it must be external test packages
// (package cen_test), since acctest imports the provider and so the resources.
package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
	"github.com/bwplan/terraform-provider-aliyun/internal/emutest"
	"github.com/bwplan/terraform-provider-aliyun/internal/provider"
)

// ProviderName is the provider's type name, the key of the factories.
const ProviderName = "aliyun"

// Emulator credentials accepted by default.
const (
	AccessKey = emutest.AccessKey
	SecretKey = emutest.SecretKey
)

// ProtoV6ProviderFactories serves the provider in-process to terraform-plugin-testing.
func ProtoV6ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		ProviderName: providerserver.NewProtocol6WithError(provider.New("test")()),
	}
}

// Emulator starts an in-process API emulator that the test closes on cleanup.
func Emulator(t *testing.T, opts ...emulator.Option) *emulator.Server {
	t.Helper()
	return emutest.Emulator(t, opts...)
}

// ProviderConfig is the provider block that sends every call to emu with
// the emulator's default credentials.
func ProviderConfig(emu *emulator.Server) string {
	return ProviderConfigWithCredentials(emu, AccessKey, SecretKey)
}

// Config is ProviderConfig followed by a test's configuration body.
func Config(emu *emulator.Server, body string) string {
	return ProviderConfig(emu) + body
}

// ProviderConfigWithCredentials is ProviderConfig with other credentials,
// for tests of wrong or restricted keys.
func ProviderConfigWithCredentials(emu *emulator.Server, accessKey, secretKey string) string {
	return fmt.Sprintf(`
provider "aliyun" {
  region     = "cn-hangzhou"
  access_key = %q
  secret_key = %q
  endpoints {
    cen = %q
    ga  = %q
  }
}
`, accessKey, secretKey, emu.URL(), emu.URL())
}

// PreCheck skips the test unless TF_ACC is set (`make test` sets it) and a
// terraform CLI is available; call it first in every acceptance test that
// drives the emulator. In cloud mode (TF_ACC_CLOUD=1) such a test skips,
// saying so: its checks read the emulator. Tests written with NewTarget run
// in both modes.
func PreCheck(t *testing.T) {
	t.Helper()
	mode, err := ModeOf(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if r := emulatorOnly(mode, "its checks read the emulator's plans, calls or faults"); r != "" {
		t.Skip(r)
	}
	preCheckCLI(t)
}

// CheckPlanCount checks how many plans, of either product, the emulator
// holds: after a create (nothing bought twice) or as a CheckDestroy (nothing
// left behind, or a subscription kept).
func CheckPlanCount(emu *emulator.Server, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := emu.Resources(); len(got) != want {
			return fmt.Errorf("emulator holds %d plans, want %d: %+v", len(got), want, got)
		}
		return nil
	}
}
