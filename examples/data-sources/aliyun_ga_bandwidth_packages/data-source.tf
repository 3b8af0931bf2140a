# Active basic GA bandwidth plans, and the names of those not yet attached.
data "aliyun_ga_bandwidth_packages" "basic" {
  type   = "Basic"
  status = "active"
}

output "unattached_basic_plans" {
  value = data.aliyun_ga_bandwidth_packages.basic.names
}
