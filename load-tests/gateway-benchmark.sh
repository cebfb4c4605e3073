#!/usr/bin/env bash
# What the gateway costs: one backend endpoint asked through the gateway and directly, with
# the same load generator (wrk, keep-alive) and the same concurrency. Results for
# docs/benchmarks.md ("gateway: what the door costs").
#
# The lab measures the same on a fresh stack with only a JDK (./lab --experiments=E7,
# docs/lab.md), with each gateway feature off in turn; this script stays as its wrk-based
# cross-check: wrk is a C load generator that takes far less CPU per request than the lab's
# Java client, which matters when everything shares two cores. A feature is switched off
# here with the same gateway argument, e.g. a BENCH_VARIANTS_FILE line
# "rate limit off||--statewise.gateway.filters-off=rate-limit".
#
# Needs the local stack on its default ports (./statewise, in another terminal) and wrk
# (apt-get install wrk). Starts its own gateway on 8090 (management 9090) for each variant:
#   - routed to inventory-service-1 only, so both paths reach the same backend instance;
#   - rate limits raised out of the way: the limiter still runs (a local bucket, or one
#     Redis call per request with --statewise.gateway.rate-limit.mode=exact) but never
#     answers 429.
# A variant is a label, JVM options and gateway arguments; the default list is below, and
# BENCH_VARIANTS_FILE names a file of "label|jvm options|arguments" lines to run instead.
# Direct and gateway runs alternate (a backend measured after a hot run of the other
# kind reads low), and each figure is the mean of BENCH_ROUNDS rounds. BENCH_JAR names
# another gateway jar (e.g. a copy built from an earlier commit, to compare).
#
#   load-tests/gateway-benchmark.sh
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java load-tests/gateway-benchmark.sh
set -euo pipefail -o noglob
cd "$(dirname "$0")/.."

JAVA="${BENCH_JAVA:-java}"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-2}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-360}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
ENDPOINT="${BENCH_PATH:-/api/catalog/products/TEA-001}"
DIRECT="http://127.0.0.1:8081${ENDPOINT}"
THROUGH="http://127.0.0.1:8090${ENDPOINT}"
JAR="${BENCH_JAR:-gateway/target/gateway.jar}"

DEFAULT_VARIANTS="as configured||
exact rate limits (a Redis script per request)||--statewise.gateway.rate-limit.mode=exact
tracing: 10 % of requests sampled||--management.tracing.sampling.probability=0.1"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[[ -f "$JAR" ]] || { echo "no $JAR: ./mvnw -DskipTests package first" >&2; exit 1; }
curl -fsS -o /dev/null "$DIRECT" || { echo "inventory-service-1 does not answer $DIRECT: start ./statewise" >&2; exit 1; }

gateway_pid=""
stop_gateway() {
  if [[ -n "$gateway_pid" ]]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
    gateway_pid=""
  fi
}
trap stop_gateway EXIT

start_gateway() { # jvm options, arguments
  # shellcheck disable=SC2086
  STATEWISE_INVENTORY_INSTANCES="http://127.0.0.1:8081?management-port=9081" \
  STATEWISE_RATE_LIMIT_INVENTORY_SERVICE_PER_SECOND=10000000 \
  STATEWISE_RATE_LIMIT_INVENTORY_SERVICE_BURST=20000000 \
    "$JAVA" $1 -jar "$JAR" --server.port=8090 --management.server.port=9090 \
      --statewise.instance-id=gateway-benchmark $2 >/tmp/gateway-benchmark.log 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$THROUGH" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "the benchmark gateway did not answer within 120 s; see /tmp/gateway-benchmark.log" >&2
  exit 1
}

cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

micros() { # a wrk duration (850.00us, 1.20ms, 1.01s) in microseconds
  awk -v d="$1" 'BEGIN {
    v = d + 0
    if (d ~ /us$/) m = 1; else if (d ~ /ms$/) m = 1000; else if (d ~ /s$/) m = 1000000; else m = 1
    printf "%.0f", v * m }'
}

# one wrk run: prints "requests/s p50-µs p99-µs requests"
load() { # url, connections
  local out
  out=$(wrk --latency -t1 -c"$2" -d"${SECONDS_PER_RUN}s" "$1")
  if grep -q "Non-2xx" <<<"$out"; then
    echo "non-2xx answers from $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  local rps p50 p99 total
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(micros "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(micros "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  total=$(awk '/requests in/ { print $1 }' <<<"$out")
  echo "$rps $p50 $p99 $total"
}

mean() { awk '{ s += $1 } END { printf "%.0f", s / NR }'; }

tick_micros=$((1000000 / $(getconf CLK_TCK)))
"$JAVA" -version 2>&1 | head -1 >&2
echo >&2
echo "| variant | direct req/s (c=$CONNECTIONS) | gateway req/s | gateway ÷ direct | direct p99 ms | gateway p99 ms | direct p50 µs (c=1) | gateway p50 µs (c=1) | added p50 µs | gateway CPU µs/request |"
echo "|---|---|---|---|---|---|---|---|---|---|"
while IFS='|' read -r label jvm_options arguments; do
  [[ -z "$label" ]] && continue
  echo "variant: $label" >&2
  start_gateway "$jvm_options" "$arguments"
  # warm-up (JIT, connection pools), gently first: a cold JVM at full concurrency times
  # out. The gateway's reactive call graph needs long: profiled, C2 took 21-30 % of the
  # gateway's CPU in minutes 1-4 under load, 3 % in minute 5, under 1 % from minute 6.
  wrk -t1 -c4 -d10s "$THROUGH" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" "$THROUGH" >/dev/null
  wrk -t1 -c"$CONNECTIONS" -d30s "$DIRECT" >/dev/null
  rows=""
  for _ in $(seq 1 "$ROUNDS"); do
    read -r d_rps _ d_p99 _ < <(load "$DIRECT" "$CONNECTIONS")
    before=$(cpu_ticks "$gateway_pid")
    read -r g_rps _ g_p99 g_total < <(load "$THROUGH" "$CONNECTIONS")
    cpu=$(( ($(cpu_ticks "$gateway_pid") - before) * tick_micros ))
    read -r _ d_p50 _ _ < <(load "$DIRECT" 1)
    read -r _ g_p50 _ _ < <(load "$THROUGH" 1)
    rows+="$d_rps $g_rps $d_p99 $g_p99 $d_p50 $g_p50 $((cpu / g_total))"$'\n'
  done
  stop_gateway
  col() { awk -v c="$1" 'NF { print $c }' <<<"$rows" | mean; }
  d_rps=$(col 1); g_rps=$(col 2); d_p50=$(col 5); g_p50=$(col 6)
  printf "| %s | %s | %s | %.2f | %.1f | %.1f | %s | %s | %s | %s |\n" "$label" "$d_rps" "$g_rps" \
    "$(awk -v g="$g_rps" -v d="$d_rps" 'BEGIN { print g / d }')" \
    "$(awk -v v="$(col 3)" 'BEGIN { print v / 1000 }')" "$(awk -v v="$(col 4)" 'BEGIN { print v / 1000 }')" \
    "$d_p50" "$g_p50" "$((g_p50 - d_p50))" "$(col 7)"
done < <(if [[ -n "${BENCH_VARIANTS_FILE:-}" ]]; then cat "$BENCH_VARIANTS_FILE"; else echo "$DEFAULT_VARIANTS"; fi)
