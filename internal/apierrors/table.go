package apierrors

// Attribute names of this provider's resources, as the table refers to them.
const (
	attrBandwidth     = "bandwidth"
	attrBandwidthType = "bandwidth_type"
	attrChargeType    = "charge_type"
	attrRegionA       = "geographic_region_a_id"
	attrRegionB       = "geographic_region_b_id"
	// The attachments' attributes.
	attrInstanceID         = "instance_id"
	attrAcceleratorID      = "accelerator_id"
	attrBandwidthPackageID = "bandwidth_package_id"
)

// Details of the transport pseudo-codes the client gives errors that never
// reached the API (no RequestId exists for them).
const (
	// CodeConnection is set by the client on connection resets, refusals and DNS failures.
	CodeConnection = "SDK.ConnectionError"
	// CodeTimeout is the SDK's own code for a call that timed out.
	CodeTimeout = "SDK.TimeoutError"
	// CodeBadAnswer: a success status whose body is empty or not JSON.
	CodeBadAnswer = "SDK.InvalidAnswer"
	// CodeGateway: an error status (5xx, 429) whose body is not the API's JSON.
	CodeGateway = "SDK.GatewayError"
	// CodeNotAPI: another status whose body is not the API's JSON.
	CodeNotAPI = "SDK.NotAPIAnswer"
	// CodePanic: the SDK panicked decoding an answer.
	CodePanic = "SDK.DecodePanic"
	// CodeCertificate: the TLS handshake failed on the endpoint's certificate.
	CodeCertificate = "SDK.CertificateError"
)

const credentialHint = " The provider takes credentials from, in order: the provider block (access_key, secret_key, security_token), " +
	"the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN, or the older ALICLOUD_* names), " +
	"a CLI profile (profile, shared_credentials_file, ALIBABA_CLOUD_PROFILE), then an ECS RAM role (ecs_role_name). " +
	"The provider did not retry: a credential error does not pass by itself."

const busyHint = " The provider retries this while the resource's timeout allows; if it persists, " +
	"wait for the operation in progress to finish (see the console) or raise the resource's timeouts."

