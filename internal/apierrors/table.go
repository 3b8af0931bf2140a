package apierrors

// Attribute names of this provider's resources, as the table refers to them.
const (
	attrBandwidth     = "bandwidth"
	attrBandwidthType = "bandwidth_type"
	attrChargeType    = "charge_type"
	attrRegionA       = "geographic_region_a_id"
	attrRegionB       = "geographic_region_b_id"
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

// table maps each error code documented in the API pages (../shared/api-docs)
// and observed on the live API (BEHAVIOUR.md) to what the user sees.
// Retry: the client retries the code up to max_retries times with backoff.
// Busy codes that pass only after an operation ends are not retried by
// default: the resource that expects them passes client.RetryOn(code), which
// retries them until its timeout.
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

	// CreateCenBandwidthPackage (api-docs 000, 001).
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

	// CreateBandwidthPackage of GA (api-docs 003).
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

	// CEN behaviour beyond the create pages (BEHAVIOUR.md).
	{
		Code:    "ParameterCenInstanceId",
		Summary: "the bandwidth plan does not exist",
		Detail:  "The API does not know this bandwidth plan ID (some accounts answer this instead of an empty list). It was deleted outside Terraform or the ID is wrong.",
	},
	{
		Code:    "ParameterBwpInstanceId",
		Summary: "the bandwidth plan does not exist",
		Detail:  "The API does not know this bandwidth plan ID; it was probably deleted already.",
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

	// GA behaviour beyond the create page (BEHAVIOUR.md).
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
		Detail:  "The accelerator this plan is bound to is changing state." + busyHint,
	},
	{
		Code:    "UpgradeError.BandwidthPackage",
		Summary: "the GA bandwidth plan cannot be changed now",
		Detail:  "An earlier change of this GA bandwidth plan is still in progress." + busyHint,
	},
	{
		Code:    "BindExist.BandwidthPackage",
		Summary: "the GA bandwidth plan is still bound to an accelerator",
		Detail:  "Unbind the plan from its accelerator (or wait until the unbinding finishes) before deleting it." + busyHint,
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
}
