#!/usr/bin/env bash
# speech.sh - speech engine benchmarks (issue #5), on the real engines and models of the build.
#
#   1. TTS: MaryTTS cold start and warm real-time factor (synthesis time / audio duration, one request at
#      a time and with one thread per core), espeak-ng's real-time factor (Mandarin, English), and cached
#      prompt lookups per second (a cached prompt costs no synthesis). (asr-tts TtsPerformanceTest)
#   2. ASR: concurrent real-time Vosk streams of 8 kHz G.711 speech, fed 20 ms frames paced at real time,
#      grammar mode and free-form; a level is sustained when no frame is dropped and no decoder backlog
#      exceeds 1 s. Also the decoder CPU per second of audio and the capacity it implies on free cores.
#      (asr-tts AsrStreamsBenchmark)
#
# Both run through Maven (the test classpath carries the models). Every figure comes from this run; the
# CPU load of other processes is printed, since the machine may be shared. Last line: the headline,
# asr_grammar_streams=<N> streams (the highest sustained grammar level).
#
# usage: bench/speech.sh [--seconds S] [--grammar 20,40,60] [--freeform 2,4,6] [--skip-tts] [--skip-asr]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
seconds=20; grammar="20,40,60,80"; freeform="2,4,6,8"; tts=1; asr=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --grammar) grammar="$2"; shift 2 ;;
    --freeform) freeform="$2"; shift 2 ;;
    --skip-tts) tts=0; shift ;;
    --skip-asr) asr=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "speech.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$repo" || exit 3
echo "# speech.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))  load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn_bench() { # label, extra args...
  local label="$1"; shift
  echo "== $label (mvn -pl asr-tts -am test $*)"
  mvn -B -ntp -q -pl asr-tts -am test -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$repo/asr-tts/target/bench-$label.log" 2>&1
  local rc=$?
  [ $rc -eq 0 ] || { echo "   $label failed (exit $rc); log: asr-tts/target/bench-$label.log"; tail -20 "$repo/asr-tts/target/bench-$label.log"; }
  return $rc
}
mkdir -p asr-tts/target
if [ "$tts" = 1 ]; then
  rm -f asr-tts/target/tts-performance.txt
  mvn_bench tts -Dtest=TtsPerformanceTest -Dtts.bench=true && sed 's/^/   /' asr-tts/target/tts-performance.txt
fi
best=0
if [ "$asr" = 1 ]; then
  rm -f asr-tts/target/asr-bench.txt
  mvn_bench asr -Dtest=AsrStreamsBenchmark -Dasr.bench=true -Dasr.bench.seconds="$seconds" \
      -Dasr.bench.grammar="$grammar" -Dasr.bench.freeform="$freeform"
  if [ -f asr-tts/target/asr-bench.txt ]; then
    sed 's/^/   /' asr-tts/target/asr-bench.txt
    best=$(awk '/^asr_bench_result mode=grammar/ { for (i = 1; i <= NF; i++) if ($i ~ /^sustained_streams=/) { split($i, a, "="); print a[2] } }' \
      asr-tts/target/asr-bench.txt | tail -1)
  fi
fi
echo "asr_grammar_streams=${best:-0} streams"
