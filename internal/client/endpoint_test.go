package client

import (
	"strings"
	"testing"
)

func TestParseEndpoint(t *testing.T) {
	good := map[string]Endpoint{
		"https://cbn.aliyuncs.com":              {"HTTPS", "cbn.aliyuncs.com"},
		"https://cbn.aliyuncs.com/":             {"HTTPS", "cbn.aliyuncs.com"},
		"http://127.0.0.1:8790":                 {"HTTP", "127.0.0.1:8790"},
		"HTTP://localhost:1":                    {"HTTP", "localhost:1"},
		" https://ga.cn-hangzhou.aliyuncs.com ": {"HTTPS", "ga.cn-hangzhou.aliyuncs.com"},
		"http://[::1]:8790":                     {"HTTP", "[::1]:8790"},
	}
	for raw, want := range good {
		got, err := ParseEndpoint(raw)
		if err != nil || got != want {
			t.Errorf("ParseEndpoint(%q) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
	bad := map[string]string{
		"":                              "empty",
		"cbn.aliyuncs.com":              "no scheme",
		"cbn.aliyuncs.com:443":          "no scheme",
		"ftp://cbn.aliyuncs.com":        "only https:// and http://",
		"https://":                      "no host",
		"https://cbn.aliyuncs.com/api":  "has a path",
		"https://cbn.aliyuncs.com/?x=1": "query",
		"https://u:p@cbn.aliyuncs.com":  "user information",
		"http://127.0.0.1:99999":        "invalid port",
		"http://[::1":                   "not a valid URL",
	}
	for raw, want := range bad {
		_, err := ParseEndpoint(raw)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseEndpoint(%q) error %v, want it to say %q", raw, err, want)
		}
	}
}
