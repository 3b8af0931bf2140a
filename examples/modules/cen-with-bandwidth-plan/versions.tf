terraform {
  required_version = ">= 1.8"
  required_providers {
    aliyun = {
      source = "bwplan/aliyun"
    }
  }
}
