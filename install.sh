#!/usr/bin/env bash
# Builds and installs p21mon under $PREFIX (default ~/.local):
#   $PREFIX/bin/p21mon                                  launcher (uses the newest JDK >= 17 found at install time)
#   $PREFIX/lib/p21mon/p21mon.jar                       the shaded jar
#   $PREFIX/lib/p21mon/p21mon[-COMMAND].aot | .jsa      class-data archives from training runs (fast start-up), one
#                                                       per top-level command and one for the root
#   $PREFIX/share/bash-completion/completions/p21mon    bash completion
#   $PREFIX/share/zsh/site-functions/_p21mon            zsh completion
#   $PREFIX/share/fish/vendor_completions.d/p21mon.fish fish completion
#   $PREFIX/share/man/man1/p21mon*.1                    man pages (man p21mon-health)
#   $PREFIX/share/doc/p21mon/*.md                       the reference pages of docs/ (--help names them there)
#   $PREFIX/lib/p21mon/install-manifest                 what was installed, for --uninstall
# Idempotent: run it again to upgrade. ./install.sh --uninstall removes exactly what the manifest lists.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./install.sh [--prefix DIR] [--uninstall]
  --prefix DIR   install under DIR (default: $PREFIX, else ~/.local)
  --uninstall    remove what a previous install under that prefix put there
