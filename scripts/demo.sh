#!/usr/bin/env bash
# make demo: build the provider and the emulator, start the emulator on a free
# loopback port, apply and destroy examples/demo against it with dev_overrides.
# Needs only Go and the terraform CLI: no account, no network.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
lib_init "make demo"

echo "==> building the provider and the emulator"
lib_build_provider
lib_build_emulator

lib_start_emulator -access-key-id demo-ak -access-key-secret demo-sk \
  -ready-after "${DEMO_READY_AFTER:-2s}"
lib_seed_cen demo
lib_dev_overrides
cp -r "$root/examples/demo" "$work/demo"

export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-sk
export TF_IN_AUTOMATION=1
cd "$work/demo"

# Plain output in CI logs; colours when someone watches a terminal.
color=()
[ -t 1 ] || color=(-no-color)

echo "==> terraform apply"
terraform apply -auto-approve -input=false "${color[@]}" -var "emulator_url=$url" -var "cen_instance_id=$cen_id"
echo "==> terraform destroy"
terraform destroy -auto-approve -input=false "${color[@]}" -var "emulator_url=$url" -var "cen_instance_id=$cen_id"
echo "==> demo finished: both plans bought, the CEN plan bound and unbound, and both released against the emulator"
