// Package cen holds the cen bandwidth plan resource.
package cen

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewBandwidthPackageResource is replaced by the real resource.
func NewBandwidthPackageResource() resource.Resource { return nil }
