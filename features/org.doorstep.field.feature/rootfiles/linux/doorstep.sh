#!/bin/sh
# Starts the Doorstep field product. Needs a Java runtime >= 21 (found through JAVA_HOME, the PATH or the
# usual install folders). Options:
#   --lang zh_CN|en      user-interface language (default: zh_CN, Simplified Chinese)
#   --data DIR           where the product keeps its data (default: $DOORSTEP_DATA or ~/.doorstep)
# Anything else is passed to the application.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-jdk.sh"

lang=${DOORSTEP_LANG:-zh_CN}
data=${DOORSTEP_DATA:-$HOME/.doorstep}
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) lang=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    *) break ;;
  esac
done

if ! java=$(doorstep_find_java 21); then
  echo "Doorstep needs Java 21 or newer and found none." >&2
  echo "Install a JDK 21+ (for example Temurin) or set JAVA_HOME to one, then start Doorstep again." >&2
  exit 1
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Doorstep is a desktop application and found no display (DISPLAY or WAYLAND_DISPLAY is not set)." >&2
  exit 1
fi

launcher=$(ls "$here"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
if [ -z "$launcher" ]; then
  echo "Doorstep is incomplete: no org.eclipse.equinox.launcher jar under $here/plugins." >&2
  exit 1
fi

mkdir -p "$data"
# JavaCPP unpacks OpenCV's natives (photo checks) on first use into org.bytedeco.javacpp.cachedir, by default
# ~/.javacpp/cache: keep them in the data folder with everything else the product writes.
exec "$java" -Xmx1g \
  --enable-native-access=ALL-UNNAMED \
  -Dosgi.requiredJavaVersion=21 \
  -Ddoorstep.data="$data" \
  -Dorg.bytedeco.javacpp.cachedir="$data/javacpp" \
  -jar "$launcher" \
  -configuration "$data/configuration" \
  -data "$data/workspace" \
  -nl "$lang" \
  "$@"
