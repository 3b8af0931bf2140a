# Plan-time checks of the module's variables: each bad value is refused by
# its validation rule before any API call.

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
}

run "unknown_area" {
  command = plan
  variables {
    area_b = "Antarctica"
  }
  expect_failures = [var.area_b]
}

run "bandwidth_out_of_range" {
  command = plan
  variables {
    bandwidth = 10001
  }
  expect_failures = [var.bandwidth]
}

run "fractional_bandwidth" {
  command = plan
  variables {
    bandwidth = 2.5
  }
  expect_failures = [var.bandwidth]
}

run "name_is_a_url" {
  command = plan
  variables {
    name = "https://example.com"
  }
  expect_failures = [var.name]
}

run "unknown_charge_type" {
  command = plan
  variables {
    charge_type = "MONTHLY"
  }
  expect_failures = [var.charge_type]
}

run "ga_bandwidth_too_large" {
  command = plan
  variables {
    ga_bandwidth = 5000
  }
  expect_failures = [var.ga_bandwidth]
}

run "too_many_tags" {
  command = plan
  variables {
    tags = { for i in range(21) : "k${i}" => "v" }
  }
  expect_failures = [var.tags]
}
