// Package benchmark holds the end-to-end benchmark of the built provider
// (cmd/provider-bench, run by make bench): the terraform CLI against the
// standalone emulator, measured from outside.
package benchmark
