#!/usr/bin/env bash
# make module-test: run the terraform tests of examples/modules/* against a
# standalone emulator, the way a user tests a module that buys bandwidth
# plans without buying any. Builds the provider and the emulator, starts the
# emulator on a free loopback port, points dev_overrides at the fresh
# provider and runs `terraform test` in a copy of each module.
set -euo pipefail

if ! command -v terraform >/dev/null 2>&1; then
  echo "make module-test: the terraform CLI is not on PATH; install Terraform >= 1.8 and run again." >&2
  exit 1
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
emu_pid=""
cleanup() {
  if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "==> building the provider and the emulator"
(cd "$root" && go build -o "$work/bin/terraform-provider-aliyun" . \
  && go build -o "$work/aliyun-emulator" ./internal/emulator/cmd/aliyun-emulator)

echo "==> starting the emulator"
"$work/aliyun-emulator" -listen 127.0.0.1:0 -access-key-id module-test-ak -access-key-secret module-test-sk \
  -ready-after 200ms -update-after 100ms -delete-after 100ms >"$work/emulator.log" 2>&1 &
emu_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/emulator.log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; echo "make module-test: the emulator exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/emulator.log" >&2; echo "make module-test: the emulator did not start" >&2; exit 1; }
echo "    emulator at $url"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/bwplan/aliyun" = "$work/bin"
  }
  direct {}
}
CFG

# Credentials come from the environment, as they would in CI; the endpoint
# from a tfvars file in tests/ (terraform test does not hand TF_VAR_ or -var
# values to a provider block of a test file).
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export ALIBABA_CLOUD_ACCESS_KEY_ID=module-test-ak
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=module-test-sk
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
color=()
[ -t 1 ] || color=(-no-color)

status=0
for dir in "$root"/examples/modules/*/; do
  [ -d "$dir/tests" ] || continue
  name=$(basename "$dir")
  echo "==> terraform test: examples/modules/$name"
  cp -r "$dir" "$work/$name"
  # dev_overrides needs no init; a module with other providers would.
  printf 'emulator_url = "%s"\n' "$url" >"$work/$name/tests/emulator.auto.tfvars"
  (cd "$work/$name" && terraform test "${color[@]}") || status=1
done
exit $status
