package exclude_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/exclude"
)

func FuzzParse(f *testing.F) {
	f.Add("health alb url.path /health(z)?\n# c\nr * tags a b c")
	f.Add("a b c ;; d e f g\t h")
	f.Add("x * f (")
	f.Fuzz(func(t *testing.T, text string) {
		rules, err := exclude.Parse(text)
		if err != nil {
			return
		}
		flt, err := exclude.New(rules)
		if err != nil {
			t.Fatalf("Parse gave rules New refuses: %v", err)
		}
		var ev ecs.Event
		ev.Keyword("url.path", text)
		ev.Keywords("tags", "a", text)
		flt.Exclude("alb", &ev)
	})
}
