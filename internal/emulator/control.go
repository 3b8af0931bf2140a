package emulator

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/netip"
	"strings"
)

// ControlTokenHeader carries the control token of an emulator started WithControlToken.
const ControlTokenHeader = "X-Emulator-Control-Token"

// controlAccess decides whether a control API request is served. With a token, only a
// request carrying it is, whatever its address (401 without it, 403 with a wrong one).
// Without a token, only a loopback client is (403 otherwise): the connection's own address,
// never a forwarding header, which any client can write.
func controlAccess(token string, r *http.Request) (status int, msg string) {
	if token != "" {
		got := r.Header.Get(ControlTokenHeader)
		switch {
		case got == "":
			return http.StatusUnauthorized, "the control API needs the emulator's control token in the " + ControlTokenHeader + " header"
		case subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1:
			return http.StatusForbidden, "wrong control token in the " + ControlTokenHeader + " header"
		}
		return 0, ""
	}
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !ap.Addr().Unmap().IsLoopback() {
		return http.StatusForbidden, "the control API serves loopback clients only; start the emulator with -control-token " +
			"(WithControlToken) and send it in the " + ControlTokenHeader + " header to use it from " + r.RemoteAddr
	}
	return 0, ""
}

// serveControl serves the unsigned control API under /_emulator/.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if status, msg := controlAccess(s.cfg.controlToken, r); status != 0 {
		ctlError(w, status, msg)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/_emulator/")
	switch {
	case path == "stats" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.Stats())
	case path == "resources" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.Resources())
	case path == "faults" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.Faults())
	case path == "faults" && r.Method == http.MethodPost:
		var f Fault
		if !decode(w, r, &f) {
			return
		}
		if err := f.validate(); err != nil {
			ctlRefuse(w, err)
			return
		}
		s.AddFault(f)
		ctlJSON(w, http.StatusOK, f)
	case path == "faults" && r.Method == http.MethodDelete:
		s.ClearFaults()
		ctlJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case path == "ratelimit" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.limits.snapshot())
	case path == "ratelimit" && r.Method == http.MethodPost:
		var rl struct {
			Action string  `json:"action"`
			RPS    float64 `json:"rps"`
		}
		if !decode(w, r, &rl) {
			return
		}
		if err := validateRateLimit(rl.Action, rl.RPS); err != nil {
			ctlRefuse(w, err)
			return
		}
		s.SetRateLimit(rl.Action, rl.RPS)
		ctlJSON(w, http.StatusOK, s.limits.snapshot())
	case path == "reset" && r.Method == http.MethodPost:
		s.Reset()
		ctlJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case strings.HasPrefix(path, "pay/") && r.Method == http.MethodPost:
		if err := s.PayOrder(strings.TrimPrefix(path, "pay/")); err != nil {
			ctlError(w, http.StatusNotFound, err.Error())
			return
		}
		ctlJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case strings.HasPrefix(path, "expire/") && r.Method == http.MethodPost:
		if err := s.ExpirePlan(strings.TrimPrefix(path, "expire/")); err != nil {
			ctlError(w, http.StatusNotFound, err.Error())
			return
		}
		ctlJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case path == "cens" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.CenInstances())
	case path == "cens" && r.Method == http.MethodPost:
		var seed struct {
			Name string `json:"name"`
		}
		if !decode(w, r, &seed) {
			return
		}
		ctlJSON(w, http.StatusOK, map[string]string{"id": s.SeedCen(seed.Name)})
	case path == "account" && r.Method == http.MethodGet:
		ctlJSON(w, http.StatusOK, s.Account())
	case path == "account" && r.Method == http.MethodPost:
		// Fields left out of the body keep their current values.
		a := s.Account()
		if !decode(w, r, &a) {
			return
		}
		s.SetAccount(a)
		ctlJSON(w, http.StatusOK, s.Account())
	case path == "accelerators":
		s.serveAcceleratorControl(w, r)
	case path == "health":
		ctlJSON(w, http.StatusOK, map[string]bool{"ok": true})
	default:
		ctlError(w, http.StatusNotFound, "no control endpoint "+r.Method+" /_emulator/"+path)
	}
}

// decode reads a JSON body into v, refusing fields v does not have: a misspelt field
// would otherwise be dropped without a word (a latency fault with no latency).
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		ctlError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return false
	}
	return true
}

func ctlJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func ctlError(w http.ResponseWriter, status int, msg string) {
	ctlJSON(w, status, map[string]string{"error": msg})
}

// ctlRefuse answers 400 for a refused value, naming its field.
func ctlRefuse(w http.ResponseWriter, err error) {
	body := map[string]string{"error": err.Error()}
	if fe := (*fieldError)(nil); errors.As(err, &fe) {
		body["field"] = fe.field
	}
	ctlJSON(w, http.StatusBadRequest, body)
}
