#!/usr/bin/env bash
# make demo: build the provider and the emulator, start the emulator on a free
# loopback port, apply and destroy examples/demo against it with dev_overrides.
# Needs only Go and the terraform CLI: no account, no network.
set -euo pipefail

if ! command -v terraform >/dev/null 2>&1; then
  echo "make demo: the terraform CLI is not on PATH; install Terraform >= 1.8 and run again." >&2
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
"$work/aliyun-emulator" -listen 127.0.0.1:0 -access-key-id demo-ak -access-key-secret demo-sk \
  -ready-after "${DEMO_READY_AFTER:-2s}" >"$work/emulator.log" 2>&1 &
emu_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/emulator.log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; echo "make demo: the emulator exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/emulator.log" >&2; echo "make demo: the emulator did not start" >&2; exit 1; }
echo "    emulator at $url"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.terraform.io/bwplan/aliyun" = "$work/bin"
  }
  direct {}
}
CFG
cp -r "$root/examples/demo" "$work/demo"

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-sk
export TF_IN_AUTOMATION=1
cd "$work/demo"

# Plain output in CI logs; colours when someone watches a terminal.
color=()
[ -t 1 ] || color=(-no-color)

echo "==> terraform apply"
terraform apply -auto-approve -input=false "${color[@]}" -var "emulator_url=$url"
echo "==> terraform destroy"
terraform destroy -auto-approve -input=false "${color[@]}" -var "emulator_url=$url"
echo "==> demo finished: both plans bought and released against the emulator"
