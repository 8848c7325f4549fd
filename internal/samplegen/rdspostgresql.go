package samplegen

import (
	"fmt"
	"math/rand/v2"
)

// RDSPostgreSQL returns a downloaded RDS PostgreSQL log
// (log_line_prefix %t:%r:%u@%d:[%p]:) of n records, ending with a
// newline: connections received, authorized (with TLS) and ended,
// statements on one or several lines, durations with extended-protocol
// steps, errors with SQLSTATE (some refused privileges) and their
// STATEMENT, pgaudit records, failed passwords and unknown roles from the
// internet, socket connections and checkpoints.
func RDSPostgreSQL(n int) []byte {
	rng := rand.New(rand.NewPCG(0x5015, 0x9e51))
	b := make([]byte, 0, n*150)
	users := []string{"app_orders", "reporting", "payments_admin", "etl", "postgres"}
	dbs := []string{"orders", "analytics", "payments", "postgres"}
	tables := []string{"orders", "customers", "ledger", "sessions", "carts"}
	for i := range n {
		sec := i / 4
		ts := fmt.Sprintf("2026-11-27 %02d:%02d:%02d UTC", 10+sec/3600%10, sec/60%60, sec%60)
		user, db := users[rng.IntN(len(users))], dbs[rng.IntN(len(dbs))]
		pid := 20000 + rng.IntN(5000)
		var remote string
		switch rng.IntN(10) {
		case 0:
			remote = "[local]"
		case 1:
			remote = fmt.Sprintf("2001:db8:%x::%x(%d)", rng.IntN(16), 1+rng.IntN(250), 40000+rng.IntN(20000))
		case 2:
			remote = fmt.Sprintf("203.0.113.%d(%d)", 1+rng.IntN(254), 40000+rng.IntN(20000))
		default:
			remote = fmt.Sprintf("10.20.%d.%d(%d)", rng.IntN(8), 1+rng.IntN(254), 40000+rng.IntN(20000))
		}
		prefix := fmt.Sprintf("%s:%s:%s@%s:[%d]:", ts, remote, user, db, pid)
		table := tables[rng.IntN(len(tables))]
		switch rng.IntN(12) {
		case 0:
			b = fmt.Appendf(b, "%sLOG:  connection authorized: user=%s database=%s application_name=psql SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)\n", prefix, user, db)
		case 1:
			b = fmt.Appendf(b, "%sLOG:  disconnection: session time: %d:%02d:%02d.%03d user=%s database=%s host=10.20.1.5 port=51544\n", prefix, rng.IntN(5), rng.IntN(60), rng.IntN(60), rng.IntN(1000), user, db)
		case 2:
			b = fmt.Appendf(b, "%sLOG:  statement: SELECT *\n\tFROM %s\n\tWHERE id = %d;\n", prefix, table, rng.IntN(100000))
		case 3, 4:
			b = fmt.Appendf(b, "%sLOG:  duration: %d.%03d ms  execute S_%d: UPDATE %s SET updated_at = now() WHERE id = $1\n", prefix, rng.IntN(2000), rng.IntN(1000), rng.IntN(9), table)
		case 5:
			b = fmt.Appendf(b, "%sLOG:  duration: %d.%03d ms\n", prefix, rng.IntN(50), rng.IntN(1000))
		case 6:
			if rng.IntN(4) == 0 {
				b = fmt.Appendf(b, "%sERROR:  42501: permission denied for table %s\n", prefix, table)
			} else {
				b = fmt.Appendf(b, "%sERROR:  42P01: relation \"%s_old\" does not exist at character 15\n", prefix, table)
			}
		case 7:
			b = fmt.Appendf(b, "%sSTATEMENT:  SELECT * FROM %s_old\n\tLIMIT 10;\n", prefix, table)
		case 8:
			b = fmt.Appendf(b, "%sLOG:  AUDIT: SESSION,%d,1,READ,SELECT,TABLE,public.%s,\"SELECT \"\"id\"\", total FROM %s, carts\",<not logged>\n", prefix, 1+rng.IntN(500), table, table)
		case 9:
			if rng.IntN(4) == 0 {
				b = fmt.Appendf(b, "%sFATAL:  28000: role \"%s\" does not exist\n", prefix, user)
			} else {
				b = fmt.Appendf(b, "%sFATAL:  28P01: password authentication failed for user \"%s\"\n", prefix, user)
			}
		case 10:
			b = fmt.Appendf(b, "%sLOG:  connection received: host=10.20.1.5 port=%d\n", prefix, 40000+rng.IntN(20000))
		default:
			b = fmt.Appendf(b, "%s::@:[%d]:LOG:  checkpoint complete: wrote %d buffers (0.1%%); 0 WAL file(s) added, 0 removed, 1 recycled\n", ts, 300+rng.IntN(100), rng.IntN(500))
		}
	}
	return b
}
