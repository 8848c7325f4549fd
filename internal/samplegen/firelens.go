package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/siem-go/siem/ecs"
)

// FireLens returns a FireLens object as Fluent Bit's s3 output writes it,
// uncompressed: n JSON lines, each carrying one container line in its log
// member with the ECS metadata FireLens adds (container, cluster, task)
// and the upload date (json_date_key "date", ISO 8601). The task runs
// three containers: an Apache httpd writing combined-format access lines
// (IPv4 and IPv6 clients, varied methods, paths, statuses and agents)
// and start-up notices on stderr; an application writing JSON logs in
// the styles of logback (ISO time, level names), pino (epoch
// milliseconds, numeric levels, nested error objects) and zap (epoch
// seconds with a fraction); and a sidecar writing plain lines and, now
// and then, a stack trace on stderr.
func FireLens(n int) []byte {
	rng := rand.New(rand.NewPCG(0xf1e1, 0x1e25))
	const taskARN = "arn:aws:ecs:eu-west-1:123456789012:task/prod-web/8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5"
	const task = "8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5"
	base := time.Date(2026, 12, 6, 17, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*520)

	paths := []string{"/", "/index.html", "/products/42", "/products/7?ref=mail", "/cart", "/api/checkout", "/static/app.js", "/health", "/wp-login.php", "/login"}
	methods := []string{"GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE"}
	statuses := []int{200, 200, 200, 200, 304, 302, 404, 403, 500, 503}
	agents := []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
		"curl/8.5.0", "ELB-HealthChecker/2.0", "python-requests/2.32.3", "-",
	}
	levels := []string{"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"}
	pino := []int{30, 30, 30, 20, 40, 50, 60}
	msgs := []string{"order placed", "cart updated", "payment authorised", "user signed in", "cache miss", "upstream timeout", "retrying request"}

	client := func(dst []byte) []byte {
		switch rng.IntN(5) {
		case 0:
			dst = append(dst, "2001:db8:85a3::"...)
			return strconv.AppendInt(dst, int64(1+rng.IntN(0xfffe)), 16)
		case 1:
			dst = append(dst, "10.0."...)
		default:
			prefixes := []string{"203.0.113.", "198.51.100.", "192.0.2."}
			dst = append(dst, prefixes[rng.IntN(len(prefixes))]...)
			return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
		}
		dst = strconv.AppendInt(dst, int64(rng.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+rng.IntN(254)), 10)
	}

	var log []byte
	for i := range n {
		t := base.Add(time.Duration(i)*37*time.Millisecond + time.Duration(rng.IntN(1000))*time.Microsecond)
		container, id, source := "httpd", "2531612879", "stdout"
		log = log[:0]
		switch kind := rng.IntN(100); {
		case kind < 50: // Apache access line
			log = client(log)
			log = append(log, " - "...)
			if rng.IntN(10) == 0 {
				log = append(log, "alice"...)
			} else {
				log = append(log, '-')
			}
			log = append(log, " ["...)
			log = t.AppendFormat(log, "02/Jan/2006:15:04:05 -0700")
			log = append(log, `] "`...)
			log = append(log, methods[rng.IntN(len(methods))]...)
			log = append(log, ' ')
			log = append(log, paths[rng.IntN(len(paths))]...)
			log = append(log, ` HTTP/1.1" `...)
			status := statuses[rng.IntN(len(statuses))]
			log = strconv.AppendInt(log, int64(status), 10)
			log = append(log, ' ')
			if status == 304 || status == 302 {
				log = append(log, '-')
			} else {
				log = strconv.AppendInt(log, int64(rng.IntN(60000)), 10)
			}
			log = append(log, ` "https://www.example.com/" "`...)
			log = append(log, agents[rng.IntN(len(agents))]...)
			log = append(log, '"')
		case kind < 53: // httpd notice on stderr
			source = "stderr"
			log = t.AppendFormat(log, "[Mon Jan 02 15:04:05.000000 2006]")
			log = append(log, " [mpm_event:notice] [pid 1:tid 139872] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations"...)
		case kind < 68: // logback-style JSON
			container, id = "app", "1887016393"
			log = append(log, `{"time":"`...)
			log = t.AppendFormat(log, "2006-01-02T15:04:05.000Z07:00")
			log = append(log, `","level":"`...)
			log = append(log, levels[rng.IntN(len(levels))]...)
			log = append(log, `","logger":"com.example.shop.OrderService","message":"`...)
			log = append(log, msgs[rng.IntN(len(msgs))]...)
			log = append(log, `","order_id":"A-`...)
			log = strconv.AppendInt(log, int64(10000+rng.IntN(90000)), 10)
			log = append(log, `","amount":`...)
			log = strconv.AppendFloat(log, float64(rng.IntN(100000))/100, 'f', -1, 64)
			log = append(log, `,"user":{"id":`...)
			log = strconv.AppendInt(log, int64(rng.IntN(5000)), 10)
			log = append(log, `,"roles":["buyer"]},"trace_id":"4bf92f3577b34da6a3ce929d0e0e`...)
			log = strconv.AppendInt(log, int64(0x1000+rng.IntN(0xefff)), 16)
			log = append(log, `"}`...)
		case kind < 80: // pino
			container, id = "app", "1887016393"
			log = append(log, `{"level":`...)
			log = strconv.AppendInt(log, int64(pino[rng.IntN(len(pino))]), 10)
			log = append(log, `,"time":`...)
			log = strconv.AppendInt(log, t.UnixMilli(), 10)
			log = append(log, `,"pid":1,"hostname":"ip-10-0-1-23","msg":"`...)
			log = append(log, msgs[rng.IntN(len(msgs))]...)
			log = append(log, '"')
			if rng.IntN(3) == 0 {
				log = append(log, `,"err":{"type":"TimeoutError","message":"timed out after 5000ms","stack":"TimeoutError: timed out\n    at Client.call (/app/client.js:88:11)"}`...)
			}
			log = append(log, '}')
		case kind < 88: // zap
			container, id = "app", "1887016393"
			log = append(log, `{"level":"`...)
			log = append(log, []string{"info", "debug", "warn", "error"}[rng.IntN(4)]...)
			log = append(log, `","ts":`...)
			log = strconv.AppendFloat(log, float64(t.UnixMicro())/1e6, 'f', 6, 64)
			log = append(log, `,"caller":"server/main.go:42","msg":"request served","method":"GET","status":200,"duration_ms":`...)
			log = strconv.AppendFloat(log, float64(rng.IntN(5000))/10, 'f', -1, 64)
			log = append(log, '}')
		case kind < 96: // plain line
			container, id = "worker", "3071559247"
			log = append(log, "processed batch "...)
			log = strconv.AppendInt(log, int64(i), 10)
			log = append(log, " in "...)
			log = strconv.AppendInt(log, int64(rng.IntN(900)), 10)
			log = append(log, "ms"...)
		default: // stack trace line on stderr
			container, id, source = "worker", "3071559247", "stderr"
			log = append(log, []string{"java.lang.IllegalStateException: queue closed", "\tat com.example.worker.Queue.take(Queue.java:118)", "\tat java.base/java.lang.Thread.run(Thread.java:1583)"}[rng.IntN(3)]...)
		}
		b = append(b, `{"container_id":"`+task+`-`...)
		b = append(b, id...)
		b = append(b, `","container_name":"`...)
		b = append(b, container...)
		b = append(b, `","source":"`...)
		b = append(b, source...)
		b = append(b, `","log":`...)
		b = ecs.AppendStringBytes(b, log)
		b = append(b, `,"ecs_cluster":"prod-web","ecs_task_arn":"`+taskARN+`","ecs_task_definition":"web-shop:17","date":"`...)
		b = t.Add(150*time.Millisecond).AppendFormat(b, "2006-01-02T15:04:05.000000Z07:00")
		b = append(b, "\"}\n"...)
	}
	return b
}
