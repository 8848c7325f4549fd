package envelope_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
)

const taskARN = "arn:aws:ecs:eu-west-1:123456789012:task/web-cluster/0123456789abcdef0123456789abcdef"

// flLine builds a FireLens line; extra members are appended as written.
func flLine(container, source, log string, extra ...string) string {
	b, _ := json.Marshal(log)
	s := fmt.Sprintf(`{"container_id":"%s-0123456789","container_name":"%s","source":"%s","log":%s,"ecs_cluster":"web-cluster","ecs_task_arn":"%s","ecs_task_definition":"web:42","ec2_instance_id":"i-0abc"`,
		container, container, source, b, taskARN)
	for _, e := range extra {
		s += "," + e
	}
	return s + "}\n"
}

func partial(container, log, id string, ordinal int, last bool) string {
	return flLine(container, "stdout", log, `"partial_message":"true"`, fmt.Sprintf(`"partial_id":"%s"`, id),
		fmt.Sprintf(`"partial_ordinal":"%d"`, ordinal), fmt.Sprintf(`"partial_last":"%v"`, last))
}

func TestFireLensLines(t *testing.T) {
	input := flLine("app", "stdout", `{"level":"info","msg":"started \"ok\""}`) +
		flLine("app", "stdout", "GET /health 200") +
		flLine("app", "stderr", "warning: slow") +
		flLine("sidecar", "stdout", "ready")
	if !envelope.FireLens().Sniff("k", []byte(input)) {
		t.Fatal("not sniffed")
	}
	g := read(t, envelope.FireLens(), "k", []byte(input))
	if len(g.errs) > 0 {
		t.Fatal(g.reasons())
	}
	checkNumbers(t, g)
	if want := []string{`{"level":"info","msg":"started \"ok\""}`, "GET /health 200", "warning: slow", "ready"}; !reflect.DeepEqual(g.data(), want) {
		t.Fatalf("data %q", g.data())
	}
	d := g.recs[0].Delivery
	m := d.Meta.(*envelope.FireLensMeta)
	want := envelope.FireLensMeta{Source: "stdout", ContainerID: "app-0123456789", ContainerName: "app", Cluster: "web-cluster", TaskARN: taskARN, TaskDefinition: "web:42", EC2InstanceID: "i-0abc"}
	if *m != want || d.ID != "" || !d.Time.IsZero() || d.Envelope != "firelens" {
		t.Errorf("delivery %+v meta %+v", d, m)
	}
	if g.recs[1].Delivery != d {
		t.Error("lines of the same container and stream do not share their delivery")
	}
	if g.recs[2].Delivery == d || g.recs[3].Delivery.Meta.(*envelope.FireLensMeta).ContainerName != "sidecar" {
		t.Error("another stream or container shares a delivery")
	}
}

