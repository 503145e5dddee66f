#!/usr/bin/env bash
# Audit benchmark (issue #5): import 1M generated events, query beside ripgrep over the same files, verify, and the
# library's append throughput with 1 and 4 threads. Prints each figure and its baseline from this same run.
# Usage: bench/audit.sh [EVENTS]   (default 1000000). Needs: mvn, java, rg.
# QUERY_ONLY=1 bench/audit.sh: only the query figures (plain day being written beside rg -F, gzipped past days beside
#   rg -z), skipping the import timings, verify and appends. KEEP=DIR keeps (and reuses) the generated stores there.
# BENCH_LINES="INSTALLED P21" picks the launcher lines to run (default: all).
# With an installed launcher, issue #24's targets are printed first, pinned to two CPUs (taskset -c 0,1) and free.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
if [ -n "${KEEP:-}" ]; then
  W="$KEEP"; mkdir -p "$W"
else
  W=$(mktemp -d /tmp/p21mon-audit-bench.XXXXXX)
  trap 'rm -rf "$W"' EXIT
fi
[ -f target/p21mon.jar ] || mvn -B -q -o package -DskipTests
[ -d target/test-classes ] || mvn -B -q -o test-compile
CP="target/test-classes:target/classes:$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
# INSTALLED: the installed launcher (install.sh: its JDK, the audit command's class-data archive, and for batch
#   commands -- import, verify, export, prune, report; not query -- tiered compilation, Serial GC, -Xmx256m): what users run. Set P21MON to
#   another launcher; without one the line is left out.
# The jar on the launcher's JDK (else java on PATH) with JVM options set by hand, to show what each choice is worth:
# P21: C1 only (the launcher's choice for short commands); P21C2: what the launcher gives batch commands, without the
# archive; P21PAR: the same with the Parallel GC.
P21MON="${P21MON:-${PREFIX:-$HOME/.local}/bin/p21mon}"
[ -x "$P21MON" ] || P21MON=""
JAVA=java
if [ -n "$P21MON" ]; then
  j="$(sed -n "s/^exec '\([^']*\/bin\/java\)'.*/\1/p" "$P21MON" | head -1)"
  [ -x "$j" ] && JAVA="$j"
fi
INSTALLED="$P21MON"
P21="$JAVA -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -jar target/p21mon.jar"
P21C2="$JAVA -XX:+UseSerialGC -Xmx256m -jar target/p21mon.jar"
P21PAR="$JAVA -XX:+UseParallelGC -Xmx256m -jar target/p21mon.jar"
LINES="P21 P21C2 P21PAR"
[ -n "$INSTALLED" ] && LINES="INSTALLED $LINES"
LINES="${BENCH_LINES:-$LINES}" # e.g. BENCH_LINES=INSTALLED: only the installed launcher
echo "JDK: $("$JAVA" -version 2>&1 | head -1); launcher: ${P21MON:-none installed (run ./install.sh for the INSTALLED line)}"
ms() { echo $(( $(date +%s%N) / 1000000 )); }

if [ ! -f "$W/events.jsonl" ] || [ ! -f "$W/today.jsonl" ]; then
  echo "== generating $N events over 30 past days, and $N events of today"
  java -cp "$CP" io.perfect21.p21mon.audit.AuditBenchMain generate "$W/events.jsonl" "$N"
  java -cp "$CP" io.perfect21.p21mon.audit.AuditBenchMain generate-today "$W/today.jsonl" "$N"
fi
ls -la "$W/events.jsonl" | awk '{print "input bytes:", $5}'

median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
if [ -z "${QUERY_ONLY:-}" ]; then
echo "== import (median of 3 runs each)"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
for v in $LINES; do
  runs=()
  for _ in 1 2 3; do
    rm -rf "$W/store"
    t0=$(ms); ${!v} audit import --dir "$W/store" "$W/events.jsonl" -o json > "$W/import.json"; t1=$(ms)
    runs+=($((t1 - t0)))
  done
  t=$(median3 "${runs[@]}")
  awk -v n="$N" -v t="$t" -v w="$v" -v r="${runs[*]}" 'BEGIN{printf "[%s] import: %d events in %d ms (incl. JVM start; runs: %s) = %.0f events/s (target >= 200000)\n", w, n, t, r, n/(t/1000)}'
done
t0=$(ms); cat "$W/events.jsonl" > /dev/null; cp "$W/events.jsonl" "$W/copy.jsonl"; sync "$W/copy.jsonl"; t1=$(ms)
echo "baseline: cp + fsync of the same input: $((t1-t0)) ms"; rm -f "$W/copy.jsonl"
fi
if [ ! -d "$W/store" ]; then
  java -jar target/p21mon.jar audit import --dir "$W/store" "$W/events.jsonl" -o json > /dev/null
