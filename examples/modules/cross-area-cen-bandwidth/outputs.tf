output "cen_bandwidth_package_id" {
  description = "ID of the CEN bandwidth plan."
  value       = aliyun_cen_bandwidth_package.this.id
}

output "cen_is_cross_border" {
  description = "Whether the CEN plan connects mainland China with another area."
  value       = aliyun_cen_bandwidth_package.this.is_cross_border
}

output "ga_bandwidth_package_id" {
  description = "ID of the GA bandwidth plan, or null when none was bought."
  value       = one(aliyun_ga_bandwidth_package.this[*].id)
}
