// Package sweep holds what the test sweepers of both products share: the
// name prefix of every plan an acceptance test buys, and the API client a
// sweeper builds from the environment (go test ./internal/... -sweep=REGION,
// the terraform-plugin-testing convention; make sweep).
package sweep

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
)

// Prefix starts the name of every plan an acceptance test buys, and only
// theirs: sweepers release plans named so, and nothing else.
const Prefix = "tf-acc-"

// Timeout bounds one sweeper run.
const Timeout = 15 * time.Minute

// Swept reports whether a plan named name is a test's leftover.
func Swept(name string) bool { return strings.HasPrefix(name, Prefix) }

// EnvEndpoint, when set, is where cloud mode and the sweepers send every
// call instead of Alibaba Cloud: a standalone emulator (aliyun-emulator),
// for a rehearsal of a cloud run that costs nothing (make cloud-rehearsal).
const EnvEndpoint = "TF_ACC_CLOUD_ENDPOINT"

// Endpoint is the EnvEndpoint override, or the zero Endpoint (the live API).
func Endpoint() (client.Endpoint, error) {
	raw := os.Getenv(EnvEndpoint)
	if raw == "" {
		return client.Endpoint{}, nil
	}
	ep, err := client.ParseEndpoint(raw)
	if err != nil {
		return client.Endpoint{}, fmt.Errorf("%s: %w", EnvEndpoint, err)
	}
	return ep, nil
}

// Client is an API client for region with the credentials the provider
// would use when its block sets none (the environment, then the CLI
// profile, then the ECS role; README, "Credentials").
func Client(ctx context.Context, region string) (*client.Client, error) {
	creds, err := client.ResolveCredentials(client.CredentialConfig{})
	if err != nil {
		return nil, fmt.Errorf("sweeper credentials: %w", err)
	}
	ep, err := Endpoint()
	if err != nil {
		return nil, err
	}
	return client.New(ctx, client.Config{Region: region, Credentials: creds, ProviderVersion: "sweeper",
		CENEndpoint: ep, GAEndpoint: ep})
}

// Logf is where a sweeper says what it did and what it left.
type Logf func(format string, args ...any)

// Add registers the sweeper of resource type name: with -sweep=REGION it
// runs sweep within Timeout, with a client for REGION, logging as go test.
// The sweepers named in after run before it (a CEN instance is deleted
// only once the plans bound to it are released or unbound).
func Add(name string, sweep func(ctx context.Context, c *client.Client, logf Logf) error, after ...string) {
	resource.AddTestSweepers(name, &resource.Sweeper{
		Name:         name,
		Dependencies: after,
		F: func(region string) error {
			ctx, cancel := context.WithTimeout(context.Background(), Timeout)
			defer cancel()
			c, err := Client(ctx, region)
			if err != nil {
				return err
			}
			return sweep(ctx, c, log.Printf)
		},
	})
}
