#!/usr/bin/env bash
# 'p21mon run' overhead benchmark (issue #13): median wall time of N runs each of
#   1. `true` alone (the floor: fork + exec of the job),
#   2. the installed `p21mon run --no-audit -- true` (tracing not configured: the no-op path),
#   3. the installed `p21mon run -- true` (the default: one audit event appended),
#   4. the installed `p21mon --version` (the launcher's own start-up, for scale),
# interleaved in one invocation, in a scratch directory with no configuration. Overhead = run minus `true`.
# Target: overhead <= 0.3 s with the installed launcher.
# Usage: bench/run.sh [RUNS]   (P21MON=path/to/launcher; default $PREFIX/bin/p21mon, PREFIX default ~/.local)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
cd "$(dirname "$0")/.."
RUNS="${1:-15}"
[ "$RUNS" -ge 10 ] || { echo "run.sh: use at least 10 runs" >&2; exit 2; }
P21MON="${P21MON:-${PREFIX:-$HOME/.local}/bin/p21mon}"
[ -x "$P21MON" ] || P21MON="$(command -v p21mon || true)"
[ -n "$P21MON" ] && [ -x "$P21MON" ] || { echo "run.sh: no installed p21mon; run ./install.sh first (or set P21MON)" >&2; exit 2; }
TRUE="$(command -v true)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
export HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config"
unset P21MON_CONFIG TRACEPARENT OTEL_EXPORTER_OTLP_ENDPOINT OTEL_EXPORTER_OTLP_TRACES_ENDPOINT

names=(true noaudit audit version)
cmd_true() { "$TRUE"; }
cmd_noaudit() { "$P21MON" run --no-audit -- "$TRUE"; }
cmd_audit() { "$P21MON" run -- "$TRUE"; }
cmd_version() { "$P21MON" --version; }

. "$BENCH_DIR/interleaved.sh"
time_interleaved run.sh
base=$(median_ms "${samples[true]}")
echo "p21mon run overhead, median of $RUNS runs each ($P21MON; $(nproc) cores)"
printf '  %-44s %8s ms\n' "true alone" "$base"
for n in noaudit audit version; do
  m=$(median_ms "${samples[$n]}")
  label=$(case $n in noaudit) echo "p21mon run --no-audit -- true";; audit) echo "p21mon run -- true (audit event)";;
    version) echo "p21mon --version";; esac)
  printf '  %-44s %8s ms   overhead %8s ms\n' "$label" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN { printf "%.1f", a - b }')"
done
over=$(awk -v a="$(median_ms "${samples[audit]}")" -v b="$base" 'BEGIN { printf "%.1f", a - b }')
echo "target: 'run -- true' overhead <= 300 ms: $(awk -v o="$over" 'BEGIN { print (o <= 300) ? "met" : "MISSED" }') ($over ms)"