fi
echo "== compress closed days (audit prune --compress-after 1d)"
java -jar target/p21mon.jar audit prune --dir "$W/store" --older-than 3650d --compress-after 1d -o json > /dev/null
ls "$W/store" | head -3; du -sh "$W/store"
if [ ! -d "$W/today" ]; then
  java -jar target/p21mon.jar audit import --dir "$W/today" "$W/today.jsonl" -o json > /dev/null
fi
echo "== the day being written: $(ls "$W/today" | tr '\n' ' ')"; du -sh "$W/today"/*.jsonl "$W/today"/*.idx "$W/today"/*.pst

USER_ID=user-0042
SINCE=$(date -u -d 'yesterday' +%Y-%m-%d)
run() { local t0 t1; t0=$(ms); "$@" > "$W/out" ; t1=$(ms); echo "$((t1-t0)) $(wc -l < "$W/out")"; }
best() { local b=999999 n=0 r; for _ in 1 2 3; do r=$(run "$@"); t=${r% *}; n=${r#* }; [ "$t" -lt "$b" ] && b=$t; done; echo "$b $n"; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
# Commands A and B run in turn, PAIRS times each (default 15), under the prefix PIN (taskset or none): prints the
# median of A, of B and of A - B. The pairs keep the difference meaningful while the machine's speed drifts: the best
# of 3 of each, taken apart, put the no-match query at + 13 to + 39 ms past --version within one hour.
PAIRS=${PAIRS:-15}
paired() {
  local pin="$1" a="$2" b="$3" ta=() tb=() td=() i x y
  for ((i = 0; i < PAIRS; i++)); do
    x=$(run $pin $a); x=${x% *}; y=$(run $pin $b); y=${y% *}
    ta+=("$x"); tb+=("$y"); td+=($((x - y)))
  done
  echo "$(median "${ta[@]}") $(median "${tb[@]}") $(median "${td[@]}")"
}
cat "$W"/today/* "$W"/store/* > /dev/null # page cache
# issue #24's targets, with the installed launcher, pinned to two CPUs (taskset -c 0,1) and free, side by side
PIN=""
command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] && PIN="taskset -c 0,1"
YDAY=$(ls "$W/store" | sed -n 's/^audit-\(....-..-..\)\.jsonl\.gz$/\1/p' | tail -1)
HOUR_FROM="${YDAY}T23:00:00Z"; HOUR_TO="$(date -u -d "$YDAY + 1 day" +%Y-%m-%d)T00:00:00Z" # the last hour of the last gz day
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN{print (v <= t) ? "met" : "MISSED"}'; }
if [ -n "$INSTALLED" ]; then
  jsonl=$(cat "$W"/today/*.jsonl | wc -c); idx=$(cat "$W"/today/*.idx "$W"/today/*.pst 2>/dev/null | wc -c)
  echo "== targets (issue #24), $N events; index $idx bytes (.idx + .pst) beside $jsonl bytes of JSONL: $(ratio $((idx * 100)) "$jsonl")% (target <= 10%)"
  for mode in pinned free; do
    P=""; [ "$mode" = pinned ] && P="$PIN"
    [ "$mode" = pinned ] && [ -z "$PIN" ] && { echo "[pinned] no taskset or fewer than 2 CPUs: not measured"; continue; }
    echo "-- $mode${P:+ ($P)}; load average: $(cut -d" " -f1-3 /proc/loadavg)"
    read -r nm v d <<<"$(paired "$P" "$INSTALLED audit query --dir $W/today --user nobody -o jsonl" "$INSTALLED --version")"
    rf=$(best $P rg -F -N --no-filename "\"user_id\":\"$USER_ID\"" "$W/today"); rf=${rf% *}
    rz=$(best $P rg -z -N --no-filename -g "*.jsonl" -g "*.jsonl.gz" "\"user_id\":\"$USER_ID\"" "$W/store"); rz=${rz% *}
    um=$(best $P "$INSTALLED" audit query --dir "$W/today" --user "$USER_ID" -o jsonl)
    gz=$(best $P "$INSTALLED" audit query --dir "$W/store" --user "$USER_ID" -o jsonl); gz=${gz% *}
    hr=$(best $P "$INSTALLED" audit query --dir "$W/store" --user "$USER_ID" --since "$HOUR_FROM" --until "$HOUR_TO" -o jsonl)
    echo "[$mode] baselines: p21mon --version $v ms (median of $PAIRS); rg -F (plain day) $rf ms; rg -z (gz days) $rz ms"
    echo "[$mode] no-match query (plain day), $PAIRS runs in turn with --version, medians: $nm ms = --version + $d ms (target <= +20 ms: $(verdict "$d" 20))"
    echo "[$mode] query --user (plain day): ${um% *} ms, ${um#* } records = $(ratio "${um% *}" "$rf") x rg -F (target <= 1.5 at 1M, <= 0.3 at 10M)"
    echo "[$mode] query --user (gz days): $gz ms = $(ratio "$gz" "$rz") x rg -z (no slower than before: 0.93-0.97)"
    echo "[$mode] query --user --since $HOUR_FROM --until $HOUR_TO (one hour of 30 gz days): ${hr% *} ms, ${hr#* } records = $(ratio "${hr% *}" "$rz") x rg -z (target <= 0.2: $(verdict "$(ratio "${hr% *}" "$rz")" 0.2))"
  done
fi
echo "== query the plain day being written, $N events (3 runs each, best); load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
p=$(best rg -F -N --no-filename "\"user_id\":\"$USER_ID\"" "$W/today")
echo "rg -F (baseline):                       ${p% *} ms, ${p#* } lines"
for v in $LINES; do
  q=$(best ${!v} audit query --dir "$W/today" --user "$USER_ID" -o jsonl)
  echo "[$v] plain day: p21mon audit query --user: ${q% *} ms, ${q#* } records"
  awk -v a="${q% *}" -v b="${p% *}" -v w="$v" 'BEGIN{printf "[%s] plain-day ratio query --user / rg -F: %.2f (target <= 2.0)\n", w, a/b}'
done
echo "== query gzipped past days, $N events (3 runs each, best); load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
g=$(best rg -z -N --no-filename -g "*.jsonl" -g "*.jsonl.gz" "\"user_id\":\"$USER_ID\"" "$W/store")
echo "rg -z (baseline):                       ${g% *} ms, ${g#* } lines"
for v in $LINES; do
  q=$(best ${!v} audit query --dir "$W/store" --user "$USER_ID" -o jsonl)
  s=$(best ${!v} audit query --dir "$W/store" --since "$SINCE" -o jsonl)
  echo "[$v] gz days: p21mon audit query --user:         ${q% *} ms, ${q#* } records"
  awk -v a="${q% *}" -v b="${g% *}" -v w="$v" 'BEGIN{printf "[%s] gz ratio query --user / rg -z: %.2f (target <= 2.0)\n", w, a/b}'
  echo "[$v] gz days: p21mon audit query --since $SINCE: ${s% *} ms, ${s#* } records"
  awk -v a="${s% *}" -v b="${g% *}" -v w="$v" 'BEGIN{printf "[%s] gz ratio query --since / rg -z: %.2f (target <= 2.0)\n", w, a/b}'
done
[ -n "${QUERY_ONLY:-}" ] && exit 0

echo "== verify"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
t0=$(ms); zcat "$W"/store/*.gz | sha256sum > /dev/null; t1=$(ms); base=$((t1-t0))
echo "baseline: zcat | sha256sum over the same files: $base ms"
for v in $LINES; do
  runs=()
  for _ in 1 2 3; do
    t0=$(ms); ${!v} audit verify --dir "$W/store" > "$W/verify.txt"; t1=$(ms)
    runs+=($((t1 - t0)))
  done
  t=$(median3 "${runs[@]}")
  sed -n 2p "$W/verify.txt"
  awk -v n="$N" -v t="$t" -v w="$v" -v b="$base" -v r="${runs[*]}" 'BEGIN{printf "[%s] verify: %d records in %d ms (incl. JVM start; runs: %s) = %.0f records/s (target >= 500000); ratio to zcat|sha256sum: %.2f\n", w, n, t, r, n/(t/1000), t/b}'
done

echo "== library AuditLogger append (each call durable: fsync; group commit across threads)"
java -cp "$CP" io.perfect21.p21mon.audit.AuditBenchMain append "$W/lib1" 2000 1
java -cp "$CP" io.perfect21.p21mon.audit.AuditBenchMain append "$W/lib4" 8000 4
t0=$(ms); for i in $(seq 200); do printf 'x\n' >> "$W/fs.txt"; sync "$W/fs.txt"; done; t1=$(ms)
echo "baseline: 200 x (append a line + sync) in shell: $((t1-t0)) ms = $(awk -v t=$((t1-t0)) 'BEGIN{printf "%.0f", 200/(t/1000)}') appends/s"
