# Pay-as-you-go CEN plans of the production team whose names start with "prod-".
data "aliyun_cen_bandwidth_packages" "prod" {
  name_regex  = "^prod-"
  charge_type = "POSTPAY"
  tags = {
    team = "network"
  }
}

output "prod_plan_ids" {
  value = data.aliyun_cen_bandwidth_packages.prod.ids
}

output "prod_total_bandwidth" {
  value = sum(concat([0], data.aliyun_cen_bandwidth_packages.prod.packages[*].bandwidth))
}
