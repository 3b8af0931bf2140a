# Buys a CEN bandwidth plan between two areas and, optionally, a GA basic
# bandwidth plan, with the same name and tags.
resource "aliyun_cen_bandwidth_package" "this" {
  name                   = var.name
  bandwidth              = var.bandwidth
  geographic_region_a_id = var.area_a
  geographic_region_b_id = var.area_b
  charge_type            = var.charge_type
  tags                   = var.tags
}

resource "aliyun_ga_bandwidth_package" "this" {
  count = var.ga_bandwidth == null ? 0 : 1

  name           = var.name
  bandwidth      = var.ga_bandwidth
  type           = "Basic"
  bandwidth_type = "Basic"
  charge_type    = var.charge_type
  tags           = var.tags
}
