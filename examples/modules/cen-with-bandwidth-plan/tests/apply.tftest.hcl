# Buys a plan against the API emulator, binds it to a CEN instance the
# emulator holds, checks the binding, and destroys both at the end (unbinding
# first): no real purchase.

# var.emulator_url and var.cen_instance_id: from the tests/emulator.auto.tfvars
# that scripts/module-tests.sh writes (it seeds the instance through the
# emulator's control API); credentials from ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET.
provider "aliyun" {
  region = "cn-hangzhou"
  endpoints {
    cen = var.emulator_url
    ga  = var.emulator_url
  }
}

variables {
  name   = "module-test-bound"
  area_a = "China"
  area_b = "Europe"
}

run "binds_the_plan" {
  assert {
    condition     = aliyun_cen_bandwidth_package_attachment.this.instance_id == var.cen_instance_id
    error_message = "The plan must be bound to the given CEN instance."
  }
  assert {
    condition     = output.attachment_id == "${output.bandwidth_package_id}:${var.cen_instance_id}"
    error_message = "The attachment ID must be <plan>:<instance>."
  }
}

run "refresh_shows_the_binding" {
  command = plan
  assert {
    condition     = contains(aliyun_cen_bandwidth_package.this.cen_ids, var.cen_instance_id)
    error_message = "After a refresh the plan's cen_ids must show the instance."
  }
}

run "bandwidth_change_keeps_plan_and_binding" {
  variables {
    bandwidth = 20
  }
  assert {
    condition     = aliyun_cen_bandwidth_package.this.bandwidth == 20
    error_message = "The bandwidth must change to 20."
  }
  assert {
    condition     = output.bandwidth_package_id == run.binds_the_plan.bandwidth_package_id && output.attachment_id == run.binds_the_plan.attachment_id
    error_message = "A bandwidth change must keep the plan and its binding, not buy or bind anew."
  }
}
