#!/usr/bin/env bash
# make validate-examples: `terraform fmt -check` on examples/, then
# `terraform validate` in every directory of examples/ that holds .tf files,
# against a freshly built provider through dev_overrides. Offline: only the
# provider under test is ever needed.
#
# `terraform init` is not run: it asks the registry about the overridden
# provider even with dev_overrides. `terraform get` fetches local modules only.
#
# Each directory is validated in a scratch copy, so no .terraform/ or lock file
# lands in the tree. The resource examples are fragments fed to tfplugindocs
# and have no required_providers block; the copy gets one, so `aliyun_*`
# resolves to bwplan/aliyun rather than to hashicorp/aliyun.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
lib_init "validate-examples"
cd "$root"

echo "==> building the provider"
lib_build_provider
lib_dev_overrides
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1

echo "==> terraform fmt -check -recursive examples"
if ! terraform fmt -check -recursive -diff examples; then
  echo "validate-examples: examples/ is not formatted; run: terraform fmt -recursive examples" >&2
  exit 1
fi

failed=()
while IFS= read -r dir; do
  copy="$work/examples/$dir"
  mkdir -p "$copy"
  (cd "$dir" && tar -cf - --exclude=.terraform --exclude='.terraform.lock.hcl' --exclude='*.tfstate*' .) | (cd "$copy" && tar -xf -)
  if ! grep -qs 'required_providers' "$copy"/*.tf; then
    cat >"$copy/zz_validate_providers.tf" <<'TF'
terraform {
  required_providers {
    aliyun = {
      source = "bwplan/aliyun"
    }
  }
}
TF
  fi
  if (cd "$copy" && terraform get -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }) &&
    (cd "$copy" && terraform validate -no-color >"$work/validate.log" 2>&1 || { cat "$work/validate.log"; exit 1; }); then
    echo "ok    $dir"
  else
    echo "FAIL  $dir" >&2
    failed+=("$dir")
  fi
done < <(find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)

if [ "${#failed[@]}" -gt 0 ]; then
  echo "validate-examples: terraform validate failed in: ${failed[*]}" >&2
  exit 1
fi
echo "==> every example directory is valid"
