#!/usr/bin/env bash
# Start-up benchmark of the field product (issue 6, item 9). Starts the materialised product with its own
# doorstep.sh, RUNS times per variant, the variants taking turns round by round, all under one display:
#   bare     the product's bundles with a bare e4 model, one empty window (-applicationXMI org.doorstep.ui/bare.e4xmi)
#   fresh    the product on a fresh data folder (the officer's first screen is the set-up screen)
#   vault    the product on a laptop set up with doorstep-cli.sh setup (the first screen is the unlock screen)
# The start-up probe in org.doorstep.ui (org.doorstep.ui.internal.probe.StartupProbe, on with
# -Ddoorstep.startupProbe=FILE) writes the JVM's uptime at the first paint of the first screen (or of the bare
# window), then the used heap after GC, and closes the workbench. Each variant keeps its Equinox configuration
# area between runs, as a laptop does; a first round, printed apart, starts with none (the very first start).
#   scripts/bench-startup.sh [RUNS]      default 5; needs a built product ('./doorstep run' or './mvnw verify')
# Without DISPLAY it starts Xvfb on a free display and stops it at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
product=${DOORSTEP_PRODUCT:-$root/product/target/products/org.doorstep.field/linux/gtk/x86_64/doorstep}
runs=${1:-5}
patience=${DOORSTEP_BENCH_SECONDS:-120}
variants=(bare fresh vault)

die() { echo "bench-startup: $*" >&2; exit 1; }
[ -x "$product/doorstep.sh" ] || die "no product at $product; build it first (./doorstep run, or ./mvnw -o -DskipTests verify)"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$runs'"
. "$product/find-jdk.sh"
java=$(doorstep_find_java 21) || die "needs Java 21 or newer"
JAVA_HOME=$(cd "$(dirname "$java")/.." && pwd)
export JAVA_HOME

work=$(mktemp -d /tmp/bench-startup.XXXXXX)
xvfb_pid=""
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 130 160); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 50); do
      [ -e "/tmp/.X11-unix/X$n" ] && { export DISPLAY=":$n"; break 2; }
      sleep 0.1
    done
    kill "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
  done
  [ -n "${DISPLAY:-}" ] || die "could not start Xvfb"
fi

# the set-up laptop, made once with the command line; each run of 'vault' starts from a copy of it. The
# product's doorstep-cli.sh first; until the laptop sync service is in the product it cannot start, and then
# the source tree's './doorstep cli' (every module on its class path; it builds first if sources changed).
pristine="$work/pristine-vault"
passphrase="bench-startup $(date +%s%N)"
setup_vault() {
  DOORSTEP_PASSPHRASE="$passphrase" "$@" setup --data "$pristine" --device BENCH-01 --suite intl \
    --officer J10023 --name 王警官 >"$work/setup.log" 2>&1
}
if ! setup_vault "$product/doorstep-cli.sh"; then
  rm -rf "$pristine"
  setup_vault "$root/doorstep" cli || { cat "$work/setup.log" >&2; die "setting up the vault failed"; }
fi

prepare() { # VARIANT: empties the variant's data folder except its configuration area
  local data="$work/data-$1"
  mkdir -p "$data"
  find "$data" -mindepth 1 -maxdepth 1 ! -name configuration -exec rm -rf {} +
  if [ "$1" = vault ]; then cp -a "$pristine/." "$data/"; fi
}

start_once() { # VARIANT RESULTFILE: one start, figures into RESULTFILE as "paint heap launchToPaint"
  local variant=$1 result=$2 data="$work/data-$1" probe="$work/probe-$1.txt" launched args=()
  prepare "$variant"
  rm -f "$probe"
  [ "$variant" = bare ] && args=(-applicationXMI org.doorstep.ui/bare.e4xmi)
  launched=$(date +%s%3N)
  JAVA_TOOL_OPTIONS="-Ddoorstep.startupProbe=$probe" "$product/doorstep.sh" --data "$data" ${args[@]+"${args[@]}"} \
    >"$work/console-$variant.log" 2>&1 &
  pid=$!
  local deadline=$(( $(date +%s) + patience ))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      kill "$pid" 2>/dev/null || true
      cat "$work/console-$variant.log" >&2
      die "$variant: no first paint within ${patience}s"
    fi
    sleep 0.1
  done
  wait "$pid" || true
  pid=""
  [ -s "$probe" ] || { cat "$work/console-$variant.log" >&2; die "$variant: the product exited without writing $probe"; }
  local paint heap start
  paint=$(sed -n 's/^firstPaintMs=//p' "$probe")
  heap=$(sed -n 's/^heapUsedAfterGcBytes=//p' "$probe")
  start=$(sed -n 's/^jvmStartEpochMs=//p' "$probe")
  echo "$paint $heap $(( start + paint - launched ))" >>"$result"
  printf '  %-6s first paint %5d ms after JVM start (%s), %5d ms after launching doorstep.sh, heap %5.1f MiB\n' \
    "$variant" "$paint" "$(sed -n 's/^target=//p' "$probe")" "$(( start + paint - launched ))" \
    "$(awk -v b="$heap" 'BEGIN { print b / 1048576 }')"
}

# median and spread of column COL of FILE
stats() {
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s\n", m, v[1], v[NR] }'
}

echo "bench-startup: $product on $DISPLAY; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first start of each variant (no configuration area yet), not counted:"
for v in "${variants[@]}"; do start_once "$v" "$work/cold-$v"; done
for r in $(seq 1 "$runs"); do
  echo "round $r of $runs:"
  for v in "${variants[@]}"; do start_once "$v" "$work/runs-$v"; done
done

read -r bare_median _ _ < <(stats "$work/runs-bare" 1)
echo
echo "JVM start -> first paint, $runs runs per variant (median, min-max); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-44s | %-16s | %-9s | %-20s | %-14s |\n' "variant" "first paint, ms" "vs bare" "launch -> paint, ms" "heap after GC"
for v in "${variants[@]}"; do
  read -r pm plo phi < <(stats "$work/runs-$v" 1)
  read -r hm _ _ < <(stats "$work/runs-$v" 2)
  read -r lm llo lhi < <(stats "$work/runs-$v" 3)
  case $v in
    bare) what="bare e4 window (baseline)" ;;
    fresh) what="product, fresh data folder (set-up screen)" ;;
    vault) what="product, set-up laptop (unlock screen)" ;;
  esac
  printf '| %-44s | %5.0f (%s-%s) | %8.2fx | %6.0f (%s-%s) | %7.1f MiB |\n' "$what" "$pm" "$plo" "$phi" \
    "$(awk -v a="$pm" -v b="$bare_median" 'BEGIN { print a / b }')" "$lm" "$llo" "$lhi" \
    "$(awk -v b="$hm" 'BEGIN { print b / 1048576 }')"
done
