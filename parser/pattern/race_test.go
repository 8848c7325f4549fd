//go:build race

package pattern_test

// raceEnabled is set under the race detector, whose overhead makes costs
// and allocation counts meaningless (it drops sync.Pool entries at random,
// so regexp's pooled matchers are allocated again).
const raceEnabled = true
