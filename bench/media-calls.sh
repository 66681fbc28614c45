#!/usr/bin/env bash
# media-calls.sh - concurrent anchored calls with RTP both ways (the media benchmark).
#
#   rtpgen side A (caller) ==RTP==> element ==RTP==> rtpgen side B (callee), and back
#
# rtpgen (bench/rtpgen/, a single-threaded C epoll program, built here with gcc) opens one UDP
# socket per call side on 127.0.0.1 and sends 20 ms RTP packets from both sides (PCMU, PT 0; in
# transcoding runs side B sends Opus), paced by a timerfd, to wherever the other side's SDP says.
# It measures, over a window of --duration seconds once every call is up: packet loss per stream
# (RFC 3550 sequence numbers) and the RFC 3550 6.4.1 transit-time difference D between consecutive
# packets (p99 of |D| over all streams, and the smoothed jitter), plus the CPU of the element
# (utime+stime of its PIDs, /proc), of the generator itself (getrusage) and of every other process.
#
# Targets (one after another, on the same machine, so the figures are ratios):
#   direct       A <-> B with no element: the generator's own ceiling
#   rtpengine    Debian's rtpengine-daemon, userspace only (--table=-1), ports allocated with ng
#                offer/answer, delete at the end: the reference relay (G.711 only)
#   switchboard  real SIP over UDP: the UAC calls DID $did on an IP trunk (its source address),
#                Switchboard rings extension $callee whose contact is the generator's UAS.
#                Codecs: pcmu (G.711 passthrough) and opus (the callee answers Opus only, with the
#                payload type the switch offered: G.711 <-> Opus transcoding)
#
# Each target and codec: a probe (10 calls, 3 s: are calls set up and does media flow both ways?),
# then a ramp of concurrent calls: from --start, +--step while clean, then bisection down to
# --resolution; the best count is run --confirm more times and passes when clean in at least half
# of its runs (--counts N,N,... runs fixed counts instead). A step sets up N calls (--rate per
# second), runs --duration seconds of media, tears down. It is clean when every call (both sides)
# was set up, loss < 0.1 % and p99 |D| < 5 ms. After each Switchboard step /health is read; when it
# has media.portsInUse, the step waits up to 10 s for it to come back to 0 (a leak check).
# The generator runs with real-time priority (--gen-sched rt) so that, on a shared machine, its own
# scheduling delays do not count as the element's jitter; its send lateness is reported anyway.
#
# Steps whose SDP pointed one side of the generator straight at the other (a build that passes SDP
# through instead of anchoring media) are reported as such and never count for Switchboard.
# The last line is the headline: media_calls=<N> calls (N = highest clean G.711 passthrough count
# through Switchboard; 0 if none, not anchored, or not measured).
# Exit status: 0 when the benchmark ran (whatever the figures), 2 on bad options, 3 on setup errors.
# All traffic is on 127.0.0.1; every process started here is bounded and stopped by PID on exit.
set -uo pipefail

prog=media-calls
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=rtpgen/bench-lib.sh
. "$here/rtpgen/bench-lib.sh"

# ---------------------------------------------------------------- options
targets="all"; codecs="both"; duration=30; start=100; step=100; resolution=25; max=2000; rate=100
confirm=1; interleave=0; out=""; keep=0; build=1; gen_sched=rt; counts=""; elem_nice=0; switch_sets=(); keep_awake=1; awake_pids=()
sip_port=auto; http_port=auto; ng_port=auto; uac_port=auto; uas_port=auto
max_steps=16; quiet_wait=10; cooldown=5; warmup=20; warmup_calls=200; health_timeout=300
loss_max=0.1; jitter_max=5; probe_calls=10; progress=10
did=4008001234; callee=1999

usage() {
  cat <<EOF
usage: bench/media-calls.sh [options]
  --target T        all | direct | rtpengine | switchboard  (comma list allowed; default all)
  --codec C         pcmu | opus | both  for Switchboard: G.711 passthrough, G.711<->Opus transcoding
                    (default both; rtpengine and direct run pcmu)
  --duration S      measurement window per step, seconds (default $duration)
  --start N         first step, concurrent calls (default $start)
  --step N          ramp increment while clean (default $step)
  --resolution N    bisect between the last clean and the first unclean count down to N (default $resolution)
  --max N           highest count tried (default $max)
  --counts N,N,...  no ramp: run exactly these counts once each (after the probe); the figure is
                    the highest clean one
  --rate R          call set-ups (and 2R hang-ups) per second (default $rate)
  --confirm N       extra runs of the best clean count (default $confirm)
  --interleave      with --counts and targets rtpengine and switchboard: both elements run side by
                    side (the idle one uses no CPU) and every count is run on rtpengine and then at
                    once on Switchboard, 1 + --confirm times over; a count passes for an element when
                    clean in at least half of its runs. A shared machine's speed drifts by tens of
                    per cent over minutes; alternating step by step puts both elements under the same
                    drift, where two ramps one after the other do not. G.711 only (Opus still ramps).
  --quick           smoke run: 10 s windows, 100..400 calls, resolution 50, no confirmation
  --out DIR         keep logs, rtpgen results and steps.tsv in DIR (default: temp dir, removed)
  --keep            keep the temp dir
  --no-build        do not pre-build Switchboard (bin/switchboard still builds when stale)
  --gen-sched S     rt (default: the generator runs SCHED_FIFO via chrt) | normal
  --elem-nice N     start rtpengine and Switchboard with nice -n N (default 0; e.g. -10 on a machine
                    busy with other work: the same for both elements, say so with the figures)
  --switch-set K=V  extra Switchboard configuration (repeatable), e.g. media.ioThreads=1
  --no-keep-awake   do not run the idle spinners (see "keep awake" below)
  --warmup S        unscored Switchboard warm-up before each codec's ramp, seconds (default $warmup; 0 = none):
                    the JVM compiles its hot paths, and compiles more of them under load, so a short
                    light warm-up left the first heavy step paying for C2 compilations
  --warmup-calls N  concurrent calls during the warm-up (default $warmup_calls)
  --loss-max PCT    clean when loss < PCT % (default $loss_max)
  --jitter-max MS   clean when p99 |D| < MS ms (default $jitter_max)
  --sip-port P --http-port P   Switchboard ports (default: free ports)
  --uac-port P --uas-port P    the generator's SIP ports (default: free ports)
  --ng-port P       rtpengine's ng port (default: a free port)
  --max-steps N     safety cap on ramp steps per target and codec (default $max_steps)
  --cooldown S      pause after an unclean step (default $cooldown)
  --quiet-wait S    before each step, wait up to S s for other processes to use < 0.25 cores (default $quiet_wait)
EOF
}
die_usage() { echo "$prog: $*" >&2; usage >&2; exit 2; }
need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die_usage "$1 needs a value"; }
is_int() { [[ "$1" =~ ^[0-9]+$ ]]; }
is_num() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

