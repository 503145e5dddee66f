#!/usr/bin/env bash
# Benchmark of 'p21mon top' (issue #14): CPU seconds used by `p21mon top --interval 1` in a real terminal (tmux) over
# 30 s, start-up included, beside procps `top -d 1` over the same 30 s in the same run. Target: < 1.5 s (5% of a core).
# Also prints the steady-state share (CPU from second 5 to the end), where start-up no longer counts.
# Uses $P21MON, or the installed p21mon on PATH, else `java -jar target/p21mon.jar`.
# Usage: bench/top.sh [SECONDS]   (default 30)
set -euo pipefail
secs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v tmux >/dev/null || { echo "bench: needs tmux (apt-get install tmux)" >&2; exit 2; }
if [[ -n "${P21MON:-}" ]]; then cmd="$P21MON"; launcher="\$P21MON ($P21MON)"
elif command -v p21mon >/dev/null 2>&1; then cmd=p21mon; launcher="installed $(command -v p21mon)"
else
  [[ -f "$root/target/p21mon.jar" ]] || { echo "bench: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  cmd="java -jar $root/target/p21mon.jar"; launcher="java -jar target/p21mon.jar"
fi
work=$(mktemp -d)
sock="p21mon-bench-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
hz=$(getconf CLK_TCK)

# cpu_ticks PID: user + system ticks of the process and its reaped children
cpu_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] + f[14] + f[15] }' "/proc/$1/stat"; }

# measure NAME COMMAND: runs COMMAND in a 120x40 tmux window for $secs s; prints total and steady-state CPU seconds
measure() {
  local name=$1 command=$2 pane pid t5 tend
  tmux -L "$sock" new-session -d -s "$name" -x 120 -y 40 \
    "cd '$work' && exec env HOME='$work' XDG_STATE_HOME='$work/state' $command"
  pane=$(tmux -L "$sock" list-panes -t "$name" -F '#{pane_pid}')
  pid=$pane
  sleep 5
  t5=$(cpu_ticks "$pid")
  sleep $((secs - 5))
  tend=$(cpu_ticks "$pid")
  tmux -L "$sock" send-keys -t "$name" q
  sleep 1
  tmux -L "$sock" kill-session -t "$name" 2>/dev/null || true
  awk -v n="$name" -v a="$t5" -v b="$tend" -v hz="$hz" -v s="$secs" 'BEGIN {
    printf "%-28s total %.2f s CPU in %d s (%.1f%% of a core); steady state (5 s to %d s) %.2f s = %.1f%%\n",
      n, b / hz, s, 100 * b / hz / s, s, (b - a) / hz, 100 * (b - a) / hz / (s - 5) }'
  echo "$tend"
}

echo "bench/top.sh: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), launcher: $launcher"
p=$(measure p21mon-top "$cmd top --interval 1" | tee /dev/stderr | tail -1)
b=$(measure procps-top "top -d 1" | tee /dev/stderr | tail -1)
awk -v p="$p" -v b="$b" -v hz="$hz" 'BEGIN {
  printf "p21mon top / procps top CPU: %.2f s / %.2f s = %.1fx; target < 1.5 s: %s\n", p / hz, b / hz,
    (b > 0 ? p / b : 0), (p / hz < 1.5 ? "met" : "MISSED") }'