// table maps each error code documented for the actions the provider calls (the
// API reference pages CreateCenBandwidthPackage and CreateBandwidthPackage, the
// official API metadata of every CEN and GA action the provider calls, vendored
// in internal/emulator/testdata) and observed on the live API (DESIGN.md, "API
// facts the code relies on") to what the user sees.
// Retry: the client retries the code up to max_retries times with backoff.
// Busy codes that pass only after an operation of the plan (or an order) ends
// are not retried by default: the resource that expects them passes
// client.RetryOn(code), which retries them until its timeout.
var table = []Entry{
	// Throttling and server-side failures: pass by themselves.
	{
		Code:      "Throttling",
		Summary:   "the API throttled the request",
		Detail:    "Too many requests reached the API at once. The provider retried with backoff and gave up; lower -parallelism, raise max_retries, or try again later.",
		Retry:     true,
		RateLimit: true,
	},
	{
		Code:      "Throttling.User",
		Summary:   "the API throttled requests of this account",
		Detail:    "This account sent more requests than its flow-control limit. The provider retried with backoff and gave up; lower -parallelism, raise max_retries, or try again later.",
		Retry:     true,
		RateLimit: true,
	},
	{
		Code:      "Throttling.Api",
		Summary:   "the API throttled requests to this operation",
		Detail:    "This API operation is over its request-rate limit. The provider retried with backoff and gave up; lower -parallelism, raise max_retries, or try again later.",
		Retry:     true,
		RateLimit: true,
	},
	{
		Code:    "ServiceUnavailable",
		Summary: "the service is unavailable",
		Detail:  "The API answered that the service is temporarily unavailable. The provider retried with backoff and gave up; try again later.",
		Retry:   true,
	},
	{
		Code:    "InternalError",
		Summary: "the API failed internally",
		Detail:  "The API reported an internal error. The provider retried with backoff and gave up; try again later, and open a ticket with the RequestId if it persists.",
		Retry:   true,
	},
	{
		Code:    "UnknownError",
		Summary: "the API failed with an unknown error",
		Detail:  "The API could not process the request (documented for GA CreateBandwidthPackage: HTTP 500, try again later). The provider retried with backoff and gave up; try again later, and open a ticket with the RequestId if it persists.",
		Retry:   true,
	},
	{
		Code:    "Operation.Blocking",
		Summary: "another operation of the account is in progress",
		Detail:  "The API refused the request while another operation on this account or resource was in flight." + busyHint,
		Retry:   true,
	},
	{
		Code:    "SignatureNonceUsed",
		Summary: "the request's nonce was already used",
		Detail:  "The API saw the same SignatureNonce twice. Each retry is signed with a new nonce; if this persists, check for a proxy that replays requests.",
		Retry:   true,
	},
	{
		Code:    CodeConnection,
		Summary: "could not reach the API endpoint",
		Detail:  "The connection to the API failed (reset, refused or name not resolved). The provider retried with backoff and gave up; check the network, any proxy (HTTPS_PROXY), and the endpoints block of the provider.",
		Retry:   true,
	},
	{
		Code:    CodeCertificate,
		Summary: "the API endpoint's TLS certificate was not trusted",
		Detail: "The endpoint's certificate failed verification: signed by an authority this machine does not trust, issued for another host name, or expired (the message below says which). " +
			"The provider did not retry: this does not pass by itself. If the endpoints block (cen, ga, sts) names this host, check that it is the right endpoint and that its host name is the one on the certificate, " +
			"or remove the override to use the public endpoint. If a corporate proxy or a private endpoint uses its own certificate authority, add that CA to the system trust store " +
			"or, on Linux, point SSL_CERT_FILE at a PEM bundle that includes it.",
	},
	{
		Code:    CodeTimeout,
		Summary: "the API call timed out",
		Detail:  "The API did not answer in time. The provider retried with backoff and gave up; check the network and the endpoints block of the provider, or try again later.",
		Retry:   true,
	},

	{
		Code:    CodeBadAnswer,
		Summary: "the API's answer was empty or damaged",
		Detail:  "The API answered success, but the body was empty or not valid JSON (cut short by a proxy or the network). The provider retried with backoff (a create with the same ClientToken, so nothing is bought twice) and gave up; check any proxy (HTTPS_PROXY) and try again.",
		Retry:   true,
	},
	{
		Code:    CodeGateway,
		Summary: "a proxy or gateway answered instead of the API",
		Detail:  "The endpoint answered an error page that is not the API's JSON, as a proxy, load balancer or gateway does when the API is unreachable. The provider retried with backoff and gave up; check the network, any proxy (HTTPS_PROXY) and the endpoints block, or try again later.",
		Retry:   true,
	},
	{
		Code:    CodeNotAPI,
		Summary: "the endpoint is not the Alibaba Cloud API",
		Detail:  "The endpoint answered with something that is not the API's JSON, such as a web page. Check the endpoints block of the provider and any proxy (HTTPS_PROXY). The provider did not retry.",
	},
	{
		Code:    CodePanic,
		Summary: "the API's answer could not be decoded",
		Detail:  "The Alibaba Cloud SDK failed while decoding the API's answer (an unexpected shape). The provider did not retry; please report this with the message below.",
	},

	// Credentials: never retried (Credential forces it, whatever RetryOn says).
	{
		Code:       "InvalidAccessKeyId.NotFound",
		Summary:    "the access key ID does not exist",
		Detail:     "The API does not know this AccessKey ID: it is mistyped, deleted, or belongs to another site (China vs international)." + credentialHint,
		Credential: true,
	},
	{
		Code:       "InvalidAccessKeyId.Inactive",
		Summary:    "the access key is disabled",
		Detail:     "This AccessKey is disabled. Enable it in the RAM console or use another one." + credentialHint,
		Credential: true,
	},
	{
		Code:    "SignatureDoesNotMatch",
		Summary: "the secret key does not match the access key ID",
		Detail: "The API computed another signature for this request. Check, in this order: " +
			"the secret key (secret_key, ALIBABA_CLOUD_ACCESS_KEY_SECRET or the CLI profile's access_key_secret) is the one of this AccessKey ID, copied whole; " +
			"the clock of the machine running Terraform is right (the signed request carries its time; synchronise it with NTP); " +
			"no proxy or gateway between Terraform and the endpoint (HTTPS_PROXY, the endpoints block) rewrites requests. " +
			"TF_LOG=DEBUG logs the string the API signed, to compare with the request sent." + credentialHint,
		Credential: true,
	},
	{
		Code:       "IncompleteSignature",
		Summary:    "the request signature is incomplete",
		Detail:     "The API could not verify the request signature; check the secret key and that no proxy rewrites requests." + credentialHint,
		Credential: true,
	},
	{
		Code:       "InvalidSecurityToken.Expired",
		Summary:    "the security token has expired",
		Detail:     "The STS security token (security_token or ALIBABA_CLOUD_SECURITY_TOKEN) has expired. Get new STS credentials, or use assume_role so the provider refreshes them." + credentialHint,
		Credential: true,
	},
	{
		Code:       "InvalidSecurityToken.Malformed",
		Summary:    "the security token is malformed",
		Detail:     "The STS security token is not valid; copy it again in full." + credentialHint,
		Credential: true,
	},
	{
		Code:       "InvalidSecurityToken.MismatchWithAccessKey",
		Summary:    "the security token belongs to another access key",
		Detail:     "The STS security token was issued with a different AccessKey ID; set the three STS values from the same AssumeRole answer." + credentialHint,
		Credential: true,
	},
	{
		Code:       "MissingSecurityToken",
		Summary:    "the STS access key needs a security token",
		Detail:     "This is a temporary (STS) AccessKey; set security_token or ALIBABA_CLOUD_SECURITY_TOKEN as well." + credentialHint,
		Credential: true,
	},
	{
		Code:           "Forbidden.RAM",
		Summary:        "the RAM policy denies this action",
		Detail:         "The RAM user or role behind these credentials is not allowed to call this operation. Attach a policy that allows the RAM action below (or AliyunCENFullAccess / AliyunGAFullAccess)." + credentialHint,
		Credential:     true,
		NeedsRAMAction: true,
	},
	{
		Code:       "InvalidTimeStamp.Expired",
		Summary:    "the request timestamp is out of range",
		Detail:     "The API rejected the request time: the clock of the machine running Terraform is off by more than 15 minutes. Synchronise it (NTP) and try again.",
		Credential: true,
	},

	// CreateCenBandwidthPackage (its API reference pages).
	{
		Code:       "UnSupported.ChargeType",
		Summary:    "the billing method is not supported",
		Detail:     "This account or site does not support the chosen billing method. On the international site only PREPAY (subscription) bandwidth plans can be bought; set charge_type accordingly.",
		Attributes: []string{attrChargeType},
	},
	{
		Code:       "ParameterIllegal.BandwidthPackage",
		Summary:    "the bandwidth plan's parameters are invalid",
		Detail:     "The API rejected the bandwidth plan's settings. Check bandwidth (2 to 10000 Mbit/s for CEN) and the two areas.",
		Attributes: []string{attrBandwidth},
	},
	{
		Code:       "OperationInvalid.UserCanNotBuyCrossBorderBwp",
		Summary:    "this account may not buy cross-border bandwidth",
		Detail:     "A plan between mainland China and another area is cross-border, which needs a qualified account under the operator's and mainland China's rules. Contact Alibaba Cloud customer service or your business manager, or choose two areas on the same side of the border.",
		Attributes: []string{attrRegionA, attrRegionB},
	},
	{
		Code:    "OperationInvalid.UserCanNotBuyBwp",
		Summary: "this account may not buy CEN bandwidth plans",
		Detail:  "The account is not allowed to buy CEN bandwidth plans (often: real-name verification is not complete). Complete it in the console or contact Alibaba Cloud customer service.",
	},
	{
		Code:       "Order.AccountStatusIllegal",
		Summary:    "pay-as-you-go is not enabled for this account",
		Detail:     "The account has not opened the post-paid service this billing method needs. Enable pay-as-you-go in the billing console, or set charge_type to PREPAY.",
		Attributes: []string{attrChargeType},
	},
	{
		Code:    "InvalidParameter",
		Summary: "a parameter is invalid",
		Detail:  "The API rejected one of the request's values; its message says which. Correct the configuration.",
	},
	{
		Code:           "Unauthorized",
		Summary:        "the credentials are not authorized for this action",
		Detail:         "The RAM user or role behind these credentials lacks the permission for this operation. Grant the RAM action below in a RAM policy (or attach AliyunCENFullAccess / AliyunGAFullAccess), then run Terraform again.",
		NeedsRAMAction: true,
	},
	{
		Code:    "PayFor.AccountMoneyValidateError",
		Summary: "the channel partner's quota is insufficient",
		Detail:  "The account's channel partner (reseller) has not enough quota to pay this order. Contact your channel partner. The API answers HTTP 500 for this, but retrying does not help, so the provider did not retry.",
	},

	// CreateBandwidthPackage of GA (its API reference page).
	{
		Code:       "MissingParameter.BandwidthType",
		Summary:    "bandwidth_type is required",
		Detail:     "A Basic GA bandwidth plan needs a bandwidth type: set bandwidth_type to Basic, Enhanced or Advanced.",
		Attributes: []string{attrBandwidthType},
	},

	// Generic request errors the API may answer for any operation.
	{
		Code:    "MissingParameter",
		Summary: "a required parameter is missing",
		Detail:  "The API reports a required parameter missing; its message says which. This is likely a provider bug: please report it with the RequestId.",
	},
	{
		Code:    "IdempotentParameterMismatch",
		Summary: "the client token was used for a different request",
		Detail:  "A create was retried with the same ClientToken but different parameters. Run Terraform again: a new token is generated for the new request.",
	},

	// CEN behaviour beyond the create pages (DESIGN.md, "API facts the code relies on").
	{
		Code:    "ParameterCenInstanceId",
		Summary: "the CEN instance or bandwidth plan does not exist",
		Detail: "The API does not know the ID: a CEN instance ID (instance_id of an attachment), or a bandwidth plan ID " +
			"(some accounts answer this to Describe instead of an empty list). It was deleted outside Terraform or the ID is wrong.",
		Attributes: []string{attrInstanceID},
	},
	{
		Code:       "ParameterBwpInstanceId",
		Summary:    "the bandwidth plan does not exist",
		Detail:     "The API does not know this bandwidth plan ID; it was probably deleted already.",
		Attributes: []string{attrBandwidthPackageID},
	},
	{
		Code:    "InvalidStatus.Resource",
		Summary: "the bandwidth plan is busy",
		Detail:  "The bandwidth plan is changing state (a modification in progress)." + busyHint,
	},
	{
		Code:    "InvalidOperation.CenBandwidthLimitsNotZero",
		Summary: "the bandwidth plan still carries inter-region bandwidth",
		Detail:  "Inter-region bandwidth limits still use this plan. Remove them (or wait until their removal finishes) before deleting the plan." + busyHint,
	},
	{
		Code:    "Forbidden.Release",
		Summary: "the bandwidth plan cannot be released now",
		Detail:  "The API refused to release the plan: attachments are still being removed, or it is a subscription plan that is not expired (CEN does not release those before expiry)." + busyHint,
	},

	// ModifyCenBandwidthPackageSpec and DeleteCenBandwidthPackage (official API metadata).
	{
		Code:       "Operation.Failed",
		Summary:    "the bandwidth plan already has this bandwidth",
		Detail:     "The API refused a spec change to the bandwidth the plan already has. If an earlier attempt's answer was lost, the change was applied: run terraform plan again to see the plan's state. Otherwise please report this with the RequestId.",
		Attributes: []string{attrBandwidth},
	},
	{
		Code:       "OperationFailed.UpDownRadeConfigNoChange",
		Summary:    "the bandwidth plan's configuration does not change",
		Detail:     "The API refused an upgrade or downgrade order that changes nothing (the plan already has this bandwidth). If an earlier attempt's answer was lost, the change was applied: run terraform plan again to see the plan's state.",
		Attributes: []string{attrBandwidth},
	},
	{
		Code:    "OperationFailed.InsufficientBalance",
		Summary: "the account's balance is insufficient",
		Detail:  "The account does not have enough balance to pay for this change. Top up the account in the billing console (or pay the order there), then run Terraform again. The provider did not retry: this does not pass by itself.",
	},
	{
		Code:    "OperationFailed.OperationIsProcessing",
		Summary: "another operation is being processed",
		Detail:  "The API refused the change while another operation on the account or plan was being processed. The provider retried with backoff and gave up; wait for the operation in progress to finish (see the console) and run Terraform again.",
		Retry:   true,
	},
	{
		Code:    "OperationFailed.OrderIsProcessing",
		Summary: "an order of the bandwidth plan is being processed",
		Detail:  "An earlier order of this plan (a purchase, renewal or change) is still being processed, or waits for payment. Pay or cancel it in the billing console (Orders), then run Terraform again.",
	},
	{
		Code:    "InvalidOperation.BwpInstanceStatus",
		Summary: "the bandwidth plan cannot be changed in its current state",
		Detail: "The API refuses to delete a plan that is not Idle or InUse (being created, changed or deleted; DeleteCenBandwidthPackage answers HTTP 403 for this), " +
			"or still bound to a CEN instance; and to bind or unbind a plan that is being created, changed or bound elsewhere." + busyHint,
	},

	// AssociateCenBandwidthPackage and UnassociateCenBandwidthPackage (the CEN reference
	// pages, and the codes the official provider waits out; DESIGN.md, "CEN attachments").
	{
		Code:    "InvalidOperation.CenInstanceStatus",
		Summary: "the CEN instance is busy",
		Detail:  "The CEN instance is being created, changed or deleted, and takes no binding until it is Active again." + busyHint,
	},
	{
		Code:    "InvalidOperation.BwpBusinessStatus",
		Summary: "the bandwidth plan's billing state does not allow this now",
		Detail: "The plan's business status is not Normal (an order in progress, or a plan locked for an unpaid bill or on expiry). " +
			"Check the plan's business_status and its orders in the billing console." + busyHint,
	},
	{
		Code:    "IncorrectStatus.TransitRouter",
		Summary: "a transit router of the CEN instance is busy",
		Detail:  "A transit router of the CEN instance is changing state and the binding cannot change until it is done." + busyHint,
	},
	{
		Code:    "InvalidOperation.BwpForGeoSpanAlreadyAssociated",
		Summary: "the CEN instance already has a bandwidth plan for these areas",
		Detail: "A CEN instance takes one bandwidth plan per pair of areas. Another plan joining the same two areas is bound to this instance: " +
			"raise that plan's bandwidth instead, or unbind it (remove its attachment) first. Waiting does not help.",
		Attributes: []string{attrBandwidthPackageID},
	},
	{
		Code:    "InvalidOperation.BwpNotAssociated",
		Summary: "the bandwidth plan is not bound to the CEN instance",
		Detail: "The API answered that the plan is not bound to this CEN instance. An attachment's delete takes this as done once " +
			"Describe agrees; elsewhere it means the binding was removed outside Terraform.",
	},
	{
		Code:    "OperationInvalid.UserCanNotUseBwp",
		Summary: "this account may not use CEN bandwidth plans",
		Detail:  "The account is not allowed to bind CEN bandwidth plans (often: real-name verification or a cross-border qualification is missing). Complete it in the console or contact Alibaba Cloud customer service. Waiting does not help.",
	},
	{
		Code:    "OperationFailed.SetPostPay95BandwidthLimitError",
		Summary: "the CEN instance's pay-by-95th-percentile bandwidth limit could not be set",
		Detail:  "The API failed to switch the CEN instance's metering for this binding. Check the instance's billing settings in the console, then run Terraform again; open a ticket with the RequestId if it persists.",
	},

	// The CEN tag calls TagResources, UntagResources and ListTagResources (official API metadata).
	{
		Code:    "InvalidInstanceIds.NotFound",
		Summary: "the bandwidth plan does not exist",
		Detail:  "The API's tag call does not know this bandwidth plan ID: it was deleted outside Terraform or the ID is wrong.",
	},
	{
		Code:    "InvalidInstanceType.NotFound",
		Summary: "the API does not know the resource type",
		Detail:  "The tag call named a resource type the API does not know. This is likely a provider bug: please report it with the RequestId.",
	},
	{
		Code:    "QuotaExceeded.TagNum",
		Summary: "too many tags",
		Detail:  "A bandwidth plan carries at most 20 custom tags, counting the ones it has already (set outside Terraform too). Remove some tags from the configuration or from the plan.",
	},
	{
		Code:    "SizeLimitExceeded.ResourceIdNum",
		Summary: "too many resource IDs in one tag call",
		Detail:  "A CEN tag call takes at most 20 resource IDs. This is a provider bug: please report it with the RequestId.",
	},
	{
		Code:    "MissingParam",
		Summary: "a required parameter is missing",
		Detail:  "The API reports a required parameter of the tag call missing; its message says which. This is likely a provider bug: please report it with the RequestId.",
	},
	{
		Code:    "MissingParameter.TagKey",
		Summary: "a tag key is missing",
		Detail:  "The API received a tag without its key. Every tag needs a non-empty key; check the tags of the configuration.",
	},
	{
		Code:    "MissingParameter.TagValue",
		Summary: "a tag value is missing",
		Detail:  "CEN's TagResources needs a value for every tag, and an empty value reaches the API as none. Give each tag of this plan a non-empty value.",
	},
	{
		Code:    "DuplicatedParam.TagKey",
		Summary: "a tag key is given twice",
		Detail:  "The tag call carried the same tag key twice. Tag keys are case-sensitive and unique per plan; check the tags of the configuration, and report it with the RequestId if they are unique.",
	},
	{
		Code:    "IllegalParamLength.Tag",
		Summary: "a tag key or value is too long",
		Detail:  "Tag keys may have up to 64 characters and values up to 128. Shorten the tag.",
	},
	{
		Code:    "InvalidTagKey",
		Summary: "a tag key is not valid",
		Detail:  "The API refused a tag key: keys have 1 to 64 characters and must not contain http:// or https://. Change the tag key.",
	},
	{
		Code:    "InvalidTagValue",
		Summary: "a tag value is not valid",
		Detail:  "The API refused a tag value: values have up to 128 characters and must not contain http:// or https://. Change the tag value.",
	},
	{
		Code:    "Forbidden.TagKeys",
		Summary: "these tag keys may not be set or removed",
		Detail:  "The API does not let this account set or remove these tag keys: keys starting with aliyun or acs: are reserved by Alibaba Cloud, and a tag policy of the account can forbid others. Use other keys, or check the account's tag policies in the Tag console.",
	},
	{
		Code:    "Forbidden.NotAllowedCategary",
		Summary: "system tags may not be set",
		Detail:  "The API refused a system tag: keys starting with acs: belong to Alibaba Cloud's system tags, which users cannot set or remove. Use other keys.",
	},
	{
		Code:    "InvalidTagScope.NotFound",
		Summary: "the tag scope does not exist",
		Detail:  "The API does not know the tag scope of this request (an account-level tag policy setting). Check the account's tag policies in the Tag console, or contact Alibaba Cloud support with the RequestId.",
	},
	{
		Code:    "IllegalParam.Region",
		Summary: "the region is not valid",
		Detail:  "The API refused the request's RegionId. Check region in the provider block (or ALIBABA_CLOUD_REGION) and the endpoints block.",
	},
	{
		Code:    "BothEmpty.TagsAndResources",
		Summary: "the tag listing names neither resources nor tags",
		Detail:  "ListTagResources needs resource IDs or tags to filter on. This is a provider bug: please report it with the RequestId.",
	},
	{
		Code:    "IllegalParam.NextToken",
		Summary: "the listing's page token is not valid",
		Detail:  "The API refused the NextToken of a paged listing (it may have expired while the listing changed). Run Terraform again; report it with the RequestId if it persists.",
	},
	// DescribeCenBandwidthPackages' tag filter (the data source's tags).
	{
		Code:    "IllegalParam.TagKey",
		Summary: "a tag key of the filter is not valid",
		Detail:  "The API refused a tag key used to filter bandwidth plans: keys have 1 to 64 characters. Check the tags of the data source.",
	},
	{
		Code:    "IllegalParam.TagValue",
		Summary: "a tag value of the filter is not valid",
		Detail:  "The API refused a tag value used to filter bandwidth plans: values have up to 128 characters. Check the tags of the data source.",
	},

	// GA UpdateBandwidthPackage and UpdateBandwidthPackagaAutoRenewAttribute (official API metadata).
	{
		Code:    "COMMODITY.INVALID_COMPONENT",
		Summary: "the bandwidth or bandwidth type is not allowed",
		Detail: "The API refused the plan's bandwidth or bandwidth type. GA plans have 2 to 2000 Mbit/s; an existing plan's bandwidth_type can only change from Basic to Enhanced or from Enhanced to Basic, " +
			"and an Advanced plan's type cannot change (nor can a plan become Advanced). Change bandwidth or bandwidth_type; waiting does not help.",
		Attributes: []string{attrBandwidth, attrBandwidthType},
	},
	{
		Code:    "ParamIllegal.SpInstanceAutoRenew",
		Summary: "the auto-renewal change sets nothing",
		Detail:  "UpdateBandwidthPackagaAutoRenewAttribute needs AutoRenew or RenewalStatus. This is a provider bug: please report it with the RequestId.",
	},

	// GA behaviour beyond the create page (DESIGN.md, "API facts the code relies on").
	{
		Code:    "NotExist.BandwidthPackage",
		Summary: "the GA bandwidth plan does not exist",
		Detail:  "The API does not know this GA bandwidth plan ID: it was deleted outside Terraform, the ID is wrong, or it was created moments ago and is not visible yet.",
	},
	{
		Code:    "StateError.BandwidthPackage",
		Summary: "the GA bandwidth plan is busy",
		Detail:  "The GA bandwidth plan is changing state (being bound, unbound or updated)." + busyHint,
	},
	{
		Code:    "StateError.Accelerator",
		Summary: "the accelerator of the GA bandwidth plan is busy",
		Detail:  "The accelerator is changing state (being created, bound to or unbound from a plan, or configured)." + busyHint,
	},
	{
		Code:    "UpgradeError.BandwidthPackage",
		Summary: "the GA bandwidth plan cannot be changed this way now",
		Detail: "The API refuses a change that is not all upgrades or all downgrades (a larger bandwidth with a lower bandwidth_type, or the reverse: apply the two changes one after the other), " +
			"and a change while an earlier one is still in progress." + busyHint,
	},
	{
		Code:    "BindExist.BandwidthPackage",
		Summary: "the GA bandwidth plan is bound to an accelerator",
		Detail: "A GA plan is bound to one accelerator at a time, and a bound plan cannot be deleted. Remove the plan's " +
			"aliyun_ga_bandwidth_package_attachment (or unbind it in the console) first; within one configuration, an attachment " +
			"that references the plan is destroyed before it.",
		Attributes: []string{attrBandwidthPackageID},
	},
	{
		Code:       "GreaterThanGa.IpSetBandwidth",
		Summary:    "the bandwidth is below what the accelerator's IP sets use",
		Detail:     "The accelerator's acceleration regions (IP sets) are assigned more bandwidth than the new value. Lower their bandwidth first, or keep bandwidth at least as large. Waiting does not help.",
		Attributes: []string{attrBandwidth},
	},
	{
		Code:       "BandwidthIllegal.BandwidthPackage",
		Summary:    "the bandwidth value is not allowed",
		Detail:     "The API rejected the bandwidth for this plan (GA: 2 to 2000 Mbit/s, and not below what attached IP sets use). Waiting does not help; change bandwidth.",
		Attributes: []string{attrBandwidth},
	},

	// GA attachments: BandwidthPackageAddAccelerator, BandwidthPackageRemoveAccelerator and the
	// accelerator calls (DESIGN.md, "GA attachments").
	{
		Code:       "NotExist.Accelerator",
		Summary:    "the GA accelerator does not exist",
		Detail:     "The API does not know this accelerator ID: check accelerator_id (ga-...), or the accelerator was deleted outside Terraform.",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:    "BindExist.Accelerator",
		Summary: "the GA accelerator still has bandwidth plans bound",
		Detail:  "An accelerator cannot be deleted while a plan is bound to it: remove its aliyun_ga_bandwidth_package_attachment resources first.",
	},
	{
		Code:    "NotExist.BasicBandwidthPackage",
		Summary: "the accelerator has no basic bandwidth plan",
		Detail: "A CrossDomain plan binds to an accelerator only once a Basic plan is bound to it. Attach a Basic plan first; when both " +
			"attachments are in one configuration, add depends_on = [<the Basic plan's attachment>] to the CrossDomain one.",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:    "Exist.BasicBandwidthPackage",
		Summary: "the accelerator already has a basic bandwidth plan",
		Detail: "An accelerator takes one Basic plan (its basic bandwidth) and one CrossDomain plan (its cross-border bandwidth). " +
			"Remove the attachment of the Basic plan it has, or bind this plan to another accelerator. Waiting does not help.",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:    "Exist.CrossDomainBandwidthPackage",
		Summary: "the accelerator already has a cross-border bandwidth plan",
		Detail: "An accelerator takes one Basic plan (its basic bandwidth) and one CrossDomain plan (its cross-border bandwidth). " +
			"Remove the attachment of the CrossDomain plan it has, or bind this plan to another accelerator. Waiting does not help.",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:    "BindExist.CrossDomainBandwidthPackage",
		Summary: "the accelerator still has a cross-border bandwidth plan",
		Detail: "A Basic plan leaves an accelerator only after its CrossDomain plan: remove the CrossDomain plan's attachment first " +
			"(within one configuration, give it depends_on = [<this attachment>] so destroy removes it first).",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:       "NotSupport.BandwidthBillingType",
		Summary:    "the accelerator takes no bandwidth plan",
		Detail:     "The accelerator's bandwidth is billed by data transfer (CDT), so no bandwidth plan binds to it. Use an accelerator billed by bandwidth plan.",
		Attributes: []string{attrAcceleratorID},
	},
	{
		Code:    "NotBind.BandwidthPackage",
		Summary: "the GA bandwidth plan is not bound to this accelerator",
		Detail:  "The binding is already gone. The provider takes this as done once DescribeBandwidthPackage agrees; seen here, the plan lists another accelerator.",
	},
}
