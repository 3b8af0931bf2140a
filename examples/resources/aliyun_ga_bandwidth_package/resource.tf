# A one-month subscription of basic bandwidth, renewed monthly until turned off.
resource "aliyun_ga_bandwidth_package" "basic" {
  bandwidth      = 20
  type           = "Basic"
  bandwidth_type = "Enhanced"

  charge_type   = "PREPAY"
  pricing_cycle = "Month"
  duration      = 1

  auto_renew          = true
  auto_renew_duration = 1

  name        = "ga-basic"
  description = "Basic bandwidth for the web accelerator"

  tags = {
    env = "prod"
  }
}

# A pay-as-you-go cross-region plan metered at the 95th percentile
# (international site; POSTPAY and PayBY95 are enabled by your account manager).
resource "aliyun_ga_bandwidth_package" "cross_domain" {
  bandwidth    = 100
  type         = "CrossDomain"
  charge_type  = "POSTPAY"
  billing_type = "PayBY95"
  ratio        = 30

  cbn_geographic_region_id_a = "China-mainland"
  cbn_geographic_region_id_b = "Global"

  timeouts {
    create = "15m"
    delete = "15m"
  }
}
