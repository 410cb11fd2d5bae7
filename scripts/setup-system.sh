#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when something is missing.
# Idempotent: a second run with everything present does nothing and needs no network.
set -euo pipefail

# package -> a file or command whose presence proves it is installed
declare -A probe=(
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  [libgtk-3-0]=/usr/share/doc/libgtk-3-0
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto
  [mosquitto]=/usr/sbin/mosquitto
  [openssl]=/usr/bin/openssl
  [procps]=/usr/bin/pkill
  [x11-utils]=/usr/bin/xwininfo
)

missing=()
for pkg in "${!probe[@]}"; do
  [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "doorstep: these system packages are missing and this is not a Debian system: ${missing[*]}" >&2
  echo "doorstep: install them with your package manager and run the command again." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "doorstep: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "doorstep: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a system-wide mosquitto on port 1883 after install; tests start their own brokers on
# free ports and must not depend on, or collide with, a system one.
if command -v systemctl >/dev/null 2>&1; then $sudo systemctl disable --now mosquitto >/dev/null 2>&1 || true; fi
