package envelope

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// FireLensMeta is what a FireLens (Fluent Bit) line says about the
// container that logged it: parser.Delivery.Meta of every message the
// FireLens envelope delivers. Consecutive lines from the same container
// share one *FireLensMeta; a log type must not modify it.
type FireLensMeta struct {
	// Source is the stream the container wrote to: stdout or stderr.
	Source string
	// ContainerID and ContainerName identify the container.
	ContainerID   string
	ContainerName string
	// Cluster, TaskARN and TaskDefinition are the ECS metadata FireLens
	// adds when enable-ecs-log-metadata is on (the default).
	Cluster        string
	TaskARN        string
	TaskDefinition string
	// EC2InstanceID is set for tasks on the EC2 launch type.
	EC2InstanceID string
}

// FireLens returns the envelope of FireLens / Fluent Bit JSON lines, each
// carrying one container log line in its log member. See the package
// documentation.
func FireLens() siem.Envelope { return fireLens{} }

type fireLens struct{}

func (fireLens) Name() string { return NameFireLens }

var flKeys = []string{"log", "container_id", "container_name", "ecs_task_arn", "ecs_cluster"}

// Sniff accepts an object whose first JSON value is an object with the
// top-level key log and one of container_id, container_name,
// ecs_task_arn or ecs_cluster.
func (fireLens) Sniff(_ string, head []byte) bool {
	found, _ := topKeys(head, flKeys...)
	return found&1 != 0 && found&^1 != 0
}

func (fireLens) Open(_ siem.Object, r io.Reader) (parser.Reader, error) {
	return &fireLensReader{vals: parser.NewJSONValueReader(r, parser.JSONOptions{MaxRecordBytes: MaxPayloadBytes})}, nil
}

// Map sets, in path order: aws.firelens.source and task_definition,
// cloud.account.id and cloud.region (from the task ARN),
// cloud.instance.id, cloud.provider, container.id, container.name,
// orchestrator.cluster.name, orchestrator.resource.id (the task ARN),
// orchestrator.resource.type ("task" when there is a task ARN) and
// orchestrator.type ("ecs").
func (fireLens) Map(d *parser.Delivery, ev *ecs.Event) {
	m, _ := d.Meta.(*FireLensMeta)
	if m == nil {
		return
	}
	ev.Keyword("aws.firelens.source", m.Source)
	ev.Keyword("aws.firelens.task_definition", m.TaskDefinition)
	region, account := taskARNParts(m.TaskARN)
	ev.Keyword("cloud.account.id", account)
	ev.Keyword("cloud.instance.id", m.EC2InstanceID)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", region)
	ev.Keyword("container.id", m.ContainerID)
	ev.Keyword("container.name", m.ContainerName)
	ev.Keyword("orchestrator.cluster.name", m.Cluster)
	ev.Keyword("orchestrator.resource.id", m.TaskARN)
	if m.TaskARN != "" {
		ev.Keyword("orchestrator.resource.type", "task")
	}
	ev.Keyword("orchestrator.type", "ecs")
}

// taskARNParts reads the region and account of an ECS task ARN,
// arn:<partition>:ecs:<region>:<account>:task/...
func taskARNParts(arn string) (region, account string) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return "", ""
	}
	f := strings.SplitN(rest, ":", 5)
	if len(f) < 5 || f[1] != "ecs" || !strings.HasPrefix(f[4], "task/") {
		return "", ""
	}
	return f[2], f[3]
}

// Vendor declares aws.firelens, whose fields are all keywords.
func (fireLens) Vendor() siem.VendorSchema {
	return siem.VendorSchema{Namespace: "aws.firelens"}
}

type fireLensReader struct {
	vals   *parser.JSONValueReader
	p      pooledParser
	number int64
	slab   []parser.Delivery
	// last is the delivery of the previous line, shared by the next one
	// when it comes from the same container and carries no time.
	last *parser.Delivery

	asm assembly
	// out holds the last reassembled message returned.
	out []byte
	// queue holds what is due before the next line is read: a broken
	// assembly is reported before the line that broke it.
	queue []queued
	qi    int
}

type queued struct {
	rec parser.Record
	err error
}

// assembly is a message being reassembled from Docker partial messages.
type assembly struct {
	active  bool
	id      []byte
	ordinal int64
	parts   int
	buf     []byte
	size    int64
	line    int64
	offset  int64
	d       *parser.Delivery
}