Needs a JDK 17 or newer and Maven; uses the newest JDK >= 17 among $JAVA_HOME, java on PATH and /usr/lib/jvm/*.
Environment: PREFIX; P21MON_JDK=/path/to/jdk to use that JDK instead.
EOF
}

PREFIX="${PREFIX:-$HOME/.local}"
UNINSTALL=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; PREFIX="$2"; shift 2 ;;
    --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
    --uninstall) UNINSTALL=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$PREFIX" in
  /*) ;;
  *) PREFIX="$(pwd)/$PREFIX" ;;
esac
PREFIX="${PREFIX%/}"

LIB="$PREFIX/lib/p21mon"
BIN="$PREFIX/bin"
BASH_COMP_DIR="$PREFIX/share/bash-completion/completions"
ZSH_COMP_DIR="$PREFIX/share/zsh/site-functions"
FISH_COMP_DIR="$PREFIX/share/fish/vendor_completions.d"
MAN_DIR="$PREFIX/share/man/man1"
DOC_DIR="$PREFIX/share/doc/p21mon"
MANIFEST="$LIB/install-manifest"

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# --- uninstall -----------------------------------------------------------------------------------------------------
# The manifest has one entry a line: "f PATH" for a file, "d PATH" for a directory the installer created.
uninstall() {
  if [ ! -f "$MANIFEST" ]; then
    say "nothing to uninstall: no $MANIFEST"
    return 0
  fi
  local kind path dirs=()
  while IFS=' ' read -r kind path; do
    case "$kind" in
      f) rm -f -- "$path" ;;
      d) dirs+=("$path") ;;
    esac
  done <"$MANIFEST"
  rm -f -- "$MANIFEST"
  # deepest first; only directories the installer created, and only when empty
  local d
  [ ${#dirs[@]} -gt 0 ] && printf '%s\n' "${dirs[@]}" | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2- \
    | while IFS= read -r d; do rmdir -- "$d" 2>/dev/null || true; done
  say "removed p21mon from $PREFIX"
}

if $UNINSTALL; then
  uninstall
  exit 0
fi

# --- find the newest JDK >= 17 -------------------------------------------------------------------------------------
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

java_feature() { # prints the feature version (17, 21, 25) of JDK home $1, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -1
}

candidates() {
  if [ -n "${P21MON_JDK:-}" ]; then # an explicit choice: only that one
    printf '%s\n' "$P21MON_JDK"
    return 0
  fi
  [ -n "${JAVA_HOME:-}" ] && printf '%s\n' "$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    local j
    j="$(readlink -f "$(command -v java)")"
    printf '%s\n' "$(dirname "$(dirname "$j")")"
  fi
  local d
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [ -d "$d" ] && printf '%s\n' "$d"
  done
  return 0
}

JDK="" JDK_VERSION=0 FOUND=""
while IFS= read -r home; do
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
  real="$(readlink -f "$home")"
  case " $FOUND " in *" $real "*) continue ;; esac
  FOUND="$FOUND $real"
  v="$(java_feature "$home")"
  [ -n "$v" ] || continue
  if [ "$v" -ge 17 ] && [ "$v" -gt "$JDK_VERSION" ]; then
    JDK="$real" JDK_VERSION="$v"
  fi
done < <(candidates)

if [ -z "$JDK" ]; then
  die "p21mon needs a JDK 17 or newer (java and javac); none found in ${P21MON_JDK:+\$P21MON_JDK=$P21MON_JDK, }\$JAVA_HOME, on PATH or in /usr/lib/jvm.
  Install one, e.g.: sudo apt-get install openjdk-17-jdk-headless   (or set JAVA_HOME to a JDK 17+)"
fi
command -v mvn >/dev/null 2>&1 || die "p21mon is built with Maven, which is not on PATH.
  Install it, e.g.: sudo apt-get install maven"
JAVA="$JDK/bin/java"
say "using JDK $JDK_VERSION at $JDK"

# --- build ---------------------------------------------------------------------------------------------------------
say "building with Maven (tests skipped; 'mvn -B verify' runs them)"
MAVEN_OPTS_BUILD="${MAVEN_OPTS:-}"
# Maven's own guava warns about sun.misc.Unsafe on JDK 24+; that is Maven's business, not a problem of this build.
[ "$JDK_VERSION" -ge 24 ] && MAVEN_OPTS_BUILD="$MAVEN_OPTS_BUILD --sun-misc-unsafe-memory-access=allow"
# (Debian's Maven prints ANSI resets even in batch mode: strip them, keep its messages, on stderr)
(cd "$SRC" && JAVA_HOME="$JDK" MAVEN_OPTS="$MAVEN_OPTS_BUILD" mvn -B -q -Dstyle.color=never -DskipTests package) 2>&1 \
  | sed -u 's/\x1b\[[0-9;]*m//g' | grep -v '^$' >&2 || [ "${PIPESTATUS[0]}" -eq 0 ] || die "the Maven build failed (see above)"
[ -f "$SRC/target/p21mon.jar" ] || die "the build did not produce target/p21mon.jar"

# --- install files -------------------------------------------------------------------------------------------------
declare -a NEW_ENTRIES=()
OLD_ENTRIES="$( [ -f "$MANIFEST" ] && cat "$MANIFEST" || true )"

make_dir() { # mkdir -p that records each directory it creates (or that a previous install created)
  local d="$1" missing=()
  while [ ! -d "$d" ]; do missing+=("$d"); d="$(dirname "$d")"; done
  local i
  for ((i = ${#missing[@]} - 1; i >= 0; i--)); do
    mkdir -- "${missing[$i]}"
    NEW_ENTRIES+=("d ${missing[$i]}")
  done
}
for d in "$LIB" "$BIN" "$BASH_COMP_DIR" "$ZSH_COMP_DIR" "$FISH_COMP_DIR" "$MAN_DIR" "$DOC_DIR"; do make_dir "$d"; done
# directories a previous install created stay ours to remove
while IFS=' ' read -r kind path; do
  [ "$kind" = d ] && NEW_ENTRIES+=("d $path")
done <<<"$OLD_ENTRIES"

put() { # put SOURCE TARGET MODE: copy through a temp file and rename, so a running p21mon keeps its old jar
  local tmp
  tmp="$(mktemp "$(dirname "$2")/.p21mon.XXXXXX")"
  cp -- "$1" "$tmp"
  chmod "$3" "$tmp"
  mv -f -- "$tmp" "$2"
  NEW_ENTRIES+=("f $2")
}

put "$SRC/target/p21mon.jar" "$LIB/p21mon.jar" 644
put "$SRC/completions/p21mon.bash" "$BASH_COMP_DIR/p21mon" 644
put "$SRC/completions/p21mon.zsh" "$ZSH_COMP_DIR/_p21mon" 644
put "$SRC/completions/p21mon.fish" "$FISH_COMP_DIR/p21mon.fish" 644
for page in "$SRC"/man/*.1; do
  [ -f "$page" ] && put "$page" "$MAN_DIR/$(basename "$page")" 644
done
for doc in "$SRC"/docs/*.md; do
  [ -f "$doc" ] && put "$doc" "$DOC_DIR/$(basename "$doc")" 644
done

# JVM options: the serial GC starts fastest for a short-lived CLI; the launcher adds C1-only for short commands
# (see below); a modest heap; JVM warnings (e.g. about
# a stale archive) to stderr, never stdout where they would break '-o json'. -Xshare:auto (use the archive when it
# maps, else run without) goes with AppCDS only: JDK 24+ refuses any -Xshare next to -XX:AOTCache, whose default
# -XX:AOTMode=auto is the same behaviour.
# -Djdk.reflect.useNativeAccessorOnly=true: reflection through the JVM's native accessors instead of generating a
# method-handle class per constructor and method first touched (JEP 416; picocli and Jackson create objects by
# reflection; fields always go through method handles, which is why CommandModels sets the option fields directly).
# Measured when picocli still bound options by reflection: 40 classes and ~10% of 'audit query' at start-up
# (-0.5 MiB for 'metrics serve'). JDK 17 ignores it.
# --enable-native-access=ALL-UNNAMED: what the jar's manifest says, for the launcher's -cp (a manifest's
# Enable-Native-Access counts only with -jar); without it JNA (OSHI's host metrics) prints a warning on stderr.
# -XX:+UseTransparentHugePages where the kernel offers them (THP "madvise" or "always"; the JVM warns where it does
# not, so the flag is added only when it runs silently): the heap and code cache are touched in 2 MiB pages instead
# of 4 KiB ones, ~1,000 fewer page faults a run, ~10 ms of every command on a 2-core VM (--version 133 -> 122 ms,
# 'audit query' 166 -> 154 ms; docs/install.md). The exporter turns it off again (SERVE_OPTS: its RSS counts).
BASE_OPTS="-XX:+UseSerialGC -Xmx256m -Xlog:disable -Xlog:all=warning:stderr -Djdk.reflect.useNativeAccessorOnly=true --enable-native-access=ALL-UNNAMED"
if thp="$("$JAVA" -XX:+UseTransparentHugePages -Xlog:all=warning:stderr -version 2>&1)" \
   && ! printf '%s\n' "$thp" | grep -qi -e warn -e error; then
  BASE_OPTS="$BASE_OPTS -XX:+UseTransparentHugePages"
fi
JVM_OPTS="$BASE_OPTS"
# 'metrics serve', the exporter, runs on every host of a fleet, so its footprint counts (issue #16; the measurements
# are in the README, metrics > Performance): C1 only with one compiler thread (C2 doubles the resident memory for
# throughput far beyond the need), a 10 MiB heap with a 2 MiB young generation, small stacks and code cache, no
# class-data archive (mapped and relocated, it counted 14-30 MiB of RSS), C1 compiling only what runs ten times
# more often than by default (the scrape path; start-up and refresh code stays interpreted: -2.6 MiB of code cache
# and compiler memory, same scrapes/s), the native heap trimmed every 2 s where the JVM can (JDK 17.0.9+, 21+) and
# compact object headers where it can (JDK 25+: -1.3 MiB). P21MON_JAVA_OPTS still overrides any (e.g. -Xmx64m).
SERVE_OPTS="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xmx10m -Xmn2m -Xss256k -XX:ReservedCodeCacheSize=16m -Xshare:off"
SERVE_OPTS="$SERVE_OPTS -XX:-UseTransparentHugePages"
SERVE_OPTS="$SERVE_OPTS -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000"
SERVE_OPTS="$SERVE_OPTS -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000"
for opt in -XX:TrimNativeHeapInterval=2000 -XX:+UseCompactObjectHeaders; do
  if "$JAVA" "$opt" -version >/dev/null 2>&1; then
    SERVE_OPTS="$SERVE_OPTS $opt"
  fi
done
# Short commands (C1 only) leave the archive's training profiles unused (-XX:-AOTReplayTraining, JDK 25+): replaying
# them compiles at start every method the trainings compiled, on a thread that takes the second core from the run.
# Measured pinned to 2 CPUs, 15 rounds in turn: --version 103.1 -> 97.6 ms, a no-match 'audit query' over 10M events
# 124.3 -> 117.9, 10,075 matches 233.7 -> 219.0 (docs/install.md). Batch commands, with C2, keep the replay.
SHORT_OPTS="-XX:TieredStopAtLevel=1"
if "$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -version >/dev/null 2>&1; then
  SHORT_OPTS="$SHORT_OPTS -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
fi

# --- class-data archives from training runs ------------------------------------------------------------------------
# One archive per top-level command, trained on that command alone, and one for the root (--version, --help, help):
# an AOT cache (JDK 24+) loads every class it holds when the JVM starts, so one archive for everything made a
# 'p21mon --version' load the classes of every command (a third of its time). The launcher picks the archive of the
# command named; a command without one uses the root's. '::' separates the command lines of one training run; the
# run's scratch directory holds training.yaml, a configuration with light checks.
# the audit lines that write a store: the audit archive's training starts with them, and they are the setup run of
# 'audit query''s (TRAINING_SETUP below). The import comes first: into an empty store its three days go to three day
# files, of which prune gzips the oldest (after an 'audit log' they all went to today's file, and no training run read
# a gzipped day: a query over one opened the jar for the classes the archive lacked)
AUDIT_STORE_LINES="audit import training-audit.jsonl :: audit log --type user_action --user training --action train
                   :: audit prune --older-than 3650d --compress-after 1d"
declare -A TRAINING=(
  [root]="--version :: --help :: help config :: help health"
  [config]="config init :: config validate :: config show :: config show -o json :: config show -o table"
  [health]="health :: health -o json :: health -c training.yaml :: health -c training.yaml -o nagios
            :: health -c training.yaml -o json"
  [metrics]="metrics show :: metrics show -o json"
  [audit]="$AUDIT_STORE_LINES :: audit verify :: audit report"
  [audit query]="audit query --limit 1 :: audit query --user training -o json :: audit query --user training -o jsonl
           :: audit query --user u3 -o jsonl :: audit query --user nobody -o jsonl :: audit query --user u4 -o json
           :: audit query --user u3 --source-ip 10.0.0.3 --since 1h -o jsonl :: audit query --user u3
           :: audit query --type user_action --since 1h -o csv"
  [alerts]="alerts eval -c training.yaml :: alerts eval -c training.yaml -o json :: alerts rules"
  [dashboards]="dashboards generate --out dashboards :: dashboards validate dashboards :: dashboards generate --only sla -o json"
  [run]="run --no-audit -- true :: run -- true :: run --name training --timeout 5s --no-audit -- sh -c exit"
  [traces]="traces services --jaeger http://127.0.0.1:9 :: traces show 0 --jaeger http://127.0.0.1:9
            :: traces summary --file missing.jsonl"
  [top]="top --plain -n 2 --interval 0.2 -c training.yaml"
)
# A subcommand may have its own archive too, named "command subcommand": 'audit query' (run from scripts and by hand,
# where start-up is most of its time) loads ~230 fewer classes at start than with the audit archive, whose import,
# verify and prune classes it never runs (no-match query 8 ms faster, docs/install.md). Its training only reads: the
# store it queries is written first by a run that records nothing (TRAINING_SETUP).
# health's setup writes an audit record, so that its runs check an audit log as they do on a host that keeps one
declare -A TRAINING_SETUP=([audit query]="$AUDIT_STORE_LINES"
                           [health]="audit log --type user_action --user training --action train")
ARCHIVE_NAMES=(root config health metrics audit "audit query" alerts dashboards run traces top)
ARCHIVE_EXT=aot
[ "$JDK_VERSION" -ge 24 ] || ARCHIVE_EXT=jsa
# JDK 24+ refuses any -Xshare next to -XX:AOTCache, whose default -XX:AOTMode=auto (use the archive when it maps,
# else run without) is the behaviour -Xshare:auto gives AppCDS.
[ "$JDK_VERSION" -ge 24 ] || JVM_OPTS="$BASE_OPTS -Xshare:auto"
STRICT="-Xshare:on"
[ "$JDK_VERSION" -ge 24 ] && STRICT="-XX:AOTMode=on"
rm -f "$LIB"/*.aot "$LIB"/*.jsa "$LIB"/*.aotconf
TIMEOUT=""
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout 300" # a training command that hangs must not hang the install
archive_path() { if [ "$1" = root ]; then echo "$LIB/p21mon.$ARCHIVE_EXT"; else echo "$LIB/p21mon-${1// /-}.$ARCHIVE_EXT"; fi; }
use_option() { # the JVM option that uses archive $1
  if [ "$JDK_VERSION" -ge 24 ]; then echo "-XX:AOTCache=$1"; else echo "-XX:SharedArchiveFile=$1"; fi
}
# audit trains on postings segments of 64 entries, so that its queries read segments as they do on a real store
AUDIT_TRAINING_OPTS="-Dp21mon.audit.segmentEntries=64"
declare -A TRAINING_OPTS=([audit]="$AUDIT_TRAINING_OPTS" [audit query]="$AUDIT_TRAINING_OPTS")
train() { # train NAME JVM-OPTION...: one training run over the command lines of NAME (after its setup run, if any)
  local name="$1" keep=() status=0
  shift
  if [ -n "${TRAINING_SETUP[$name]:-}" ]; then
    keep=(--keep "$LIB/.training-scratch")
    # shellcheck disable=SC2086
    $TIMEOUT "$JAVA" $BASE_OPTS ${TRAINING_OPTS[$name]:-} -cp "$LIB/p21mon.jar" 'io.perfect21.p21mon.cli.P21mon$Training' \
      "${keep[@]}" ${TRAINING_SETUP[$name]} >>"$LIB/.training.log" 2>&1 || status=$?
  fi
  # shellcheck disable=SC2086
  [ "$status" -eq 0 ] && $TIMEOUT "$JAVA" $BASE_OPTS ${TRAINING_OPTS[$name]:-} "$@" -cp "$LIB/p21mon.jar" \
    'io.perfect21.p21mon.cli.P21mon$Training' "${keep[@]}" ${TRAINING[$name]} >>"$LIB/.training.log" 2>&1 || status=$?
  rm -rf "$LIB/.training-scratch"
  return "$status"
}
make_archive() { # make_archive NAME: writes archive_path NAME, or nothing
  local name="$1" out
  out="$(archive_path "$name")"
  if [ "$JDK_VERSION" -ge 25 ]; then
    train "$name" -XX:AOTCacheOutput="$out" || true
  elif [ "$JDK_VERSION" -ge 24 ]; then
    if train "$name" -XX:AOTMode=record -XX:AOTConfiguration="$LIB/p21mon.aotconf"; then
      "$JAVA" $BASE_OPTS -XX:AOTMode=create -XX:AOTConfiguration="$LIB/p21mon.aotconf" -XX:AOTCache="$out" \
        -cp "$LIB/p21mon.jar" >>"$LIB/.training.log" 2>&1 || true
    fi
    rm -f "$LIB/p21mon.aotconf"
  else
    train "$name" -XX:ArchiveClassesAtExit="$out" || true
  fi
  # keep the archive only if the JVM can map it (AOTMode=on / -Xshare:on fail instead of falling back)
  # shellcheck disable=SC2086
  if [ -s "$out" ] && "$JAVA" $BASE_OPTS $STRICT "$(use_option "$out")" -jar "$LIB/p21mon.jar" --version >/dev/null 2>&1; then
    NEW_ENTRIES+=("f $out")
    ARCHIVES+=("$name")
  else
    rm -f "$out"
  fi
}
say "training runs for the class-data archives (one per command, a few seconds each)"
: >"$LIB/.training.log"
ARCHIVES=()
for name in "${ARCHIVE_NAMES[@]}"; do make_archive "$name"; done
if [ ${#ARCHIVES[@]} -eq ${#ARCHIVE_NAMES[@]} ]; then
  rm -f "$LIB/.training.log"
else
  say "warning: archives made: ${ARCHIVES[*]:-none} of ${ARCHIVE_NAMES[*]} (p21mon works, but starts slower without); training log: $LIB/.training.log"
  NEW_ENTRIES+=("f $LIB/.training.log")
fi
# the launcher's lines that pick the archive: the command's own, else the root's, else none
ARCHIVE_PICK=""
SUB_ARCHIVE_PICK=""
for name in "${ARCHIVES[@]}"; do
  case "$name" in
    root) ;;
    *" "*) SUB_ARCHIVE_PICK="$SUB_ARCHIVE_PICK    '$name') ARCHIVE='$(use_option "$(archive_path "$name")")' ;;
" ;;
    *) ARCHIVE_PICK="$ARCHIVE_PICK    $name) ARCHIVE='$(use_option "$(archive_path "$name")")' ;;
" ;;
  esac
done
ROOT_ARCHIVE=""
case " ${ARCHIVES[*]} " in *" root "*) ROOT_ARCHIVE="$(use_option "$(archive_path root)")" ;; esac

# --- launcher ------------------------------------------------------------------------------------------------------
LAUNCHER_TMP="$(mktemp "$BIN/.p21mon.XXXXXX")"
cat >"$LAUNCHER_TMP" <<EOF
#!/bin/sh
# p21mon launcher, written by install.sh from $SRC
# JDK $JDK_VERSION; extra JVM options may be given in P21MON_JAVA_OPTS (e.g. -Xmx1g for a big 'audit' job).
# Short commands run with C1 only (C2's compiler threads cost a 2-core host ~0.1 s on a 'health' run); long ones
# (the exporter, audit batch jobs) keep tiered compilation, which doubles their throughput. 'audit query' is short:
# its index reads a few records (C1 takes a third less CPU); a scan the index cannot narrow (--grep) is ~20% slower.
JIT='$SHORT_OPTS'
for a in "\$@"; do
  case "\$a" in serve|import|verify|export|prune|report) JIT= ;; esac
done
# the class-data archive of the command named (the first word that is not an option or an option's value), or of
# the command and the word after it where that subcommand has its own
COMMAND=
SUBCOMMAND=
SKIP=
for a in "\$@"; do
  if [ -n "\$SKIP" ]; then SKIP=; continue; fi
  case "\$a" in
    -c|--config|--state-dir|-o|--output) SKIP=1 ;;
    -*) ;;
    *) if [ -n "\$COMMAND" ]; then SUBCOMMAND=\$a; break; fi; COMMAND=\$a ;;
  esac
done
ARCHIVE='$ROOT_ARCHIVE'
case "\$COMMAND" in
$ARCHIVE_PICK    *) ;;
esac
case "\$COMMAND \$SUBCOMMAND" in
$SUB_ARCHIVE_PICK    *) ;;
esac
# the exporter ('metrics serve'): small and steady, see install.sh
if [ "\$COMMAND" = metrics ]; then
  for a in "\$@"; do
    if [ "\$a" = serve ]; then JIT='$SERVE_OPTS'; ARCHIVE=; fi
  done
fi
# -cp and the main class rather than -jar: -jar opens the 15,000-entry jar once more only to read its manifest
# (~10 ms of every run, --version included)
exec '$JAVA' $JVM_OPTS \$JIT \${ARCHIVE:+"\$ARCHIVE"} '-Dp21mon.docs=$DOC_DIR' \${P21MON_JAVA_OPTS:-} -cp '$LIB/p21mon.jar' io.perfect21.p21mon.cli.P21mon "\$@"
EOF
chmod 755 "$LAUNCHER_TMP"
mv -f -- "$LAUNCHER_TMP" "$BIN/p21mon"
NEW_ENTRIES+=("f $BIN/p21mon")

# --- manifest: remove what an older install had and this one does not ----------------------------------------------
NEW_ENTRIES+=("f $MANIFEST")
while IFS=' ' read -r kind path; do
  [ "$kind" = f ] || continue
  if ! printf '%s\n' "${NEW_ENTRIES[@]}" | grep -qxF "f $path"; then
    rm -f -- "$path"
  fi
done <<<"$OLD_ENTRIES"
printf '%s\n' "${NEW_ENTRIES[@]}" | awk '!seen[$0]++' >"$MANIFEST.tmp"
mv -f -- "$MANIFEST.tmp" "$MANIFEST"

say "installed $BIN/p21mon (jar, class-data archives: ${ARCHIVES[*]:-none}, bash, zsh and fish completions, man pages, docs in $DOC_DIR)"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) say "note: $BIN is not on your PATH; add it, e.g.: echo 'export PATH=\"$BIN:\$PATH\"' >> ~/.bashrc" ;;
esac
case "$PREFIX" in
  "$HOME/.local") ;;
  *) say "note: for completions, bash-completion reads $PREFIX/share only if it is in XDG_DATA_DIRS; zsh needs fpath+=($ZSH_COMP_DIR)"
     say "note: for 'man p21mon', man finds $PREFIX/share/man when $BIN is on PATH, else add it to MANPATH" ;;
esac

# --- end by running the installed command --------------------------------------------------------------------------
if "$BIN/p21mon" help health >/dev/null 2>&1; then
  say "running: p21mon health"
  set +e
  "$BIN/p21mon" health
  rc=$?
  set -e
  case "$rc" in
    0) say "p21mon health: OK" ;;
    1) say "p21mon health: degraded (exit 1); installed fine" ;;
    2) say "p21mon health: unhealthy (exit 2); installed fine" ;;
    3) say "p21mon health: unknown (exit 3); installed fine" ;;
    *) die "the installed p21mon failed to run (exit $rc)" ;;
  esac
else
  "$BIN/p21mon" --version || die "the installed p21mon failed to run"
fi
