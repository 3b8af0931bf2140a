// Package providerdata hands resources and data sources the API client the
// provider's Configure built.
package providerdata

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
)

// Client returns the *client.Client in data, the ProviderData of a Configure
// request. It returns nil when data is nil (validate and plan run before the
// provider is configured) and, with an error in diags, when data is of
// another type.
func Client(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*client.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider.", data))
		return nil
	}
	return c
}
