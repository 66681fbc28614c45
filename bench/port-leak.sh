#!/usr/bin/env bash
# port-leak.sh - do media ports come back after many short calls?
#
#   rtpgen UAC --SIP--> Switchboard --SIP--> rtpgen UAS, RTP both ways wherever the SDP points
#
# --calls short calls (default 10 000) through Switchboard at --rate per second (default 200), the
# same generator and set-up as bench/media-calls.sh (an IP trunk for the generator's UAC, the DID
# rings extension 1999 whose contact is the generator's UAS): each call is set up, sends --packets
# RTP packets each way (default 10, 200 ms), then the caller hangs up (BYE). Afterwards /health is
# read: media.portsInUse must come back to 0 within 10 s (and sip.activeCalls too).
#
# The last line is the headline: media_ports_leaked=<N> ports, N = media.portsInUse 10 s after the
# last call; -1 when /health does not report media.portsInUse (a build without media anchoring).
# Exit status: 0 when it ran (whatever the figure), 2 on bad options, 3 on setup errors.
# All traffic is on 127.0.0.1; every process started here is bounded and stopped by PID on exit.
set -uo pipefail

prog=port-leak
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=rtpgen/bench-lib.sh
. "$here/rtpgen/bench-lib.sh"

calls=10000; rate=200; packets=10; warmup_calls=1000; warmup_rate=100; codec=pcmu; out=""; keep=0; build=1; gen_sched=rt
sip_port=auto; http_port=auto; uac_port=auto; uas_port=auto; health_timeout=300; progress=10
did=4008001234; callee=1999

usage() {
  cat <<EOF
usage: bench/port-leak.sh [options]
  --calls N         short calls in all (default $calls)
  --rate R          calls set up per second (default $rate)
  --packets K       RTP packets each way per call, 20 ms apart (default $packets)
  --codec C         pcmu (G.711 both sides) | opus (the callee answers Opus only) (default $codec)
  --warmup-calls N  short calls at --warmup-rate/s before, not scored: a cold JVM first collapses
                    into retransmissions at 100-200 calls/s (default $warmup_calls; 0 = none; they
                    count for the leak check)
  --warmup-rate R   (default $warmup_rate)
  --out DIR         keep logs and the rtpgen result in DIR (default: temp dir, removed)
  --keep            keep the temp dir
  --no-build        do not pre-build Switchboard (bin/switchboard still builds when stale)
  --gen-sched S     rt (default: the generator runs SCHED_FIFO via chrt) | normal
  --sip-port P --http-port P --uac-port P --uas-port P   (default: free ports)
EOF
}
die_usage() { echo "$prog: $*" >&2; usage >&2; exit 2; }
need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die_usage "$1 needs a value"; }
is_int() { [[ "$1" =~ ^[0-9]+$ ]]; }
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) need_arg "$@"; calls="$2"; shift 2 ;;
    --rate) need_arg "$@"; rate="$2"; shift 2 ;;
    --packets) need_arg "$@"; packets="$2"; shift 2 ;;
    --codec) need_arg "$@"; codec="$2"; shift 2 ;;
    --warmup-calls) need_arg "$@"; warmup_calls="$2"; shift 2 ;;
    --warmup-rate) need_arg "$@"; warmup_rate="$2"; shift 2 ;;
    --out) need_arg "$@"; out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    --gen-sched) need_arg "$@"; gen_sched="$2"; shift 2 ;;
    --sip-port) need_arg "$@"; sip_port="$2"; shift 2 ;;
    --http-port) need_arg "$@"; http_port="$2"; shift 2 ;;
    --uac-port) need_arg "$@"; uac_port="$2"; shift 2 ;;
    --uas-port) need_arg "$@"; uas_port="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done
is_int "$warmup_calls" || die_usage "--warmup-calls must be a whole number"
for v in calls rate packets warmup_rate; do
  is_int "${!v}" && [ "${!v}" -ge 1 ] || die_usage "--$v must be a whole number >= 1 (got '${!v}')"
done
for v in sip_port http_port uac_port uas_port; do
  [ "${!v}" = auto ] || is_int "${!v}" || die_usage "--${v//_/-} must be a port number"
done
case "$codec" in pcmu|opus) ;; *) die_usage "--codec must be pcmu or opus" ;; esac
case "$gen_sched" in rt|normal) ;; *) die_usage "--gen-sched must be rt or normal" ;; esac

command -v curl >/dev/null || { echo "$prog: SETUP ERROR: curl not found" >&2; exit 3; }
command -v ss >/dev/null || { echo "$prog: SETUP ERROR: ss not found (iproute2)" >&2; exit 3; }
if [ -n "$out" ]; then
  mkdir -p "$out" || { echo "$prog: cannot create $out" >&2; exit 3; }
  out="$(cd "$out" && pwd)"; keep=1
else
  out="$(mktemp -d /tmp/port-leak.XXXXXX)"
