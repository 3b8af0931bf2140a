# A CEN plan between the areas of two regions, written as region IDs.
resource "aliyun_cen_bandwidth_package" "hangzhou_frankfurt" {
  bandwidth              = 10
  geographic_region_a_id = provider::aliyun::cen_area("cn-hangzhou")  # China
  geographic_region_b_id = provider::aliyun::cen_area("eu-central-1") # Europe
  charge_type            = "POSTPAY"
}
