#!/usr/bin/env bash
# routing.sh - ACD matching-engine benchmark (issue 8), JMH underneath (module bench/jmh).
#
#   10 000 agents (4 random skills each), 200 skills / queues, 50 000 waiting tasks. One operation: an
#   agent completes a call, the engine picks and offers the best waiting task among that agent's queues,
#   the agent accepts, and a new call arrives in that queue (a skill-index search that finds no free agent
#   and queues it), so the backlog stays at 50 000. Reports the operation's latency p50/p99 (JMH SampleTime),
#   throughput (JMH Throughput), and heap per waiting task (heap delta for 50 000 tasks after full GCs).
#   The machine may be shared: the load average is printed before and after.
#
# usage: bench/routing.sh [--quick]     (--quick: 1 warm-up and 2 measurement iterations, for a smoke run)
# Last line: routing_p99=<microseconds> us
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
iters=(-wi 3 -w 3s -i 5 -r 3s)
case "${1:-}" in
  --quick) iters=(-wi 1 -w 2s -i 2 -r 2s) ;;
  "") ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "routing.sh: unknown option $1" >&2; exit 2 ;;
esac
cd "$repo"
echo "# routing.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))  load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== build (mvn -pl bench/jmh -am package -DskipTests)"
mvn -B -ntp -q -pl bench/jmh -am package -DskipTests
jar="$repo/bench/jmh/target/benchmarks.jar"
out="$repo/bench/jmh/target"

echo "== memory per waiting task"
java -Xmx1g -cp "$jar" io.switchboard.bench.routing.RoutingMemory 2>/dev/null | sed 's/^/   /'

echo "== decision latency (JMH SampleTime, 1 fork, ${iters[*]})"
java -jar "$jar" RoutingBenchmark -bm sample -tu us "${iters[@]}" -rf json -rff "$out/routing-sample.json" \
  > "$out/routing-sample.log" 2>&1 || { tail -30 "$out/routing-sample.log"; exit 1; }
grep -E '^(# Warmup Iteration|Iteration)' "$out/routing-sample.log" | sed 's/^/   /'

echo "== throughput (JMH Throughput, 1 fork, ${iters[*]})"
java -jar "$jar" RoutingBenchmark -bm thrpt -tu s "${iters[@]}" -rf json -rff "$out/routing-thrpt.json" \
  > "$out/routing-thrpt.log" 2>&1 || { tail -30 "$out/routing-thrpt.log"; exit 1; }
grep -E '^(# Warmup Iteration|Iteration)' "$out/routing-thrpt.log" | sed 's/^/   /'

pct() { jq -r --arg p "$1" '.[0].primaryMetric.scorePercentiles[$p] | . * 10 | round / 10' "$out/routing-sample.json"; }
p50=$(pct 50.0); p90=$(pct 90.0); p99=$(pct 99.0); p999=$(pct 99.9)
ops=$(jq -r '.[0].primaryMetric.score | round' "$out/routing-thrpt.json")
echo "== results (10k agents, 200 skills, 50k waiting; load now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "   latency per operation: p50=${p50} us  p90=${p90} us  p99=${p99} us  p99.9=${p999} us"
echo "   throughput: ${ops} operations/s (each: 1 completion + 2 decisions + 1 accept + 1 arrival)"
echo "routing_p99=${p99} us"
