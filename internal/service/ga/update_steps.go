package ga

import (
	gasdk "github.com/aliyun/alibaba-cloud-sdk-go/services/ga"
)

// typeRank orders the bandwidth types UpdateBandwidthPackage moves between
// (checkTypeChange refuses the other changes at plan time).
var typeRank = map[string]int{"Basic": 1, "Enhanced": 2}

// updateSteps are the UpdateBandwidthPackage calls that move the plan from
// state to plan, in order. UpdateBandwidthPackage refuses a change that is
// partly an upgrade and partly a downgrade (a larger bandwidth with a lower
// type, or the reverse) with UpgradeError.BandwidthPackage, "either all
// upgrades or all downgrades": such a change is sent as two calls that are
// each one or the other. The downgrade goes first, so the upgrade, which for
// a subscription is a purchase whose order may await payment, is the last
// step and Update's check of the bandwidth in effect reports it as before.
func updateSteps(id string, plan, state *bandwidthPackageModel, followUp bool) []*gasdk.UpdateBandwidthPackageRequest {
	update, changed := updateRequestFor(id, plan, state, followUp)
	if !changed {
		return nil
	}
	if update.Bandwidth == "" || update.BandwidthType == "" {
		return []*gasdk.UpdateBandwidthPackageRequest{update}
	}
	from, to := typeRank[state.BandwidthType.ValueString()], typeRank[plan.BandwidthType.ValueString()]
	larger := plan.Bandwidth.ValueInt64() > state.Bandwidth.ValueInt64()
	if from == 0 || to == 0 || larger == (to > from) {
		return []*gasdk.UpdateBandwidthPackageRequest{update}
	}
	// The type step carries the name and description; the bandwidth step
	// carries the payment options of a resize.
	typeStep := updateRequest(id)
	typeStep.BandwidthType = update.BandwidthType
	typeStep.Name, typeStep.Description = update.Name, update.Description
	sizeStep := update
	sizeStep.BandwidthType, sizeStep.Name, sizeStep.Description = "", "", ""
	if larger {
		return []*gasdk.UpdateBandwidthPackageRequest{typeStep, sizeStep}
	}
	return []*gasdk.UpdateBandwidthPackageRequest{sizeStep, typeStep}
}
