package emulator

// Where the API references are silent, the emulator answers as follows (code, HTTP status).
// The codes the official API metadata documents (testdata/official-metadata.json) come back for
// the triggers DESIGN.md lists under "Emulator conformance choices"; TestConformance checks them.
//
// Protocol, both products:
//   - missing common parameter (AccessKeyId, Signature, SignatureNonce, Timestamp,
//     SignatureMethod, Action, Version): MissingParameter 400
//   - unknown AccessKeyId: InvalidAccessKeyId.NotFound 404
//   - wrong signature: SignatureDoesNotMatch 400, message carrying the server's string to sign
//   - Timestamp more than 15 minutes off: InvalidTimeStamp.Expired 400; unparsable: InvalidTimeStamp.Format 400
//   - SignatureNonce seen in the last 15 minutes (per AccessKey): SignatureNonceUsed 400
//   - STS: expired token InvalidSecurityToken.Expired 400, wrong token InvalidSecurityToken.Malformed 400,
//     STS key without token MissingSecurityToken 400
//   - unknown Version: InvalidVersion 400; unknown Action: InvalidAction.NotFound 404
//   - rate limit: Throttling.User 400; fault default: ServiceUnavailable 503
//   - body fault: the given body, status (200 when unset) and Content-Type; a 2xx one after
//     processing the call (a damaged answer), an error status instead of processing (a proxy)
//   - RAM denial (Account.DeniedActions): CEN Unauthorized 400, GA Forbidden.RAM 403
//   - missing operation parameter: MissingParameter.<Name> 400 (CEN's tag calls: MissingParam 400);
//     bad value: InvalidParameter 400; an integer outside int32: InvalidParameter 400
//   - ClientToken reused with other parameters: IdempotentParameterMismatch 400
//
// CEN (Cbn 2017-09-12):
//   - unknown or gone plan on Modify*/Delete: ParameterBwpInstanceId 400
//   - Modify* while Creating, Updating or Deleting: InvalidStatus.Resource 400; Delete then:
//     InvalidOperation.BwpInstanceStatus 403 (documented by DeleteCenBandwidthPackage)
//   - ModifyCenBandwidthPackageSpec to the bandwidth the plan has: Operation.Failed 400
//   - Delete of an unexpired PREPAY plan: Forbidden.Release 403, as DeleteCenBandwidthPackage's
//     reference documents it ("Forbidden to release a PREPAY bandwidth instance within validity period.")
//   - unsupported BandwidthPackageChargeType: UnSupported.ChargeType 400; Bandwidth out of
//     2 to 10000 on create: ParameterIllegal.BandwidthPackage 400
//   - tag calls: their own documented codes (DESIGN.md); an ID that names no plan:
//     InvalidInstanceIds.NotFound 400; over 20 IDs: SizeLimitExceeded.ResourceIdNum 400; a plan
//     over 20 tags: QuotaExceeded.TagNum 400
//   - Status during a modification: Updating (the live API's intermediate state is not documented)
//   - CEN instances (CreateCen, DescribeCens, DeleteCen): Creating for the ready delay, then
//     Active; Deleting for the delete delay, then gone. An unknown or gone CenId:
//     ParameterCenInstanceId 400; DeleteCen while Creating or Deleting:
//     InvalidOperation.CenInstanceStatus 409; DeleteCen while plans are bound:
//     DependencyViolation.CenBandwidthPackage 400 (the reference names no code: the emulator's choice);
//     ListTagResources with ResourceType cen answers the instances' tags (CreateCen's Tag), as
//     the official provider's alicloud_cen_instance reads them
//   - Associate/UnassociateCenBandwidthPackage: asynchronous, the plan is Updating for the update
//     delay (CenIds already changed), then InUse or Idle. An instance that is not Active:
//     InvalidOperation.CenInstanceStatus 409; a plan Creating, Updating or Deleting, or already
//     bound (a plan binds to one instance): InvalidOperation.BwpInstanceStatus 400; a second plan
//     of the same pair of areas on one instance: InvalidOperation.BwpForGeoSpanAlreadyAssociated
//     409; unbinding a plan not bound to that instance: InvalidOperation.BwpNotAssociated 400.
//     Areas are not matched to the instance's regions: the reference sets no such rule.
//   - DeleteCenBandwidthPackage of a bound plan: InvalidOperation.BwpInstanceStatus 403
//
// GA (Ga 2019-11-20):
//   - unknown or gone plan: NotExist.BandwidthPackage 400 (every operation naming a plan)
//   - Update/Delete while init, updating or deleting: StateError.BandwidthPackage 400
//   - Delete of an unexpired PREPAY plan: OperationUnsupported.PrepayBandwidthPackage 400 (the GA
//     reference says subscription plans cannot be deleted but names no code)
//   - China site with Type CrossDomain: InvalidParameter 400
//   - RegionId missing (every action but UpdateBandwidthPackagaAutoRenewAttribute): MissingParameter.RegionId 400
//   - Bandwidth out of 2 to 2000 (create, update), a type change the API refuses:
//     COMMODITY.INVALID_COMPONENT 400; a larger bandwidth with a lower type (or the reverse):
//     UpgradeError.BandwidthPackage 400
//   - auto-renew update with neither AutoRenew nor RenewalStatus: ParamIllegal.SpInstanceAutoRenew 400
//   - tag calls and ChangeResourceGroup: an ID given with a documented ResourceType other than
//     bandwidthpackage names nothing here: NotExist.<Resource> 400 (ListTagResources: no rows)
//   - BillingType PayBY95 (documented) and PayBy95 (sent by the official Terraform provider):
//     both accepted, and answered as sent
//   - CreateTime/ExpiredTime: epoch milliseconds in a string, as GA answers them
//
// GA accelerators and bindings (ga_accelerator.go; DESIGN.md, "GA attachments"):
//   - an accelerator is init for the ready delay, then active; binding, unbinding (for the update
//     delay after a bind or unbind) and deleting (for the delete delay) follow the plan's calls
//   - unknown or gone accelerator: NotExist.Accelerator 400; a call while it is not active:
//     StateError.Accelerator 400; DeleteAccelerator with a plan bound: BindExist.Accelerator 400
//   - BandwidthPackageAddAccelerator/RemoveAccelerator while the plan is init, updating, binding,
//     unbinding or deleting: StateError.BandwidthPackage 400; the plan is binding, then binded
//     (unbinding, then active) for the update delay
//   - a plan already bound (also DeleteBandwidthPackage of a bound plan): BindExist.BandwidthPackage 400;
//     an accelerator that has a plan of that Type: Exist.BasicBandwidthPackage or
//     Exist.CrossDomainBandwidthPackage 400; a CrossDomain plan before a Basic one:
//     NotExist.BasicBandwidthPackage 400; a Basic plan removed before the CrossDomain one:
//     BindExist.CrossDomainBandwidthPackage 400; a plan not bound to the accelerator:
//     NotBind.BandwidthPackage 400; an accelerator billed by CDT: NotSupport.BandwidthBillingType 400
//   - CreateAccelerator's order is paid at once, whatever AutoPay says
//
// Read after create (WithReadAfterCreateDelay, -read-after-create; default 0): for the delay
// after a plan is created (after payment, for an AutoPay=false subscription) the reads do not
// show it, as the live GA API can answer NotExist.BandwidthPackage just after create:
//   - CEN DescribeCenBandwidthPackages leaves it out (filtered on its ID: an empty list, the
//     API's documented "not found")
//   - GA DescribeBandwidthPackage and UpdateBandwidthPackage answer NotExist.BandwidthPackage 400;
//     ListBandwidthPackages leaves it out
//   - the other calls naming the plan (CEN Modify*/Delete, GA Delete, auto-renew, resource group,
//     tags) find it, and a create replayed with its ClientToken answers the same plan
//   - the control API's resources list shows it; a state file keeps the delay's end
//
// Control API access: the control API is unsigned, so by default it serves only loopback
// clients (127.0.0.0/8, ::1, judged by the connection's address, never a forwarding header)
// and answers 403 to others; the signed API serves every address. With a control token
// (WithControlToken, -control-token) it serves any address but only requests carrying the
// token in the X-Emulator-Control-Token header: 401 without it, 403 with a wrong one.
//
// Control API values: a value out of its range is refused with 400 and a JSON body
// {"error": "<field> must be <range>, got <value>", "field": "<field>"}; so is a field the
// endpoint does not know ("unknown field" in the error), as a misspelt one would otherwise be
// dropped without a word.
//   - faults: action non-empty (an action name or "*"); mode one of error, reset,
//     drop-response, latency, body; count >= 0 (0: every matching call); probability 0 to 1
//     (0: every matching call); latency_ms 0 to 600000 (10 minutes); status 0 or 400 to 599
//     (body faults: 0 or 200 to 599)
//   - ratelimit: action non-empty; rps 0 (no limit) to 100000 calls per second
//   - accelerators: POST {"name": "..."} (name optional) seeds a pay-as-you-go accelerator that is
//     active at once and answers it; GET lists them with the plans bound to each
//
// Control API, CEN instances: POST /_emulator/cens {"name": "..."} creates an instance that is
// Active at once and answers {"id": "cen-..."}; GET /_emulator/cens lists the instances with
// the plans bound to each.
//
// Payment: with AutoPay=false (the documented default) a PREPAY plan stays hidden until its
// order is paid through the control API; POSTPAY plans need no up-front payment.
