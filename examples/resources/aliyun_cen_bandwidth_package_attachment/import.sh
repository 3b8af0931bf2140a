# A binding is imported by the plan's ID and the CEN instance's ID, joined by a colon.
terraform import aliyun_cen_bandwidth_package_attachment.example cenbwp-4c2zaavbvh5fx1234:cen-7qthudw0ll6jmc1234
