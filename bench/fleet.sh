#!/usr/bin/env bash
# Fleet simulation (issue #12): N `p21mon metrics serve` processes on loopback (default 20), each its own "host":
# own port (so its own `instance` label), own config (custom label fleet_node=nodeK) and state dir, listed in
# stack.targets, so `p21mon stack config` turns them into Prometheus file-based service discovery; then the native
# stack (`stack up --runtime native`) scrapes them every SCRAPE (default 5s) for WINDOW seconds (default 60).
# Prints: time until every fleet target is up, the p99 of Prometheus's own scrape_duration_seconds over all fleet
# samples of the window, `stack verify`'s verdict (each target's up), and the exporters' total RSS.
# p21mon runs from target/p21mon.jar with P21MON_JAVA_OPTS (default: serial GC, -Xmx64m, as `stack up` starts it).
# Everything is stopped at the end. Usage: bench/fleet.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-20}"
SCRAPE="${SCRAPE:-5s}"
WINDOW="${WINDOW:-60}"
JAVA_OPTS="${P21MON_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m -Xss512k -Xlog:disable -Xlog:all=warning:stderr}"
JAR="$PWD/target/p21mon.jar"
if [ ! -f "$JAR" ]; then
  echo "fleet.sh: building target/p21mon.jar" >&2
  mvn -B -q -DskipTests package >&2
fi

TMP="$(mktemp -d)"
PIDS=()
p21() { (cd "$TMP" && java $JAVA_OPTS -jar "$JAR" "$@"); }
cleanup() {
  p21 stack down -q >/dev/null 2>&1 || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

TARGETS=()
for k in $(seq 1 "$N"); do
  port=$(free_port)
  mkdir -p "$TMP/node$k"
  printf 'metrics: {update_interval: %s, custom_labels: {fleet_node: node%s}}\n' "$SCRAPE" "$k" >"$TMP/node$k/p21mon.yaml"
  (cd "$TMP/node$k" && exec java $JAVA_OPTS -jar "$JAR" -c p21mon.yaml --state-dir "$TMP/node$k/state" \
    metrics serve --quiet --listen "127.0.0.1:$port" >"$TMP/node$k/serve.log" 2>&1) &
  PIDS+=("$!")
  TARGETS+=("127.0.0.1:$port")
done
PROM_PORT=$(free_port)
{
  echo "metrics: {update_interval: $SCRAPE}"
  echo "alerting: {evaluation_interval: $SCRAPE}"
  echo "stack:"
  echo "  dir: mon"
  echo "  ports: {prometheus: $PROM_PORT, alertmanager: $(free_port), pushgateway: $(free_port), node_exporter: $(free_port), p21mon: $(free_port), grafana: $(free_port), jaeger: $(free_port), loki: $(free_port)}"
  echo "  verify_port: $(free_port)"
  echo "  targets:"
  for t in "${TARGETS[@]}"; do echo "    - $t"; done
} >"$TMP/p21mon.yaml"
p21 stack config -q >/dev/null
T0=$(now_ms)
p21 stack up --runtime native --timeout 120s -q >/dev/null
PROM="http://127.0.0.1:$PROM_PORT"
up_count() {
  curl -fsS "$PROM/api/v1/query" --data-urlencode 'query=count(up{job="p21mon",p21mon_source="stack.targets"} == 1)' |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)'
}
until [ "$(up_count)" -ge "$N" ]; do
  [ $(( $(now_ms) - T0 )) -lt 180000 ] || { echo "fleet.sh: only $(up_count) of $N targets up after 180 s" >&2; exit 1; }
  sleep 0.5
done
ALL_UP_MS=$(( $(now_ms) - T0 ))
echo "all $N fleet targets up ${ALL_UP_MS} ms after 'stack up' began"
sleep "$WINDOW"
P99=$(curl -fsS "$PROM/api/v1/query" --data-urlencode "query=scrape_duration_seconds{job=\"p21mon\",p21mon_source=\"stack.targets\"}[${WINDOW}s]" |
  python3 -c '
import json, sys
vals = sorted(float(v[1]) for s in json.load(sys.stdin)["data"]["result"] for v in s["values"])
i = max(0, int(round(0.99 * len(vals))) - 1)
print("%.1f ms p99, %.1f ms p50, max %.1f ms over %d scrapes" % (vals[i] * 1000, vals[len(vals) // 2] * 1000, vals[-1] * 1000, len(vals)))')
echo "scrape_duration_seconds (fleet targets, last ${WINDOW} s): $P99"
SAMPLES=$(curl -fsS "$PROM/api/v1/query" --data-urlencode 'query=avg(scrape_samples_scraped{job="p21mon",p21mon_source="stack.targets"})' |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)')
echo "series per fleet target (scrape_samples_scraped): $SAMPLES"
VERIFY=$(p21 stack verify -q --timeout 60s | tail -1 || true)
echo "stack verify: $VERIFY"
RSS_KB=0
for p in "${PIDS[@]}"; do
  RSS_KB=$(( RSS_KB + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
done
echo "exporters' total RSS: $(( RSS_KB / 1024 )) MiB for $N processes ($(( RSS_KB / 1024 / N )) MiB each)"
echo
echo "RESULT fleet N=$N scrape=$SCRAPE: all up in ${ALL_UP_MS} ms; scrape $P99; $SAMPLES series/target; RSS $(( RSS_KB / 1024 )) MiB total; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