fi
declare -a elem_pids=()
cleanup() {
  [ -n "$gen_pid" ] && stop_pid "$gen_pid" 3
  stop_switch
  if [ "$keep" = 1 ] || [ "$setup_failed" = 1 ]; then echo "# logs: $out" >&2; else rm -rf "$out"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

raise_fd_limit
build_rtpgen || exit 3
[ "$codec" = opus ] && [ "$RTPGEN_OPUS" != 1 ] && { setup_error "rtpgen was built without libopus: --codec opus unavailable"; exit 3; }
gen_sched_init
[ "$sip_port" = auto ] && sip_port=$(free_udp_port)
[ "$http_port" = auto ] && http_port=$(free_tcp_port)
[ "$uac_port" = auto ] && uac_port=$(free_udp_port)
[ "$uas_port" = auto ] && uas_port=$(free_udp_port)
[ "$uas_port" = "$uac_port" ] || [ "$uas_port" = "$sip_port" ] && uas_port=$(free_udp_port)
[ "$uac_port" = "$sip_port" ] && uac_port=$(free_udp_port)

echo "# port-leak: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  ulimit -n $fd_limit"
echo "# $calls short calls at $rate/s, $packets RTP packets each way, codec $codec; generator $GEN_SCHED_NOTE; logs in $out"
if [ "$build" = 1 ]; then
  echo "# building Switchboard (bin/switchboard version)..."
  (cd "$repo" && timeout 900 bin/switchboard version) >"$out/build.log" 2>&1 || { setup_error "Switchboard build failed:"; tail -30 "$out/build.log" >&2; exit 3; }
fi
start_switch || exit 3

gen_args=(--mode switchboard --short "$packets" --codec "$codec" --switch "127.0.0.1:$sip_port" --uac-port "$uac_port"
  --uas-port "$uas_port" --did "$did" --progress "$progress" --elem-pids "$sw_pid")
if [ "$warmup_calls" -gt 0 ]; then
  echo "== warm-up: $warmup_calls calls at $warmup_rate/s (not scored; a JVM compiles its hot paths first)"
  run_rtpgen warmup $(( warmup_calls / warmup_rate + 180 )) "${gen_args[@]}" --calls "$warmup_calls" --rate "$warmup_rate"
  [ -n "${RES[calls]:-}" ] && echo "   ${RES[calls_up]} of $warmup_calls set up, ${RES[failed]} failed, ${RES[retrans]} retransmissions, set-up ${RES[setup_ms_avg]} ms on average"
  sleep 2
fi
before=$(health_value media.portsInUse)
echo "== $calls calls at $rate/s (media ports in use before: ${before:-not reported})"
limit=$(( calls / rate + 180 ))
run_rtpgen short-calls "$limit" "${gen_args[@]}" --calls "$calls" --rate "$rate"
alive "$sw_pid" || setup_error "Switchboard is no longer running; log:"
[ "$setup_failed" = 1 ] && { tail -30 "$out/switchboard.log" >&2; exit 3; }

echo "== after the last call: waiting up to 10 s for media.portsInUse to come back to 0"
wait_ports_free
leaked=$PORTS_IN_USE
active=$(health_value sip.activeCalls)
for ((i = 0; i < 40; i++)); do [ -z "$active" ] || [ "$active" = 0 ] && break; sleep 0.25; active=$(health_value sip.activeCalls); done
health_json >"$out/health-after.json"

if [ -z "${RES[calls]:-}" ]; then
  echo "# rtpgen gave no result (exit $GEN_RC); its log:"; tail -10 "$out/short-calls.log" | sed 's/^/#   /'
else
  printf '# calls: %s launched, %s set up, %s failed (%s), %s closed by BYE (%s BYEs failed); callee legs %s (%s failed, %s still open)\n' \
    "${RES[launched]}" "${RES[calls_up]}" "${RES[failed]}" "${RES[fail]}" "${RES[closed]}" "${RES[bye_failed]}" \
    "${RES[b_legs]}" "${RES[b_failed]}" "${RES[open_b]}"
  printf '# set-up %s ms on average, %s ms at most; SIP retransmissions %s (INVITE %s, BYE %s, 200 to INVITE %s), bad messages %s\n' \
    "${RES[setup_ms_avg]}" "${RES[setup_ms_max]}" "${RES[retrans]}" "${RES[retrans_invite]}" "${RES[retrans_bye]}" "${RES[retrans_2xx]}" "${RES[sip_bad]}"
  printf '# RTP: %s packets sent, %s received (%s %% lost, counting the last packets still in flight at each BYE)\n' \
    "${RES[tx_pkts]}" "${RES[rx_pkts]}" "${RES[loss_pct]}"
  printf '# CPU over %s s: switchboard %s cores, generator %s, other processes %s\n' \
    "${RES[window_s]}" "${RES[elem_cores]}" "${RES[gen_cores]}" "${RES[other_cores]}"
  [ "${RES[media_direct]:-0}" -gt 0 ] && echo "# media NOT anchored: the SDP of ${RES[media_direct]} legs pointed at the generator's other side (SDP passed through)"
fi
echo "# switchboard after the run: sip.activeCalls ${active:-not reported}, media.portsInUse ${leaked:-not reported}"
if [ -z "$leaked" ]; then
  echo "# /health does not report media.portsInUse: no media port accounting in this build (-1 = not measured)"
  leaked=-1
fi
echo "media_ports_leaked=$leaked ports"
exit 0
