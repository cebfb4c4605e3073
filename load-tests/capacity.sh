#!/usr/bin/env bash
# The capacity step-up of docs/benchmarks.md ("Capacity"): runs one simulation at rising
# arrival rates against a running local stack and stops at the first step that does not
# hold (p99 over 100 ms or more than 0.1 % errors, as Gatling's assertions judge it),
# printing for each step the throughput, p50/p99, the error mix and the CPU each
# component used. Not a test: run it on a quiet machine, the stack started for load:
#
#   ./statewise --fresh --spring.profiles.active=load            # or add --stack.session-mode=memory
#   load-tests/capacity.sh MixedSimulation 20 40 60 80 100 120 160 200
#
# Arguments: the simulation (MixedSimulation or CartSimulation), then the rates to try
# (users arriving per second). Environment: STEP_SECONDS (default 60) per step,
# WARMUP_SECONDS (default 60) at the first rate before measuring (the full JIT needs it),
# CONTROL (default http://127.0.0.1:9000), and any -D option in EXTRA, e.g.
# EXTRA="-Dload.baseUrl=http://127.0.0.1:8080 -Dload.thinkTime=0".
#
# Which requests the 100 ms limit judges: every one but those EXEMPT names (a regex over
# Gatling's "group / request" names; default: the account and checkout groups). A sign-up
# or log-in hashes a password with BCrypt, whose cost is the point (~100-200 ms of CPU
# here at any load), and a checkout is two transactions and a call to inventory (about
# 100 ms at low load: the price-of-each-hop issue); held to 100 ms, no rate would ever
# hold. Their p99 is printed at every step all the same, and their errors always count.
# EXEMPT= judges every request.
set -euo pipefail
cd "$(dirname "$0")/.."

simulation="${1:?usage: load-tests/capacity.sh MixedSimulation|CartSimulation RATE...}"
shift
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(20 40 60 80 100 120 160 200)
step="${STEP_SECONDS:-60}"
warmup="${WARMUP_SECONDS:-60}"
control="${CONTROL:-http://127.0.0.1:9000}"
exempt="${EXEMPT-account / |checkout / }"
out="load-tests/target/capacity-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

# name pid, one line per component of the running stack
components() {
  curl -fsS "$control/components" | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    if c.get("pid"):
        print(c["name"], c["pid"])'
}

descendants() {
  local p
  for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done
}

# CPU seconds (user + system) of a process and its descendants (PostgreSQL's backends);
# fields after the command name, which may hold spaces
cpu_of_tree() {
  local total=0 p
  for p in "$1" $(descendants "$1"); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "scale=1; $total / $(getconf CLK_TCK)" | bc
}

snapshot() {
  components | while read -r name pid; do echo "$name $(cpu_of_tree "$pid")"; done
}

run() { # rate seconds log
  ./mvnw -o -q -B -pl load-tests gatling:test "-Dgatling.simulationClass=io.statewise.load.$simulation" \
    "-Dload.rate=$1" "-Dload.ramp=10" "-Dload.duration=$2" \
    -Dload.p99=100 -Dload.p95=100 -Dload.maxErrorPercent=0.1 -Dload.maxRateLimitedPercent=0 \
    ${EXTRA:-} >"$3" 2>&1
}

# held: every assertion Gatling printed holds, but the latency limits of the EXEMPT
# requests; and the invariants were checked and hold
judge() {
  local broken
  broken=$(grep -a -E ' : false \(actual' "$1" \
    | grep -v -E "^(${exempt:-^$}).*percentile of response time" || true)
  if [ -n "$broken" ] || ! grep -a -q '^load: invariants hold' "$1"; then
    echo FAILED
    [ -z "$broken" ] || printf '%s\n' "$broken" | sed 's/^/   broken: /' >&2
  else
    echo held
  fi
}

./mvnw -o -q -B -pl load-tests compile
echo "warm-up: $simulation at ${rates[0]}/s for ${warmup}s (not measured)"
run "${rates[0]}" "$warmup" "$out/warmup.log" || true

for rate in "${rates[@]}"; do
  snapshot >"$out/cpu-before-$rate.txt"
  started=$(date +%s)
  run "$rate" "$step" "$out/rate-$rate.log" || true
  verdict=$(judge "$out/rate-$rate.log")
  elapsed=$(( $(date +%s) - started ))
  snapshot >"$out/cpu-after-$rate.txt"
  echo "== $simulation at $rate users/s: $verdict (log: $out/rate-$rate.log)"
  grep -a -E '> (request count|mean throughput|response time (50th|99th) percentile)' "$out/rate-$rate.log" | head -4 || true
  grep -a -E '^> .*\([0-9.]+%\)$' "$out/rate-$rate.log" | grep -v -E '> (OK|KO)' | head -5 || true
  grep -E '^load: ' "$out/rate-$rate.log" || true
  worst=$(grep -a -E ': 99th percentile of response time' "$out/rate-$rate.log" \
    | grep -v -E "^(${exempt:-^$})" | sed -E 's/.*actual : ([0-9.]+)\)$/\1/' | sort -n | tail -1)
  echo "   p99 of the judged requests, the worst: ${worst:-?} ms"
  [ -z "$exempt" ] || grep -a -E "^(${exempt}).*: 99th percentile" "$out/rate-$rate.log" \
    | sed -E 's/: 99th percentile of response time is less than or equal to [0-9.]+ : (true|false) \(actual : ([0-9.]+)\)/ p99 \2 ms (exempt)/; s/^/   /' || true
  echo "   CPU seconds per component over ${elapsed}s:"
  join <(sort "$out/cpu-before-$rate.txt") <(sort "$out/cpu-after-$rate.txt") \
    | awk '{printf "   %-22s %8.1f\n", $1, $3 - $2}' | sort -k2 -n -r
  if [ "$verdict" != held ]; then
    [ -n "${last_held:-}" ] && echo "the highest rate that held: $last_held users/s" || echo "no rate held; try lower ones"
    exit 0
  fi
  last_held=$rate
done
echo "every rate held; try higher ones"
