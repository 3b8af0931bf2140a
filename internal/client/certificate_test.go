package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cbn"

	"github.com/bwplan/terraform-provider-aliyun/internal/apierrors"
)

// tlsEndpoint is a self-signed HTTPS endpoint that counts the connections
// opened to it; a refused certificate never reaches the handler, so the
// count, not the handler, says how many attempts were made.
func tlsEndpoint(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"RequestId":"R"}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake errors are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func describeCEN(c *Client) error {
	return c.Do(context.Background(), "DescribeCenBandwidthPackages", func() error {
		_, err := c.CEN().DescribeCenBandwidthPackages(cbn.CreateDescribeCenBandwidthPackagesRequest())
		return err
	})
}

// A certificate the client does not trust fails at once, with a diagnostic
// about the certificate, not about the connection.
func TestUntrustedCertificateNotRetried(t *testing.T) {
	cases := []struct {
		name string
		// endpoint and transport of the client calling srv.
		endpoint  func(srv *httptest.Server) string
		transport func(srv *httptest.Server) http.RoundTripper
		want      string // in the error's message
	}{
		// The default transport: the system trust store, which lacks the test CA.
		{"unknown authority", func(srv *httptest.Server) string { return srv.URL },
			func(*httptest.Server) http.RoundTripper { return nil }, "unknown authority"},
		// The CA is trusted, but the certificate covers 127.0.0.1 and example.com only.
		{"host name mismatch", func(srv *httptest.Server) string {
			return "https://localhost:" + strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port)
		}, func(srv *httptest.Server) http.RoundTripper {
			pool := x509.NewCertPool()
			pool.AddCert(srv.Certificate())
			return &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
		}, "localhost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, conns := tlsEndpoint(t)
			ep, err := ParseEndpoint(tc.endpoint(srv))
			if err != nil {
				t.Fatal(err)
			}
			c, err := New(context.Background(), Config{
				Credentials: testCreds(t, "test-ak", "test-sk", ""),
				CENEndpoint: ep, GAEndpoint: ep, MaxRetries: 3, Transport: tc.transport(srv),
			})
			if err != nil {
				t.Fatal(err)
			}
			var slept int
			c.sleep = func(context.Context, time.Duration) error { slept++; return nil }

			err = describeCEN(c)
			if !apierrors.IsCode(err, apierrors.CodeCertificate) {
				t.Fatalf("want %s, got %v", apierrors.CodeCertificate, err)
			}
			if n := conns.Load(); n != 1 {
				t.Errorf("%d connections reached the endpoint, want exactly 1 (no retry)", n)
			}
			if slept != 0 {
				t.Errorf("slept %d times before giving up, want no backoff", slept)
			}
			summary, detail, _ := apierrors.Describe("reading CEN bandwidth plans", err)
			if !strings.Contains(summary, "certificate") {
				t.Errorf("summary does not say certificate: %q", summary)
			}
			for _, s := range []string{summary, detail} {
				if l := strings.ToLower(s); strings.Contains(l, "connection") || strings.Contains(l, "could not reach") {
					t.Errorf("diagnostic describes a connection problem:\n%s", s)
				}
			}
			for _, want := range []string{"endpoints block", "trust store", "SSL_CERT_FILE", tc.want} {
				if !strings.Contains(detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, detail)
				}
			}
		})
	}
}

// Each kind of certificate failure, as net/http wraps it, is classified as
// a certificate error and stopped; a reset on the same call is still retried.
func TestCertificateErrorsClassified(t *testing.T) {
	wrap := func(inner error) error {
		return &url.Error{Op: "Post", URL: "https://cbn.example.com/?AccessKeyId=x&Signature=y", Err: inner}
	}
	expired := x509.CertificateInvalidError{Reason: x509.Expired, Detail: "current time is after NotAfter"}
	for name, err := range map[string]error{
		"unknown authority":      wrap(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}),
		"host name mismatch":     wrap(&tls.CertificateVerificationError{Err: x509.HostnameError{Certificate: &x509.Certificate{}, Host: "cbn.example.com"}}),
		"expired":                wrap(&tls.CertificateVerificationError{Err: expired}),
		"expired, not wrapped":   wrap(expired),
		"no system roots at all": wrap(x509.SystemRootsError{}),
	} {
		t.Run(name, func(t *testing.T) {
			if isTransient(err) {
				t.Error("isTransient: a certificate failure is not transient")
			}
			n := normalize(err, "DescribeCenBandwidthPackages", "cen")
			if !apierrors.IsCode(n, apierrors.CodeCertificate) {
				t.Fatalf("normalize: want %s, got %v", apierrors.CodeCertificate, n)
			}
			if d := classify(n, &callOptions{}, false); d != stop {
				t.Errorf("classify = %v, want stop", d)
			}
			if strings.Contains(n.Error(), "Signature=") {
				t.Errorf("the URL's query leaked: %v", n)
			}
		})
	}
	reset := wrap(&netErr{msg: "read: connection reset by peer"})
	if n := normalize(reset, "DescribeCenBandwidthPackages", "cen"); !apierrors.IsCode(n, apierrors.CodeConnection) || classify(n, &callOptions{}, false) != retryCount {
		t.Errorf("a connection reset must stay a retried %s, got %v", apierrors.CodeConnection, n)
	}
}
