package firelens_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/sink"
)

// A FireLens object from Fluent Bit's s3 output holding a line of an
// application's own format, claimed by an inner normalizer, and a JSON
// log line, kept whole under firelens.json.
func Example() {
	// healthLine stands for a real inner normalizer, such as the apache
	// type's access-line normalizer.
	healthLine := func(line []byte, ev *ecs.Event) (bool, error) {
		if !bytes.HasPrefix(line, []byte("health ")) {
			return false, nil
		}
		ev.KeywordBytes("message", line)
		ev.Keyword("event.kind", "metric")
		return true, nil
	}
	lt := firelens.New(firelens.Inner("example.health", healthLine))

	object := `{"container_id":"8d3c1a2b-1","container_name":"app","source":"stdout","log":"health ok","ecs_cluster":"prod","ecs_task_arn":"arn:aws:ecs:eu-west-1:123456789012:task/prod/8d3c1a2b","ecs_task_definition":"app:3","date":"2026-12-06T17:30:00.25Z"}
{"container_id":"8d3c1a2b-1","container_name":"app","source":"stdout","log":"{\"level\":\"warn\",\"msg\":\"slow query\",\"ms\":812}","ecs_cluster":"prod","ecs_task_arn":"arn:aws:ecs:eu-west-1:123456789012:task/prod/8d3c1a2b","ecs_task_definition":"app:3","date":"2026-12-06T17:30:01Z"}
`
	reg := siem.NewRegistry()
	if err := reg.Register(lt); err != nil {
		fmt.Println(err)
		return
	}
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: sink.NewNDJSON(os.Stdout), DeadLetters: sink.NewDeadLetters(os.Stdout), OmitOriginal: true, Workers: 1,
		Now: func() time.Time { return time.Date(2026, 12, 6, 18, 0, 0, 0, time.UTC) }})
	if err != nil {
		fmt.Println(err)
		return
	}
	key := "fluent-bit-logs/app-firelens-8d3c1a2b/2026/12/06/17/30/00-objectAbCdEfGh"
	counts, err := p.Process(context.Background(), siem.Object{Bucket: "logs", Key: key}, bytes.NewReader([]byte(object)))
	fmt.Println(counts, err)
	// Output:
	// {"@timestamp":"2026-12-06T17:30:00.25Z","aws":{"firelens":{"source":"stdout","task_definition":"app:3"}},"cloud":{"account":{"id":"123456789012"},"provider":"aws","region":"eu-west-1"},"container":{"id":"8d3c1a2b-1","name":"app"},"ecs":{"version":"9.4.0"},"event":{"created":"2026-12-06T17:30:00.25Z","dataset":"example.health","ingested":"2026-12-06T18:00:00Z","kind":"metric","module":"example"},"firelens":{"format":"example.health"},"message":"health ok","orchestrator":{"cluster":{"name":"prod"},"resource":{"id":"arn:aws:ecs:eu-west-1:123456789012:task/prod/8d3c1a2b","type":"task"},"type":"ecs"}}
	// {"@timestamp":"2026-12-06T17:30:01Z","aws":{"firelens":{"source":"stdout","task_definition":"app:3"}},"cloud":{"account":{"id":"123456789012"},"provider":"aws","region":"eu-west-1"},"container":{"id":"8d3c1a2b-1","name":"app"},"ecs":{"version":"9.4.0"},"event":{"created":"2026-12-06T17:30:01Z","dataset":"aws.firelens","ingested":"2026-12-06T18:00:00Z","kind":"event","module":"aws"},"firelens":{"format":"json","json":{"level":"warn","msg":"slow query","ms":812}},"log":{"level":"warn"},"message":"slow query","orchestrator":{"cluster":{"name":"prod"},"resource":{"id":"arn:aws:ecs:eu-west-1:123456789012:task/prod/8d3c1a2b","type":"task"},"type":"ecs"}}
	// read 2, indexed 2, excluded 0, dead-lettered 0, retried 0 <nil>
}
