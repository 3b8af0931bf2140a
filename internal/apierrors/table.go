package apierrors

// table maps each documented error code to what the user sees.
// The foundation work fills every code named in ../shared/api-docs and BEHAVIOUR.md.
var table = []Entry{
	{
		Code:    "Throttling",
		Summary: "the API throttled the request",
		Detail:  "Too many requests reached the API at once. The provider retried and gave up; lower -parallelism or try again later.",
		Retry:   true,
	},
}
