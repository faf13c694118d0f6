#!/usr/bin/env bash
# A private dockerd for CI steps outside the node tests (the test/docker suites start their own):
#   scripts/dockerd-test.sh start [dir]   starts it, waits until it answers, prints DOCKER_HOST=unix://<dir>/docker.sock
#   scripts/dockerd-test.sh stop  [dir]   stops it by the pid in <dir>/dockerd.pid (SIGTERM, 15 s, then SIGKILL)
# Same flags as test/docker/harness.ts: own socket, data and exec roots; no iptables, no bridge.
set -euo pipefail
action="${1:-}"
dir="${2:-/tmp/shipshape-dockerd}"
pidfile="$dir/dockerd.pid"
socket="$dir/docker.sock"

case "$action" in
start)
	mkdir -p "$dir"
	/usr/sbin/dockerd --host "unix://$socket" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" \
		--iptables=false --ip6tables=false --bridge=none >>"$dir/dockerd.log" 2>&1 &
	for _ in $(seq 1 150); do
		if /usr/bin/docker --host "unix://$socket" version >/dev/null 2>&1; then
			echo "DOCKER_HOST=unix://$socket"
			exit 0
		fi
		sleep 0.2
	done
	echo "dockerd did not answer within 30 s; last log lines:" >&2
	tail -n 20 "$dir/dockerd.log" >&2
	exit 1
	;;
stop)
	[ -f "$pidfile" ] || { echo "no $pidfile: nothing to stop"; exit 0; }
	pid="$(cat "$pidfile")"
	/usr/bin/docker --host "unix://$socket" ps -aq 2>/dev/null | xargs -r /usr/bin/docker --host "unix://$socket" rm -f >/dev/null 2>&1 || true
	kill -TERM "$pid" 2>/dev/null || exit 0
	for _ in $(seq 1 75); do
		kill -0 "$pid" 2>/dev/null || exit 0
		sleep 0.2
	done
	echo "dockerd $pid ignored SIGTERM for 15 s: SIGKILL" >&2
	kill -KILL "$pid" 2>/dev/null || true
	;;
*)
	echo "usage: $0 start|stop [dir]" >&2
	exit 2
	;;
esac
