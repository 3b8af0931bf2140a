package main

import (
	"bufio"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRunServesAndStopsOnSIGTERM(t *testing.T) {
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan int, 1)
	state := filepath.Join(t.TempDir(), "state.json")
	go func() {
		done <- run([]string{"-listen", "127.0.0.1:0", "-access-key-id", "AK", "-access-key-secret", "SK", "-ready-after", "10ms", "-state", state}, pw, &stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var url, banner string
	for sc.Scan() {
		line := sc.Text()
		banner += line + "\n"
		if rest, ok := strings.CutPrefix(line, "listening on "); ok {
			url = rest
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
		t.Fatalf("no usable URL announced: %q\n%s", url, banner)
	}
	if !strings.Contains(banner, `"AK"`) || !strings.Contains(banner, `"SK"`) {
		t.Fatalf("banner does not show the credentials:\n%s", banner)
	}
	resp, err := http.Get(url + "/_emulator/stats")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("stats: %v", err)
	}
	resp.Body.Close()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit code %d: %s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not shut down on SIGTERM")
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errOut strings.Builder
	if code := run([]string{"-ready-after", "soon"}, &out, &errOut); code != 2 {
		t.Fatalf("exit code %d", code)
	}
}