func (r *fireLensReader) Next() (parser.Record, error) {
	for {
		if r.qi < len(r.queue) {
			q := r.queue[r.qi]
			r.qi++
			return q.rec, q.err
		}
		r.queue, r.qi = r.queue[:0], 0
		rec, err := r.vals.Next()
		if err == io.EOF {
			r.p.release()
		}
		if err == io.EOF && r.asm.active {
			r.push(parser.Record{}, r.broken("the object ends before its last part (a message split across objects is not joined)"))
			continue
		}
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				r.number++
				return parser.Record{}, recordError(r.number, re.Line, re.Offset, "FireLens line: "+re.Reason, re.Raw, re.Size, nil)
			}
			return parser.Record{}, err
		}
		r.line(rec)
	}
}

func (r *fireLensReader) push(rec parser.Record, err error) {
	r.queue = append(r.queue, queued{rec, err})
}

// fail queues an error for the line rec.
func (r *fireLensReader) fail(rec parser.Record, reason string) {
	r.number++
	r.push(parser.Record{}, recordError(r.number, rec.Line, rec.Offset, reason, rec.Data, 0, nil))
}

// line handles one FireLens line, queueing what it yields.
func (r *fireLensReader) line(rec parser.Record) {
	root, err := r.p.parse(rec.Data)
	if err != nil {
		r.fail(rec, "FireLens line is not valid JSON: "+err.Error())
		return
	}
	obj, err := root.Object()
	if err != nil {
		r.fail(rec, fmt.Sprintf("not a FireLens line: a %s, where a line is an object with log", describeJSON(rec.Data)))
		return
	}
	var f flFields
	obj.Visit(f.visit)
	switch {
	case f.log == nil:
		if reason, ok := firehoseError(rec.Data, "a FireLens line"); ok {
			r.fail(rec, reason)
			return
		}
		r.fail(rec, "not a FireLens line: the object has no log member")
		return
	case f.log.Type() != fastjson.TypeString:
		r.fail(rec, fmt.Sprintf("FireLens line's log is a JSON %s, not a string", f.log.Type()))
		return
	}
	msg := f.log.GetStringBytes()
	d := r.delivery(&f)
	if !truthy(f.partial) {
		if r.asm.active {
			r.push(parser.Record{}, r.broken("the next line is not one of its parts"))
		}
		r.number++
		r.push(parser.Record{Data: msg, Number: r.number, Line: rec.Line, Offset: rec.Offset, Delivery: d}, nil)
		return
	}
	id := f.partialID.GetStringBytes()
	ordinal := intOf(f.partialOrdinal)
	if r.asm.active && (!bytes.Equal(id, r.asm.id) || ordinal != r.asm.ordinal+1) {
		r.push(parser.Record{}, r.broken(fmt.Sprintf("part %d of %q follows part %d of %q", ordinal, id, r.asm.ordinal, r.asm.id)))
	}
	if !r.asm.active {
		if ordinal > 1 {
			r.fail(rec, fmt.Sprintf("part %d of the partial message %q arrived without the parts before it (partial messages are joined only when all their parts arrive in order in one object)", ordinal, id))
			return
		}
		r.asm = assembly{active: true, id: append(r.asm.id[:0], id...), buf: r.asm.buf[:0], line: rec.Line, offset: rec.Offset, d: d}
	}
	a := &r.asm
	a.ordinal = max(ordinal, 1)
	a.parts++
	a.size += int64(len(msg))
	if room := MaxMessageBytes - len(a.buf); room > 0 {
		a.buf = append(a.buf, msg[:min(len(msg), room)]...)
	}
	if !truthy(f.partialLast) {
		return
	}
	a.active = false
	r.number++
	if a.size > MaxMessageBytes {
		r.push(parser.Record{}, recordError(r.number, a.line, a.offset,
			fmt.Sprintf("FireLens message reassembled from %d partial messages (%q) is %d bytes, longer than the limit of %d bytes", a.parts, a.id, a.size, MaxMessageBytes),
			a.buf, a.size, a.d))
		return
	}
	// The message returned lives in out until the next call; the next
	// assembly reuses the previous out.
	r.out, a.buf = a.buf, r.out[:0]
	r.push(parser.Record{Data: r.out, Number: r.number, Line: a.line, Offset: a.offset, Delivery: a.d}, nil)
}

// broken ends the assembly in progress and returns its error.
func (r *fireLensReader) broken(why string) error {
	a := &r.asm
	a.active = false
	r.number++
	return recordError(r.number, a.line, a.offset,
		fmt.Sprintf("incomplete FireLens partial message %q: %d parts arrived, the last did not: %s", a.id, a.parts, why),
		a.buf, a.size, a.d)
}

