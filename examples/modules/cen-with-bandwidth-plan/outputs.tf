output "bandwidth_package_id" {
  description = "ID of the CEN bandwidth plan."
  value       = aliyun_cen_bandwidth_package.this.id
}

output "attachment_id" {
  description = "ID of the binding: <bandwidth_package_id>:<cen_instance_id>."
  value       = aliyun_cen_bandwidth_package_attachment.this.id
}
