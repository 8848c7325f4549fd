#!/usr/bin/env bash
# Starts the local AWS-compatible servers the integration tests use, both on
# loopback only, and returns once both answer:
#   SQS: ElasticMQ 1.6.11 (jars from Maven Central) on 127.0.0.1:$SIEM_SQS_PORT
#   S3:  versitygw v1.8.0 (built with go install) on 127.0.0.1:$SIEM_S3_PORT,
#        serving a directory, with SigV4 checked against the test credentials.
# Needs java (17 here), mvn, go and curl. See README.md.
#
# Environment:
#   SIEM_SQS_PORT                  SQS port (default 9324)
#   SIEM_S3_PORT                   S3 port (default 7070)
#   SIEM_AWS_SERVERS_JAVA          java binary (default: java on PATH)
#   SIEM_AWS_SERVERS_START_TIMEOUT seconds to wait for each server (default 60)
#
# State, logs and the S3 data live in .cache/awsservers/ at the repository
# root. A server that already answers on its port is left alone, so a test
# target can call this unconditionally.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$(dirname "$here")/.cache/awsservers"
sqs_port="${SIEM_SQS_PORT:-9324}"
s3_port="${SIEM_S3_PORT:-7070}"
java_bin="${SIEM_AWS_SERVERS_JAVA:-java}"
timeout="${SIEM_AWS_SERVERS_START_TIMEOUT:-60}"
versitygw_module="github.com/versity/versitygw"
versitygw_version="v1.8.0"
# The credentials the S3 server accepts; internal/awstest signs with them.
s3_access_key="siemtest"
s3_secret_key="siemtest-secret"

mkdir -p "$cache"

# A ListQueues that answers 200 is an SQS server (an S3 server or anything
# else answers an error).
sqs_answers() {
  curl -fsS -o /dev/null --max-time 3 -X POST \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.ListQueues' \
    --data '{}' "http://127.0.0.1:$sqs_port/" 2>/dev/null
}

# versitygw is started with a health endpoint. Other servers may answer
# 200 there too (ElasticMQ does), so the Server header must name it.
s3_answers() {
  local headers
  headers="$(curl -fsS -o /dev/null -D - --max-time 3 "http://127.0.0.1:$s3_port/health" 2>/dev/null)" \
    && grep -qi '^server: *versitygw' <<<"$headers"
}

# True while PID is a live server of ours: the pid of a crashed server can be
# reused by an unrelated process, and a killed one can linger as a zombie
# with an empty cmdline.
alive() { # pid marker
  grep -qs -- "$2" "/proc/$1/cmdline"
}

# Removes a pid file left by a crash, or refuses to start over a live
# server of ours that does not answer.
check_stale() { # name pidfile marker log
  local name="$1" pidfile="$2" marker="$3" log="$4"
  [[ -f "$pidfile" ]] || return 0
  local old
  old="$(cat "$pidfile")"
  if alive "$old" "$marker"; then
    echo "awsservers: $name pid $old is alive but does not answer;" >&2
    echo "  run 'make aws-servers-stop' and try again (log: $log)" >&2
    exit 1
  fi
  rm -f "$pidfile"
}

# Waits until ready_fn succeeds; on failure prints the log, stops the
# process and exits.
wait_ready() { # name pid ready_fn log url pidfile
  local name="$1" pid="$2" ready_fn="$3" log="$4" url="$5" pidfile="$6" started=$SECONDS
  while (( SECONDS - started < timeout )); do
    if "$ready_fn"; then
      echo "awsservers: $name ready on $url after $((SECONDS - started)) s (pid $pid, log $log)"
      return 0
    fi
    # Our own child: kill -0 is exact here.
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.3
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "awsservers: $name does not answer on $url after $timeout s; last 30 log lines:" >&2
    kill -TERM "$pid" 2>/dev/null || true
  else
    echo "awsservers: $name exited during startup (port taken?); last 30 log lines:" >&2
  fi
  tail -n 30 "$log" >&2
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  exit 1
}

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "awsservers: '$tool' is not on PATH; it is needed to build and run the test servers" >&2; exit 1; }
  done
}

