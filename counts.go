package siem

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Counts is the accounting of a run. For every run that ends without an
// error, and for every cancelled run, Read == Indexed + Excluded +
// DeadLettered. Only a run stopped by a failing sink (a *FatalError, or a
// dead-letter sink that fails) can leave records unsettled, and its error
// says how many.
type Counts struct {
	// Read is the number of records taken from objects. It is never
	// adjusted: every record taken is counted once, settled or not.
	Read int64
	// Indexed is the number of documents the sink accepted.
	Indexed int64
	// Excluded is the number of records dropped on purpose; ExcludedByRule
	// splits it by rule name.
	Excluded       int64
	ExcludedByRule map[string]int64
	// DeadLettered is the number of records handed to the dead-letter sink.
	DeadLettered int64
	// Retried counts sink retries; it is not part of the balance.
	Retried int64
}

// Reconciled reports whether every record read is accounted for.
func (c Counts) Reconciled() bool { return c.Unsettled() == 0 }

// Unsettled is the number of records read but neither indexed, excluded
// nor dead-lettered, because the run stopped on a failing sink.
func (c Counts) Unsettled() int64 {
	return c.Read - c.Indexed - c.Excluded - c.DeadLettered
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Read += o.Read
	c.Indexed += o.Indexed
	c.Excluded += o.Excluded
	c.DeadLettered += o.DeadLettered
	c.Retried += o.Retried
	for rule, n := range o.ExcludedByRule {
		if c.ExcludedByRule == nil {
			c.ExcludedByRule = make(map[string]int64)
		}
		c.ExcludedByRule[rule] += n
	}
}

func (c *Counts) exclude(rule string, n int64) {
	if c.ExcludedByRule == nil {
		c.ExcludedByRule = make(map[string]int64)
	}
	c.ExcludedByRule[rule] += n
	c.Excluded += n
}

// String renders the counts on one line, rules sorted by name.
func (c Counts) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, indexed %d, excluded %d", c.Read, c.Indexed, c.Excluded)
	if len(c.ExcludedByRule) > 0 {
		b.WriteString(" (")
		for i, rule := range slices.Sorted(maps.Keys(c.ExcludedByRule)) {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", rule, c.ExcludedByRule[rule])
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, ", dead-lettered %d, retried %d", c.DeadLettered, c.Retried)
	if n := c.Unsettled(); n != 0 {
		fmt.Fprintf(&b, ", UNSETTLED %d", n)
	}
	return b.String()
}
