#!/usr/bin/env bash
# make cloud-rehearsal: runs the acceptance tests in cloud mode (TF_ACC_CLOUD=1)
# exactly as they would run against Alibaba Cloud, but with every call sent to
# one standalone emulator (TF_ACC_CLOUD_ENDPOINT): one account shared by all
# tests, credentials from the environment, a provider block that sets
# nothing else, no emulator internals. Then the sweepers run against the same
# account. It fails when a cloud-capable test fails, when no test bought a
# plan, or when a tf-acc- plan or CEN instance is left after the sweep.
# README, "Testing against Alibaba Cloud".
set -euo pipefail

. "$(dirname "$0")/lib.sh"
lib_init "make cloud-rehearsal"

echo "==> building the emulator"
lib_build_emulator
ak=rehearsal-ak sk=rehearsal-sk
lib_start_emulator -access-key-id "$ak" -access-key-secret "$sk" \
  -ready-after 300ms -update-after 200ms -delete-after 200ms

# An accelerator for the GA attachment tests: in the cloud, the account's own
# (accelerators are sold as subscriptions, so tests never buy one).
answer=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"name":"rehearsal"}' "$url/_emulator/accelerators")
accelerator=$(printf '%s' "$answer" | sed -n 's/.*"id":"\(ga-[a-z0-9]*\)".*/\1/p')
[ -n "$accelerator" ] || { echo "$lib_name: unexpected answer creating an accelerator: $answer" >&2; exit 1; }
# A CEN instance that is not the tests': the sweep must leave it.
lib_seed_cen "keep-rehearsal"

export TF_ACC=1 TF_ACC_CLOUD=1 TF_ACC_CLOUD_ENDPOINT="$url"
export ALIBABA_CLOUD_ACCESS_KEY_ID=$ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=$sk ALIBABA_CLOUD_REGION_ID=cn-hangzhou
export ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true TF_ACC_GA_ACCELERATOR_ID=$accelerator
unset TF_ACC_CLOUD_PREPAY ALIBABA_CLOUD_SECURITY_TOKEN

cd "$root"
mkdir -p "$work"
echo "==> acceptance tests in cloud mode against $url"
status=0
go test ./internal/... -count=1 -run 'TestAcc' -timeout 30m -v >"$work/tests.log" 2>&1 || status=$?
grep -E '^(--- FAIL|FAIL|panic)' "$work/tests.log" || true
passed=$(grep -c '^--- PASS: TestAcc' "$work/tests.log" || true)
skipped=$(grep -c '^--- SKIP: TestAcc' "$work/tests.log" || true)
echo "    $passed acceptance tests passed in cloud mode, $skipped skipped (they need the in-process emulator, or buy subscriptions):"
grep -o '^--- PASS: TestAcc[A-Za-z0-9_]*' "$work/tests.log" | sed 's/^--- PASS: /      /' | sort
if [ "$status" -ne 0 ]; then
  grep -v '^=== ' "$work/tests.log" | tail -n 80 >&2
  echo "$lib_name: acceptance tests failed in cloud mode" >&2
  exit 1
fi
bought=$(curl -fsS "$url/_emulator/stats" | grep -o '"Create[A-Za-z]*BandwidthPackage":[0-9]*' || true)
echo "    plans bought: ${bought//$'\n'/, }"
[ "$passed" -gt 0 ] && [ -n "$bought" ] || { echo "$lib_name: no test bought a plan in cloud mode" >&2; exit 1; }

echo "==> sweepers against the same account"
go test ./internal/service/cen ./internal/service/ga -count=1 -timeout 10m -sweep=cn-hangzhou >"$work/sweep.log" 2>&1 ||
  { cat "$work/sweep.log" >&2; echo "$lib_name: the sweepers failed" >&2; exit 1; }
left=$( { curl -fsS "$url/_emulator/resources"; curl -fsS "$url/_emulator/cens"; } | grep -o '"name":"tf-acc-[^"]*"' || true)
if [ -n "$left" ]; then
  echo "$lib_name: left after the tests and the sweep: $left" >&2
  exit 1
fi
curl -fsS "$url/_emulator/cens" | grep -q '"name":"keep-rehearsal"' ||
  { echo "$lib_name: the sweep deleted a CEN instance that is not a test's" >&2; exit 1; }
echo "    no tf-acc- plan or CEN instance left; others untouched"
