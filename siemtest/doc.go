// Package siemtest runs log types through the real pipeline in tests and
// compares their output with golden files and with other normalizers'
// expected documents. It is for authors of log types, built-in or not.
package siemtest
