// Package ga holds the ga bandwidth plan resource.
package ga

import "github.com/hashicorp/terraform-plugin-framework/resource"

// NewBandwidthPackageResource is replaced by the real resource.
func NewBandwidthPackageResource() resource.Resource { return nil }