func TestFireLensMapping(t *testing.T) {
	res := runPipeline(t, envelope.FireLens(), "k", []byte(flLine("app", "stderr", "boom", `"date":"2026-11-27T10:05:00.25Z"`)))
	if res.Err != nil || len(res.Docs) != 1 {
		t.Fatal(res.Err, res.Counts)
	}
	var doc map[string]any
	json.Unmarshal(res.Docs[0].Body, &doc)
	want := map[string]any{
		"@timestamp": "2026-11-27T10:05:00.25Z",
		"aws":        map[string]any{"firelens": map[string]any{"source": "stderr", "task_definition": "web:42"}},
		"cloud":      map[string]any{"account": map[string]any{"id": "123456789012"}, "instance": map[string]any{"id": "i-0abc"}, "provider": "aws", "region": "eu-west-1"},
		"container":  map[string]any{"id": "app-0123456789", "name": "app"},
		"orchestrator": map[string]any{"cluster": map[string]any{"name": "web-cluster"},
			"resource": map[string]any{"id": taskARN, "type": "task"}, "type": "ecs"},
		"message": "boom",
	}
	for k, v := range want {
		if !reflect.DeepEqual(doc[k], v) {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
}

func TestFireLensPartialMessages(t *testing.T) {
	in := partial("app", "aaa", "p1", 1, false) + partial("app", "bbb", "p1", 2, false) + partial("app", "ccc\n", "p1", 3, true) +
		flLine("app", "stdout", "whole")
	g := read(t, envelope.FireLens(), "k", []byte(in))
	checkNumbers(t, g)
	if len(g.errs) > 0 || !reflect.DeepEqual(g.data(), []string{"aaabbbccc\n", "whole"}) {
		t.Fatalf("data %q errors %q", g.data(), g.reasons())
	}
	if g.recs[0].Line != 1 || g.recs[1].Line != 4 {
		t.Errorf("lines %d %d", g.recs[0].Line, g.recs[1].Line)
	}

	for _, tc := range []struct {
		name, in string
		order    string
		reasons  []string
		data     []string
	}{
		{"interrupted by a whole line", partial("app", "a", "p1", 1, false) + flLine("app", "stdout", "whole") + partial("app", "b", "p1", 2, true),
			"ere", []string{`incomplete FireLens partial message "p1": 1 parts arrived`, `part 2 of the partial message "p1" arrived without the parts before it`}, []string{"whole"}},
		{"interleaved", partial("a", "a1", "pa", 1, false) + partial("b", "b1", "pb", 1, false) + partial("a", "a2", "pa", 2, true) + partial("b", "b2", "pb", 2, true),
			"eeee", []string{`part 1 of "pb" follows part 1 of "pa"`, `part 2 of "pa" follows part 1 of "pb"`, `arrived without`, `arrived without`}, nil},
		{"gap", partial("app", "a", "p1", 1, false) + partial("app", "c", "p1", 3, true) + flLine("app", "stdout", "next"),
			"eer", []string{`part 3 of "p1" follows part 1 of "p1"`, `part 3 of the partial message "p1" arrived without`}, []string{"next"}},
		{"cut at the end", flLine("app", "stdout", "x") + partial("app", "a", "p1", 1, false) + partial("app", "b", "p1", 2, false),
			"re", []string{"the object ends before its last part"}, []string{"x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := read(t, envelope.FireLens(), "k", []byte(tc.in))
			checkNumbers(t, g)
			if string(g.order) != tc.order || len(g.errs) != len(tc.reasons) {
				t.Fatalf("order %s, reasons %q", g.order, g.reasons())
			}
			for i, want := range tc.reasons {
				if !strings.Contains(g.errs[i].Reason, want) {
					t.Errorf("reason %d %q, want %q", i, g.errs[i].Reason, want)
				}
			}
			if !reflect.DeepEqual(g.data(), tc.data) {
				t.Errorf("data %q", g.data())
			}
		})
	}

	// Over the limit: one error for the whole message, its size counted.
	part := strings.Repeat("x", 1<<20)
	var b strings.Builder
	for i := 1; i <= 5; i++ {
		b.WriteString(partial("app", part, "big", i, i == 5))
	}
	b.WriteString(flLine("app", "stdout", "after"))
	g = read(t, envelope.FireLens(), "k", []byte(b.String()))
	checkNumbers(t, g)
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, "longer than the limit") || g.errs[0].Size != 5<<20 || !reflect.DeepEqual(g.data(), []string{"after"}) {
		t.Fatalf("errors %q data %d", g.reasons(), len(g.recs))
	}
}

func TestFireLensBrokenLines(t *testing.T) {
	for _, tc := range []struct{ name, in, reason string }{
		{"no log", `{"container_id":"x","source":"stdout"}`, "not a FireLens line: the object has no log member"},
		{"log not a string", `{"log":{"a":1},"container_id":"x"}`, "log is a JSON object, not a string"},
		{"not JSON", `{"log":"x",}`, "FireLens line is not valid JSON"},
		{"number", `42`, "not a FireLens line: a JSON number"},
		{"firehose error", `{"attemptsMade":2,"errorCode":"S3.KMS.AccessDeniedException","rawData":"eA=="}`, "Firehose error record, not a FireLens line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := read(t, envelope.FireLens(), "k", []byte(flLine("a", "stdout", "one")+tc.in+"\n"+flLine("a", "stdout", "two")))
			checkNumbers(t, g)
			if len(g.errs) != 1 || !strings.Contains(g.errs[0].Reason, tc.reason) || g.errs[0].Line != 2 || string(g.errs[0].Raw) != tc.in {
				t.Fatalf("errors %+v", g.errs)
			}
			if !reflect.DeepEqual(g.data(), []string{"one", "two"}) {
				t.Errorf("data %q", g.data())
			}
		})
	}
}

func TestFireLensTimes(t *testing.T) {
	in := flLine("a", "stdout", "one", `"time":1795860000.5`) + flLine("a", "stdout", "two", `"date":"2026-11-27T10:05:00Z"`) + flLine("a", "stdout", "three")
	g := read(t, envelope.FireLens(), "k", []byte(in))
	want := []time.Time{time.Unix(1795860000, 5e8).UTC(), time.Date(2026, 11, 27, 10, 5, 0, 0, time.UTC), {}}
	for i, r := range g.recs {
		if !r.Delivery.Time.Equal(want[i]) {
			t.Errorf("record %d time %v, want %v", i, r.Delivery.Time, want[i])
		}
	}
	if g.recs[0].Delivery.Meta != g.recs[2].Delivery.Meta {
		t.Error("metadata not shared when only the time differs")
	}
}

func TestFireLensSniff(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"line", flLine("a", "stdout", "x"), true},
		{"log first", `{"log":"x","container_name":"a"}`, true},
		{"log alone", `{"log":"x","source":"stdout"}`, false},
		{"container without log", `{"container_id":"x","message":"y"}`, false},
		{"nested", `{"detail":{"log":"x","container_id":"y"}}`, false},
		// The head (siem.SniffBytes) ends inside a long log line.
		{"log longer than the head", (`{"container_id":"c1","container_name":"web","source":"stdout","log":"` + strings.Repeat("x", siem.SniffBytes) + `"}`)[:siem.SniffBytes], true},
		{"cut inside a nested value", (`{"container_id":"c1","detail":{"log":"` + strings.Repeat("x", siem.SniffBytes))[:siem.SniffBytes], false},
	} {
		if got := envelope.FireLens().Sniff("k", []byte(tc.head)); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}
