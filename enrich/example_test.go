package enrich_test

import (
	"fmt"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// tagger is a minimal enricher: it marks events of one log type.
type tagger struct{ logType string }

func (tagger) Stage() enrich.Stage { return enrich.StageThreat }

func (t tagger) Enrich(logType string, ev *ecs.Event) {
	if logType == t.logType {
		ev.Keywords("tags", "watched")
	}
}

// Chain orders enrichers by stage; the result goes into
// siem.Options.Enrichers.
func ExampleChain() {
	chain := enrich.Chain(tagger{logType: "alb"})
	var ev ecs.Event
	ev.Keyword("event.kind", "event")
	for _, e := range chain {
		e.Enrich("alb", &ev)
	}
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// {"event":{"kind":"event"},"tags":["watched"]}
}
