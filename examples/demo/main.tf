# A CEN and a GA bandwidth plan, bought from the offline emulator, the CEN
# plan bound to a CEN instance.
# `make demo` starts the emulator, points emulator_url at it and supplies
# the emulator's credentials through ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET.
terraform {
  required_providers {
    aliyun = {
      source = "bwplan/aliyun"
    }
  }
}

variable "emulator_url" {
  description = "Base URL of the API emulator, for example http://127.0.0.1:8790."
  type        = string
}

variable "cen_instance_id" {
  description = "CEN instance to bind the CEN plan to; make demo seeds one in the emulator."
  type        = string
}

provider "aliyun" {
  region = "cn-hangzhou"
  endpoints {
    cen = var.emulator_url
    ga  = var.emulator_url
  }
}

resource "aliyun_cen_bandwidth_package" "demo" {
  name                   = "demo-china-europe"
  description            = "Bandwidth between mainland China and Europe"
  bandwidth              = 10
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  charge_type            = "POSTPAY"
  tags = {
    env = "demo"
  }
}

# Binds the plan to the CEN instance. Referencing the plan's id orders the
# steps: bought, then bound; on destroy, unbound, then released.
resource "aliyun_cen_bandwidth_package_attachment" "demo" {
  instance_id          = var.cen_instance_id
  bandwidth_package_id = aliyun_cen_bandwidth_package.demo.id
}

resource "aliyun_ga_bandwidth_package" "demo" {
  name           = "demo-ga"
  bandwidth      = 20
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
  billing_type   = "PayByTraffic"
  tags = {
    env = "demo"
  }
}

output "cen_bandwidth_package_id" {
  value = aliyun_cen_bandwidth_package.demo.id
}

output "cen_bandwidth_package_status" {
  value = aliyun_cen_bandwidth_package.demo.status
}

output "cen_bandwidth_package_attachment_id" {
  value = aliyun_cen_bandwidth_package_attachment.demo.id
}

output "ga_bandwidth_package_id" {
  value = aliyun_ga_bandwidth_package.demo.id
}

output "ga_bandwidth_package_status" {
  value = aliyun_ga_bandwidth_package.demo.status
}
