#!/usr/bin/env bash
# Scrape benchmark (issue #4): `p21mon metrics serve` against the Debian prometheus-node-exporter, one after the other
# in the same invocation, each on a free loopback port, each warmed up first.
#   default:  wrk -t1 -c4 -d30s --latency   -> scrapes/s, p50, p99, CPU seconds per 1,000 scrapes, RSS (peak and
#             after the load); ratios. Targets (issues #4, #16): scrapes/s >= 50x node_exporter, p99 <= 1/5 of its p99,
#             CPU per scrape <= 1/10 of its, p21mon's RSS after the load <= 64 MiB.
#   --soak:   wrk -t2 -c16 -d60s (SOAK_SECONDS to change) -> also errors, RSS sampled every 5 s (max and last), and
#             whether p21mon's background refresh kept its interval under load (from its own
#             p21_exporter_refreshes_total{source="host"}).
# p21mon is the installed launcher ($P21MON, else p21mon on PATH: what users run, with the launcher's options for
# serve), else target/p21mon.jar with P21MON_JAVA_OPTS (default: the launcher's options for serve, no archive).
# Usage: bench/scrape.sh [--soak]   (DURATION=seconds; needs wrk, prometheus-node-exporter)
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=quick
[ "${1:-}" = "--soak" ] && MODE=soak
if [ "$MODE" = soak ]; then
  DURATION="${SOAK_SECONDS:-60}"; THREADS=2; CONNS=16
else
  DURATION="${DURATION:-30}"; THREADS=1; CONNS=4
fi
# keep in step with install.sh's SERVE_OPTS
JAVA_OPTS="${P21MON_JAVA_OPTS:--XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xmx10m -Xmn2m -Xss256k -XX:ReservedCodeCacheSize=16m -Xshare:off -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000 -XX:TrimNativeHeapInterval=2000}"
LAUNCHER=()
if [ -n "${P21MON:-}" ]; then
  read -r -a LAUNCHER <<<"$P21MON"
elif command -v p21mon >/dev/null 2>&1; then
  LAUNCHER=(p21mon)
fi
UPDATE_INTERVAL="${UPDATE_INTERVAL:-5s}"

