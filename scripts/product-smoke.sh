#!/usr/bin/env bash
# Starts a materialised product exactly as a user would (its own start script, a fresh data folder),
# waits until its main window is mapped on the display, checks that the product logged no error, and
# stops it. Run by the product module's integration-test phase for the field product (doorstep.sh) and
# the HQ console (doorstep-hq-console.sh, which shows its sign-in window); needs DISPLAY.
#   scripts/product-smoke.sh PRODUCT_DIR [START_SCRIPT]
set -euo pipefail
product=${1:?usage: product-smoke.sh PRODUCT_DIR [START_SCRIPT]}
script=${2:-doorstep.sh}
title="Doorstep"
patience=${DOORSTEP_SMOKE_SECONDS:-90}

[ -x "$product/$script" ] || { echo "product smoke: no start script at $product/$script" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "product smoke: needs a display; run './doorstep test', which starts Xvfb" >&2; exit 1; }
command -v xwininfo >/dev/null || { echo "product smoke: xwininfo missing (Debian package x11-utils)" >&2; exit 1; }

data=$(mktemp -d)
log="$data/console.log"
cleanup() {
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

start=$(date +%s%N)
"$product/$script" --data "$data" >"$log" 2>&1 &
pid=$!

window=""
deadline=$(( $(date +%s) + patience ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "product smoke: the product exited before showing its window. Its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  for id in $(xwininfo -root -tree 2>/dev/null | grep -F "\"$title" | awk '{print $1}'); do
    if xwininfo -id "$id" 2>/dev/null | grep -q "Map State: IsViewable"; then window=$id; break; fi
  done
  [ -n "$window" ] && break
  sleep 0.2
done
if [ -z "$window" ]; then
  echo "product smoke: no '$title' window within ${patience}s. Output:" >&2
  cat "$log" >&2
  exit 1
fi
seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
geometry=$(xwininfo -id "$window" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w "x" h}')

# give the workbench a moment to finish rendering, then look for logged errors
sleep 2
errors=$(grep -c '^!ENTRY .* 4 ' "$data/workspace/.metadata/.log" 2>/dev/null || true)
if [ "${errors:-0}" -gt 0 ]; then
  echo "product smoke: the product logged $errors error(s):" >&2
  cat "$data/workspace/.metadata/.log" >&2
  exit 1
fi
kill -0 "$pid" 2>/dev/null || { echo "product smoke: the product died after showing its window" >&2; cat "$log" >&2; exit 1; }
echo "product smoke: $script: main window $window ($geometry) shown ${seconds}s after start; no errors logged"
