#!/bin/sh
# Starts the Doorstep HQ console. Needs a Java runtime >= 21 (found through JAVA_HOME, the PATH or the usual
# install folders) and a display. Options:
#   --lang zh_CN|en      user-interface language (default: $DOORSTEP_LANG, else zh_CN, Simplified Chinese)
#   --hq-store URL       JDBC URL of HQ's store on the HQ service's Derby network server, such as
#                        jdbc:derby://127.0.0.1:1527//srv/hq/derby/hq (default: $DOORSTEP_HQ_DB, else the URL the local
#                        HQ writes to hq-admin.properties in its data folder)
#   --hq-data DIR        the local HQ's data folder to read that URL from (default: ./hq-data)
#   --data DIR           where the console keeps its own settings (default: $DOORSTEP_HQ_CONSOLE_DATA or
#                        ~/.doorstep-hq-console)
# Anything else is passed to the application.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-jdk.sh"

lang=${DOORSTEP_LANG:-zh_CN}
data=${DOORSTEP_HQ_CONSOLE_DATA:-$HOME/.doorstep-hq-console}
store=""
hqdata=""
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) lang=${2:?--lang needs zh_CN or en}; shift 2 ;;
    --hq-store) store=${2:?--hq-store needs a JDBC URL}; shift 2 ;;
    --hq-data) hqdata=${2:?--hq-data needs a folder}; shift 2 ;;
    --data) data=${2:?--data needs a folder}; shift 2 ;;
    *) break ;;
  esac
done
case "$lang" in
  en|zh_CN) ;;
  *) echo "Doorstep HQ console: --lang is zh_CN or en, not $lang" >&2; exit 2 ;;
esac

if ! java=$(doorstep_find_java 21); then
  echo "The Doorstep HQ console needs Java 21 or newer and found none." >&2
  echo "Install a JDK 21+ (for example Temurin) or set JAVA_HOME to one, then start it again." >&2
  exit 1
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "The Doorstep HQ console is a desktop application and found no display (DISPLAY or WAYLAND_DISPLAY is not set)." >&2
  echo "Without one, use the admin command line: ./doorstep hq-admin --help" >&2
  exit 1
fi

launcher=$(ls "$here"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
if [ -z "$launcher" ]; then
  echo "The Doorstep HQ console is incomplete: no org.eclipse.equinox.launcher jar under $here/plugins." >&2
  exit 1
fi

mkdir -p "$data"
if [ -n "$hqdata" ]; then
  hqdata=$(cd "$hqdata" 2>/dev/null && pwd || printf '%s' "$hqdata")
fi
exec "$java" -Xmx512m \
  --enable-native-access=ALL-UNNAMED \
  -Dosgi.requiredJavaVersion=21 \
  -Ddoorstep.hq.store="$store" \
  ${hqdata:+"-Ddoorstep.hq.data=$hqdata"} \
  -jar "$launcher" \
  -configuration "$data/configuration" \
  -data "$data/workspace" \
  -nl "$lang" \
  "$@"
