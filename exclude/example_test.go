package exclude_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/exclude"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/sink"
)

// Health checks are excluded and counted under their rule's name.
func Example() {
	rules, err := exclude.Parse("health-checks alb user_agent.original ELB-HealthChecker/.*")
	if err != nil {
		panic(err)
	}
	filter, err := exclude.New(rules)
	if err != nil {
		panic(err)
	}
	p, err := siem.NewPipeline(siem.Options{
		Sink:        sink.NewNDJSON(io.Discard),
		DeadLetters: sink.NewDeadLetters(io.Discard),
		Filters:     []siem.Filter{filter},
	})
	if err != nil {
		panic(err)
	}
	log := `http 2026-11-27T10:01:02.123456Z app/my-alb/50dc6c495c0c9188 192.0.2.17:50432 10.0.1.15:8080 0.001 0.024 0.000 200 200 312 5120 "GET http://www.example.com:80/index.html HTTP/1.1" "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-targets/73e2d6bc24d8a067 "Root=1-6746ee4e-3b0f7c2a9d1e4f5a6b7c8d9e" "-" "-" 0 2026-11-27T10:01:02.098000Z "forward" "-" "-" "10.0.1.15:8080" "200" "-" "-"
http 2026-11-27T10:01:04.000001Z app/my-alb/50dc6c495c0c9188 10.0.0.9:41000 10.0.1.15:8080 0.000 0.001 0.000 200 200 120 90 "GET http://10.0.1.15:8080/health HTTP/1.1" "ELB-HealthChecker/2.0" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-targets/73e2d6bc24d8a067 "-" "-" "-" 0 2026-11-27T10:01:04.000000Z "forward" "-" "-" "10.0.1.15:8080" "200" "-" "-"
`
	counts, err := p.ProcessAs(context.Background(), elb.ALB(), siem.Object{Key: "alb.log"}, strings.NewReader(log))
	fmt.Println(counts, err)
	// Output:
	// read 2, indexed 1, excluded 1 (health-checks 1), dead-lettered 0, retried 0 <nil>
}
