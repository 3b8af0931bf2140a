# A pay-as-you-go plan between the Chinese mainland and Europe, bound to an
# existing CEN instance. The attachment references the plan's id, so Terraform
# binds after it buys the plan and unbinds before it deletes the plan (the API
# refuses to delete a bound plan).
resource "aliyun_cen_bandwidth_package" "china_europe" {
  bandwidth              = 10
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  name                   = "china-europe"
  charge_type            = "POSTPAY"
}

resource "aliyun_cen_bandwidth_package_attachment" "china_europe" {
  instance_id          = "cen-7qthudw0ll6jmc1234"
  bandwidth_package_id = aliyun_cen_bandwidth_package.china_europe.id

  timeouts {
    create = "10m"
  }
}
