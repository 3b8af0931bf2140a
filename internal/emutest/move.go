package emutest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// AlicloudAddress is the official alicloud provider's address, the usual
// source of a moved block.
const AlicloudAddress = "registry.terraform.io/aliyun/alicloud"

// Move runs r's state movers as the framework does: each one gets a null
// target state, and the first to set it (or to report an error) wins. It
// reports false when no mover took the state.
func Move(t *testing.T, r resource.ResourceWithMoveState, addr, typeName, rawJSON string) (*resource.MoveStateResponse, bool) {
	t.Helper()
	ctx := context.Background()
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	null := tftypes.NewValue(s.Schema.Type().TerraformType(ctx), nil)
	for _, mover := range r.MoveState(ctx) {
		resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s.Schema, Raw: null}}
		mover.StateMover(ctx, resource.MoveStateRequest{
			SourceProviderAddress: addr,
			SourceTypeName:        typeName,
			SourceRawState:        &tfprotov6.RawState{JSON: []byte(rawJSON)},
		}, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.Equal(null) {
			return resp, true
		}
	}
	return nil, false
}

// Moved moves a typeName state of the alicloud provider into r and returns
// the target state as model M, failing the test if no mover took it or the
// move reported an error.
func Moved[M any](t *testing.T, r resource.ResourceWithMoveState, typeName, rawJSON string) M {
	t.Helper()
	resp, ok := Move(t, r, AlicloudAddress, typeName, rawJSON)
	if !ok {
		t.Fatal("no mover took the alicloud state")
	}
	if resp.Diagnostics.HasError() {
		t.Fatalf("move: %v", resp.Diagnostics)
	}
	var m M
	if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
		t.Fatalf("reading the target state: %v", d)
	}
	return m
}
