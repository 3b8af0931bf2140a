# A pay-as-you-go plan between the Chinese mainland and Europe, changed in
# place when bandwidth, name, description or tags change.
resource "aliyun_cen_bandwidth_package" "china_europe" {
  bandwidth              = 10
  geographic_region_a_id = "China"
  geographic_region_b_id = "Europe"
  name                   = "china-europe"
  description            = "Inter-region traffic between Hangzhou and Frankfurt"
  charge_type            = "POSTPAY"

  tags = {
    team = "network"
  }
}

# A one-year subscription that renews itself by a year at a time. Destroying it
# before it expires only removes it from state: the API cannot release it.
resource "aliyun_cen_bandwidth_package" "asia" {
  bandwidth              = 5
  geographic_region_a_id = "China"
  geographic_region_b_id = "Asia-Pacific"
  name                   = "china-asia"
  charge_type            = "PREPAY"
  period                 = 1
  pricing_cycle          = "Year"
  auto_renew             = true
  auto_renew_duration    = 12

  timeouts {
    create = "15m"
  }
}
