# A pay-as-you-go basic bandwidth plan bound to an existing accelerator as its
# basic bandwidth. The attachment references the plan's id, so destroy
# unbinds the plan before it deletes it.
resource "aliyun_ga_bandwidth_package" "basic" {
  bandwidth      = 20
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = "POSTPAY"
}

resource "aliyun_ga_bandwidth_package_attachment" "basic" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.basic.id
  accelerator_id       = "ga-bp1odcab8tmno0hdq1234"
}

# A cross-region plan binds only once the accelerator has its basic
# bandwidth: depends_on orders the two bindings, and their removal.
resource "aliyun_ga_bandwidth_package" "cross_domain" {
  bandwidth   = 50
  type        = "CrossDomain"
  charge_type = "POSTPAY"
}

resource "aliyun_ga_bandwidth_package_attachment" "cross_domain" {
  bandwidth_package_id = aliyun_ga_bandwidth_package.cross_domain.id
  accelerator_id       = aliyun_ga_bandwidth_package_attachment.basic.accelerator_id

  depends_on = [aliyun_ga_bandwidth_package_attachment.basic]

  timeouts {
    create = "15m"
    delete = "15m"
  }
}
