# A GA plan attachment is imported by the plan's ID and the accelerator's ID,
# joined by a colon.
terraform import aliyun_ga_bandwidth_package_attachment.basic gbwp-bp1sgzldyj6b4q7cx1234:ga-bp1odcab8tmno0hdq1234
