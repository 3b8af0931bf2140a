// Command aliyun-emulator serves the offline CEN and GA bandwidth plan API emulator.
//
//	go run ./internal/emulator/cmd/aliyun-emulator -listen 127.0.0.1:8790 -access-key-id AK -access-key-secret SK -ready-after 2s
//
// Once it accepts calls it prints one line, the endpoint first, so scripts can wait for it:
//
//	aliyun-emulator: http://127.0.0.1:8790 (access key AK, control API: loopback only)
//
// -v adds the API versions, the secret, the delays and the control endpoints after it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bwplan/terraform-provider-aliyun/internal/emulator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("aliyun-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8790", "address to listen on (port 0 picks a free port)")
	akID := fs.String("access-key-id", "test-ak", "AccessKey ID accepted")
	akSecret := fs.String("access-key-secret", "test-sk", "AccessKey secret accepted")
	token := fs.String("security-token", "", "if set, the key pair is an STS credential and calls must carry this SecurityToken")
	tokenTTL := fs.Duration("security-token-ttl", 0, "STS token lifetime from start (0: never expires)")
	ready := fs.Duration("ready-after", 2*time.Second, "time a new plan stays Creating/init")
	update := fs.Duration("update-after", time.Second, "time a plan stays busy after a modification")
	del := fs.Duration("delete-after", time.Second, "time a plan stays Deleting before it is gone")
	readAfter := fs.Duration("read-after-create", 0, "time a new plan stays hidden from Describe/List (GA: NotExist.BandwidthPackage), as a live API may lag")
	state := fs.String("state", "", "JSON file keeping plans across restarts (written atomically)")
	chinaSite := fs.Bool("china-site", false, "behave as the China site (GA Type must be Basic)")
	crossBorder := fs.Bool("deny-cross-border", false, "refuse cross-border purchases (OperationInvalid.UserCanNotBuyCrossBorderBwp)")
	noPostpay := fs.Bool("postpay-not-opened", false, "refuse POSTPAY (Order.AccountStatusIllegal)")
	quota := fs.Bool("quota-exhausted", false, "refuse creates with PayFor.AccountMoneyValidateError")
	denied := fs.String("deny-actions", "", "comma-separated actions RAM denies")
	controlToken := fs.String("control-token", "", "serve the control API (/_emulator/) to any address, but only to requests carrying this token in the "+
		emulator.ControlTokenHeader+" header (default: loopback clients only)")
	verbose := fs.Bool("v", false, "after the start line, print the API versions, the key pair, the delays and the control endpoints")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, d := range []struct {
		flag string
		v    time.Duration
	}{{"ready-after", *ready}, {"update-after", *update}, {"delete-after", *del}, {"read-after-create", *readAfter}} {
		if d.v < 0 {
			fmt.Fprintf(stderr, "aliyun-emulator: -%s must not be negative, got %s\n", d.flag, d.v)
			return 2
		}
	}

	opts := []emulator.Option{
		emulator.WithListen(*listen),
		emulator.WithReadyDelay(*ready),
		emulator.WithUpdateDelay(*update),
		emulator.WithDeleteDelay(*del),
		emulator.WithReadAfterCreateDelay(*readAfter),
	}
	if *token != "" {
		var exp time.Time
		if *tokenTTL > 0 {
			exp = time.Now().Add(*tokenTTL)
		}
		opts = append(opts, emulator.WithSTSCredential(*akID, *akSecret, *token, exp))
	} else {
		opts = append(opts, emulator.WithCredential(*akID, *akSecret))
	}
	if *state != "" {
		opts = append(opts, emulator.WithStateFile(*state))
	}
	if *controlToken != "" {
		opts = append(opts, emulator.WithControlToken(*controlToken))
	}
	acct := emulator.Account{ChinaSite: *chinaSite, CrossBorderDenied: *crossBorder, PostpayNotOpened: *noPostpay, QuotaExhausted: *quota}
	if *denied != "" {
		acct.DeniedActions = strings.Split(*denied, ",")
	}
	// Without restriction flags, an account saved in the state file is kept.
	if *chinaSite || *crossBorder || *noPostpay || *quota || *denied != "" {
		opts = append(opts, emulator.WithAccount(acct))
	}

	srv, err := emulator.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "aliyun-emulator:", err)
		return 1
	}
	// Signals are caught before announcing readiness, so a script's prompt SIGTERM is clean.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	access := "loopback only"
	if *controlToken != "" {
		access = "token in " + emulator.ControlTokenHeader
	}
	key := *akID
	if *token != "" {
		key += " with a security token"
	}
	fmt.Fprintf(stdout, "aliyun-emulator: %s (access key %s, control API: %s)\n", srv.URL(), key, access)
	if *verbose {
		fmt.Fprintln(stdout, "  APIs: CEN (Cbn 2017-09-12) and GA (Ga 2019-11-20)")
		fmt.Fprintf(stdout, "  credentials: access key id %q, secret %q", *akID, *akSecret)
		if *token != "" {
			fmt.Fprintf(stdout, ", security token %q", *token)
		}
		fmt.Fprintln(stdout)
		fmt.Fprintf(stdout, "  delays: ready after %s, update %s, delete %s, read after create %s\n", *ready, *update, *del, *readAfter)
		if *state != "" {
			fmt.Fprintf(stdout, "  state file: %s\n", *state)
		}
		fmt.Fprintf(stdout, "  control API (%s): %s/_emulator/{stats,resources,faults,ratelimit,reset,pay/ORDER,expire/PLAN,account,cens,accelerators}\n", access, srv.URL())
	}

	s := <-sig
	fmt.Fprintf(stdout, "aliyun-emulator: %s, shutting down\n", s)
	if err := srv.Close(); err != nil {
		fmt.Fprintln(stderr, "aliyun-emulator:", err)
		return 1
	}
	return 0
}
