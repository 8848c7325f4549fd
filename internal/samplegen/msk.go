package samplegen

import (
	"fmt"
	"math/rand/v2"
)

// MSK returns an Amazon MSK broker log (Kafka server.log), uncompressed:
// n records of varied broker activity: group coordination, replica
// fetching, partition and ISR changes, failed authentications with client
// addresses, consumer-lag reports, named loggers without a class, and a
// share of WARN/ERROR records followed by multi-line stack traces.
func MSK(n int) []byte {
	rng := rand.New(rand.NewPCG(0x4b53, 0xbb0c))
	b := make([]byte, 0, n*220)
	topics := []string{"orders", "payments", "inventory", "clickstream", "audit-events"}
	groups := []string{"payments-consumer", "orders-etl", "search-indexer", "fraud-scoring"}
	for i := range n {
		ms := i * 3600000 / max(n, 1)
		ts := fmt.Sprintf("[2026-11-27 %02d:%02d:%02d,%03d]", 10+ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
		t := topics[rng.IntN(len(topics))]
		p := rng.IntN(12)
		broker := 1 + rng.IntN(3)
		switch k := rng.IntN(10); k {
		case 0, 1:
			b = fmt.Appendf(b, "%s INFO [GroupCoordinator %d]: Stabilized group %s generation %d (__consumer_offsets-%d) with %d members (kafka.coordinator.group.GroupCoordinator)\n",
				ts, broker, groups[rng.IntN(len(groups))], 1+rng.IntN(500), rng.IntN(50), 1+rng.IntN(8))
		case 2:
			b = fmt.Appendf(b, "%s INFO [Partition %s-%d broker=%d] ISR updated to %d,%d and version updated to %d (kafka.cluster.Partition)\n",
				ts, t, p, broker, broker, 1+(broker%3), rng.IntN(1000))
		case 3:
			b = fmt.Appendf(b, "%s INFO [ReplicaFetcherManager on broker %d] Removed fetcher for partitions Set(%s-%d) (kafka.server.ReplicaFetcherManager)\n", ts, broker, t, p)
		case 4:
			b = fmt.Appendf(b, "%s INFO [SocketServer listenerType=ZK_BROKER, nodeId=%d] Failed authentication with /10.0.%d.%d (channelId=10.0.3.1%d:9096-10.0.%d.%d:%d-%d) (SSL handshake failed) (org.apache.kafka.common.network.Selector)\n",
				ts, broker, rng.IntN(255), 1+rng.IntN(254), broker, rng.IntN(255), 1+rng.IntN(254), 32768+rng.IntN(28000), rng.IntN(20))
		case 5:
			b = fmt.Appendf(b, "%s INFO ConsumerLag for groupId=%s topic=%s : SumLag=%d MaxLag=%d TimeLag=%d (kafka.server.ConsumerLagReporter)\n",
				ts, groups[rng.IntN(len(groups))], t, rng.IntN(100000), rng.IntN(20000), rng.IntN(600))
		case 6:
			b = fmt.Appendf(b, "%s TRACE [Controller id=%d epoch=%d] Sending become-leader LeaderAndIsr request for partition %s-%d (state.change.logger)\n", ts, broker, rng.IntN(40), t, p)
		case 7:
			b = fmt.Appendf(b, "%s WARN [ReplicaFetcher replicaId=%d, leaderId=%d, fetcherId=0] Error in response for fetch request (type=FetchRequest, replicaId=%d, maxWait=500) (kafka.server.ReplicaFetcherThread)\n"+
				"java.io.IOException: Connection to %d was disconnected before the response was read\n"+
				"\tat org.apache.kafka.clients.NetworkClientUtils.sendAndReceive(NetworkClientUtils.java:99)\n"+
				"\tat kafka.server.BrokerBlockingSender.sendRequest(BrokerBlockingSender.scala:113)\n", ts, broker, 1+broker%3, broker, 1+broker%3)
		case 8:
			b = fmt.Appendf(b, "%s ERROR [ReplicaManager broker=%d] Error processing append operation on partition %s-%d (kafka.server.ReplicaManager)\n"+
				"org.apache.kafka.common.errors.NotEnoughReplicasException: The size of the current ISR Set(%d) is insufficient to satisfy the min.isr requirement of 2 for partition %s-%d\n"+
				"\tat kafka.cluster.Partition.appendRecordsToLeader(Partition.scala:1325)\n", ts, broker, t, p, broker, t, p)
		default:
			b = fmt.Appendf(b, "%s INFO Deleted log for partition %s-%d in /kafka/datalogs/%s-%d.%016x-delete. (kafka.log.LogManager)\n", ts, t, p, t, p, rng.Uint64())
		}
	}
	return b
}