start_sqs() {
  local pidfile="$cache/sqs-$sqs_port.pid" log="$cache/sqs-$sqs_port.log"
  local conf="$cache/sqs-$sqs_port.conf" lib="$cache/elasticmq/lib" stamp="$cache/elasticmq/fetched"
  if sqs_answers; then
    echo "awsservers: SQS already answering on 127.0.0.1:$sqs_port; nothing to do"
    return 0
  fi
  check_stale SQS "$pidfile" "$conf" "$log"
  need "$java_bin" mvn curl

  # Fetch the jars again only when pom.xml changed since the last fetch.
  if [[ ! -f "$stamp" || "$here/pom.xml" -nt "$stamp" ]]; then
    echo "awsservers: fetching ElasticMQ from Maven Central (about 37 MB the first time)"
    rm -rf "$lib"
    mkdir -p "$lib"
    if ! (cd "$here" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies \
          -DincludeScope=runtime -DoutputDirectory="$lib") >"$cache/sqs-fetch.log" 2>&1; then
      tail -n 30 "$cache/sqs-fetch.log" >&2
      echo "awsservers: 'mvn dependency:copy-dependencies' in $here failed; full output in $cache/sqs-fetch.log" >&2
      exit 1
    fi
    touch "$stamp"
  fi

  # The defaults bind 0.0.0.0 and start a statistics server on 9325: bind
  # loopback only and switch the statistics off. node-address is what queue
  # URLs are built from.
  cat >"$conf" <<EOF
include classpath("application.conf")
node-address {
  protocol = http
  host = "127.0.0.1"
  port = $sqs_port
  context-path = ""
}
rest-sqs {
  enabled = true
  bind-port = $sqs_port
  bind-hostname = "127.0.0.1"
  sqs-limits = strict
}
rest-stats {
  enabled = false
}
aws {
  region = us-east-1
  accountId = 000000000000
}
EOF
  # C1 only and a small heap: a test queue server never needs more, and it
  # starts faster on two shared cores.
  nohup "$java_bin" -Xmx256m -XX:TieredStopAtLevel=1 -Dconfig.file="$conf" \
    -cp "$lib/*" org.elasticmq.server.Main </dev/null >"$log" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"
  wait_ready SQS "$pid" sqs_answers "$log" "http://127.0.0.1:$sqs_port" "$pidfile"
}

# Builds versitygw into .cache/awsservers/bin unless the binary there is
# already the pinned version. A cold build takes about 4 minutes.
build_versitygw() {
  local bin="$cache/bin/versitygw"
  if [[ -x "$bin" ]] && go version -m "$bin" 2>/dev/null | grep -q "mod[[:space:]]*$versitygw_module[[:space:]]*$versitygw_version"; then
    return 0
  fi
  need go
  echo "awsservers: building versitygw $versitygw_version (a cold build takes about 4 minutes)"
  local build_start=$SECONDS
  # Built outside this module so that its go.mod plays no part.
  if ! (cd "$cache" && GOBIN="$cache/bin" GOFLAGS=-buildvcs=false \
        go install "$versitygw_module/cmd/versitygw@$versitygw_version") >"$cache/s3-build.log" 2>&1; then
    tail -n 30 "$cache/s3-build.log" >&2
    echo "awsservers: 'go install $versitygw_module/cmd/versitygw@$versitygw_version' failed; full output in $cache/s3-build.log" >&2
    exit 1
  fi
  echo "awsservers: built versitygw in $((SECONDS - build_start)) s"
}

start_s3() {
  local pidfile="$cache/s3-$s3_port.pid" log="$cache/s3-$s3_port.log" data="$cache/s3data/$s3_port"
  if s3_answers; then
    echo "awsservers: S3 already answering on 127.0.0.1:$s3_port; nothing to do"
    return 0
  fi
  check_stale S3 "$pidfile" "$data" "$log"
  need curl
  build_versitygw
  mkdir -p "$data"
  ROOT_ACCESS_KEY="$s3_access_key" ROOT_SECRET_KEY="$s3_secret_key" \
    nohup "$cache/bin/versitygw" --port "127.0.0.1:$s3_port" --health /health --quiet \
    posix "$data" </dev/null >"$log" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"
  wait_ready S3 "$pid" s3_answers "$log" "http://127.0.0.1:$s3_port" "$pidfile"
}

start_sqs
start_s3