# --quick sets smoke-run defaults; options given explicitly still win, wherever they stand.
for a in "$@"; do
  [ "$a" = --quick ] && { duration=10; start=100; step=100; resolution=50; max=400; confirm=0; warmup=5; quiet_wait=3; }
done
while [ $# -gt 0 ]; do
  case "$1" in
    --target|--targets) need_arg "$@"; targets="$2"; shift 2 ;;
    --codec|--codecs) need_arg "$@"; codecs="$2"; shift 2 ;;
    --duration) need_arg "$@"; duration="$2"; shift 2 ;;
    --start) need_arg "$@"; start="$2"; shift 2 ;;
    --step) need_arg "$@"; step="$2"; shift 2 ;;
    --resolution) need_arg "$@"; resolution="$2"; shift 2 ;;
    --max) need_arg "$@"; max="$2"; shift 2 ;;
    --counts) need_arg "$@"; counts="$2"; shift 2 ;;
    --rate) need_arg "$@"; rate="$2"; shift 2 ;;
    --confirm) need_arg "$@"; confirm="$2"; shift 2 ;;
    --interleave) interleave=1; shift ;;
    --quick) shift ;;
    --out) need_arg "$@"; out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    --gen-sched) need_arg "$@"; gen_sched="$2"; shift 2 ;;
    --elem-nice) need_arg "$@"; elem_nice="$2"; shift 2 ;;
    --switch-set) need_arg "$@"; switch_sets+=("$2"); shift 2 ;;
    --no-keep-awake) keep_awake=0; shift ;;
    --warmup) need_arg "$@"; warmup="$2"; shift 2 ;;
    --warmup-calls) need_arg "$@"; warmup_calls="$2"; shift 2 ;;
    --loss-max) need_arg "$@"; loss_max="$2"; shift 2 ;;
    --jitter-max) need_arg "$@"; jitter_max="$2"; shift 2 ;;
    --sip-port) need_arg "$@"; sip_port="$2"; shift 2 ;;
    --http-port) need_arg "$@"; http_port="$2"; shift 2 ;;
    --uac-port) need_arg "$@"; uac_port="$2"; shift 2 ;;
    --uas-port) need_arg "$@"; uas_port="$2"; shift 2 ;;
    --ng-port) need_arg "$@"; ng_port="$2"; shift 2 ;;
    --max-steps) need_arg "$@"; max_steps="$2"; shift 2 ;;
    --cooldown) need_arg "$@"; cooldown="$2"; shift 2 ;;
    --quiet-wait) need_arg "$@"; quiet_wait="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done
for v in duration start step resolution max rate confirm max_steps quiet_wait cooldown warmup warmup_calls; do
  is_int "${!v}" || die_usage "--${v//_/-} must be a whole number (got '${!v}')"
done
for v in sip_port http_port uac_port uas_port ng_port; do
  [ "${!v}" = auto ] || is_int "${!v}" || die_usage "--${v//_/-} must be a port number"
done
is_num "$loss_max" && is_num "$jitter_max" || die_usage "--loss-max and --jitter-max must be numbers"
[ "$start" -ge 1 ] && [ "$step" -ge 1 ] && [ "$resolution" -ge 1 ] && [ "$duration" -ge 1 ] && [ "$rate" -ge 1 ] \
  && [ "$max" -ge "$start" ] || die_usage "need start, step, resolution, duration, rate >= 1 and max >= start"
case "$gen_sched" in rt|normal) ;; *) die_usage "--gen-sched must be rt or normal" ;; esac
[[ "$elem_nice" =~ ^-?[0-9]+$ ]] && [ "$elem_nice" -ge -20 ] && [ "$elem_nice" -le 19 ] || die_usage "--elem-nice must be -20..19"
[ -z "$counts" ] || [[ "$counts" =~ ^[0-9]+(,[0-9]+)*$ ]] || die_usage "--counts must be a comma list of whole numbers"