command -v wrk >/dev/null || { echo "scrape.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
NODE_EXPORTER="$(command -v prometheus-node-exporter || command -v node_exporter || true)"
[ -n "$NODE_EXPORTER" ] || { echo "scrape.sh: prometheus-node-exporter is not installed" >&2; exit 2; }
if [ ${#LAUNCHER[@]} -eq 0 ] && [ ! -f target/p21mon.jar ]; then
  echo "scrape.sh: building target/p21mon.jar" >&2
  mvn -B -q -DskipTests package >&2
fi

TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "scrape.sh: $1 did not answer" >&2; exit 1
}
cpu_seconds() { # pid -> utime+stime in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}
rss_mib() { awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM:/ { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"; }
to_ms() { # wrk latency like 713.00us, 1.10ms, 2.31s -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

P21_PORT="$(free_port)"
cat >"$TMP/p21mon.yaml" <<EOF
metrics: {update_interval: $UPDATE_INTERVAL}
EOF
if [ ${#LAUNCHER[@]} -gt 0 ]; then
  P21_DESC="launcher ${LAUNCHER[*]}"
  (cd "$TMP" && XDG_STATE_HOME="$TMP/state" exec "${LAUNCHER[@]}" metrics serve --listen "127.0.0.1:$P21_PORT" \
    >"$TMP/p21mon.log" 2>&1) &
else
  P21_DESC="java $JAVA_OPTS -jar target/p21mon.jar"
  # shellcheck disable=SC2086
  (cd "$TMP" && XDG_STATE_HOME="$TMP/state" exec java $JAVA_OPTS -jar "$OLDPWD/target/p21mon.jar" \
    metrics serve --listen "127.0.0.1:$P21_PORT" >"$TMP/p21mon.log" 2>&1) &
fi
PIDS+=($!)
P21_PID=$!
NODE_PORT="$(free_port)"
mkdir -p "$TMP/textfile"
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$NODE_PORT" --no-collector.systemd \
  --collector.textfile.directory="$TMP/textfile" >"$TMP/node.log" 2>&1 &
PIDS+=($!)
NODE_PID=$!
wait_http "http://127.0.0.1:$P21_PORT/-/ready"
wait_http "http://127.0.0.1:$NODE_PORT/metrics"
# the java process is the subshell's exec'd child: same pid
declare -A RESULT

refreshes() { curl -fsS "http://127.0.0.1:$P21_PORT/metrics" | awk '/^p21_exporter_refreshes_total\{.*source="host"/ { print $NF + 0 }'; }

run() { # name pid url
  local name="$1" pid="$2" url="$3"
  wrk -t"$THREADS" -c"$CONNS" -d3s "$url" >/dev/null 2>&1 # warm-up (JIT, page cache)
  local rss_max=0 sampler=""
  if [ "$MODE" = soak ]; then
    ( while kill -0 "$pid" 2>/dev/null; do rss_mib "$pid"; sleep 5; done ) >"$TMP/$name.rss" &
    sampler=$!
  fi
  local cpu0 cpu1 out
  cpu0="$(cpu_seconds "$pid")"
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$url")"
  cpu1="$(cpu_seconds "$pid")"
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  echo "$out" >"$TMP/$name.wrk"
  local rps p50 p99 reqs errors
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  reqs="$(awk '/requests in/ { print $1 }' <<<"$out")"
  errors="$(awk '/Socket errors|Non-2xx/ { s = s $0 "; " } END { print s == "" ? "none" : s }' <<<"$out")"
  RESULT[$name.rps]="$rps"; RESULT[$name.p50]="$p50"; RESULT[$name.p99]="$p99"
  RESULT[$name.cpu]="$(awk -v a="$cpu0" -v b="$cpu1" -v n="$reqs" 'BEGIN { printf "%.3f", (b - a) / n * 1000 }')"
  RESULT[$name.rss]="$(rss_mib "$pid")"
  RESULT[$name.hwm]="$(hwm_mib "$pid")"
  RESULT[$name.errors]="$errors"
  if [ "$MODE" = soak ]; then
    rss_max="$(sort -n "$TMP/$name.rss" | tail -1)"
    RESULT[$name.rssmax]="${rss_max:-${RESULT[$name.rss]}}"
  fi
}

echo "scrape.sh: $MODE: wrk -t$THREADS -c$CONNS -d${DURATION}s; p21mon: $P21_DESC; update_interval $UPDATE_INTERVAL" >&2
echo "scrape.sh: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
BEFORE_REFRESH="$(refreshes)"
T0="$(date +%s.%N)"
run p21mon "$P21_PID" "http://127.0.0.1:$P21_PORT/metrics"
T1="$(date +%s.%N)"
AFTER_REFRESH="$(refreshes)"
run node_exporter "$NODE_PID" "http://127.0.0.1:$NODE_PORT/metrics"

BODY_P21="$(curl -fsS "http://127.0.0.1:$P21_PORT/metrics" | wc -c)"
BODY_NODE="$(curl -fsS "http://127.0.0.1:$NODE_PORT/metrics" | wc -c)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.1f", a / b }'; }
printf '\n%-16s %12s %10s %10s %22s %10s %10s %10s\n' "" "scrapes/s" "p50 ms" "p99 ms" "CPU s / 1000 scrapes" \
  "RSS MiB" "peak MiB" "body KB"
for n in p21mon node_exporter; do
  body=$BODY_P21; [ "$n" = node_exporter ] && body=$BODY_NODE
  printf '%-16s %12s %10s %10s %22s %10s %10s %10s\n' "$n" "${RESULT[$n.rps]}" "${RESULT[$n.p50]}" "${RESULT[$n.p99]}" \
    "${RESULT[$n.cpu]}" "${RESULT[$n.rss]}" "${RESULT[$n.hwm]}" "$((body / 1024))"
done
echo "(RSS: after the load; peak: VmHWM over the whole run)    load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
R_RPS="$(ratio "${RESULT[p21mon.rps]}" "${RESULT[node_exporter.rps]}")"
R_P99="$(ratio "${RESULT[node_exporter.p99]}" "${RESULT[p21mon.p99]}")"
R_CPU="$(ratio "${RESULT[node_exporter.cpu]}" "${RESULT[p21mon.cpu]}")"
R_RSS="$(ratio "${RESULT[p21mon.rss]}" "${RESULT[node_exporter.rss]}")"
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r == "inf" || r + 0 >= t) ? "ok" : "MISSED" }'; }
echo
echo "ratios (p21mon vs node_exporter):"
echo "  scrapes/s      ${R_RPS}x as many        (target >= 50x: $(verdict "$R_RPS" 50))"
echo "  p99 latency    ${R_P99}x lower          (target >= 5x:  $(verdict "$R_P99" 5))"
echo "  CPU per scrape ${R_CPU}x less           (target >= 10x: $(verdict "$R_CPU" 10))"
echo "  RSS            ${R_RSS}x node_exporter's (p21mon ${RESULT[p21mon.rss]} MiB after the load, ${RESULT[p21mon.hwm]} MiB peak; target <= 64 MiB: $(awk -v r="${RESULT[p21mon.rss]}" 'BEGIN { print r + 0 <= 64 ? "ok" : "MISSED" }'))"
echo "errors: p21mon: ${RESULT[p21mon.errors]}  node_exporter: ${RESULT[node_exporter.errors]}"
if [ "$MODE" = soak ]; then
  SECS="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')"
  INTERVAL_S="$(awk -v i="$UPDATE_INTERVAL" 'BEGIN { n = i + 0; if (i ~ /ms$/) n /= 1000; else if (i ~ /m$/) n *= 60; print n }')"
  DONE=$(awk -v a="$BEFORE_REFRESH" -v b="$AFTER_REFRESH" 'BEGIN { print b - a }')
  EXPECTED="$(awk -v s="$SECS" -v i="$INTERVAL_S" 'BEGIN { printf "%.1f", s / i }')"
  echo "soak: RSS max p21mon ${RESULT[p21mon.rssmax]} MiB, node_exporter ${RESULT[node_exporter.rssmax]} MiB"
  echo "soak: p21mon background host refreshes during ${SECS}s of load: $DONE (every $UPDATE_INTERVAL: about $EXPECTED expected)"
fi
