package client

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// deadlineOnly has a deadline on the fake clock and never ends by itself.
type deadlineOnly struct {
	context.Context
	dl time.Time
}

func (d deadlineOnly) Deadline() (time.Time, bool) { return d.dl, true }

// fakeTime makes Do's clock advance only by what it sleeps.
func fakeTime(c *Client, start time.Time) *time.Time {
	now := start
	c.now = func() time.Time { return now }
	c.sleep = func(_ context.Context, d time.Duration) error { now = now.Add(d); return nil }
	return &now
}

// A create whose answer is lost more times than max_retries is retried with
// its ClientToken until the deadline: giving up would leave a plan that may
// have been bought untracked.
func TestCreateLostAnswerRetriedPastMaxRetries(t *testing.T) {
	f := newFakeAPI(t, func(n int, _ url.Values) (int, any) {
		if n <= 8 {
			return 503, apiErr("ServiceUnavailable", "temporary failure")
		}
		return 200, map[string]string{"RequestId": "R9", "CenBandwidthPackageId": "cenbwp-1"}
	})
	c, _ := newTestClient(t, f, func(cfg *Config) { cfg.MaxRetries = 2 })
	fakeTime(c, time.Unix(1e9, 0))
	ctx := deadlineOnly{context.Background(), time.Unix(1e9, 0).Add(10 * time.Minute)}
	req := cbn.CreateCreateCenBandwidthPackageRequest()
	req.ClientToken = "tok-lost"
	err := c.Do(ctx, "CreateCenBandwidthPackage", func() error {
		_, err := c.CEN().CreateCenBandwidthPackage(req)
		return err
	}, WithClientToken("tok-lost"))
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	calls := f.Calls()
	if len(calls) != 9 {
		t.Fatalf("want 9 attempts (8 lost answers, max_retries 2 ignored), got %d", len(calls))
	}
	for i, q := range calls {
		if q.Get("ClientToken") != "tok-lost" {
			t.Errorf("attempt %d carried ClientToken %q", i+1, q.Get("ClientToken"))
		}
	}
}

// Persist retries a transient error until the deadline, and not past it.
func TestPersistStopsAtDeadline(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 503, apiErr("ServiceUnavailable", "down") })
	c, _ := newTestClient(t, f, func(cfg *Config) { cfg.MaxRetries = 1; cfg.MaxDelay = time.Second })
	start := time.Unix(1e9, 0)
	now := fakeTime(c, start)
	deadline := start.Add(30 * time.Second)
	err := c.Do(deadlineOnly{context.Background(), deadline}, "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	}, Persist())
	if !apierrors.IsCode(err, "ServiceUnavailable") {
		t.Fatalf("want the last API error, got %v", err)
	}
	if n := len(f.Calls()); n <= 2 {
		t.Errorf("Persist stopped after %d calls: max_retries (1) must not bound it", n)
	}
	if now.After(deadline) {
		t.Errorf("Do slept until %s, past the deadline %s", now.Sub(start), deadline.Sub(start))
	}
}

// Without Persist, max_retries bounds the same error.
func TestWithoutPersistMaxRetriesBounds(t *testing.T) {
	f := newFakeAPI(t, func(int, url.Values) (int, any) { return 503, apiErr("ServiceUnavailable", "down") })
	c, _ := newTestClient(t, f, func(cfg *Config) { cfg.MaxRetries = 1 })
	fakeTime(c, time.Unix(1e9, 0))
	err := c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
	if !apierrors.IsCode(err, "ServiceUnavailable") || len(f.Calls()) != 2 {
		t.Fatalf("err=%v calls=%d, want ServiceUnavailable after 2 calls", err, len(f.Calls()))
	}
}
