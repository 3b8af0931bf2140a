# A GA bandwidth plan is imported by its ID. Purchase options (duration,
# pricing_cycle, auto_pay, auto_use_coupon, promotion_option_no) are not
# reported by the API and stay as the configuration says.
terraform import aliyun_ga_bandwidth_package.basic gbwp-bp1sgzldyj6b4q7cx1234
