#!/usr/bin/env bash
# Stack benchmark (issue #12): wall time of the native stack from `p21mon stack up --runtime native` until
# `p21mon stack verify` passes (every service ready, every target scraped and up, rules loaded, a test alert through
# Alertmanager to the verify webhook), beside the baseline: the Debian `prometheus` alone, from start to /-/ready, on
# the same generated configuration, in the same invocation. Everything runs on free loopback ports in a temp dir and is
# stopped at the end (stack down, kill). p21mon runs from target/p21mon.jar with P21MON_JAVA_OPTS (default: the
# launcher's options); the stack's own `metrics serve` child uses the same JVM and jar.
# Usage: bench/stack.sh        (needs prometheus, prometheus-alertmanager, prometheus-pushgateway,
#                               prometheus-node-exporter, curl, python3, target/p21mon.jar)
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_OPTS="${P21MON_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -Xlog:disable -Xlog:all=warning:stderr}"
JAR="$PWD/target/p21mon.jar"
if [ ! -f "$JAR" ]; then
  echo "stack.sh: building target/p21mon.jar" >&2
  mvn -B -q -DskipTests package >&2
fi
for b in prometheus curl python3; do
  command -v "$b" >/dev/null || { echo "stack.sh: $b is not installed" >&2; exit 2; }
done

TMP="$(mktemp -d)"
PROM_PID=""
p21() { (cd "$TMP" && java $JAVA_OPTS -jar "$JAR" "$@"); }
cleanup() {
  [ -n "$PROM_PID" ] && { kill "$PROM_PID" 2>/dev/null || true; wait "$PROM_PID" 2>/dev/null || true; }
  p21 stack down -q >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

cat >"$TMP/p21mon.yaml" <<EOF
metrics: {update_interval: 1s}
alerting: {evaluation_interval: 1s}
stack:
  dir: mon
  ports: {prometheus: $(free_port), alertmanager: $(free_port), pushgateway: $(free_port), node_exporter: $(free_port), p21mon: $(free_port), grafana: $(free_port), jaeger: $(free_port), loki: $(free_port)}
  verify_port: $(free_port)
EOF
p21 stack config -q >/dev/null

echo "== native stack: up until verify passes"
T0=$(now_ms)
p21 stack up --runtime native -q >"$TMP/up.txt"
T1=$(now_ms)
p21 stack verify -q >"$TMP/verify.txt" || { cat "$TMP/verify.txt"; echo "stack.sh: verify failed" >&2; exit 1; }
T2=$(now_ms)
tail -1 "$TMP/up.txt"
tail -1 "$TMP/verify.txt"
STACK_MS=$((T2 - T0))
echo "up: $((T1 - T0)) ms, verify: $((T2 - T1)) ms, up -> verify passed: $STACK_MS ms"
p21 stack down -q >/dev/null

echo "== baseline: prometheus alone, start -> /-/ready (same native/prometheus.yml, fresh TSDB)"
PORT=$(free_port)
T0=$(now_ms)
prometheus --config.file="$TMP/mon/native/prometheus.yml" --storage.tsdb.path="$TMP/prom-alone" \
  --web.listen-address="127.0.0.1:$PORT" >"$TMP/prom-alone.log" 2>&1 &
PROM_PID=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/-/ready" 2>/dev/null; do sleep 0.01; done
PROM_MS=$(($(now_ms) - T0))
echo "prometheus ready: $PROM_MS ms"
echo
echo "RESULT native stack up->verify ${STACK_MS} ms; prometheus alone to ready ${PROM_MS} ms (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
