import {
  to = aliyun_cen_bandwidth_package_attachment.china_europe
  id = "cenbwp-4c2zaavbvh5fx1234:cen-7qthudw0ll6jmc1234"
}
