// Package reliability holds acceptance tests that prove the provider under
// faults, load and bad input, across both resources: lost answers, storms of
// throttling, interrupted waits, credential failures, secrets in logs and
// answers that are not the API's. It has no code of its own. Every test
// injects faults into an emulator of its own, so every test, parents of
// subtests included, calls acctest.PreCheck: with TF_ACC_CLOUD=1 each one
// reports itself skipped, with the reason.
package reliability
