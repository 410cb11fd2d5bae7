#!/bin/sh
# Runs the Doorstep vault command line (support staff, automation) from the installed product:
#   doorstep-cli.sh status            doorstep-cli.sh --help       doorstep-cli.sh import --help
# Needs a Java runtime >= 21, found as doorstep.sh finds it. The data folder is --data DIR, else
# $DOORSTEP_DATA, else ~/.doorstep, as for doorstep.sh. Exit codes and passphrase handling: see --help.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find-jdk.sh"

if ! java=$(doorstep_find_java 21); then
  echo "doorstep: needs Java 21 or newer and found none; install a JDK 21+ (for example Temurin) or set JAVA_HOME to one" >&2
  exit 1
fi

# Bundles as the product lays them out: plugins/<symbolic name>_<version>.jar. Where several versions
# lie side by side, the last in name order is taken.
classpath=""
add_last() {
  found=""
  for candidate in "$here"/plugins/$1; do
    [ -e "$candidate" ] && found=$candidate
  done
  [ -n "$found" ] || return 1
  classpath="${classpath:+$classpath:}$found"
}
add_all() {
  added=1
  for candidate in "$here"/plugins/$1; do
    [ -e "$candidate" ] || continue
    classpath="${classpath:+$classpath:}$candidate"
    added=0
  done
  return $added
}
need() {
  what=$1
  shift
  for pattern in "$@"; do
    add_last "$pattern" && return 0
  done
  echo "doorstep: the product is incomplete: no $what jar under $here/plugins" >&2
  exit 1
}

need "Doorstep command line" 'org.doorstep.cli_*.jar'
need "Doorstep vault" 'org.doorstep.vault_*.jar'
need "Doorstep domain" 'org.doorstep.domain_*.jar'
# Derby as one bundle; until that bundle ships, the plain Derby jars
if ! add_last 'org.doorstep.derby_*.jar' && ! add_all 'derby*.jar'; then
  echo "doorstep: the product is incomplete: no Derby jar (org.doorstep.derby_*.jar) under $here/plugins" >&2
  exit 1
fi
need "Bouncy Castle" 'bcprov_*.jar' 'bcprov-jdk18on*.jar'
need "Jackson databind" 'com.fasterxml.jackson.core.jackson-databind_*.jar' 'jackson-databind*.jar'
need "Jackson core" 'com.fasterxml.jackson.core.jackson-core_*.jar' 'jackson-core*.jar'
need "Jackson annotations" 'com.fasterxml.jackson.core.jackson-annotations_*.jar' 'jackson-annotations*.jar'

need "Doorstep field layer" 'org.doorstep.fieldwork_*.jar'
need "Doorstep sync" 'offline-sync_*.jar'
need "Doorstep laptop sync service" 'org.doorstep.sync.vault_*.jar'
need "Bouncy Castle PKIX" 'bcpkix_*.jar'
need "Bouncy Castle utilities" 'bcutil_*.jar'
# the capture engines and their libraries (photo-check, finger-score, scans); OpenCV's natives are this
# platform's fragment, which JavaCPP finds on the class path like any resource
for bundle in org.doorstep.capture org.doorstep.photo org.doorstep.fingerprint org.doorstep.opencv org.doorstep.sourceafis it.unimi.dsi.fastutil com.google.gson org.apache.commons.commons-io slf4j.api slf4j.jdk14 com.fasterxml.jackson.dataformat.jackson-dataformat-cbor org.apache.pdfbox org.apache.pdfbox.io org.apache.pdfbox.fontbox org.apache.commons.commons-logging \
    org.doorstep.opencv.linux.x86_64; do
  add_last "${bundle}_*" || true
done

exec "$java" -Djava.awt.headless=true -cp "$classpath" org.doorstep.cli.VaultCli "$@"
