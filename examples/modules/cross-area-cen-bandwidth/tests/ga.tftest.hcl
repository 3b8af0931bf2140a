# The optional GA basic bandwidth plan: planned only when ga_bandwidth is
# set, then bought with the module's name and tags.

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
  name   = "module-test-ga"
  area_a = "Asia-Pacific"
  area_b = "North-America"
}

run "no_ga_plan_by_default" {
  command = plan
  assert {
    condition     = length(aliyun_ga_bandwidth_package.this) == 0
    error_message = "Without ga_bandwidth no GA plan may be planned."
  }
}

run "ga_plan_planned" {
  command = plan
  variables {
    ga_bandwidth = 50
  }
  assert {
    condition     = length(aliyun_ga_bandwidth_package.this) == 1
    error_message = "With ga_bandwidth one GA plan must be planned."
  }
  assert {
    condition     = aliyun_ga_bandwidth_package.this[0].bandwidth == 50 && aliyun_ga_bandwidth_package.this[0].type == "Basic"
    error_message = "The GA plan must be a Basic plan of 50 Mbit/s."
  }
  assert {
    condition     = aliyun_ga_bandwidth_package.this[0].charge_type == "POSTPAY"
    error_message = "The GA plan must follow the module's charge_type."
  }
}

run "ga_plan_bought" {
  variables {
    ga_bandwidth = 50
    tags         = { team = "network" }
  }
  assert {
    condition     = startswith(output.ga_bandwidth_package_id, "gbwp-")
    error_message = "The GA plan ID must start with gbwp-."
  }
  assert {
    condition     = aliyun_ga_bandwidth_package.this[0].name == "module-test-ga" && aliyun_ga_bandwidth_package.this[0].tags["team"] == "network"
    error_message = "The GA plan must carry the module's name and tags."
  }
  assert {
    condition     = output.cen_is_cross_border == false
    error_message = "An Asia-Pacific to North-America plan is not cross-border."
  }
}
