# shellcheck shell=sh
# Finds a JDK (or JRE) of at least the given major version and prints its java command.
# Order: $JAVA_HOME, `java` on the PATH, then the usual install folders. Sourced by doorstep.sh in the
# product and by the developer script at the root of the source tree.

doorstep_java_major() {
  # prints the major version of the given java command, or nothing if it does not run
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}

doorstep_find_java() {
  need=$1
  for candidate in \
      ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
      "$(command -v java 2>/dev/null)" \
      /usr/lib/jvm/*/bin/java \
      /opt/java/*/bin/java /opt/jdk*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java \
      /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(doorstep_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}
