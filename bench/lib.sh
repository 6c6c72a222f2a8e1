# Shared by the bench scripts: `source bench/lib.sh` after cd-ing to the repository root.

# Sets java_bin to the newest JDK 21+ among $JAVA_HOME and /usr/lib/jvm/*, or stops the script.
# The benchmarks run outside Maven, so the toolchains plugin's choice does not reach them.
find_java() {
  java_bin=""
  local best=0 candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best" ]; then
      java_bin="$candidate/bin/java"
      best=$major
    fi
  done
  [ -n "$java_bin" ] || { echo "no JDK 21+ found" >&2; exit 1; }
}
