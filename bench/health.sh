#!/usr/bin/env bash
# Benchmark of 'p21mon health' (issues #3, #16). Prints each figure beside its baseline, run in the same invocation:
#  1. the default checks (system_resources + p21mon), both ways system_resources gets the CPU usage:
#     - sampled (no snapshot of the previous run in the state dir) beside `sleep cpu_sample_ms/1000` (the CPU
#       sampling window is the floor: the run cannot be shorter). Target: median <= floor + 0.4 s.
#     - since the last run (cron: the previous run's snapshot is 1.2 s old, older than the window) beside
#       `p21mon --version` (JVM start-up, the floor of any run). Target: median <= 0.3 s.
#  2. eight `command` checks of `sleep 1` beside one `sleep 1` (concurrency: eight seconds of work in about one).
#     Target: median <= 1.3 s.
# Uses $P21MON or the installed p21mon when on PATH; else `java -jar target/p21mon.jar` (build it first:
# mvn -B -q package -DskipTests), both plain and with the installed launcher's options and class-data archive.
# Usage: bench/health.sh [RUNS]   (default 7)
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
installed=
if [[ -n "${P21MON:-}" ]]; then
  read -r -a cmd <<<"$P21MON"
  installed=yes
elif command -v p21mon >/dev/null 2>&1; then
  cmd=(p21mon)
  installed=yes
else
  [[ -f "$root/target/p21mon.jar" ]] || { echo "bench: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  cmd=(java -jar "$root/target/p21mon.jar")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
unset P21MON_CONFIG
mkdir -p "$HOME"

now_ms() { date +%s%3N; }

# median wall time in ms of running "$@" $runs times (exit codes 0-3 are results, not errors); the median CPU time
# (user + sys, ms) goes to $work/cpu, a figure the machine's load does not inflate as much as wall time
median_ms() {
  local times=() cpus=() t0 t1 rc
  for ((i = 0; i < runs; i++)); do
    [[ -n "${before_each:-}" ]] && "$before_each"
    t0=$(now_ms)
    set +e
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1
    else
      "$@" >/dev/null 2>&1
    fi
    rc=$?
    set -e
    t1=$(now_ms)
    if ((rc > 3)); then echo "bench: '$*' exited $rc" >&2; exit 1; fi
    times+=($((t1 - t0)))
    [[ -f "$work/time" ]] && cpus+=("$(awk 'END {printf "%d", ($1 + $2) * 1000}' "$work/time")")
  done
  if ((${#cpus[@]})); then
    printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' >"$work/cpu"
  else
    echo 0 >"$work/cpu"
  fi
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

fmt() { awk -v ms="$1" 'BEGIN {printf "%.3f s", ms/1000}'; }

cd "$work"
cpu_ms=1000
printf 'health:\n  cpu_sample_ms: %d\n' "$cpu_ms" >default.yaml
{
  printf 'health:\n  checks:\n'
  for i in 1 2 3 4 5 6 7 8; do
    printf '    - {name: sleep%d, type: command, command: "sleep 1; echo OK"}\n' "$i"
  done
} >eight.yaml

# Not installed: also measure the jar with the installed launcher's JVM options and a class-data archive made by
# one training run (what install.sh does), as the figure the installed command gives.
variants=("plain")
[[ -n "$installed" ]] && variants=("installed")
if [[ -z "$installed" ]]; then
  java -XX:ArchiveClassesAtExit="$work/p21mon.jsa" -Xlog:disable -jar "$root/target/p21mon.jar" health -c eight.yaml -o json >/dev/null 2>&1 || true
  java -XX:ArchiveClassesAtExit="$work/p21mon-default.jsa" -Xlog:disable -jar "$root/target/p21mon.jar" health >/dev/null 2>&1 || true
  variants+=("launcher")
fi
# the command line of a variant: vc=(...)
variant_cmd() { # variant archive
  if [[ $1 == launcher ]]; then
    vc=(java -XX:SharedArchiveFile="$2" -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr
      -jar "$root/target/p21mon.jar")
  else
    vc=("${cmd[@]}")
  fi
}

echo "p21mon: ${cmd[*]}   runs: $runs (median wall)   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
snapshot="$XDG_STATE_HOME/p21mon/health-cpu.snapshot"
no_snapshot() { rm -f "$snapshot"; }
# the previous run's snapshot, 1.2 s old when the timed run starts (cron's is about a minute old; the bound is 2x
# health.interval): a run that samples leaves one
recent_snapshot() {
  [[ -f "$snapshot" ]] || "${vc[@]}" health >/dev/null 2>&1 || true
  sleep 1.2
}
floor=$(median_ms sleep "$(awk -v ms=$cpu_ms 'BEGIN {print ms/1000}')")
echo "1. default checks, no configuration (system_resources with cpu_sample_ms=$cpu_ms, p21mon), table output"
echo "   baseline  sleep $((cpu_ms / 1000))                     $(fmt "$floor")"
for v in "${variants[@]}"; do
  variant_cmd "$v" "$work/p21mon-default.jsa"
  before_each=no_snapshot
  t1=$(median_ms "${vc[@]}" health)
  before_each=
  echo "   p21mon health ($v), sampled$(printf '%*s' $((3 - ${#v} + 9)) '')  $(fmt "$t1")   floor + $(fmt $((t1 - floor))), ratio $(awk -v a="$t1" -v b="$floor" 'BEGIN {printf "%.2f", a/b}')   cpu $(fmt "$(cat "$work/cpu")")   target <= floor + 0.400 s: $( ((t1 - floor <= 400)) && echo PASS || echo MISS)"
done
for v in "${variants[@]}"; do
  variant_cmd "$v" "$work/p21mon-default.jsa"
  tv=$(median_ms "${vc[@]}" --version)
  echo "   baseline  p21mon --version ($v)$(printf '%*s' $((10 - ${#v})) '')  $(fmt "$tv")   cpu $(fmt "$(cat "$work/cpu")")"
  before_each=recent_snapshot
  t3=$(median_ms "${vc[@]}" health)
  before_each=
  sleep 1.2
  last=$("${vc[@]}" health -o json 2>/dev/null || true) # exit 1-3 is the host's state, not an error
  grep -Eq '"cpu_span_source" ?: ?"since_last_run"' <<<"$last" \
    || echo "   (warning: the last run did not use the snapshot)"
  echo "   p21mon health ($v), since last run  $(fmt "$t3")   --version + $(fmt $((t3 - tv)))   cpu $(fmt "$(cat "$work/cpu")")   target <= 0.300 s: $( ((t3 <= 300)) && echo PASS || echo MISS)"
done
echo
base=$(median_ms sleep 1)
echo "2. eight command checks of 'sleep 1' (serial would take 8 s)"
echo "   baseline  sleep 1                     $(fmt "$base")"
for v in "${variants[@]}"; do
  variant_cmd "$v" "$work/p21mon.jsa"
  t2=$(median_ms "${vc[@]}" health -c eight.yaml)
  echo "   p21mon health ($v)$(printf '%*s' $((12 - ${#v})) '')  $(fmt "$t2")   ratio $(awk -v a="$t2" -v b="$base" 'BEGIN {printf "%.2f", a/b}') to one sleep   cpu $(fmt "$(cat "$work/cpu")")   target <= 1.300 s: $( ((t2 <= 1300)) && echo PASS || echo MISS)"
done
