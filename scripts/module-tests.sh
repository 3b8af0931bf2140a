#!/usr/bin/env bash
# make module-test: run the terraform tests of examples/modules/* against a
# standalone emulator, the way a user tests a module that buys bandwidth
# plans without buying any. Builds the provider and the emulator, starts the
# emulator on a free loopback port, points dev_overrides at the fresh
# provider and runs `terraform test` in a copy of each module.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
lib_init "make module-test"

echo "==> building the provider and the emulator"
lib_build_provider
lib_build_emulator

lib_start_emulator -access-key-id module-test-ak -access-key-secret module-test-sk \
  -ready-after 200ms -update-after 100ms -delete-after 100ms
lib_dev_overrides

# Credentials come from the environment, as they would in CI; the endpoint
# from a tfvars file in tests/ (terraform test does not hand TF_VAR_ or -var
# values to a provider block of a test file).
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
  # A module that binds a plan gets a CEN instance of its own to bind to.
  if grep -qs 'variable "cen_instance_id"' "$dir"/*.tf; then
    lib_seed_cen "module-test-$name"
    printf 'cen_instance_id = "%s"\n' "$cen_id" >>"$work/$name/tests/emulator.auto.tfvars"
  fi
  (cd "$work/$name" && terraform test "${color[@]}") || status=1
done
exit $status
