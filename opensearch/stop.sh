#!/usr/bin/env bash
# Stops the node that start.sh started on $OPENSEARCH_PORT (default 9200) and
# removes its data. Does nothing when no node of ours runs on that port. The
# log stays in .run/<port>/node.log for a look after a failed test run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${OPENSEARCH_PORT:-9200}"
state="$here/.run/$port"

# True while PID is a live launcher of ours. A pid number can be reused after a
# reboot, and a killed JVM can linger as a zombie whose cmdline is empty, so
# both count as gone.
node_alive() {
  grep -qs 'org.siemgo.opensearchnode.Main' "/proc/$1/cmdline"
}

if [[ ! -f "$state/pid" ]]; then
  echo "opensearch: no node started by start.sh on port $port; nothing to do"
  exit 0
fi

pid="$(cat "$state/pid")"
if node_alive "$pid"; then
  kill -TERM "$pid"
  # The shutdown hook closes the node; that normally takes a second or two.
  for _ in $(seq 1 40); do
    node_alive "$pid" || break
    sleep 0.5
  done
  if node_alive "$pid"; then
    echo "opensearch: pid $pid did not stop within 20 s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 10); do node_alive "$pid" || break; sleep 0.2; done
  fi
  echo "opensearch: stopped pid $pid (port $port)"
else
  echo "opensearch: pid $pid (port $port) was no longer running"
fi

if [[ -f "$state/home" ]]; then
  home="$(cat "$state/home")"
  # Guard the rm: only a directory that start.sh created under the temp dir.
  case "$home" in
    */siem-opensearch-"$port".*) rm -rf -- "$home" ;;
    *) echo "opensearch: not removing unexpected home '$home'" >&2 ;;
  esac
fi
rm -f "$state/pid" "$state/home"