want_direct=0; want_rte=0; want_sw=0
IFS=',' read -r -a tlist <<<"$targets"
for t in "${tlist[@]}"; do
  case "$t" in
    all) want_direct=1; want_rte=1; want_sw=1 ;;
    direct) want_direct=1 ;;
    rtpengine|rte) want_rte=1 ;;
    switchboard|switch|sw) want_sw=1 ;;
    *) die_usage "unknown target '$t'" ;;
  esac
done
if [ "$interleave" = 1 ]; then
  [ -n "$counts" ] || die_usage "--interleave needs --counts"
  [ "$want_rte" = 1 ] && [ "$want_sw" = 1 ] || die_usage "--interleave needs the targets rtpengine and switchboard"
fi
sw_codecs=()
case "$codecs" in
  both) sw_codecs=(pcmu opus) ;;
  pcmu|g711) sw_codecs=(pcmu) ;;
  opus) sw_codecs=(opus) ;;
  *) die_usage "unknown codec '$codecs' (pcmu, opus or both)" ;;
esac

# ---------------------------------------------------------------- setup
command -v curl >/dev/null || { echo "$prog: SETUP ERROR: curl not found" >&2; exit 3; }
command -v ss >/dev/null || { echo "$prog: SETUP ERROR: ss not found (iproute2)" >&2; exit 3; }
if [ -n "$out" ]; then
  mkdir -p "$out" || { echo "$prog: cannot create $out" >&2; exit 3; }
  out="$(cd "$out" && pwd)"; keep=1
else
  out="$(mktemp -d /tmp/media-calls.XXXXXX)"
fi
declare -a elem_pids=()

