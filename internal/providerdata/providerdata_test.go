package providerdata

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/bwplan/terraform-provider-aliyun/internal/client"
)

func TestClient(t *testing.T) {
	var diags diag.Diagnostics
	if c := Client(nil, &diags); c != nil || diags.HasError() {
		t.Errorf("nil data: %v, %v", c, diags)
	}
	want := &client.Client{}
	if c := Client(want, &diags); c != want || diags.HasError() {
		t.Errorf("client data: %v, %v", c, diags)
	}
	if c := Client("not a client", &diags); c != nil || !diags.HasError() ||
		!strings.Contains(diags[0].Detail(), "got string") {
		t.Errorf("wrong data: %v, %v", c, diags)
	}
}
