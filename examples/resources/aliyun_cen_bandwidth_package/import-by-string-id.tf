import {
  to = aliyun_cen_bandwidth_package.china_europe
  id = "cenbwp-4c2zaavbvh5fx1234"
}
