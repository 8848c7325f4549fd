package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// ElastiCache returns ElastiCache (Redis OSS/Valkey) log records,
// uncompressed, one per line: n records mixing the four delivery formats
// (slow log and engine log, JSON and TEXT) across clusters and nodes,
// with IPv4 and IPv6 clients, empty client names, commands holding
// commas, and every engine log level.
func ElastiCache(n int) []byte {
	rng := rand.New(rand.NewPCG(0xe1a5, 0x71c4))
	b := make([]byte, 0, n*200)
	clusters := []string{"sessions-0001-001", "sessions-0001-002", "cart-cache-0002-001", "rate-limit-001"}
	cmds := []string{"KEYS session:*", "HGETALL session:7f3a9c ... (1 more arguments)", "SMEMBERS online-users",
		"EVAL local n=0 for _,k in ipairs(redis.call('keys',ARGV[1])) do ... (3 more arguments)",
		"ZRANGEBYSCORE leaderboard -inf +inf ... (2 more arguments)", "MSET user:1,alice user:2,bob ... (4 more arguments)", "FLUSHALL", "SCAN 0 MATCH cart:* COUNT 1000"}
	names := []string{"web-api", "", "batch-cleanup", "ranking-worker", "orders-api##"}
	msgs := []string{"Background saving started by pid 4817", "DB saved on disk", "Connection with primary lost.",
		"Replica is waiting for next BGSAVE before synchronizing with the primary. Check back later",
		"A slow-running Lua script detected that is still in execution after 10000 milliseconds."}
	levels := []string{"DEBUG", "VERBOSE", "NOTICE", "WARNING"}
	marks := []string{".", "-", "*", "#"}
	roles := []string{"M", "S", "C"}
	const t0 = 1795773600 // 2026-11-27T10:00:00Z
	for i := range n {
		sec := int64(t0 + i*3600/max(n, 1))
		c := clusters[rng.IntN(len(clusters))]
		node := fmt.Sprintf("%04d", 1+rng.IntN(3))
		var addr string
		if rng.IntN(8) == 0 {
			addr = fmt.Sprintf("[2001:db8:4a1f:%x::%x]:%d", rng.IntN(256), 1+rng.IntN(4000), 32768+rng.IntN(28000))
		} else {
			addr = fmt.Sprintf("10.0.%d.%d:%d", rng.IntN(256), 1+rng.IntN(254), 32768+rng.IntN(28000))
		}
		dur := 10000 + rng.IntN(500000)
		cmd := cmds[rng.IntN(len(cmds))]
		name := names[rng.IntN(len(names))]
		lv := rng.IntN(4)
		msg := msgs[rng.IntN(len(msgs))]
		role := roles[rng.IntN(len(roles))]
		ms := rng.IntN(1000)
		switch rng.IntN(4) {
		case 0:
			b = fmt.Appendf(b, `{"CacheClusterId":%q,"CacheNodeId":%q,"Id":%d,"Timestamp":%d,"Duration (us)":%d,"Command":%s,"ClientAddress":%q,"ClientName":%q}`+"\n",
				c, node, 1000+i, sec, dur, strconv.Quote(cmd), addr, name)
		case 1:
			b = fmt.Appendf(b, "%s,%s,%d,%d,%s,%s,%s\n", c, node, sec, dur, cmd, addr, name)
		case 2:
			tm := fmt.Sprintf("27 Nov 2026 %02d:%02d:%02d.%03d UTC", 10, (sec-t0)/60%60, (sec-t0)%60, ms)
			b = fmt.Appendf(b, `{"CacheClusterId":%q,"CacheNodeId":%q,"LogLevel":%q,"Role":%q,"Time":%q,"Message":%q}`+"\n", c, node, levels[lv], role, tm, msg)
		default:
			b = fmt.Appendf(b, "%s/%s:%s 27 Nov 2026 %02d:%02d:%02d.%03d UTC %s %s\n", c, node, role, 10, (sec-t0)/60%60, (sec-t0)%60, ms, marks[lv], msg)
		}
	}
	return b
}
