#!/usr/bin/env bash
# storage.sh - customer storage benchmark (issue #7): identity lookups/s (findByIdentity: normalise, one
# probe of the unique index) and interaction inserts/s (one transaction each), on the embedded H2 file
# database (the default install) and on a throw-away PostgreSQL cluster from the Debian package
# (fsync off), with as many client threads as pooled connections. (customer StorageBenchmark)
#
# Runs through Maven (surefire, gated by -Dstorage.bench=true). Every figure comes from this run; the
# machine may be shared, so its load is printed. Last line: the headline, storage_lookups=<N> lookups/s
# (H2, the default storage).
#
# usage: bench/storage.sh [--seconds S] [--customers N] [--threads T]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
seconds=5; customers=20000; threads=4
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --customers) customers="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "storage.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$repo" || exit 3
echo "# storage.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))  load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== seeding $customers customers, then $seconds s of lookups and $seconds s of inserts per database, $threads threads"
mkdir -p customer/target
rm -f customer/target/storage-bench.txt
mvn -B -ntp -q -pl customer -am test -Dtest=StorageBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dstorage.bench=true \
    -Dstorage.bench.seconds="$seconds" -Dstorage.bench.customers="$customers" -Dstorage.bench.threads="$threads" \
    >"$repo/customer/target/bench-storage.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "   benchmark failed (exit $rc); log: customer/target/bench-storage.log"; tail -20 "$repo/customer/target/bench-storage.log"; }
best=0
if [ -f customer/target/storage-bench.txt ]; then
  sed 's/^/   /' customer/target/storage-bench.txt
  best=$(awk '/^storage_bench_result vendor=h2/ { for (i = 1; i <= NF; i++) if ($i ~ /^lookups_per_s=/) { split($i, a, "="); print a[2] } }' \
    customer/target/storage-bench.txt | tail -1)
fi
echo "storage_lookups=${best:-0} lookups/s"
