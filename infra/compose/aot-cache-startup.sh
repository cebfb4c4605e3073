#!/usr/bin/env bash
# What the Dockerfiles' JDK 25 AOT cache buys at start-up (docs/deploy.md, "The AOT cache"),
# measured outside Docker the way the image runs: Spring Boot's extracted layers, a training
# run that refreshes the context and exits (-Dspring.context.exit=onRefresh, no datastore
# needed), then RUNS starts with and without the cache, alternating, each timed from the
# JVM's launch to its exit after the context refreshed (Boot's "Started ... in" line comes
# after the refresh, so it is never printed here). Prints each and the medians. Not a test.
#
#   ./mvnw -pl gateway -am -DskipTests package
#   infra/compose/aot-cache-startup.sh gateway            # or session-service, order-service, inventory-service
#
# Environment: JAVA (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java: the JDK of the
# images), RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
service="${1:?usage: infra/compose/aot-cache-startup.sh gateway|session-service|order-service|inventory-service}"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
runs="${RUNS:-5}"
jar="$service/target/$service.jar"
[ -f "$jar" ] || { echo "no $jar: ./mvnw -pl $service -am -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$jar" "$work/app.jar"
(cd "$work" && "$java" -Djarmode=tools -jar app.jar extract --layers --destination extracted >/dev/null)
app="$work/app"
mkdir -p "$app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$work/extracted/$layer/." "$app/"
done
# as the image: Flyway off, the context refreshed and left
start() { # extra JVM options...; prints the seconds from launch to exit
  local t0 t1
  t0=$(date +%s%N)
  (cd "$app" && "$java" "$@" -Dspring.context.exit=onRefresh -jar app.jar --spring.flyway.enabled=false \
    --server.port=0 --management.server.port=0 >"$work/last.log" 2>&1) || { tail -5 "$work/last.log" >&2; return 1; }
  t1=$(date +%s%N)
  echo "scale=2; ($t1 - $t0) / 1000000000" | bc
}
echo "training run ($java)..."
start -XX:AOTCacheOutput="$app/app.aot" >/dev/null
echo "cache: $(du -m "$app/app.aot" | cut -f1) MB"
with=() without=()
for i in $(seq 1 "$runs"); do
  w=$(start -XX:AOTCache="$app/app.aot"); o=$(start)
  echo "run $i: with the cache ${w:-?} s, without ${o:-?} s"
  with+=("${w:-999}"); without+=("${o:-999}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median: with the cache $(median "${with[@]}") s, without $(median "${without[@]}") s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
