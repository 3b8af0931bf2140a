// Package emutest holds the helpers of tests that talk to an in-process API
// emulator without the provider: starting one, SDK clients pointed at it, the
// provider's client.Client built against it, and changes behind Terraform's
// back. Unlike acctest (acceptance tests: the provider served to the
// terraform CLI) it does not import the provider, so the in-package tests of
// cen and ga can use it too.
package emutest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

// Emulator credentials accepted by default, and the region of every call.
const (
	AccessKey = "test-ak"
	SecretKey = "test-sk"
	Region    = "cn-hangzhou"
)

// Emulator starts an in-process API emulator that the test closes on cleanup.
func Emulator(tb testing.TB, opts ...emulator.Option) *emulator.Server {
	tb.Helper()
	emu, err := emulator.New(opts...)
	if err != nil {
		tb.Fatalf("starting the API emulator: %v", err)
	}
	tb.Cleanup(func() { _ = emu.Close() })
	return emu
}

// FastEmulator is Emulator with short delays: ready after ready, updated and
// deleted after change; opts come after them and so may override them.
func FastEmulator(tb testing.TB, ready, change time.Duration, opts ...emulator.Option) *emulator.Server {
	tb.Helper()
	base := []emulator.Option{
		emulator.WithReadyDelay(ready),
		emulator.WithUpdateDelay(change),
		emulator.WithDeleteDelay(change),
	}
	return Emulator(tb, append(base, opts...)...)
}

// CBNClient is an SDK CEN client of emu, for changes behind Terraform's back.
func CBNClient(tb testing.TB, emu *emulator.Server) *cbn.Client {
	tb.Helper()
	c, err := cbn.NewClientWithAccessKey(Region, AccessKey, SecretKey)
	if err != nil {
		tb.Fatal(err)
	}
	c.Domain = emu.Addr()
	c.GetConfig().Scheme = "HTTP"
	return c
}

// GAClient is an SDK GA client of emu, for changes behind Terraform's back.
func GAClient(tb testing.TB, emu *emulator.Server) *gasdk.Client {
	tb.Helper()
	c, err := gasdk.NewClientWithAccessKey(Region, AccessKey, SecretKey)
	if err != nil {
		tb.Fatal(err)
	}
	c.Domain = emu.Addr()
	c.GetConfig().Scheme = "HTTP"
	return c
}

// GACommon calls a GA operation the typed SDK lacks and decodes its answer.
func GACommon(tb testing.TB, emu *emulator.Server, action string, q map[string]string) (map[string]any, error) {
	tb.Helper()
	c := GAClient(tb, emu)
	req := requests.NewCommonRequest()
	req.Method, req.Scheme, req.Domain = "POST", "http", c.Domain
	req.Product, req.Version, req.ApiName = "Ga", "2019-11-20", action
	req.QueryParams["RegionId"] = Region
	for k, v := range q {
		req.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(req)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(resp.GetHttpContentBytes(), &out)
}

// Client is the provider's API client with both endpoints at emu and the
// default credentials, for tests that drive resource methods directly.
func Client(tb testing.TB, emu *emulator.Server) *client.Client {
	tb.Helper()
	creds, err := client.ResolveCredentials(client.CredentialConfig{AccessKey: AccessKey, SecretKey: SecretKey})
	if err != nil {
		tb.Fatal(err)
	}
	ep, err := client.ParseEndpoint(emu.URL())
	if err != nil {
		tb.Fatal(err)
	}
	c, err := client.New(context.Background(), client.Config{Credentials: creds, CENEndpoint: ep, GAEndpoint: ep})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TagCEN tags a CEN plan behind Terraform's back, as someone else would.
func TagCEN(tb testing.TB, emu *emulator.Server, id, key, value string) {
	tb.Helper()
	req := cbn.CreateTagResourcesRequest()
	req.ResourceType = "bandwidthpackage"
	req.ResourceId = &[]string{id}
	req.Tag = &[]cbn.TagResourcesTag{{Key: key, Value: value}}
	if _, err := CBNClient(tb, emu).TagResources(req); err != nil {
		tb.Fatalf("tagging %s outside Terraform: %v", id, err)
	}
}
