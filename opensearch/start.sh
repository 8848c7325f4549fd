#!/usr/bin/env bash
# Starts a single-node OpenSearch 2.19 on 127.0.0.1:$OPENSEARCH_PORT for the
# SDK's integration tests and returns once the cluster is at least yellow.
# The node runs from jars fetched from Maven Central (see README.md); it needs
# java (11 to 21; 17 here) and mvn, nothing else.
#
# Environment:
#   OPENSEARCH_PORT            HTTP port (default 9200)
#   OPENSEARCH_TRANSPORT_PORT  transport port or range (default 9300-9399: the
#                              first free one, so a second node on another
#                              HTTP port does not collide; nothing connects)
#   OPENSEARCH_JAVA            java binary (default: java on PATH; 2.19 runs on 11 to 21)
#   OPENSEARCH_JAVA_OPTS       extra JVM options, appended last
#   OPENSEARCH_START_TIMEOUT   seconds to wait for health (default 120)
#
# Running it while the node already answers does nothing, so a test target
# can call it unconditionally.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${OPENSEARCH_PORT:-9200}"
transport_port="${OPENSEARCH_TRANSPORT_PORT:-9300-9399}"
timeout="${OPENSEARCH_START_TIMEOUT:-120}"
node_dir="$here/node"
# State is kept per port so that two nodes (two checkouts, two ports) do not
# trip over each other's pid files.
state="$here/.run/$port"
health="http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s"

# True while PID is a live launcher of ours. A pid number can be reused after a
# reboot, and a killed JVM can linger as a zombie whose cmdline is empty, so
# both count as gone.
node_alive() {
  grep -qs 'org.siemgo.opensearchnode.Main' "/proc/$1/cmdline"
}

if curl -fsS -o /dev/null --max-time 3 "$health" 2>/dev/null; then
  echo "opensearch: already answering on 127.0.0.1:$port; nothing to do"
  exit 0
fi

# A pid file whose process is gone is left over from a crash or a reboot.
if [[ -f "$state/pid" ]]; then
  old_pid="$(cat "$state/pid")"
  if node_alive "$old_pid"; then
    echo "opensearch: pid $old_pid from $state is alive but 127.0.0.1:$port does not answer;" >&2
    echo "  run 'make opensearch-stop OPENSEARCH_PORT=$port' and try again (log: $state/node.log)" >&2
    exit 1
  fi
  stale_home="$(cat "$state/home" 2>/dev/null || true)"
  case "$stale_home" in */siem-opensearch-"$port".*) rm -rf -- "$stale_home" ;; esac
  rm -f "$state/pid" "$state/home"
fi

java_bin="${OPENSEARCH_JAVA:-java}"
for tool in "$java_bin" mvn curl; do
  command -v "$tool" >/dev/null || { echo "opensearch: '$tool' is not on PATH; it is needed to build and run the node" >&2; exit 1; }
done

# Rebuild only when the launcher or its dependency list changed: a warm start
# then costs no Maven run at all.
classpath_file="$node_dir/target/classpath.txt"
main_class_file="$node_dir/target/classes/org/siemgo/opensearchnode/Main.class"
if [[ ! -f "$classpath_file" || ! -f "$main_class_file" \
      || -n "$(find "$node_dir/pom.xml" "$node_dir/src" -newer "$classpath_file" -type f 2>/dev/null | head -n1)" ]]; then
  echo "opensearch: building the node launcher (the first build downloads about 80 MB from Maven Central)"
  build_start=$SECONDS
  mkdir -p "$state"
  if ! (cd "$node_dir" && mvn -B -Dstyle.color=never package) >"$state/build.log" 2>&1; then
    tail -n 50 "$state/build.log" >&2
    echo "opensearch: 'mvn package' in $node_dir failed; full output in $state/build.log" >&2
    exit 1
  fi
  touch "$classpath_file"
  echo "opensearch: built in $((SECONDS - build_start)) s"
fi

mkdir -p "$state"
home="$(mktemp -d "${TMPDIR:-/tmp}/siem-opensearch-$port.XXXXXX")"
log="$state/node.log"
echo "$home" > "$state/home"
mkdir -p "$home/tmp"

# The -D options mirror what OpenSearch's own launcher passes (locale data for
# date formats, netty without Unsafe, no log4j JMX); the netty processor flag
# lets the node set thread counts itself. TieredStopAtLevel=1 (no C2 JIT)
# halves the CPU a start costs (about 5 s instead of 10 s) and, on two cores
# shared with `go test`, made a 100k-document bulk faster too: test loads are
# too short for C2's compile work to pay off.
# shellcheck disable=SC2086 # OPENSEARCH_JAVA_OPTS is a list of words on purpose
nohup "$java_bin" -Xms512m -Xmx1g -Xss1m -XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:-OmitStackTraceInFastThrow \
  -Dopensearch.set.netty.runtime.available.processors=false \
  -Djava.locale.providers=SPI,COMPAT -Dfile.encoding=UTF-8 -Djava.awt.headless=true \
  -Djna.nosys=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
  -Dio.netty.recycler.maxCapacityPerThread=0 \
  -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
  -Djava.io.tmpdir="$home/tmp" \
  -Dhttp.port="$port" -Dtransport.port="$transport_port" \
  ${OPENSEARCH_JAVA_OPTS:-} \
  -cp "$node_dir/target/classes:$(cat "$classpath_file")" \
  org.siemgo.opensearchnode.Main "$home" </dev/null >"$log" 2>&1 &
pid=$!
echo "$pid" > "$state/pid"

started=$SECONDS
while (( SECONDS - started < timeout )); do
  if curl -fsS -o /dev/null --max-time 3 "$health" 2>/dev/null; then
    echo "opensearch: ready on http://127.0.0.1:$port after $((SECONDS - started)) s (pid $pid, log $log)"
    exit 0
  fi
  # Our own child: bash reaps it, so kill -0 is exact here (and node_alive
  # could race with the exec of java).
  if ! kill -0 "$pid" 2>/dev/null; then
    break
  fi
  sleep 0.5
done

if kill -0 "$pid" 2>/dev/null; then
  echo "opensearch: not healthy on 127.0.0.1:$port after $timeout s; last 50 log lines:" >&2
  kill -TERM "$pid" 2>/dev/null || true
else
  echo "opensearch: the node exited during startup; last 50 log lines:" >&2
fi
tail -n 50 "$log" >&2
# Give the JVM a moment to release its lock before the home goes away.
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
kill -KILL "$pid" 2>/dev/null || true
rm -rf -- "$home"
rm -f "$state/pid" "$state/home"
exit 1
