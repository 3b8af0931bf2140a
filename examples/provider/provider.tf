terraform {
  required_providers {
    aliyun = {
      source = "bwplan/aliyun"
    }
  }
}

# Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID,
# ALIBABA_CLOUD_ACCESS_KEY_SECRET), a CLI profile or an ECS RAM role;
# keep secrets out of configuration files.
provider "aliyun" {
  region      = "cn-hangzhou"
  max_retries = 5
}

# Against the API emulator (go run ./internal/emulator/cmd/...):
#
# provider "aliyun" {
#   access_key = "test-ak"
#   secret_key = "test-sk"
#   endpoints {
#     cen = "http://127.0.0.1:8790"
#     ga  = "http://127.0.0.1:8790"
#   }
# }
