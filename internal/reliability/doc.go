// Package reliability holds acceptance tests that prove the provider under
// faults, load and bad input, across both resources: lost answers, storms of
// throttling, interrupted waits, credential failures, secrets in logs and
// answers that are not the API's. It has no code of its own.
package reliability
