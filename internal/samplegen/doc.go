// Package samplegen makes deterministic synthetic log objects of each
// built-in type, for benchmarks and load tests.
package samplegen
