variable "cen_instance_id" {
  description = "ID of the CEN instance to bind the plan to (cen-...)."
  type        = string
  validation {
    condition     = can(regex("^cen-[A-Za-z0-9]+$", var.cen_instance_id))
    error_message = "cen_instance_id must be a CEN instance ID: cen- followed by letters and digits."
  }
}

variable "name" {
  description = "Name of the bandwidth plan (at most 128 characters, not starting with http:// or https://)."
  type        = string
  validation {
    condition     = length(var.name) <= 128 && !startswith(var.name, "http://") && !startswith(var.name, "https://")
    error_message = "name must be at most 128 characters and must not start with http:// or https://."
  }
}

variable "area_a" {
  description = "First CEN area: China, North-America, Asia-Pacific, Europe, Australia or Middle-East."
  type        = string
  validation {
    condition     = contains(["China", "North-America", "Asia-Pacific", "Europe", "Australia", "Middle-East"], var.area_a)
    error_message = "area_a must be one of China, North-America, Asia-Pacific, Europe, Australia, Middle-East."
  }
}

variable "area_b" {
  description = "Second CEN area: China, North-America, Asia-Pacific, Europe, Australia or Middle-East."
  type        = string
  validation {
    condition     = contains(["China", "North-America", "Asia-Pacific", "Europe", "Australia", "Middle-East"], var.area_b)
    error_message = "area_b must be one of China, North-America, Asia-Pacific, Europe, Australia, Middle-East."
  }
}

variable "bandwidth" {
  description = "Plan bandwidth in Mbit/s, 2 to 10000."
  type        = number
  default     = 10
  validation {
    condition     = var.bandwidth >= 2 && var.bandwidth <= 10000 && floor(var.bandwidth) == var.bandwidth
    error_message = "bandwidth must be a whole number from 2 to 10000."
  }
}

variable "charge_type" {
  description = "PREPAY (subscription) or POSTPAY (pay-as-you-go)."
  type        = string
  default     = "POSTPAY"
  validation {
    condition     = contains(["PREPAY", "POSTPAY"], var.charge_type)
    error_message = "charge_type must be PREPAY or POSTPAY."
  }
}

variable "tags" {
  description = "Tags of the plan (at most 20)."
  type        = map(string)
  default     = {}
  validation {
    condition     = length(var.tags) <= 20
    error_message = "At most 20 tags."
  }
}
