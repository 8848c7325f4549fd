package msk_test

import (
	"fmt"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/msk"
)

// Normalize maps one broker record, its stack trace included.
func ExampleNormalize() {
	rec := "[2026-11-27 10:05:07,450] ERROR [ReplicaManager broker=2] Error processing append operation on partition payments-1 (kafka.server.ReplicaManager)\n" +
		"org.apache.kafka.common.errors.NotEnoughReplicasException: ISR too small\n\tat kafka.cluster.Partition.appendRecordsToLeader(Partition.scala:1325)"
	var ev ecs.Event
	fmt.Println(msk.Normalize([]byte(rec), &ev))
	fmt.Println(string(ev.AppendJSON(nil)))
	// Output:
	// <nil>
	// {"@timestamp":"2026-11-27T10:05:07.45Z","aws":{"msk":{"component":"ReplicaManager broker=2"}},"error":{"message":"ISR too small","stack_trace":"org.apache.kafka.common.errors.NotEnoughReplicasException: ISR too small\n\tat kafka.cluster.Partition.appendRecordsToLeader(Partition.scala:1325)","type":"org.apache.kafka.common.errors.NotEnoughReplicasException"},"event":{"kind":"event","type":["error"]},"log":{"level":"ERROR","logger":"kafka.server.ReplicaManager"},"message":"Error processing append operation on partition payments-1"}
}
