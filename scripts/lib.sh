# shellcheck shell=bash
# Sourced by the scripts beside it: what every one of them does before its
# own work. lib_init checks for terraform and makes a scratch directory that
# is removed, with any emulator started, on exit; then the build, emulator
# and dev_overrides steps each script needs.

# lib_init NAME: NAME prefixes error messages. Sets root and work.
lib_init() {
  lib_name=$1
  if ! command -v terraform >/dev/null 2>&1; then
    echo "$lib_name: the terraform CLI is not on PATH; install Terraform >= 1.8 and run again." >&2
    exit 1
  fi
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  work=$(mktemp -d)
  emu_pid=""
  trap lib_cleanup EXIT INT TERM
}

lib_cleanup() {
  if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

# lib_build_provider: the provider under test, into $work/bin.
lib_build_provider() {
  (cd "$root" && go build -o "$work/bin/terraform-provider-aliyun" .)
}

# lib_build_emulator: the standalone API emulator, as $work/aliyun-emulator.
lib_build_emulator() {
  (cd "$root" && go build -o "$work/aliyun-emulator" ./internal/emulator/cmd/aliyun-emulator)
}

# lib_start_emulator ARGS...: starts the emulator on a free loopback port
# with ARGS and sets url once it listens.
lib_start_emulator() {
  echo "==> starting the emulator"
  "$work/aliyun-emulator" -listen 127.0.0.1:0 "$@" >"$work/emulator.log" 2>&1 &
  emu_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/emulator.log" | head -n 1 || true)
    [ -n "$url" ] && break
    kill -0 "$emu_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; echo "$lib_name: the emulator exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat "$work/emulator.log" >&2; echo "$lib_name: the emulator did not start" >&2; exit 1; }
  echo "    emulator at $url"
}

# lib_seed_cen NAME: creates a CEN instance in the running emulator through
# its control API (Active at once) and sets cen_id to its ID.
lib_seed_cen() {
  local answer
  answer=$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$1\"}" "$url/_emulator/cens") ||
    { echo "$lib_name: seeding a CEN instance failed" >&2; exit 1; }
  cen_id=$(printf '%s' "$answer" | sed -n 's/.*"id":"\(cen-[a-z0-9]*\)".*/\1/p')
  [ -n "$cen_id" ] || { echo "$lib_name: unexpected answer seeding a CEN instance: $answer" >&2; exit 1; }
  echo "    CEN instance $cen_id"
}

# lib_dev_overrides: a CLI configuration that takes the provider from
# $work/bin, exported as TF_CLI_CONFIG_FILE.
lib_dev_overrides() {
  cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/bwplan/aliyun" = "$work/bin"
  }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$work/terraformrc"
}
