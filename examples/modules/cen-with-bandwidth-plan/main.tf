# Buys a CEN bandwidth plan between two areas and binds it to an existing CEN
# instance. The attachment references the plan's id, so the plan is bought
# before it is bound, and unbound before it is released.
resource "aliyun_cen_bandwidth_package" "this" {
  name                   = var.name
  bandwidth              = var.bandwidth
  geographic_region_a_id = var.area_a
  geographic_region_b_id = var.area_b
  charge_type            = var.charge_type
  tags                   = var.tags
}

resource "aliyun_cen_bandwidth_package_attachment" "this" {
  instance_id          = var.cen_instance_id
  bandwidth_package_id = aliyun_cen_bandwidth_package.this.id
}
