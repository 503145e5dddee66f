# Sourced by bench scripts: times commands interleaved (a b c a b c ...), so a drift in the machine's speed touches
# every command alike. The script defines cmd_NAME functions and the array `names`, sets RUNS, then calls
#   time_interleaved "script-name"     # one warm-up run each, then RUNS rounds; samples[NAME] = microseconds
#   median_ms "${samples[NAME]}"       # the median, in ms with one decimal
now_ns() { date +%s%N; }
declare -A samples
time_interleaved() {
  local n i t0 t1
  for n in "${names[@]}"; do cmd_"$n" >/dev/null 2>&1 || { echo "$1: '$n' failed" >&2; exit 1; }; done # warm-up
  for ((i = 0; i < RUNS; i++)); do
    for n in "${names[@]}"; do
      t0=$(now_ns); cmd_"$n" >/dev/null 2>&1; t1=$(now_ns)
      samples[$n]+="$(((t1 - t0) / 1000)) "
    done
  done
}
median_ms() { # median of microsecond samples, in ms with one decimal
  printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}
