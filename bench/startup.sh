#!/usr/bin/env bash
# Start-up benchmark (issue #2): median wall time of N runs each of
#   1. the installed `p21mon --version` (launcher + class-data archive),
#   2. `java -jar target/p21mon.jar --version` (same JDK, default JVM options, no archive),
#   3. a trivial Java hello-world on the same JDK (the floor),
# interleaved in one invocation, each free and pinned to two CPUs (taskset -c 0,1), printed with the ratio to the
# hello-world. Targets: installed <= 3x hello-world free, <= 2x pinned (issue #24).
# Usage: bench/startup.sh [RUNS]   (P21MON=path/to/launcher; default $PREFIX/bin/p21mon, PREFIX default ~/.local)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
cd "$(dirname "$0")/.."
RUNS="${1:-15}"
[ "$RUNS" -ge 10 ] || { echo "startup.sh: use at least 10 runs" >&2; exit 2; }
P21MON="${P21MON:-${PREFIX:-$HOME/.local}/bin/p21mon}"
[ -x "$P21MON" ] || P21MON="$(command -v p21mon || true)"
[ -n "$P21MON" ] && [ -x "$P21MON" ] || { echo "startup.sh: no installed p21mon; run ./install.sh first (or set P21MON)" >&2; exit 2; }
[ -f target/p21mon.jar ] || { echo "startup.sh: no target/p21mon.jar; run mvn -B -q -DskipTests package" >&2; exit 2; }

# the JDK the launcher uses: the first quoted path ending in /bin/java on its exec line
JAVA="$(sed -n "s/^exec '\([^']*\/bin\/java\)'.*/\1/p" "$P21MON" | head -1)"
[ -x "$JAVA" ] || { echo "startup.sh: cannot find the launcher's java in $P21MON" >&2; exit 2; }
JAVAC="$(dirname "$JAVA")/javac"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cat >"$TMP/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
"$JAVAC" -d "$TMP" "$TMP/Hello.java"

# each command free and pinned to two CPUs (taskset -c 0,1: a 2-core machine), interleaved in one run
PIN=""
command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] && PIN="taskset -c 0,1"
names=(installed jar hello)
[ -n "$PIN" ] && names+=(installed_pinned jar_pinned hello_pinned)
cmd_installed() { "$P21MON" --version; }
cmd_jar() { "$JAVA" -jar target/p21mon.jar --version; }
cmd_hello() { "$JAVA" -cp "$TMP" Hello; }
cmd_installed_pinned() { $PIN "$P21MON" --version; }
cmd_jar_pinned() { $PIN "$JAVA" -jar target/p21mon.jar --version; }
cmd_hello_pinned() { $PIN "$JAVA" -cp "$TMP" Hello; }

. "$BENCH_DIR/interleaved.sh"
time_interleaved startup.sh
echo "start-up, median of $RUNS runs each ($("$JAVA" -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
for mode in free pinned; do
  sfx=""; [ "$mode" = pinned ] && sfx=_pinned
  [ "$mode" = pinned ] && [ -z "$PIN" ] && { echo "  (pinned: no taskset or fewer than 2 CPUs; not measured)"; continue; }
  echo " $mode$([ "$mode" = pinned ] && echo " ($PIN)"):"
  hello=$(median_ms "${samples[hello$sfx]}")
  printf '  %-48s %8s ms  %5s x hello\n' "trivial hello-world (baseline)" "$hello" "1.00"
  for n in installed jar; do
    m=$(median_ms "${samples[$n$sfx]}")
    label=$([ "$n" = installed ] && echo "installed: $P21MON --version" || echo "java -jar target/p21mon.jar --version")
    printf '  %-48s %8s ms  %5s x hello\n' "$label" "$m" "$(awk -v a="$m" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')"
  done
  ratio=$(awk -v a="$(median_ms "${samples[installed$sfx]}")" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')
  if [ "$mode" = pinned ]; then
    echo "  target (issue #24): installed <= 2.00 x hello, pinned: $(awk -v r="$ratio" 'BEGIN { print (r <= 2.0) ? "met" : "MISSED" }') ($ratio x)"
  else
    echo "  target: installed <= 3.00 x hello: $(awk -v r="$ratio" 'BEGIN { print (r <= 3.0) ? "met" : "MISSED" }') ($ratio x)"
  fi
done
