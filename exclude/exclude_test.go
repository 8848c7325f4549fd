package exclude_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/exclude"
)

func TestParse(t *testing.T) {
	rules, err := exclude.Parse("# health checks\nhealth alb url.path /health(z)?\n\n; role * user.name  monitor role ")
	require.NoError(t, err)
	require.Len(t, rules, 2)
	assert.Equal(t, "health", rules[0].Name)
	assert.Equal(t, "alb", rules[0].Type)
	assert.Equal(t, "url.path", rules[0].Field)
	assert.Equal(t, "", rules[1].Type)
	assert.True(t, rules[1].Match.MatchString("monitor role"), "the regexp is the rest of the line, spaces included")
	assert.False(t, rules[0].Match.MatchString("/healthcheck"), "anchored at both ends")

	for text, want := range map[string]string{
		"health alb url.path":  `rule 1 ("health alb url.path"): want "NAME TYPE FIELD REGEXP"`,
		"ok * a b; bad * f (x": "rule 2 (bad): bad regular expression",
	} {
		_, err := exclude.Parse(text)
		assert.ErrorContains(t, err, want, text)
	}
}

func TestExclude(t *testing.T) {
	rules, err := exclude.Parse(`
health alb url.path /health
ports * destination.port 22|3389
tagged * tags noisy
`)
	require.NoError(t, err)
	f, err := exclude.New(rules)
	require.NoError(t, err)
	cases := []struct {
		typ  string
		set  func(ev *ecs.Event)
		want string
	}{
		{"alb", func(ev *ecs.Event) { ev.Keyword("url.path", "/health") }, "health"},
		{"alb", func(ev *ecs.Event) { ev.Keyword("url.path", "/healthy") }, ""},
		{"nlb", func(ev *ecs.Event) { ev.Keyword("url.path", "/health") }, ""},
		{"vpcflow", func(ev *ecs.Event) { ev.Long("destination.port", 3389) }, "ports"},
		{"vpcflow", func(ev *ecs.Event) { ev.Long("destination.port", 33890) }, ""},
		{"okta", func(ev *ecs.Event) { ev.Keywords("tags", "a", "noisy") }, "tagged"},
		{"okta", func(ev *ecs.Event) { ev.Keyword("message", "noisy") }, ""},
	}
	for i, c := range cases {
		var ev ecs.Event
		c.set(&ev)
		assert.Equal(t, c.want, f.Exclude(c.typ, &ev), "case %d", i)
	}
	_, err = exclude.New([]exclude.Rule{{Field: "x", Match: rules[0].Match}})
	assert.ErrorContains(t, err, "no name")
}
