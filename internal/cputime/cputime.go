// Package cputime reads the CPU time the process has used, for
// measurements that a shared, loaded machine would distort if they were
// taken in elapsed time (siemtest's benchmarks, lineartest's checks).
package cputime
