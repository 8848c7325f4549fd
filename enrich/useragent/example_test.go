package useragent_test

import (
	"fmt"
	"log"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/useragent"
)

func ExampleNew() {
	ua, err := useragent.New(useragent.Config{})
	if err != nil {
		log.Fatal(err)
	}
	// In a pipeline: siem.Options{Enrichers: enrich.Chain(ua, ...)}.
	_ = enrich.Chain(ua)

	var ev ecs.Event
	ev.Keyword("user_agent.original", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1")
	ua.Enrich("alb", &ev)
	for _, f := range []string{"user_agent.name", "user_agent.version", "user_agent.os.full", "user_agent.device.name"} {
		v, _ := ev.LookupString(f)
		fmt.Printf("%s: %s\n", f, v)
	}

	ev.Reset()
	ev.Keyword("user_agent.original", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2")
	ua.Enrich("cloudtrail", &ev)
	fmt.Printf("%s\n", ev.AppendJSON(nil))
	// Output:
	// user_agent.name: Mobile Safari
	// user_agent.version: 17.2
	// user_agent.os.full: iOS 17.2
	// user_agent.device.name: iPhone
	// {"user_agent":{"name":"aws-cli","original":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2","os":{"full":"Linux 6.1","name":"Linux","version":"6.1"},"version":"2.15.0"}}
}
