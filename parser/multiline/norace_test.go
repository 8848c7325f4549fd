//go:build !race

package multiline_test

const raceEnabled = false
