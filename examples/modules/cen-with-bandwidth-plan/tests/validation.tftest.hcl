# Refused at plan time, before any API call.
provider "aliyun" {
  region = "cn-hangzhou"
  endpoints {
    cen = var.emulator_url
    ga  = var.emulator_url
  }
}

run "instance_id_shape" {
  command = plan
  variables {
    cen_instance_id = "vpc-123"
    name            = "module-test-invalid"
    area_a          = "China"
    area_b          = "Europe"
  }
  expect_failures = [var.cen_instance_id]
}
