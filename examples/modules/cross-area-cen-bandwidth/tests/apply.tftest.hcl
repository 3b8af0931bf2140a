# Buys the plans against the API emulator, checks what the module reports,
# and destroys them at the end: no real purchase.

# var.emulator_url: the API emulator, from the tests/emulator.auto.tfvars that
# scripts/module-tests.sh writes (or -var when running terraform test by hand);
# credentials from ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET.
provider "aliyun" {
  region = "cn-hangzhou"
  endpoints {
    cen = var.emulator_url
    ga  = var.emulator_url
  }
}

variables {
  name   = "module-test"
  area_a = "China"
  area_b = "Europe"
  tags   = { env = "test" }
}

run "china_europe_is_cross_border" {
  assert {
    condition     = output.cen_is_cross_border == true
    error_message = "A China-Europe plan must be cross-border."
  }
  assert {
    condition     = startswith(output.cen_bandwidth_package_id, "cenbwp-")
    error_message = "The CEN plan ID must start with cenbwp-."
  }
  assert {
    condition     = output.ga_bandwidth_package_id == null
    error_message = "No GA plan is bought unless ga_bandwidth is set."
  }
  assert {
    condition     = aliyun_cen_bandwidth_package.this.charge_type == "POSTPAY" && aliyun_cen_bandwidth_package.this.tags["env"] == "test"
    error_message = "The plan must be pay-as-you-go and carry the module's tags."
  }
}

run "bandwidth_changes_in_place" {
  variables {
    bandwidth = 20
  }
  assert {
    condition     = aliyun_cen_bandwidth_package.this.bandwidth == 20
    error_message = "The bandwidth must change to 20."
  }
  assert {
    condition     = output.cen_bandwidth_package_id == run.china_europe_is_cross_border.cen_bandwidth_package_id
    error_message = "A bandwidth change must keep the plan, not buy a new one."
  }
}

run "within_china_is_not_cross_border" {
  variables {
    area_b = "China"
  }
  assert {
    condition     = output.cen_is_cross_border == false
    error_message = "A plan within China must not be cross-border."
  }
}