// flFields are the members of a FireLens line the envelope reads.
type flFields struct {
	log, source, containerID, containerName, cluster, taskARN, taskDef, instance *fastjson.Value
	partial, partialID, partialOrdinal, partialLast, time                        *fastjson.Value
}

func (f *flFields) visit(key []byte, v *fastjson.Value) {
	switch string(key) {
	case "log":
		f.log = v
	case "source":
		f.source = v
	case "container_id":
		f.containerID = v
	case "container_name":
		f.containerName = v
	case "ecs_cluster":
		f.cluster = v
	case "ecs_task_arn":
		f.taskARN = v
	case "ecs_task_definition":
		f.taskDef = v
	case "ec2_instance_id":
		f.instance = v
	case "partial_message":
		f.partial = v
	case "partial_id":
		f.partialID = v
	case "partial_ordinal":
		f.partialOrdinal = v
	case "partial_last":
		f.partialLast = v
	case "time", "date":
		if f.time == nil {
			f.time = v
		}
	}
}

// delivery returns the line's delivery: the previous line's when the
// container metadata is the same and neither carries a time, else a new
// one.
func (r *fireLensReader) delivery(f *flFields) *parser.Delivery {
	fields := [...][]byte{
		f.source.GetStringBytes(), f.containerID.GetStringBytes(), f.containerName.GetStringBytes(),
		f.cluster.GetStringBytes(), f.taskARN.GetStringBytes(), f.taskDef.GetStringBytes(), f.instance.GetStringBytes(),
	}
	t := lineTime(f.time)
	var meta *FireLensMeta
	if r.last != nil {
		m := r.last.Meta.(*FireLensMeta)
		if string(fields[0]) == m.Source && string(fields[1]) == m.ContainerID && string(fields[2]) == m.ContainerName &&
			string(fields[3]) == m.Cluster && string(fields[4]) == m.TaskARN && string(fields[5]) == m.TaskDefinition &&
			string(fields[6]) == m.EC2InstanceID {
			if t.IsZero() && r.last.Time.IsZero() {
				return r.last
			}
			meta = m
		}
	}
	if meta == nil {
		a := r.p.arena()
		for _, b := range fields {
			a.add(b)
		}
		s := a.strings()
		meta = &FireLensMeta{
			Source: s.get(0), ContainerID: s.get(1), ContainerName: s.get(2),
			Cluster: s.get(3), TaskARN: s.get(4), TaskDefinition: s.get(5), EC2InstanceID: s.get(6),
		}
	}
	if len(r.slab) == 0 {
		r.slab = make([]parser.Delivery, slabSize)
	}
	d := &r.slab[0]
	r.slab = r.slab[1:]
	*d = parser.Delivery{Envelope: NameFireLens, Time: t, Meta: meta}
	r.last = d
	return d
}

// lineTime reads the time Fluent Bit adds when configured to (the S3
// output's json_date_key, "date" by default; a time_key, often "time"):
// an RFC 3339 string or seconds since the epoch.
func lineTime(v *fastjson.Value) time.Time {
	if v == nil {
		return time.Time{}
	}
	switch v.Type() {
	case fastjson.TypeString:
		return parseTimeRFC3339(v.GetStringBytes())
	case fastjson.TypeNumber:
		f, err := v.Float64()
		if err != nil || f < 0 || f > 253402300799 {
			return time.Time{}
		}
		sec, frac := math.Modf(f)
		return time.Unix(int64(sec), int64(frac*1e6)*1e3).UTC()
	}
	return time.Time{}
}

// truthy reads Docker's partial flags, which Fluent Bit writes as the
// strings "true" and "false" (booleans are accepted too).
func truthy(v *fastjson.Value) bool {
	if v == nil {
		return false
	}
	switch v.Type() {
	case fastjson.TypeTrue:
		return true
	case fastjson.TypeString:
		return string(v.GetStringBytes()) == "true"
	}
	return false
}

// intOf reads partial_ordinal, a string or a number; 0 when neither.
func intOf(v *fastjson.Value) int64 {
	if v == nil {
		return 0
	}
	switch v.Type() {
	case fastjson.TypeString:
		n, err := strconv.ParseInt(string(v.GetStringBytes()), 10, 64)
		if err != nil {
			return 0
		}
		return n
	case fastjson.TypeNumber:
		n, err := v.Int64()
		if err != nil {
			return 0
		}
		return n
	}
	return 0
}
