# A CEN bandwidth plan is imported by its ID. Purchase options (period,
# pricing_cycle, auto_pay, auto_renew, auto_renew_duration) are not returned
# by the API and stay null after import.
terraform import aliyun_cen_bandwidth_package.example cenbwp-4c2zaavbvh5fx1234
