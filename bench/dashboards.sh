#!/usr/bin/env bash
# Dashboards benchmark (issue #11): median wall time of N runs each of
#   1. `p21mon dashboards generate --out TMP` (all six dashboards rendered, parsed, validated and written),
#   2. `p21mon --version` (the start-up floor of the same launcher),
# interleaved in one invocation, for the installed launcher (when there is one) and for `java -jar target/p21mon.jar`.
# Usage: bench/dashboards.sh [RUNS]   (RUNS >= 5, default 9; P21MON=path/to/launcher, else $PREFIX/bin/p21mon when
# PREFIX is set, e.g. PREFIX=/tmp/db-prefix after ./install.sh --prefix /tmp/db-prefix)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-9}"
[ "$RUNS" -ge 5 ] || { echo "dashboards.sh: use at least 5 runs" >&2; exit 2; }
[ -f target/p21mon.jar ] || { echo "dashboards.sh: no target/p21mon.jar; run mvn -B -q -DskipTests package" >&2; exit 2; }
P21MON="${P21MON:-}"
[ -z "$P21MON" ] && [ -n "${PREFIX:-}" ] && P21MON="$PREFIX/bin/p21mon"
JAVA="java"
if [ -n "$P21MON" ]; then
  [ -x "$P21MON" ] || { echo "dashboards.sh: $P21MON is not executable" >&2; exit 2; }
  JAVA="$(sed -n "s/^exec '\([^']*\/bin\/java\)'.*/\1/p" "$P21MON" | head -1)"
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" # no p21mon.yaml here: the built-in defaults, the six built-in templates
JAR="$OLDPWD/target/p21mon.jar"

names=(jar_generate jar_version)
[ -n "$P21MON" ] && names=(installed_generate installed_version "${names[@]}")
cmd_installed_generate() { "$P21MON" dashboards generate --out "$TMP/out" -q; }
cmd_installed_version() { "$P21MON" --version; }
cmd_jar_generate() { "$JAVA" -jar "$JAR" dashboards generate --out "$TMP/out" -q; }
cmd_jar_version() { "$JAVA" -jar "$JAR" --version; }

now_ns() { date +%s%N; }
declare -A samples
for n in "${names[@]}"; do cmd_"$n" >/dev/null 2>&1 || { echo "dashboards.sh: '$n' failed" >&2; cmd_"$n"; exit 1; }; done # warm-up
[ "$(ls "$TMP/out" | wc -l)" -eq 6 ] || { echo "dashboards.sh: generate did not write six dashboards" >&2; exit 1; }
for ((i = 0; i < RUNS; i++)); do
  for n in "${names[@]}"; do
    t0=$(now_ns); cmd_"$n" >/dev/null 2>&1; t1=$(now_ns)
    samples[$n]+="$(((t1 - t0) / 1000)) "
  done
done

median_ms() {
  printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}
echo "dashboards generate (six dashboards: render, parse, validate, write), median of $RUNS runs each"
echo "($("$JAVA" -version 2>&1 | head -1); $(nproc) cores; $(du -sk "$TMP/out" | cut -f1) KiB written)"
for launcher in installed jar; do
  [ -n "${samples[${launcher}_generate]:-}" ] || continue
  g=$(median_ms "${samples[${launcher}_generate]}")
  v=$(median_ms "${samples[${launcher}_version]}")
  label=$([ "$launcher" = installed ] && echo "$P21MON" || echo "java -jar target/p21mon.jar")
  printf '  %-44s generate %8s ms   --version %8s ms   generate - version %8s ms\n' "$label" "$g" "$v" \
    "$(awk -v a="$g" -v b="$v" 'BEGIN { printf "%.1f", a - b }')"
done
