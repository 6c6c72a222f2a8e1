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

# Builds bench and the apps that a benchmark loads by name ($1, comma-separated modules), and
# writes each app's runtime class path to <app>/target/$2. bench may not depend on an app (the
# Enforcer rule), so the script asks Maven for the app's class path; it does so in the same reactor
# as the build, so the class path names the reactor's own jars and a clean clone works without
# anything installed in the local repository.
build_bench_with_apps() {
  ./mvnw -B -q -pl "$1,bench" -am package dependency:build-classpath -DskipTests \
    -Dmath.sheet.skip=true -Dmdep.includeScope=runtime -Dmdep.outputFile="target/$2"
}
