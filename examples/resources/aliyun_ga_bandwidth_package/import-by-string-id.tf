import {
  to = aliyun_ga_bandwidth_package.basic
  id = "gbwp-bp1sgzldyj6b4q7cx1234"
}