cleanup() {
  local p
  for p in "${awake_pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  [ -n "$gen_pid" ] && stop_pid "$gen_pid" 3
  stop_rtpengine
  stop_switch
  if [ "$keep" = 1 ] || [ "$setup_failed" = 1 ]; then
    echo "# logs: $out" >&2
  else
    rm -rf "$out"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Keep awake: on this VM an idle vCPU halts, and waking it costs 2-5 ms, which shows up as the
# generator's own send lateness and as |D| for every element (measured: rtpengine at 25 calls p99 |D|
# 8 ms on an idle machine, 0.3 ms at 100 calls with the spinners). One busy loop per core keeps the
# vCPUs running. It runs as SCHED_IDLE (chrt -i), not merely nice 19: the kernel's EEVDF scheduler lets a
# nice-19 task finish its slice before a woken nice-0 thread runs, which delayed the elements' event
# loops by 2-7 ms at a time under load (perf sched timehist, 2026-11-26); a SCHED_IDLE task is
# preempted at once by any normal wake-up. It is counted in "other", never in the element's or the
# generator's CPU.
if [ "$keep_awake" = 1 ]; then
  for ((i = 0; i < $(nproc); i++)); do
    chrt -i 0 nice -n 19 sh -c 'while :; do :; done' &
    awake_pids+=($!)
  done
  echo "# keep awake: ${#awake_pids[@]} SCHED_IDLE spinners (pids ${awake_pids[*]}); --no-keep-awake to disable"
  quiet_wait=0 # the spinners keep every core busy: waiting for quiet would only time out
fi

raise_fd_limit
build_rtpgen || exit 3
gen_sched_init
max_by_fd=$(( (fd_limit - 100) / 2 ))
if [ "$max" -gt "$max_by_fd" ]; then
  warn "ulimit -n is $fd_limit: at most $max_by_fd calls (one socket per call side); --max lowered"
  max=$max_by_fd
fi

pick_ports() {
  [ "$sip_port" = auto ] && { sip_port=$(free_udp_port) || return 1; }
  [ "$http_port" = auto ] && { http_port=$(free_tcp_port) || return 1; }
  [ "$ng_port" = auto ] && { ng_port=$(free_udp_port) || return 1; }
  [ "$uac_port" = auto ] && { uac_port=$(free_udp_port) || return 1; }
  [ "$uas_port" = auto ] && { uas_port=$(free_udp_port) || return 1; }
  local p
  for p in "$sip_port" "$ng_port" "$uac_port"; do [ "$p" = "$uas_port" ] && uas_port=$(free_udp_port); done
  [ "$uac_port" = "$sip_port" ] && uac_port=$(free_udp_port)
  return 0
}

# ---------------------------------------------------------------- one step
step_no=0
codec_label() { [ "$1" = opus ] && echo "g711-opus" || echo "g711"; }

# run_step target codec calls tag [window_s] -> STEP_CLEAN, STEP_* figures; one line, one steps.tsv row
run_step() {
  local target=$1 codec=$2 calls=$3 tag=$4 dur=${5:-$duration}
  step_no=$((step_no + 1))
  local name="$target-$codec-$step_no-$calls"
  local srate=$rate
  [ "$tag" = probe ] && srate=10
  local args=(--mode "$target" --calls "$calls" --duration "$dur" --rate "$srate" --codec "$codec" --progress "$progress")
  case "$target" in
    switchboard)
      if udp_busy "$uac_port" || udp_busy "$uas_port"; then setup_error "UDP $uac_port or $uas_port (the generator's SIP ports) is busy"; return 1; fi
      args+=(--switch "127.0.0.1:$sip_port" --uac-port "$uac_port" --uas-port "$uas_port" --did "$did") ;;
    rtpengine) args+=(--ng "127.0.0.1:$ng_port") ;;
  esac
  [ ${#elem_pids[@]} -gt 0 ] && args+=(--elem-pids "$(IFS=,; echo "${elem_pids[*]}")")
  [ "$tag" = probe ] || wait_quiet
  local limit=$(( calls / srate + 40 + dur + calls / (2 * srate) + 60 + 30 ))
  run_rtpgen "$name" "$limit" "${args[@]}"

  local ports="" active=""
  if [ "$target" = switchboard ]; then
    wait_ports_free
    ports=$PORTS_IN_USE
    active=$(health_value sip.activeCalls)
    [ -z "$active" ] && active=$(health_value activeCalls)
  fi
  STEP_CLEAN=0; STEP_INTERRUPTED=0; STEP_WORKS=0; STEP_GEN_LIMIT=0
  local verdict=FAIL why=""
  if [ -z "${RES[calls]:-}" ]; then
    STEP_INTERRUPTED=1; verdict=INTR
    why="rtpgen gave no result (exit $GEN_RC): $(grep -v '^ *$' "$out/$name.log" 2>/dev/null | tail -1 | cut -c1-120)"
  else
    local r
    [ "${RES[calls_up]}" -lt "$calls" ] && why="$why; only ${RES[calls_up]} of $calls calls up (failures: ${RES[fail]})"
    [ "${RES[b_up]}" -lt "$calls" ] && why="$why; only ${RES[b_up]} callee legs up"
    [ "${RES[failed]}" -gt 0 ] && [ "${RES[calls_up]}" -ge "$calls" ] && why="$why; ${RES[failed]} calls failed (${RES[fail]})"
    awk -v l="${RES[loss_pct]}" -v m="$loss_max" 'BEGIN{exit !(l >= m)}' && why="$why; loss ${RES[loss_pct]} % >= $loss_max %"
    awk -v j="${RES[p99_ms]}" -v m="$jitter_max" 'BEGIN{exit !(j >= m)}' && why="$why; p99 |D| ${RES[p99_ms]} ms >= $jitter_max ms"
    [ "${RES[elem_alive]}" = 1 ] || why="$why; the element died"
    [ "${RES[deadline]}" = 1 ] && why="$why; rtpgen hit its deadline"
    if [ "${RES[interrupted]}" = 1 ]; then STEP_INTERRUPTED=1; verdict=INTR; why="$why; rtpgen was stopped by a signal"
    elif [ -z "$why" ]; then verdict=OK; STEP_CLEAN=1
    fi
    # The probe only checks that calls are set up and media flows both ways (>= 90 % arrives):
    # a loaded machine may still fail the jitter criterion with 10 calls.
    if [ "$tag" = probe ] && [ "$verdict" != INTR ] && [ "${RES[calls_up]}" -ge "$calls" ] && [ "${RES[b_up]}" -ge "$calls" ] \
       && [ "${RES[failed]}" = 0 ] && [ "${RES[expected]}" -gt 0 ] && [ $(( ${RES[received]} * 10 )) -ge $(( ${RES[expected]} * 9 )) ]; then
      STEP_WORKS=1; [ "$verdict" = OK ] || verdict=WORKS
    fi
    r="${RES[no_codec]}"
    [ "$codec" = opus ] && [ "${r:-0}" -gt 0 ] && why="$why; the callee got no Opus offer in $r calls (answered 488)"
    r="${RES[media_direct]:-0}"
    [ "$r" -gt 0 ] && why="$why; media NOT through the element: the SDP of $r legs pointed at the generator's other side"
    # The generator's own lateness is part of |D|: past 2 ms (or skipped send slots) it was the
    # bottleneck, and the step says little about the element.
    if awk -v l="${RES[send_late_p99_ms]}" 'BEGIN{exit !(l >= 2)}' || [ "${RES[tx_skipped_ms]}" -gt 0 ]; then
      STEP_GEN_LIMIT=1; why="$why; GENERATOR OVERLOADED (its own send lateness p99 ${RES[send_late_p99_ms]} ms, ${RES[gen_cores]} cores)"
    fi
  fi
  why=${why#; }
  local elem_pct="-"
  [ -n "${RES[elem_cores]:-}" ] && elem_pct=$(fcalc "%.1f" "${RES[elem_cores]} * 100 * 100 / $calls")
  STEP_ELEM=${RES[elem_cores]:--}; STEP_PCT=$elem_pct; STEP_GEN=${RES[gen_cores]:--}; STEP_BG=${RES[other_cores]:--}
  STEP_LOSS=${RES[loss_pct]:--}; STEP_P99=${RES[p99_ms]:--}; STEP_PORTS=$ports; STEP_DIRECT=${RES[media_direct]:-0}

  printf '  %-11s %-9s %-7s %5d calls %-5s up %s/%s (callee %s) | pkts sent %s, received %s of %s expected: loss %s %% | p99 |D| %s ms (generator sent late p99 %s) jitter %s ms | element %s cores = %s %%/100 calls | generator %s | other %s | psi %s %%%s %s\n' \
    "$target" "$(codec_label "$codec")" "$tag" "$calls" "$verdict" "${RES[calls_up]:--}" "$calls" "${RES[b_up]:--}" \
    "${RES[win_tx]:--}" "${RES[received]:--}" "${RES[expected]:--}" "${RES[loss_pct]:--}" "${RES[p99_ms]:--}" "${RES[send_late_p99_ms]:--}" "${RES[jitter_avg_ms]:--}" \
    "${RES[elem_cores]:--}" "$elem_pct" "${RES[gen_cores]:--}" "${RES[other_cores]:--}" "${RES[psi_pct]:--}" \
    "$([ "$target" = switchboard ] && echo " | active calls ${active:-?}, media ports in use ${ports:-n/a}")" "${why:+($why)}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$target" "$codec" "$tag" "$calls" "$verdict" "${RES[calls_up]:-}" "${RES[b_up]:-}" "${RES[failed]:-}" "${RES[fail]:-}" \
    "${RES[win_tx]:-}" "${RES[expected]:-}" "${RES[received]:-}" "${RES[loss_pct]:-}" "${RES[p50_ms]:-}" "${RES[p99_ms]:-}" "${RES[p999_ms]:-}" \
    "${RES[max_ms]:-}" "${RES[send_late_p99_ms]:-}" "${RES[jitter_avg_ms]:-}" "${RES[window_s]:-}" "${RES[elem_cores]:-}" \
    "$elem_pct" "${RES[gen_cores]:-}" "${RES[other_cores]:-}" "${RES[psi_pct]:-}" "${RES[retrans]:-}" "${RES[udp_drops]:-}" "$ports" "$why" >>"$out/steps.tsv"
  if [ "$tag" = probe ] && [ "$STEP_WORKS" != 1 ]; then
    echo "    probe failed; generator log:"; tail -8 "$out/$name.log" 2>/dev/null | sed 's/^/      /'
  fi
  sleep 1
  [ "$verdict" = OK ] || [ "$tag" = probe ] || sleep "$cooldown"
  return 0
}

# ---------------------------------------------------------------- ramp for one target and codec
declare -A genlim=() runs=() cleans=() s_elem=() s_pct=() s_gen=() s_bg=() s_loss=() s_p99=() s_ports=()
record_run() {
  local n=$1
  runs[$n]=$(( ${runs[$n]:-0} + 1 ))
  [ "${STEP_GEN_LIMIT:-0}" = 1 ] && genlim[$n]=1
  [ "${STEP_DIRECT:-0}" -gt 0 ] && ramp_direct=1
  if [ "$STEP_CLEAN" = 1 ]; then
    cleans[$n]=$(( ${cleans[$n]:-0} + 1 ))
    s_elem[$n]=$STEP_ELEM; s_pct[$n]=$STEP_PCT; s_gen[$n]=$STEP_GEN; s_bg[$n]=$STEP_BG
    s_loss[$n]=$STEP_LOSS; s_p99[$n]=$STEP_P99; s_ports[$n]=$STEP_PORTS
  fi
}
element_alive() { local p; for p in "${elem_pids[@]}"; do alive "$p" || return 1; done; return 0; }
counted_step() { # target codec calls tag [key]: run_step, re-run (up to 2 times) when interrupted from outside;
  # the run is recorded under key (default: the count)
  local k
  for ((k = 0; k < 3; k++)); do
    run_step "$1" "$2" "$3" "$4" || return 1
    element_alive || { setup_error "$1 is no longer running"; return 1; }
    [ "$STEP_INTERRUPTED" = 1 ] || { record_run "${5:-$3}"; return 0; }
  done
  setup_error "rtpgen was interrupted 3 times in a row; giving up"
  return 1
}
passes() { [ $(( ${cleans[$1]:-0} * 2 )) -ge "${runs[$1]:-1}" ] && [ "${cleans[$1]:-0}" -gt 0 ]; }

ramp() { # target codec -> RESULT_N RESULT_NOTE RESULT_ELEM RESULT_PCT RESULT_GEN RESULT_BG RESULT_LOSS RESULT_P99 RESULT_PORTS
  local target=$1 codec=$2
  RESULT_N=0; RESULT_NOTE=""; RESULT_ELEM="-"; RESULT_PCT="-"; RESULT_GEN="-"; RESULT_BG="-"; RESULT_LOSS="-"; RESULT_P99="-"; RESULT_PORTS="-"
  runs=(); cleans=(); s_elem=(); s_pct=(); s_gen=(); s_bg=(); s_loss=(); s_p99=(); s_ports=(); ramp_direct=0; genlim=()
  echo "== $target $(codec_label "$codec"): probe ($probe_calls calls, 3 s)"
  run_step "$target" "$codec" "$probe_calls" probe 3 || return 1
  [ "$STEP_DIRECT" -gt 0 ] && ramp_direct=1
  if [ "$STEP_WORKS" != 1 ]; then
    RESULT_NOTE="probe failed: ${RES[calls_up]:-0} of $probe_calls calls up (${RES[fail]:-no result})"
    [ "$codec" = opus ] && [ "${RES[no_codec]:-0}" -gt 0 ] && \
      RESULT_NOTE="probe failed: the switch offered the callee no Opus (it answered 488): no G.711<->Opus transcoding in this build"
    return 0
  fi
  local lo=0 hi=0 n=$start k=0 next i
  if [ -n "$counts" ]; then
    echo "== $target $(codec_label "$codec"): fixed counts $counts (${duration}s windows)"
    local c
    for c in ${counts//,/ }; do
      counted_step "$target" "$codec" "$c" fixed || return 1
      if passes "$c"; then [ "$c" -gt "$lo" ] && lo=$c; else { [ "$hi" -eq 0 ] || [ "$c" -lt "$hi" ]; } && hi=$c; fi
    done
    RESULT_N=$lo
    [ "$lo" -gt 0 ] && { RESULT_ELEM=${s_elem[$lo]}; RESULT_PCT=${s_pct[$lo]}; RESULT_GEN=${s_gen[$lo]}; RESULT_BG=${s_bg[$lo]}
      RESULT_LOSS=${s_loss[$lo]}; RESULT_P99=${s_p99[$lo]}; RESULT_PORTS=${s_ports[$lo]:--}; }
    RESULT_NOTE="fixed counts $counts: highest clean $lo$([ "$hi" -gt 0 ] && echo ", lowest unclean $hi")$([ -n "${genlim[$hi]:-}" ] && echo " (the generator was overloaded there)")"
    return 0
  fi
  echo "== $target $(codec_label "$codec"): ramp (start $start, +$step while clean, bisect to $resolution, max $max, ${duration}s windows)"
  while [ "$k" -lt "$max_steps" ]; do
    k=$((k + 1))
    counted_step "$target" "$codec" "$n" ramp || return 1
    if passes "$n"; then lo=$n; else hi=$n; fi
    if [ "$hi" -eq 0 ]; then
      [ "$lo" -ge "$max" ] && break
      next=$((n + step)); [ "$next" -gt "$max" ] && next=$max
    else
      [ $((hi - lo)) -le "$resolution" ] && break
      next=$(( ((lo + hi) / 2 + resolution / 2) / resolution * resolution ))
      { [ "$next" -le "$lo" ] || [ "$next" -ge "$hi" ]; } && next=$(( (lo + hi) / 2 ))
      { [ "$next" -le "$lo" ] || [ "$next" -ge "$hi" ]; } && break
    fi
    n=$next
  done
  if [ "$lo" -eq 0 ]; then RESULT_NOTE="no clean count (lowest tried: $n calls)"; return 0; fi
  local best=$lo
  if [ "$confirm" -gt 0 ]; then
    echo "== $target $(codec_label "$codec"): confirm $best calls ($confirm more run(s))"
    for ((i = 0; i < confirm; i++)); do counted_step "$target" "$codec" "$best" confirm || return 1; done
  fi
  if ! passes "$best"; then
    local r fb=0
    for r in "${!runs[@]}"; do [ "$r" -lt "$best" ] && [ "$r" -gt "$fb" ] && passes "$r" && fb=$r; done
    RESULT_NOTE="$best calls clean in only ${cleans[$best]:-0} of ${runs[$best]} runs; "
    best=$fb
  fi
  RESULT_N=$best
  if [ "$best" -gt 0 ]; then
    RESULT_NOTE="${RESULT_NOTE}clean in ${cleans[$best]} of ${runs[$best]} runs"
    RESULT_ELEM=${s_elem[$best]}; RESULT_PCT=${s_pct[$best]}; RESULT_GEN=${s_gen[$best]}; RESULT_BG=${s_bg[$best]}
    RESULT_LOSS=${s_loss[$best]}; RESULT_P99=${s_p99[$best]}; RESULT_PORTS=${s_ports[$best]:--}
  fi
  [ "$hi" -gt 0 ] && RESULT_NOTE="$RESULT_NOTE; first unclean count $hi (clean in ${cleans[$hi]:-0} of ${runs[$hi]}$([ -n "${genlim[$hi]:-}" ] && echo "; the generator was overloaded there"))"
  [ "$hi" -eq 0 ] && [ "$lo" -ge "$max" ] && RESULT_NOTE="$RESULT_NOTE; capped by --max $max"
  return 0
}

declare -A R_N=() R_NOTE=() R_ELEM=() R_PCT=() R_GEN=() R_BG=() R_LOSS=() R_P99=() R_PORTS=() R_DIRECT=()
keep_result() {
  R_DIRECT[$1]=$ramp_direct
  [ "$ramp_direct" = 1 ] && [ "${1%/*}" != direct ] && \
    RESULT_NOTE="MEDIA NOT ANCHORED (the SDP passed through: RTP went generator to generator; SIP only); $RESULT_NOTE"
  R_N[$1]=$RESULT_N; R_NOTE[$1]=$RESULT_NOTE; R_ELEM[$1]=$RESULT_ELEM; R_PCT[$1]=$RESULT_PCT; R_GEN[$1]=$RESULT_GEN
  R_BG[$1]=$RESULT_BG; R_LOSS[$1]=$RESULT_LOSS; R_P99[$1]=$RESULT_P99; R_PORTS[$1]=$RESULT_PORTS
}

# Unscored warm-up of one codec's path on the running switch: the JVM compiles its hot paths first, and
# the transcoding code is not compiled by G.711 calls.
sw_warmup() { # codec
  [ "$warmup" -gt 0 ] || return 0
  echo "== switchboard: $(codec_label "$1") warm-up ($warmup_calls calls, ${warmup}s, not scored: a JVM compiles its hot paths first)"
  run_step switchboard "$1" "$warmup_calls" warmup "$warmup" || true
}
sw_ramps() { # codec...: warm up and ramp each codec on the running switch (empty names are skipped)
  local c
  for c in "$@"; do
    [ -n "$c" ] || continue
    if [ "$c" = opus ] && [ "$RTPGEN_OPUS" != 1 ]; then R_NOTE[switchboard/opus]="rtpgen built without libopus"; continue; fi
    [ "$setup_failed" = 0 ] || break
    elem_pids=("$sw_pid")
    sw_warmup "$c"
    ramp switchboard "$c" && keep_result "switchboard/$c"
  done
}

# --interleave: rtpengine and Switchboard (both running) take turns at every count.
interleaved() {
  local c rep t tc best
  runs=(); cleans=(); s_elem=(); s_pct=(); s_gen=(); s_bg=(); s_loss=(); s_p99=(); s_ports=(); genlim=()
  declare -A probe_ok=()
  for t in rtpengine switchboard; do
    [ "$t" = rtpengine ] && elem_pids=("$rte_pid") || elem_pids=("$sw_pid")
    ramp_direct=0
    echo "== $t g711: probe ($probe_calls calls, 3 s)"
    run_step "$t" pcmu "$probe_calls" probe 3 || return 1
    [ "$STEP_WORKS" = 1 ] && probe_ok[$t]=1
    [ "$t" = switchboard ] && [ "$STEP_DIRECT" -gt 0 ] && R_DIRECT[switchboard/pcmu]=1
  done
  echo "== interleaved: counts $counts, $((confirm + 1)) round(s), rtpengine then Switchboard at each count (${duration}s windows)"
  for ((rep = 0; rep <= confirm; rep++)); do
    for c in ${counts//,/ }; do
      for t in rtpengine switchboard; do
        [ -n "${probe_ok[$t]:-}" ] || continue
        [ "$t" = rtpengine ] && elem_pids=("$rte_pid") || elem_pids=("$sw_pid")
        counted_step "$t" pcmu "$c" "round$((rep + 1))" "$t:$c" || return 1
        [ "$t" = switchboard ] && [ "$STEP_DIRECT" -gt 0 ] && R_DIRECT[switchboard/pcmu]=1
      done
    done
  done
  for t in rtpengine switchboard; do
    RESULT_N=0; RESULT_ELEM="-"; RESULT_PCT="-"; RESULT_GEN="-"; RESULT_BG="-"; RESULT_LOSS="-"; RESULT_P99="-"; RESULT_PORTS="-"
    if [ -z "${probe_ok[$t]:-}" ]; then
      RESULT_NOTE="probe failed"
    else
      best=0; RESULT_NOTE="interleaved, clean runs per count:"
      for c in ${counts//,/ }; do
        RESULT_NOTE="$RESULT_NOTE $c: ${cleans[$t:$c]:-0}/${runs[$t:$c]:-0}"
        passes "$t:$c" && [ "$c" -gt "$best" ] && best=$c
      done
      RESULT_N=$best; tc="$t:$best"
      [ "$best" -gt 0 ] && { RESULT_ELEM=${s_elem[$tc]}; RESULT_PCT=${s_pct[$tc]}; RESULT_GEN=${s_gen[$tc]}; RESULT_BG=${s_bg[$tc]}
        RESULT_LOSS=${s_loss[$tc]}; RESULT_P99=${s_p99[$tc]}; RESULT_PORTS=${s_ports[$tc]:--}; }
    fi
    ramp_direct=${R_DIRECT[$t/pcmu]:-0}
    keep_result "$t/pcmu"
  done
}

# ---------------------------------------------------------------- main
cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
echo "# media-calls: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($cpu_model)  ulimit -n $fd_limit"
echo "# ${duration}s windows, ramp start $start +$step bisect to $resolution max $max, set-up $rate calls/s, confirm $confirm; clean = all calls up, loss < $loss_max %, p99 |D| < $jitter_max ms"
echo "# generator: $RTPGEN ($([ "$RTPGEN_OPUS" = 1 ] && echo "with Opus" || echo "no Opus")), $GEN_SCHED_NOTE; elements at nice $elem_nice; logs in $out"
pick_ports || { setup_error "no free ports"; exit 3; }
echo "# ports: Switchboard SIP $sip_port HTTP $http_port, generator UAC $uac_port UAS $uas_port, rtpengine ng $ng_port"
printf 'target\tcodec\ttag\tcalls\tverdict\tcalls_up\tcallee_up\tfailed\tfail\tsent\texpected\treceived\tloss_pct\tp50_ms\tp99_ms\tp999_ms\tmax_ms\tsend_late_p99_ms\tjitter_avg_ms\twindow_s\telem_cores\telem_pct_per_100\tgen_cores\tother_cores\tpsi_pct\tretrans\tudp_drops\tports_in_use\tnote\n' >"$out/steps.tsv"

if [ "$want_direct" = 1 ] && [ "$setup_failed" = 0 ]; then
  echo "== direct (rtpgen side A <-> side B, no element: the generator's own ceiling)"
  elem_pids=()
  ramp direct pcmu && keep_result direct/pcmu
fi

if [ "$interleave" = 1 ] && [ "$setup_failed" = 0 ]; then
  want_rte=0
  if ! ensure_rtpengine; then
    setup_error "--interleave needs rtpengine: not installed and apt-get install rtpengine-daemon failed (see $out/apt.log)"
  elif [ "$build" = 1 ] && ! (cd "$repo" && timeout 900 bin/switchboard version) >"$out/build.log" 2>&1; then
    setup_error "Switchboard build failed:"; tail -30 "$out/build.log" >&2
  else
    build=0
    echo "== rtpengine and switchboard side by side, interleaved"
    pmax=$(( 30000 + 4 * max + 1000 )); [ "$pmax" -gt 31999 ] || pmax=31999
    if start_rtpengine "$ng_port" 30000 "$pmax"; then
      if start_switch; then
        elem_pids=("$sw_pid")
        sw_warmup pcmu
        interleaved
        sw_ramps "${sw_codecs[@]/pcmu}"
        stop_switch
      fi
      stop_rtpengine
    fi
  fi
  want_sw=0
fi

if [ "$want_rte" = 1 ] && [ "$setup_failed" = 0 ]; then
  if ensure_rtpengine; then
    echo "== rtpengine (the reference relay; G.711 passthrough)"
    pmax=$(( 30000 + 4 * max + 1000 )); [ "$pmax" -gt 31999 ] || pmax=31999
    if start_rtpengine "$ng_port" 30000 "$pmax"; then
      ramp rtpengine pcmu && keep_result rtpengine/pcmu
      stop_rtpengine
    fi
  else
    echo "== rtpengine: not installed and apt-get install rtpengine-daemon failed (see $out/apt.log), skipped"
    R_NOTE[rtpengine/pcmu]="not installed"
  fi
fi

if [ "$want_sw" = 1 ] && [ "$setup_failed" = 0 ]; then
  if [ "$build" = 1 ]; then
    echo "# building Switchboard (bin/switchboard version)..."
    (cd "$repo" && timeout 900 bin/switchboard version) >"$out/build.log" 2>&1 || { setup_error "Switchboard build failed:"; tail -30 "$out/build.log" >&2; }
  fi
  if [ "$setup_failed" = 0 ]; then
    echo "== switchboard (rtpgen UAC -> trunk -> Switchboard -> $callee -> rtpgen UAS; media wherever the SDP points)"
    if start_switch; then
      sw_ramps "${sw_codecs[@]}"
      stop_switch
    fi
  fi
fi

echo "== results ($(nproc) cores shared by the generator and the element; ${duration}s windows; clean = all calls up, loss < $loss_max %, p99 |D| < $jitter_max ms)"
printf '# %-11s %-9s %8s  %-26s %-20s %-10s %-8s %s\n' target codec calls "element CPU (per 100 calls)" "loss / p99 |D|" generator other note
for k in direct/pcmu rtpengine/pcmu switchboard/pcmu switchboard/opus; do
  [ -n "${R_N[$k]:-}${R_NOTE[$k]:-}" ] || continue
  ports_note=""
  [ -n "${R_PORTS[$k]:-}" ] && [ "${R_PORTS[$k]}" != - ] && ports_note="; media ports in use after it: ${R_PORTS[$k]}"
  printf '# %-11s %-9s %8s  %-26s %-20s %-10s %-8s %s\n' "${k%/*}" "$(codec_label "${k#*/}")" "${R_N[$k]:-n/a}" \
    "${R_ELEM[$k]:--} cores (${R_PCT[$k]:--} %)" "${R_LOSS[$k]:--} % / ${R_P99[$k]:--} ms" "${R_GEN[$k]:--} cores" "${R_BG[$k]:--}" "${R_NOTE[$k]:-}$ports_note"
done
[ -n "${R_N[direct/pcmu]:-}" ] && echo "direct_calls=${R_N[direct/pcmu]} calls"
[ -n "${R_N[rtpengine/pcmu]:-}" ] && echo "rtpengine_calls=${R_N[rtpengine/pcmu]} calls" && \
  [ "${R_N[rtpengine/pcmu]}" -gt 0 ] && echo "rtpengine_cpu_pct_per_100_calls=${R_PCT[rtpengine/pcmu]} %"
if [ -n "${R_N[switchboard/pcmu]:-}" ] && [ "${R_N[switchboard/pcmu]}" -gt 0 ] && [ "${R_DIRECT[switchboard/pcmu]:-0}" = 0 ]; then
  echo "switchboard_cpu_pct_per_100_calls=${R_PCT[switchboard/pcmu]} %"
  [ "${R_N[rtpengine/pcmu]:-0}" -gt 0 ] && echo "ratio_vs_rtpengine=$(fcalc '%.2f' "${R_N[switchboard/pcmu]} / ${R_N[rtpengine/pcmu]}")"
fi
[ -n "${R_N[switchboard/opus]:-}" ] && [ "${R_DIRECT[switchboard/opus]:-0}" = 0 ] && echo "media_calls_transcoding=${R_N[switchboard/opus]} calls"
[ -n "${R_N[switchboard/pcmu]:-}" ] || echo "# switchboard G.711 passthrough not measured"
headline=${R_N[switchboard/pcmu]:-0}
if [ "${R_DIRECT[switchboard/pcmu]:-0}" = 1 ]; then
  echo "# switchboard did not anchor the media (SDP passed through): its ${headline} clean calls are SIP set-up only, not counted"
  headline=0
fi
echo "media_calls=$headline calls"
[ "$setup_failed" = 1 ] && exit 3
exit 0
