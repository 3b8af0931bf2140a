package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Default endpoints of the real APIs, always called over HTTPS.
const (
	DefaultCENHost = "cbn.aliyuncs.com"
	DefaultGAHost  = "ga.cn-hangzhou.aliyuncs.com"
	DefaultSTSHost = "sts.aliyuncs.com"
)

// Endpoint is where one API is called: the SDK's scheme ("HTTP" or "HTTPS")
// and its domain (host, with port when not the default).
type Endpoint struct {
	Scheme string
	Host   string
}

// URL renders the endpoint as the user writes it.
func (e Endpoint) URL() string { return strings.ToLower(e.Scheme) + "://" + e.Host }

// ParseEndpoint reads a full endpoint URL such as "https://cbn.aliyuncs.com"
// or "http://127.0.0.1:8790". Anything else (no scheme, a path, a query) is
// an error that says what to write instead.
func ParseEndpoint(raw string) (Endpoint, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Endpoint{}, fmt.Errorf("the endpoint is empty; write a full URL such as https://cbn.aliyuncs.com")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Endpoint{}, fmt.Errorf("%q is not a valid URL (%v); write a full URL such as https://cbn.aliyuncs.com", raw, unwrapURLError(err))
	}
	var scheme string
	switch strings.ToLower(u.Scheme) {
	case "https":
		scheme = "HTTPS"
	case "http":
		scheme = "HTTP"
	case "":
		return Endpoint{}, fmt.Errorf("%q has no scheme; write https://%s (or http:// for a local emulator)", raw, raw)
	default:
		if u.Opaque != "" && u.Host == "" {
			// "cbn.aliyuncs.com:443" parses as scheme "cbn.aliyuncs.com".
			return Endpoint{}, fmt.Errorf("%q has no scheme; write https://%s (or http:// for a local emulator)", raw, raw)
		}
		return Endpoint{}, fmt.Errorf("%q has scheme %q; only https:// and http:// are supported", raw, u.Scheme)
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return Endpoint{}, fmt.Errorf("%q has no host; write a full URL such as https://cbn.aliyuncs.com", raw)
	case u.User != nil:
		return Endpoint{}, fmt.Errorf("%q carries user information; credentials belong in access_key and secret_key", raw)
	case u.Path != "" && u.Path != "/":
		return Endpoint{}, fmt.Errorf("%q has a path (%s); the API is served at the root, write %s://%s", raw, u.Path, strings.ToLower(scheme), u.Host)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return Endpoint{}, fmt.Errorf("%q has a query or fragment; write %s://%s", raw, strings.ToLower(scheme), u.Host)
	}
	if p := u.Port(); p != "" {
		if n, err := parsePort(p); err != nil || n == 0 {
			return Endpoint{}, fmt.Errorf("%q has an invalid port %q", raw, p)
		}
	}
	return Endpoint{Scheme: scheme, Host: u.Host}, nil
}

func parsePort(p string) (int, error) {
	n := 0
	for _, r := range p {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a number")
		}
		n = n*10 + int(r-'0')
		if n > 65535 {
			return 0, fmt.Errorf("out of range")
		}
	}
	return n, nil
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// untrustedCertificate reports a TLS handshake that failed on the endpoint's
// certificate (unknown authority, host name not covered, expired): a fault of
// the endpoint or the trust store that no retry cures.
func untrustedCertificate(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		roots    x509.SystemRootsError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &roots)
}
