package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// stateVersion guards against loading a file written by an incompatible emulator.
const stateVersion = 1

type stateFile struct {
	Version int                    `json:"version"`
	Plans   []*plan                `json:"plans"`
	Orders  []*order               `json:"orders"`
	Tokens  map[string]*tokenEntry `json:"tokens,omitempty"`
	Account Account                `json:"account"`
	Cens    []*cenInstance         `json:"cens,omitempty"`
	// Accelerators are the GA accelerators.
	Accelerators []*accelerator `json:"accelerators,omitempty"`
}

// load reads the state file; a missing file is an empty start.
func (s *Server) load() error {
	data, err := os.ReadFile(s.cfg.stateFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: reading state: %w", err)
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("emulator: parsing state %s: %w", s.cfg.stateFile, err)
	}
	if st.Version != stateVersion {
		return fmt.Errorf("emulator: state %s has version %d, want %d", s.cfg.stateFile, st.Version, stateVersion)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetLocked()
	now := s.now()
	for _, p := range st.Plans {
		if p == nil || p.ID == "" || p.gone(now) {
			continue
		}
		s.plans[p.ID] = p
		s.order = append(s.order, p)
		if p.deletingNow() {
			s.deleting++
		}
	}
	sortByCreation(s.order)
	for _, o := range st.Orders {
		if o != nil {
			s.orders[o.ID] = o
		}
	}
	if st.Tokens != nil {
		s.tokens = st.Tokens
	}
	s.account = st.Account.clone()
	for _, ci := range st.Cens {
		if ci != nil && ci.ID != "" && !ci.gone(now) {
			s.cens[ci.ID] = ci
		}
	}
	for _, a := range st.Accelerators {
		if a != nil && a.ID != "" && !a.gone(now) {
			s.accelerators[a.ID] = a
		}
	}
	return nil
}

// save writes the state atomically (temp file, fsync, rename) when a state file is configured.
// Snapshots are numbered so a slow writer never overwrites a newer snapshot.
func (s *Server) save() {
	if s.cfg.stateFile == "" {
		return
	}
	s.mu.Lock()
	st := stateFile{Version: stateVersion, Tokens: s.tokens, Account: s.account}
	st.Plans = s.order
	for _, ci := range s.cens {
		st.Cens = append(st.Cens, ci)
	}
	for _, o := range s.orders {
		st.Orders = append(st.Orders, o)
	}
	st.Accelerators = s.acceleratorList(s.now())
	data, err := json.Marshal(st)
	s.saveSeq++
	seq := s.saveSeq
	s.mu.Unlock()
	if err != nil {
		return
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	if seq <= s.savedAt {
		return
	}
	if err := writeAtomic(s.cfg.stateFile, data); err == nil {
		s.savedAt = seq
	}
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
