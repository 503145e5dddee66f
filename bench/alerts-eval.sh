#!/usr/bin/env bash
# Benchmark of 'p21mon alerts eval' (issue #10): its wall time beside 'p21mon --version' (the start-up floor), run in
# the same invocation, so the difference is what evaluating costs over starting:
#  1. with cpu_sample_ms: 0 (no CPU sampling window): the pure overhead of measuring memory, file systems and load,
#     running the default health checks, reading and writing the pending state and the notifier's state;
#  2. with the default configuration (health.cpu_sample_ms 1000: the CPU window is the floor of a real run).
# Uses $P21MON or the installed p21mon when on PATH (e.g. after ./install.sh --prefix /tmp/ar-prefix:
# P21MON=/tmp/ar-prefix/bin/p21mon); else `java -jar target/p21mon.jar` (build it first: mvn -B -q package -DskipTests).
# Uses farm-bench (paired A/B runs, medians) when installed, else a plain median loop.
# Usage: bench/alerts-eval.sh [RUNS]   (default 7)
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -n "${P21MON:-}" ]]; then
  read -r -a cmd <<<"$P21MON"
elif command -v p21mon >/dev/null 2>&1; then
  cmd=(p21mon)
else
  [[ -f "$root/target/p21mon.jar" ]] || { echo "bench: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  cmd=(java -jar "$root/target/p21mon.jar")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
unset P21MON_CONFIG
mkdir -p "$HOME"
cd "$work"
printf 'health:\n  cpu_sample_ms: 0\n' >nosample.yaml
printf 'health:\n  cpu_sample_ms: 1000\n' >default.yaml
echo "p21mon: ${cmd[*]}"

median_ms() { # median wall ms of "$@" over $runs runs (exit 0 and 1 are results)
  local times=() t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%3N)
    "$@" >/dev/null 2>&1 || (($? <= 1)) || { echo "bench: '$*' failed" >&2; exit 1; }
    t1=$(date +%s%3N)
    times+=($((t1 - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

for conf in nosample default; do
  echo "== alerts eval -c $conf.yaml  vs  --version"
  if command -v farm-bench >/dev/null 2>&1; then
    farm-bench -n "$runs" --timeout 600 --vs "${cmd[*]} --version" -- "${cmd[@]}" alerts eval -q -c "$conf.yaml" || true
  else
    "${cmd[@]}" alerts eval -q -c "$conf.yaml" >/dev/null 2>&1 || true # warm-up
    e=$(median_ms "${cmd[@]}" alerts eval -q -c "$conf.yaml")
    v=$(median_ms "${cmd[@]}" --version)
    echo "alerts eval median ${e} ms, --version median ${v} ms, overhead $((e - v)) ms"
  fi
done
