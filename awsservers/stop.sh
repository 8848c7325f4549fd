#!/usr/bin/env bash
# Stops the servers start.sh started on $SIEM_SQS_PORT (default 9324) and
# $SIEM_S3_PORT (default 7070) and deletes the S3 data. Does nothing for a
# server that start.sh did not start. Logs stay in .cache/awsservers/ for a
# look after a failed test run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$(dirname "$here")/.cache/awsservers"
sqs_port="${SIEM_SQS_PORT:-9324}"
s3_port="${SIEM_S3_PORT:-7070}"

# True while PID is a live server of ours (see start.sh).
alive() { # pid marker
  grep -qs -- "$2" "/proc/$1/cmdline"
}

stop_one() { # name pidfile marker
  local name="$1" pidfile="$2" marker="$3"
  if [[ ! -f "$pidfile" ]]; then
    echo "awsservers: no $name server started by start.sh ($pidfile); nothing to do"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  if alive "$pid" "$marker"; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      alive "$pid" "$marker" || break
      sleep 0.25
    done
    if alive "$pid" "$marker"; then
      echo "awsservers: $name pid $pid did not stop within 10 s of SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 10); do alive "$pid" "$marker" || break; sleep 0.2; done
    fi
    echo "awsservers: stopped $name pid $pid"
  else
    echo "awsservers: $name pid $pid was no longer running"
  fi
  rm -f "$pidfile"
}

stop_one SQS "$cache/sqs-$sqs_port.pid" "$cache/sqs-$sqs_port.conf"
stop_one S3 "$cache/s3-$s3_port.pid" "$cache/s3data/$s3_port"
# The data only ever holds test buckets; a fresh start gets an empty store.
rm -rf -- "${cache:?}/s3data/$s3_port"
rm -f "$cache/sqs-$sqs_port.conf"
