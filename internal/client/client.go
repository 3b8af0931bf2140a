// Package client builds the Alibaba Cloud SDK clients the resources call and
// runs every call under one retry policy.
//
// CONTRACT (resources code against this surface; keep it stable):
//
//	c.CEN()  *cbn.Client      typed CEN client, endpoint and credentials set
//	c.GA()   *ga.Client       typed GA client, region cn-hangzhou
//	c.Do(ctx, action, func() error, opts...)    one call under the retry policy
//	c.CommonGA / c.CommonCEN(ctx, action, params, opts...) raw JSON of an
//	   operation the typed SDK lacks, signed and retried the same way
//	WithClientToken(token)   marks a create: retried only with this token
//	RetryOn(codes...)        extra codes retried until ctx's deadline (busy states)
package client

import (
	"context"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// GARegion is the only region the GA API answers in.
const GARegion = "cn-hangzhou"

// Client holds the SDK clients of one provider instance.
type Client struct {
	Region string

	cen        *cbn.Client
	ga         *ga.Client
	maxRetries int
}

// CEN returns the typed CEN (Cbn 2017-09-12) client.
func (c *Client) CEN() *cbn.Client { return c.cen }

// GA returns the typed GA (2019-11-20) client.
func (c *Client) GA() *ga.Client { return c.ga }

// CallOption adjusts one call's retry policy.
type CallOption func(*callOptions)

type callOptions struct {
	clientToken string
	busyCodes   []string
}

// WithClientToken marks a call that creates something. Such a call is retried
// only because it carries this token, which the caller has put on the request.
func WithClientToken(token string) CallOption {
	return func(o *callOptions) { o.clientToken = token }
}

// RetryOn retries the given codes (a busy plan, a binding being removed)
// until the context's deadline, on top of the table's retryable codes.
func RetryOn(codes ...string) CallOption {
	return func(o *callOptions) { o.busyCodes = append(o.busyCodes, codes...) }
}

// Do runs call under the retry policy. action names the API operation, for
// logs and diagnostics. call performs exactly one SDK request and returns its
// error; Do retries it while the error is retryable and the context allows.
func (c *Client) Do(ctx context.Context, action string, call func() error, opts ...CallOption) error {
	return call()
}

// CommonGA sends a GA operation that the typed SDK lacks and returns the raw
// JSON body. RegionId is always cn-hangzhou.
func (c *Client) CommonGA(ctx context.Context, action string, params map[string]string, opts ...CallOption) ([]byte, error) {
	return nil, nil
}

// CommonCEN sends a CEN operation through the SDK's common request.
func (c *Client) CommonCEN(ctx context.Context, action string, params map[string]string, opts ...CallOption) ([]byte, error) {
	return nil, nil
}
