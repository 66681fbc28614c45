#!/usr/bin/env bash
# messages.sh - text channel benchmark (issue #9): WeChat webhooks through verify (signature) -> parse ->
# durable store (dedup index) -> per-conversation ordered processing, on the embedded H2 file database and on
# a throw-away PostgreSQL cluster. Latency is measured from the webhook's arrival to the conversation handler's
# notification (where the app starts the bot / notifies the agent). Client threads behave like webhook
# connections: each waits for its message to be durable before sending the next. (channels MessagesBenchmark)
#
# Last line: the headline on H2 (or on the one --db chosen), e.g. messages=2500 msg/s p99=30 ms
# --jfr FILE records a Java Flight Recorder profile of the run. Before each database's measured run, --warmup N
# messages (default 5000) go through the same path on a throw-away database of that kind, not measured, so
# that the measured run is not the one the JIT compiles on.
#
# usage: bench/messages.sh [--count N] [--threads T] [--warmup N] [--db h2|postgresql] [--jfr FILE]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
count=20000; threads=16; warmup=5000; db=""; jfr=()
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --jfr) jfr=("-DargLine=-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$(realpath -m "$2"),settings=profile"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "messages.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$repo" || exit 3
echo "# messages.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))  load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p channels/target
rm -f channels/target/messages-bench.txt
mvn -B -ntp -o -q -pl channels -am test -Dtest=MessagesBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dmessages.bench=true \
    -Dmessages.bench.count="$count" -Dmessages.bench.threads="$threads" -Dmessages.bench.warmup="$warmup" \
    -Dmessages.bench.db="$db" "${jfr[@]}" >"$repo/channels/target/bench-messages.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "   benchmark failed (exit $rc); log: channels/target/bench-messages.log"; tail -20 "$repo/channels/target/bench-messages.log"; }
rate=0; p99=0
if [ -f channels/target/messages-bench.txt ]; then
  sed 's/^/   /' channels/target/messages-bench.txt
  line=$(grep 'vendor=h2' channels/target/messages-bench.txt | tail -1)
  [ -n "$line" ] || line=$(tail -1 channels/target/messages-bench.txt)
  rate=$(echo "$line" | sed -n 's/.*msg_per_s=\([0-9]*\).*/\1/p')
  p99=$(echo "$line" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p')
fi
echo "messages=${rate:-0} msg/s p99=${p99:-0} ms"
