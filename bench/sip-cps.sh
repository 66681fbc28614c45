#!/usr/bin/env bash
# sip-cps.sh - SIP call-rate benchmark (calls per second, INVITE/200/ACK/BYE, no media).
#
#   SIPp UAC --> element under test --> SIPp UAS (127.0.0.1:<free port>, the contact of 1999:
#   Switchboard runs on a copy of conf/ where sip:bench@127.0.0.1:5099 points at that port)
#
# Targets (run one after another on the same machine, so the figures are ratios):
#   sipp        SIPp UAC -> SIPp UAS directly: the load generator's own ceiling
#   kamailio    SIPp UAC -> Kamailio stateful proxy (tm/sl/rr, bench/kamailio/) -> SIPp UAS
#   switchboard SIPp UAC (1001, digest auth, a 407 round per call) -> Switchboard B2BUA -> SIPp UAS
#
# Each target: a short probe (20 calls at 10/s), then a ramp: the rate doubles from --start until a
# step is unclean (or --max), then bisects between the last clean and the first unclean rate down to
# --step (or 10 % of the rate). A step is clean when every call of rate x duration completed, none
# failed (UAC and UAS), and the UAC finished within duration + max(2 s, 10 %). A step that failed only
# a few calls (<= 0.1 %) is re-run once (--retries); the best rate is re-run --confirm times. A rate
# passes when at least half of its runs were clean; every result says "clean in k of n runs".
# Per step it prints successful/attempted and failed calls, retransmissions, UDP buffer drops, the
# CPU used by the element (utime+stime from /proc/PID/stat, all its processes), by each SIPp process
# and by every other process on the machine (a shared machine is noisy: that column says how much),
# and the CPU pressure stall (/proc/pressure/cpu). The last line is the headline: sip_cps=<N> calls/s
# (N = best clean rate through Switchboard, 0 if none or not measured).
#
# Exit status: 0 when the benchmark ran (whatever the figures), 2 on bad options,
# 3 on setup errors (sipp/curl missing, ports busy, switch or Kamailio did not start).
# All traffic is on 127.0.0.1; every process started here is bounded and stopped by PID on exit.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

# ---------------------------------------------------------------- options
targets="all"; start=1000; step=500; max=12000; duration=20; confirm=1; quick=0
out=""; keep=0; build=1
sip_port=5060; http_port=8080; uas_port=auto; kam_port=5070; ports_given=""
kam_children=2; kam_rcvbuf=4194304; kam_shm=2048
health_timeout=300; max_steps=14; quiet_wait=10; retries=1; cooldown=8; warmup=20; warmup_rate=400
caller=1001; password=switchboard-1001; callee=1999

usage() {
  cat <<EOF
usage: bench/sip-cps.sh [options]
  --target T        all | switchboard | sipp | kamailio  (comma list allowed; default all)
  --start R         first rate of the ramp, calls/s (default $start)
  --step R          ramp resolution, calls/s (default $step; never finer than 10 % of the rate)
  --max R           highest rate tried (default $max)
  --duration S      seconds per step (default $duration)
  --confirm N       extra runs of the best clean rate (default $confirm)
  --retries N       re-runs of a step that failed only a few calls (<= 0.1 %) (default $retries)
  --quick           smoke run: 5 s steps, start 250, max 2000, no confirmation
  --out DIR         keep logs, SIPp CSVs and steps.tsv in DIR (default: temp dir, removed)
  --keep            keep the temp dir
  --no-build        do not pre-build Switchboard (bin/switchboard still builds when stale)
  --sip-port P      Switchboard SIP port (default $sip_port, a free port when busy)
  --http-port P     Switchboard HTTP port (default $http_port, a free port when busy)
  --uas-port P      SIPp UAS port (default: a free port; the switch gets a copy of conf/ whose
                    contact for $callee points there, because other tests on a shared machine
                    use 127.0.0.1:5099 too and SIPp binds with SO_REUSEADDR)
  --kamailio-port P (default $kam_port, a free port when busy)  --kamailio-children N (default $kam_children)
  --kamailio-rcvbuf BYTES  Kamailio maxbuffer (default $kam_rcvbuf; 262144 = Kamailio's default)
  --max-steps N     safety cap on ramp steps per target (default $max_steps)
  --cooldown S      extra pause after an unclean step (default $cooldown)
  --warmup S        unscored warm-up before each ramp, seconds (default $warmup; 0 = none)
  --warmup-rate R   its call rate (default $warmup_rate)
  --quiet-wait S    before each step, wait up to S s for other processes to use < 0.25 cores (default $quiet_wait)
EOF
}
die_usage() { echo "sip-cps: $*" >&2; usage >&2; exit 2; }
need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die_usage "$1 needs a value"; }
is_int() { [[ "$1" =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    --target|--targets) need_arg "$@"; targets="$2"; shift 2 ;;
    --start) need_arg "$@"; start="$2"; shift 2 ;;
    --step) need_arg "$@"; step="$2"; shift 2 ;;
    --max) need_arg "$@"; max="$2"; shift 2 ;;
    --duration) need_arg "$@"; duration="$2"; shift 2 ;;
    --confirm) need_arg "$@"; confirm="$2"; shift 2 ;;
    --retries) need_arg "$@"; retries="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --out) need_arg "$@"; out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    --sip-port) need_arg "$@"; sip_port="$2"; ports_given="$ports_given sip_port"; shift 2 ;;
    --http-port) need_arg "$@"; http_port="$2"; ports_given="$ports_given http_port"; shift 2 ;;
    --uas-port) need_arg "$@"; uas_port="$2"; ports_given="$ports_given uas_port"; shift 2 ;;
    --kamailio-port) need_arg "$@"; kam_port="$2"; ports_given="$ports_given kam_port"; shift 2 ;;
    --kamailio-children) need_arg "$@"; kam_children="$2"; shift 2 ;;
    --kamailio-rcvbuf) need_arg "$@"; kam_rcvbuf="$2"; shift 2 ;;
    --max-steps) need_arg "$@"; max_steps="$2"; shift 2 ;;
    --quiet-wait) need_arg "$@"; quiet_wait="$2"; shift 2 ;;
    --cooldown) need_arg "$@"; cooldown="$2"; shift 2 ;;
    --warmup) need_arg "$@"; warmup="$2"; shift 2 ;;
    --warmup-rate) need_arg "$@"; warmup_rate="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done
if [ "$quick" = 1 ]; then
  duration=5; start=250; max=2000; confirm=0; step=250
fi
for v in start step max duration confirm retries sip_port http_port kam_port kam_children kam_rcvbuf max_steps quiet_wait cooldown; do
  is_int "${!v}" || die_usage "--${v//_/-} must be a whole number (got '${!v}')"
done
[ "$uas_port" = auto ] || is_int "$uas_port" || die_usage "--uas-port must be a port number"
[ "$start" -ge 1 ] && [ "$step" -ge 1 ] && [ "$duration" -ge 1 ] && [ "$max" -ge "$start" ] \
  || die_usage "need start >= 1, step >= 1, duration >= 1, max >= start"

want_sw=0; want_sipp=0; want_kam=0
IFS=',' read -r -a tlist <<<"$targets"
for t in "${tlist[@]}"; do
  case "$t" in
    all) want_sw=1; want_sipp=1; want_kam=1 ;;
    switchboard|switch|sw) want_sw=1 ;;
    sipp|sipp-direct|direct) want_sipp=1 ;;
    kamailio|kam) want_kam=1 ;;
    *) die_usage "unknown target '$t'" ;;
  esac
done

# ---------------------------------------------------------------- setup
setup_error() { echo "sip-cps: SETUP ERROR: $*" >&2; setup_failed=1; }
setup_failed=0
SIPP="$(command -v sipp || true)"
[ -n "$SIPP" ] || { echo "sip-cps: SETUP ERROR: sipp not found (apt-get install sip-tester)" >&2; exit 3; }
command -v curl >/dev/null || { echo "sip-cps: SETUP ERROR: curl not found" >&2; exit 3; }
command -v ss >/dev/null || { echo "sip-cps: SETUP ERROR: ss not found (iproute2)" >&2; exit 3; }
KAMAILIO="$(command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null || true)"
CLK_TCK=$(getconf CLK_TCK)

if [ -n "$out" ]; then
  mkdir -p "$out" || { echo "sip-cps: cannot create $out" >&2; exit 3; }
  out="$(cd "$out" && pwd)"; keep=1
else
  out="$(mktemp -d /tmp/sip-cps.XXXXXX)"
fi

# PIDs started by this script (killed on exit, each by PID).
declare -a sipp_pids=()
sw_pid=""; kam_pid=""; declare -a kam_kids=()

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
stop_pid() { # pid grace_seconds: SIGTERM, wait, SIGKILL
  local p=$1 g=${2:-5} i
  alive "$p" || return 0
  kill -TERM "$p" 2>/dev/null
  for ((i = 0; i < g * 10; i++)); do alive "$p" || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null; sleep 0.1
}
stop_kamailio() {
  [ -n "$kam_pid" ] || return 0
  local k
  stop_pid "$kam_pid" 5
  for k in "${kam_kids[@]}"; do stop_pid "$k" 1; done
  kam_pid=""; kam_kids=()
}
stop_switch() { [ -n "$sw_pid" ] && stop_pid "$sw_pid" 20; sw_pid=""; }
cleanup() {
  local p
  for p in "${sipp_pids[@]}"; do stop_pid "$p" 1; done
  stop_kamailio
  stop_switch
  if [ "$keep" = 1 ] || [ "$setup_failed" = 1 ]; then
    echo "# logs: $out" >&2
  else
    rm -rf "$out"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

udp_busy() { [ -n "$(ss -Hlun "sport = :$1" 2>/dev/null)" ]; }
tcp_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
free_udp_port() { # a free UDP port in 20000-39999 (not a fixed one another test may hold)
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 20000))
    udp_busy "$p" || udp_busy $((p + 2)) || { echo "$p"; return 0; }
  done
  return 1
}

free_tcp_port() {
  local p i
  for ((i = 0; i < 50; i++)); do p=$((20000 + RANDOM % 20000)); tcp_busy "$p" || { echo "$p"; return 0; }; done
  return 1
}
given() { [[ " $ports_given " == *" $1 "* ]]; }
pick_ports() { # defaults that are busy are replaced by free ports; ports given explicitly are kept
  if [ "$uas_port" = auto ]; then uas_port=$(free_udp_port) || return 1; fi
  if udp_busy "$sip_port" && ! given sip_port; then echo "# UDP $sip_port is busy: Switchboard gets a free port"; sip_port=$(free_udp_port); fi
  if tcp_busy "$http_port" && ! given http_port; then echo "# TCP $http_port is busy: Switchboard HTTP gets a free port"; http_port=$(free_tcp_port); fi
  if udp_busy "$kam_port" && ! given kam_port; then echo "# UDP $kam_port is busy: Kamailio gets a free port"; kam_port=$(free_udp_port); fi
  return 0
}

# ---------------------------------------------------------------- measurement helpers
proc_ticks() { # utime+stime of one process, clock ticks (0 if gone)
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  s=${s##*) }
  # shellcheck disable=SC2086
  set -- $s
  echo $(( ${12} + ${13} ))
}
elem_ticks() { # all processes of the element under test
  local t=0 p
  for p in "$@"; do t=$((t + $(proc_ticks "$p"))); done
  echo "$t"
}
all_ticks() { # "pid ticks" for every process on the machine
  awk 'FNR == 1 { s = $0; sub(/.*\) /, "", s); n = split(s, f, " "); if (n >= 13) print $1, f[12] + f[13] }' /proc/[0-9]*/stat 2>/dev/null
}
bg_cores() { # before-file after-file seconds pids-to-exclude... -> CPU cores used by everything else
  local a=$1 b=$2 secs=$3; shift 3
  awk -v secs="$secs" -v hz="$CLK_TCK" -v ex=" $* " '
    NR == FNR { t0[$1] = $2; next }
    index(ex, " " $1 " ") == 0 { d = $2 - (($1 in t0) ? t0[$1] : 0); if (d > 0) sum += d }
    END { printf "%.2f", (secs > 0) ? sum / hz / secs : 0 }' "$a" "$b"
}
wait_quiet() { # wait (up to quiet_wait s) until other processes use < 0.25 cores
  local i b
  for ((i = 0; i < quiet_wait; i++)); do
    all_ticks >"$out/q0"; sleep 1; all_ticks >"$out/q1"
    b=$(bg_cores "$out/q0" "$out/q1" 1 "${elem_pids[@]}" $$)
    awk -v b="$b" 'BEGIN{exit !(b < 0.25)}' && return 0
    [ "$i" = 0 ] && printf '    (waiting up to %ss for other processes to go quiet: %s cores busy)\n' "$quiet_wait" "$b"
  done
  return 1
}
udp_drops() { # machine-wide UDP receive-buffer + send-buffer errors (/proc/net/snmp)
  awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) c[$i] = i; h = 1 } else print $c["RcvbufErrors"] + $c["SndbufErrors"] }' /proc/net/snmp 2>/dev/null || echo 0
}
psi_total() { awk '/^some/{for(i=1;i<=NF;i++) if ($i ~ /^total=/) {sub("total=","",$i); print $i}}' /proc/pressure/cpu 2>/dev/null || echo 0; }
now() { date +%s.%N; }
fcalc() { awk "BEGIN{ printf \"$1\", $2 }"; }
times_cpu() { # second line of bash `times` (children user sys) -> seconds
  awk 'NR==2 { s=0; for (i=1;i<=2;i++) { split($i,a,"m"); sub("s","",a[2]); s += a[1]*60 + a[2] } printf "%.2f", s }' "$1" 2>/dev/null || echo 0
}
csv_last() { # file col1 col2 ... -> values of the last row, space separated (0 when missing)
  local f=$1; shift
  [ -s "$f" ] || { local c; for c in "$@"; do printf '0 '; done; echo; return; }
  awk -F';' -v cols="$*" '
    NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    { last = $0 }
    END {
      n = split(last, f, ";"); m = split(cols, c, " ")
      for (k = 1; k <= m; k++) {
        v = (c[k] in h) ? f[h[c[k]]] : ""
        if (c[k] ~ /^ElapsedTime/) { split(v, t, ":"); v = t[1]*3600 + t[2]*60 + t[3] }
        if (v == "") v = 0
        printf "%s ", v
      }
      print ""
    }' "$f"
}

# Run sipp in the background inside a subshell that records its PID, exit code and CPU (times).
start_sipp() { # name args...
  local name=$1; shift
  rm -f "$out/$name".{pid,rc,times,out}
  ( "$SIPP" "$@" >"$out/$name.out" 2>&1 </dev/null &
    echo $! >"$out/$name.pid"; wait $!; rc=$?
    times >"$out/$name.times"; echo "$rc" >"$out/$name.rc" ) &
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$out/$name.pid" ] && break; sleep 0.02; done
  sipp_pids+=("$(cat "$out/$name.pid" 2>/dev/null)")
}
sipp_pid() { cat "$out/$1.pid" 2>/dev/null; }
sipp_done() { [ -s "$out/$1.rc" ]; }
wait_sipp() { # name deadline_epoch: wait for exit, kill by PID at the deadline
  local name=$1 deadline=$2
  while ! sipp_done "$name"; do
    if awk -v n="$(now)" -v d="$deadline" 'BEGIN{exit !(n > d)}'; then
      stop_pid "$(sipp_pid "$name")" 2
      local i; for ((i = 0; i < 30; i++)); do sipp_done "$name" && break; sleep 0.1; done
      return 1
    fi
    sleep 0.2
  done
  return 0
}

# ---------------------------------------------------------------- one step
# run_step target rate duration tag -> sets STEP_* globals, prints one line, appends to steps.tsv
declare -a elem_pids=()
remote_port=""; uac_scn=""; uac_extra=()
step_no=0

settle() { # wait until the element is idle (< 10 % of a core) for up to 10 s
  local i t0 t1
  for ((i = 0; i < 20; i++)); do
    t0=$(elem_ticks "${elem_pids[@]}"); sleep 0.5; t1=$(elem_ticks "${elem_pids[@]}")
    [ $(( (t1 - t0) * 100 / CLK_TCK )) -lt 5 ] && return 0
  done
}

run_step() {
  local target=$1 rate=$2 dur=$3 tag=$4
  local calls=$((rate * dur)) limit=$((rate * 2 + 50))
  step_no=$((step_no + 1))
  local name="$target-$step_no-$rate" uac_port uas_stats uac_stats
  uac_port=$(free_udp_port) || { setup_error "no free UDP port"; return 1; }
  uas_stats="$out/$name-uas.csv"; uac_stats="$out/$name-uac.csv"
  local trace=(-trace_err -error_file "$out/$name-uac-errors.log")
  [ "$tag" = probe ] && trace+=(-trace_msg -message_file "$out/$name-uac-messages.log")

  udp_busy "$uas_port" && { setup_error "UDP $uas_port (the UAS) is busy"; return 1; }
  # The UAS is not limited to this step's calls: stale retransmissions from the element's previous
  # step (e.g. BYEs after a collapse) must not make it stop early. It is bounded by -m 2x, -timeout
  # and stopped by PID once the UAC is done.
  start_sipp "$name-uas" -sf "$here/sipp/uas.xml" -i 127.0.0.1 -p "$uas_port" -m "$((calls * 2 + 100))" \
    -nostdin -timeout "$((dur + 40))s" -recv_timeout 10000 -buff_size 1048576 \
    -trace_stat -stf "$uas_stats" -fd 1 -mp "$(free_udp_port)" -trace_err -error_file "$out/$name-uas-errors.log"
  local i
  for ((i = 0; i < 50; i++)); do udp_busy "$uas_port" && break; sleep 0.05; done

  [ "$tag" != probe ] && wait_quiet
  local e0 p0 w0 w1 e1 p1
  all_ticks >"$out/bg0"
  local d0 d1
  d0=$(udp_drops); e0=$(elem_ticks "${elem_pids[@]}"); p0=$(psi_total); w0=$(now)
  start_sipp "$name-uac" 127.0.0.1:"$remote_port" -sf "$uac_scn" "${uac_extra[@]}" -s "$callee" \
    -i 127.0.0.1 -p "$uac_port" -mp "$(free_udp_port)" -r "$rate" -rp 1000 -l "$limit" -m "$calls" \
    -nostdin -timeout "$((dur + 30))s" -recv_timeout 5000 -buff_size 1048576 \
    -trace_stat -stf "$uac_stats" -fd 1 "${trace[@]}"

  # Poll; abort the step early once the UAC reports a failed call.
  local deadline aborted=""
  deadline=$(awk -v w="$w0" -v d="$dur" 'BEGIN{printf "%.3f", w + d + 40}')
  while ! sipp_done "$name-uac"; do
    if awk -v n="$(now)" -v d="$deadline" 'BEGIN{exit !(n > d)}'; then aborted="deadline"; break; fi
    read -r f_now _ <<<"$(csv_last "$uac_stats" 'FailedCall(C)')"
    if [ "${f_now:-0}" -gt 0 ] && [ "$tag" != probe ]; then aborted="failures"; sleep 1; break; fi
    sleep 0.5
  done
  [ -n "$aborted" ] && wait_sipp "$name-uac" "$(now)"
  local uas_gone=0; sipp_done "$name-uas" && uas_gone=1
  w1=$(now); e1=$(elem_ticks "${elem_pids[@]}"); p1=$(psi_total)
  all_ticks >"$out/bg1"; d1=$(udp_drops)
  # Then stop the UAS (SIGTERM: SIPp ends gracefully), once its statistics (dumped every second)
  # show the calls the UAC completed, or after 4 s.
  local u_done uas_now
  read -r u_done _ <<<"$(csv_last "$uac_stats" 'SuccessfulCall(C)')"
  for ((i = 0; i < 20; i++)); do
    sleep 0.2
    read -r uas_now _ <<<"$(csv_last "$uas_stats" 'SuccessfulCall(C)')"
    [ "${uas_now:-0}" -ge "${u_done:-0}" ] && [ "$i" -ge 4 ] && break
  done
  wait_sipp "$name-uas" "$(now)" || true

  local uac_rc uas_rc
  uac_rc=$(cat "$out/$name-uac.rc" 2>/dev/null || echo "?"); uas_rc=$(cat "$out/$name-uas.rc" 2>/dev/null || echo "?")
  local u_ok u_fail u_created u_retr u_el u_ooc uas_ok uas_fail uas_retr uas_in
  read -r u_ok u_fail u_created u_retr u_el u_ooc <<<"$(csv_last "$uac_stats" 'SuccessfulCall(C)' 'FailedCall(C)' 'OutgoingCall(C)' 'Retransmissions(C)' 'ElapsedTime(C)' 'OutOfCallMsgs(C)')"
  read -r uas_ok uas_fail uas_retr uas_in <<<"$(csv_last "$uas_stats" 'SuccessfulCall(C)' 'FailedCall(C)' 'Retransmissions(C)' 'IncomingCall(C)')"

  local wall elem_s elem_cores ms_call uac_cpu uas_cpu psi
  wall=$(fcalc "%.2f" "$w1 - $w0")
  elem_s=$(fcalc "%.2f" "($e1 - $e0) / $CLK_TCK")
  elem_cores=$(fcalc "%.2f" "$elem_s / $wall")
  ms_call=$(fcalc "%.3f" "($u_ok > 0) ? $elem_s * 1000 / $u_ok : 0")
  uac_cpu=$(times_cpu "$out/$name-uac.times"); uas_cpu=$(times_cpu "$out/$name-uas.times")
  psi=$(fcalc "%.0f" "($p1 - $p0) / 10000 / $wall")
  local bg uac_cores uas_cores
  bg=$(bg_cores "$out/bg0" "$out/bg1" "$wall" "${elem_pids[@]}" "$(sipp_pid "$name-uac")" "$(sipp_pid "$name-uas")" $$)
  uac_cores=$(fcalc "%.2f" "$uac_cpu / $wall"); uas_cores=$(fcalc "%.2f" "$uas_cpu / $wall")

  local verdict="OK" why=""
  local slack=$(( dur / 10 > 2 ? dur / 10 : 2 ))
  # Clean = every call completed end to end (UAC) and was answered and closed at the UAS. UAS
  # "failures" beyond that are stale messages for calls it never had (left over from an earlier,
  # overloaded step): reported, not counted.
  if [ "$u_fail" -gt 0 ]; then verdict="FAIL"; why="failed calls"
  elif [ "$u_ok" -lt "$calls" ]; then verdict="FAIL"; why="incomplete ($u_ok of $calls)"
  elif [ "$uas_ok" -lt "$calls" ]; then verdict="FAIL"; why="UAS completed only $uas_ok of $calls"
  elif [ "$u_el" -gt $((dur + slack)) ]; then verdict="FAIL"; why="rate not sustained (${u_el}s for ${dur}s of calls)"
  fi
  [ -n "$aborted" ] && why="$why; stopped early ($aborted)"
  # SIPp exits 0 on SIGTERM. An exit we did not cause, before all calls were created (or a UAS that
  # left before the UAC finished), means something else on the machine signalled it: not a result.
  STEP_INTERRUPTED=0
  if [ -z "$aborted" ] && [ "$tag" != probe ] && { { [ "$uac_rc" = 0 ] && [ "$u_created" -lt "$calls" ]; } || { [ "$uas_gone" = 1 ] && [ "$uas_ok" -lt "$calls" ] && [ "$uas_rc" = 0 ]; }; }; then
    STEP_INTERRUPTED=1; verdict="INTR"; why="a SIPp process was stopped from outside (SIGTERM); step not counted"
  elif [ "$tag" != probe ] && [ "$u_created" -eq 0 ]; then
    STEP_INTERRUPTED=1; verdict="INTR"
    why="the UAC did not start (rc=$uac_rc: $(grep -v '^ *$' "$out/$name-uac.out" 2>/dev/null | tail -1 | cut -c1-100)); step not counted"
  elif [ "$tag" != probe ] && [ "$u_created" -gt 0 ] && [ "$uas_in" -eq 0 ]; then
    STEP_INTERRUPTED=1; verdict="INTR"; why="the UAS saw no call: another process holds its port?; step not counted"
  fi
  [ "$tag" = probe ] && [ "$u_ok" -gt 0 ] && [ "$u_fail" -eq 0 ] && verdict="OK"
  STEP_CLEAN=0; [ "$verdict" = OK ] && STEP_CLEAN=1
  # A few stray failures (<= 0.1 % of the calls, rate sustained) make a step worth one retry.
  STEP_MARGINAL=0
  [ "$verdict" = FAIL ] && [ "$u_ok" -gt 0 ] && [ $(( (u_fail + calls - u_ok) * 1000 )) -le "$calls" ] && STEP_MARGINAL=1
  STEP_ELEM_CORES=$elem_cores; STEP_MS_CALL=$ms_call; STEP_SIPP_CORES=$(fcalc "%.2f" "$uac_cores + $uas_cores"); STEP_BG=$bg; STEP_OK=$u_ok; STEP_FAIL=$u_fail

  printf '  %-11s %-7s %5s/s x%2ss %-4s ok %6s/%-6s failed %-4s uas-stale %-4s retrans %-5s drops %-4s| elem %4s cores %6s ms/call | sipp uac %4s uas %4s | other %4s | psi %3s%% %s\n' \
    "$target" "$tag" "$rate" "$dur" "$verdict" "$u_ok" "$calls" "$u_fail" "$uas_fail" "$((u_retr + uas_retr))" "$((d1 - d0))" \
    "$elem_cores" "$ms_call" "$uac_cores" "$uas_cores" "$bg" "$psi" "${why:+($why)}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$target" "$tag" "$rate" "$dur" "$verdict" "$calls" "$u_created" "$u_ok" "$u_fail" "$uas_ok" "$uas_fail" \
    "$((u_retr + uas_retr))" "$((d1 - d0))" "$wall" "$elem_s" "$elem_cores" "$ms_call" "$uac_cpu" "$uas_cpu" "$bg" "$psi" >>"$out/steps.tsv"
  if [ "$tag" = probe ] && [ "$verdict" != OK ]; then
    echo "    probe failed: uac rc=$uac_rc uas rc=$uas_rc ok=$u_ok failed=$u_fail uas_ok=$uas_ok; first errors:"
    { grep -v '^ *$' "$out/$name-uac-errors.log" 2>/dev/null | head -6; tail -5 "$out/$name-uac.out" 2>/dev/null; } | sed 's/^/      /'
  fi
  # Keep the in-flight state from one step out of the next (after a collapse the element still
  # retransmits for a while: give it cooldown seconds more).
  settle
  sleep 1
  [ "$verdict" = OK ] || [ "$tag" = probe ] || sleep "$cooldown"
  return 0
}

# ---------------------------------------------------------------- ramp for one target
# ramp target -> RESULT_RATE RESULT_NOTE RESULT_CORES RESULT_MS RESULT_SIPP RESULT_BG
# A rate passes when at least half of its runs were clean; a step with a few stray failures
# (STEP_MARGINAL) is re-run --retries times, the best rate is re-run --confirm times.
declare -A runs=() cleans=() cores=() msc=() sippc=() bgc=()
record_run() { # rate
  local r=$1
  runs[$r]=$(( ${runs[$r]:-0} + 1 ))
  if [ "$STEP_CLEAN" = 1 ]; then
    cleans[$r]=$(( ${cleans[$r]:-0} + 1 ))
    cores[$r]=$STEP_ELEM_CORES; msc[$r]=$STEP_MS_CALL; sippc[$r]=$STEP_SIPP_CORES; bgc[$r]=$STEP_BG
  fi
}
counted_step() { # target rate tag: run_step, re-run (up to 3 times) when interrupted from outside
  local k
  for ((k = 0; k < 4; k++)); do
    run_step "$1" "$2" "$duration" "$3" || return 1
    element_alive || { setup_error "$1 is no longer running"; return 1; }
    [ "$STEP_INTERRUPTED" = 1 ] || { record_run "$2"; return 0; }
  done
  setup_error "SIPp was stopped from outside 4 times in a row; giving up"
  return 1
}
element_alive() { local p; for p in "${elem_pids[@]}"; do alive "$p" || return 1; done; return 0; }
passes() { [ $(( ${cleans[$1]:-0} * 2 )) -ge "${runs[$1]:-1}" ] && [ "${cleans[$1]:-0}" -gt 0 ]; }
ramp() {
  local target=$1
  RESULT_RATE=0; RESULT_NOTE=""; RESULT_CORES="-"; RESULT_MS="-"; RESULT_SIPP="-"; RESULT_BG="-"
  runs=(); cleans=(); cores=(); msc=(); sippc=(); bgc=()
  echo "== $target: probe (20 calls at 10/s)"
  run_step "$target" 10 2 probe || return 1
  if [ "$STEP_CLEAN" != 1 ]; then
    RESULT_NOTE="probe failed: no call completed"; return 0
  fi
  if [ "$warmup" -gt 0 ]; then
    echo "== $target: warm-up (${warmup}s at ${warmup_rate}/s, not scored: a JVM compiles its hot paths first)"
    run_step "$target" "$warmup_rate" "$warmup" warmup || return 1
  fi
  echo "== $target: ramp (start $start, max $max, ${duration}s steps)"
  local lo=0 hi=0 rate=$start n=0 next i
  while [ "$n" -lt "$max_steps" ]; do
    n=$((n + 1))
    counted_step "$target" "$rate" ramp || return 1
    for ((i = 0; i < retries; i++)); do
      [ "$STEP_CLEAN" = 1 ] || [ "$STEP_MARGINAL" != 1 ] && break
      counted_step "$target" "$rate" retry || return 1
    done
    if passes "$rate"; then lo=$rate; else hi=$rate; fi
    if [ "$hi" -eq 0 ]; then
      [ "$lo" -ge "$max" ] && break
      next=$((rate * 2)); [ "$next" -gt "$max" ] && next=$max
    else
      local res=$(( lo / 10 > step ? lo / 10 : step ))
      [ $((hi - lo)) -le "$res" ] && break
      next=$(( ((lo + hi) / 2 + step / 2) / step * step ))
      { [ "$next" -le "$lo" ] || [ "$next" -ge "$hi" ]; } && next=$(( (lo + hi) / 2 ))
      { [ "$next" -le "$lo" ] || [ "$next" -ge "$hi" ]; } && break
    fi
    rate=$next
  done
  if [ "$lo" -eq 0 ]; then
    RESULT_NOTE="no clean rate (lowest tried: $rate/s)"; return 0
  fi
  local best=$lo
  if [ "$confirm" -gt 0 ]; then
    echo "== $target: confirm $best/s ($confirm more run(s))"
    for ((i = 0; i < confirm; i++)); do
      counted_step "$target" "$best" confirm || return 1
    done
  fi
  if ! passes "$best"; then
    # Not clean often enough: fall back to the highest lower rate that passes.
    local r fb=0
    for r in "${!runs[@]}"; do [ "$r" -lt "$best" ] && [ "$r" -gt "$fb" ] && passes "$r" && fb=$r; done
    RESULT_NOTE="$best/s clean in only ${cleans[$best]:-0} of ${runs[$best]} runs; "
    best=$fb
  fi
  RESULT_RATE=$best
  if [ "$best" -gt 0 ]; then
    RESULT_NOTE="${RESULT_NOTE}$best/s clean in ${cleans[$best]} of ${runs[$best]} runs"
    RESULT_CORES=${cores[$best]}; RESULT_MS=${msc[$best]}; RESULT_SIPP=${sippc[$best]}; RESULT_BG=${bgc[$best]}
  fi
  [ "$hi" -gt 0 ] && RESULT_NOTE="$RESULT_NOTE; first failing rate $hi/s (clean in ${cleans[$hi]:-0} of ${runs[$hi]})"
  [ "$hi" -eq 0 ] && [ "$lo" -ge "$max" ] && RESULT_NOTE="$RESULT_NOTE; capped by --max $max"
  return 0
}

# ---------------------------------------------------------------- targets
start_kamailio() {
  local run="$out/kamailio-run"; mkdir -p "$run"
  udp_busy "$kam_port" && { setup_error "UDP $kam_port (Kamailio) is busy"; return 1; }
  "$KAMAILIO" -f "$here/kamailio/kamailio-proxy.cfg" -DD -E -x tlsf -m "$kam_shm" -M 8 \
    -Y "$run" -P "$run/kamailio.pid" -w "$run" \
    -A "KAM_LISTEN=udp:127.0.0.1:$kam_port" -A "KAM_UAS_PORT=$uas_port" \
    -A "KAM_CHILDREN=$kam_children" -A "KAM_RCVBUF=$kam_rcvbuf" \
    >"$out/kamailio.log" 2>&1 </dev/null &
  kam_pid=$!
  local i
  for ((i = 0; i < 100; i++)); do
    alive "$kam_pid" || break
    udp_busy "$kam_port" && break
    sleep 0.1
  done
  sleep 0.5
  if ! alive "$kam_pid" || ! udp_busy "$kam_port"; then
    setup_error "Kamailio did not start; log:"; tail -20 "$out/kamailio.log" >&2; kam_pid=""; return 1
  fi
  mapfile -t kam_kids < <(pgrep -P "$kam_pid")
  elem_pids=("$kam_pid" "${kam_kids[@]}")
  echo "   kamailio $("$KAMAILIO" -v 2>/dev/null | awk 'NR==1{print $3}') pid $kam_pid, ${#kam_kids[@]} child processes, children=$kam_children maxbuffer=$kam_rcvbuf, -x tlsf -m $kam_shm"
}

start_switch() {
  local data="$out/switchboard-data" conf="$out/switchboard-conf" i code
  mkdir -p "$data" "$conf"
  # A private copy of conf/ whose contact for the bench extension is this run's UAS port.
  cp -R "$repo/conf/." "$conf/" || { setup_error "cannot copy $repo/conf"; return 1; }
  sed -i -E "s#sip:bench@127\.0\.0\.1:[0-9]+#sip:bench@127.0.0.1:$uas_port#" "$conf/directory.yaml" 2>/dev/null
  if ! grep -q "sip:bench@127.0.0.1:$uas_port" "$conf"/*.yaml; then
    setup_error "could not point $callee's contact at 127.0.0.1:$uas_port in a copy of conf/ (expected 'contact: sip:bench@127.0.0.1:5099')"
    return 1
  fi
  udp_busy "$sip_port" && { setup_error "UDP $sip_port (Switchboard SIP) is busy"; return 1; }
  tcp_busy "$http_port" && { setup_error "TCP $http_port (Switchboard HTTP) is busy"; return 1; }
  (cd "$repo" && exec bin/switchboard run --conf "$conf" --set "sip.port=$sip_port" --set "http.port=$http_port" \
      --set "data.dir=$data" --set log.level=WARN) >"$out/switchboard.log" 2>&1 </dev/null &
  sw_pid=$!
  for ((i = 0; i < health_timeout * 4; i++)); do
    alive "$sw_pid" || break
    code=$(curl -s -m 2 -o "$out/health.json" -w '%{http_code}' "http://127.0.0.1:$http_port/health" 2>/dev/null)
    [ "$code" = 200 ] && grep -q '"status" *: *"up"' "$out/health.json" && break
    sleep 0.25
  done
  if ! alive "$sw_pid" || [ "${code:-}" != 200 ]; then
    setup_error "Switchboard did not become healthy on http://127.0.0.1:$http_port/health; log:"
    tail -30 "$out/switchboard.log" >&2; stop_switch; return 1
  fi
  # bin/switchboard execs java, so $sw_pid is the JVM.
  elem_pids=("$sw_pid")
  echo "   switchboard pid $sw_pid ($(tr -d '\n' <"$out/health.json" | cut -c1-120))"
}

declare -A R_RATE=() R_NOTE=() R_CORES=() R_MS=() R_SIPP=() R_BG=()
run_target() {
  local t=$1
  case "$t" in
    sipp)
      echo "== sipp (SIPp UAC -> SIPp UAS 127.0.0.1:$uas_port directly)"
      elem_pids=(); remote_port=$uas_port; uac_scn="$here/sipp/uac.xml"; uac_extra=() ;;
    kamailio)
      echo "== kamailio (SIPp UAC -> Kamailio stateful proxy 127.0.0.1:$kam_port -> SIPp UAS 127.0.0.1:$uas_port)"
      start_kamailio || return 1
      remote_port=$kam_port; uac_scn="$here/sipp/uac.xml"; uac_extra=() ;;
    switchboard)
      echo "== switchboard (SIPp UAC as $caller, digest auth -> Switchboard 127.0.0.1:$sip_port -> $callee = SIPp UAS 127.0.0.1:$uas_port)"
      start_switch || return 1
      remote_port=$sip_port; uac_scn="$here/sipp/uac-auth.xml"
      uac_extra=(-au "$caller" -ap "$password" -key caller "$caller") ;;
  esac
  ramp "$t"; local rc=$?
  R_RATE[$t]=$RESULT_RATE; R_NOTE[$t]=$RESULT_NOTE; R_CORES[$t]=$RESULT_CORES; R_MS[$t]=$RESULT_MS; R_SIPP[$t]=$RESULT_SIPP; R_BG[$t]=$RESULT_BG
  case "$t" in kamailio) stop_kamailio ;; switchboard) stop_switch ;; esac
  return $rc
}

# ---------------------------------------------------------------- main
cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
echo "# sip-cps: $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores ($cpu_model)  sipp $("$SIPP" -v 2>/dev/null | grep -o 'v[0-9.]*' | head -1)"
echo "# steps ${duration}s, ramp start $start max $max step $step, confirm $confirm; logs in $out"
pick_ports || { setup_error "no free ports"; exit 3; }
echo "# ports: UAS $uas_port, Switchboard SIP $sip_port HTTP $http_port, Kamailio $kam_port"
printf 'target\ttag\trate\tduration\tverdict\tcalls\tcreated\tsuccessful\tfailed\tuas_successful\tuas_failed\tretrans\tudp_drops\twall_s\telem_cpu_s\telem_cores\telem_ms_per_call\tuac_cpu_s\tuas_cpu_s\tother_cores\tpsi_pct\n' >"$out/steps.tsv"

if [ "$want_sw" = 1 ] && [ "$build" = 1 ]; then
  echo "# building Switchboard (bin/switchboard version)..."
  if ! (cd "$repo" && timeout 900 bin/switchboard version) >"$out/build.log" 2>&1; then
    setup_error "Switchboard build failed:"; tail -30 "$out/build.log" >&2
  fi
fi

if [ "$want_sipp" = 1 ] && [ "$setup_failed" = 0 ]; then run_target sipp || true; fi
if [ "$want_kam" = 1 ] && [ "$setup_failed" = 0 ]; then
  if [ -n "$KAMAILIO" ]; then run_target kamailio || true
  else echo "== kamailio: not installed (apt-get install kamailio), skipped"; R_NOTE[kamailio]="not installed"; fi
fi
if [ "$want_sw" = 1 ] && [ "$setup_failed" = 0 ]; then run_target switchboard || true; fi

echo "== results ($(nproc) cores, ${duration}s steps, zero failed calls; elem = CPU of the element under test at that rate)"
for t in sipp kamailio switchboard; do
  [ -n "${R_RATE[$t]:-}${R_NOTE[$t]:-}" ] || continue
  printf '# %-11s %6s calls/s  elem %s cores (%s ms CPU/call), sipp %s cores, other processes %s cores  (%s)\n' \
    "$t" "${R_RATE[$t]:-n/a}" "${R_CORES[$t]:--}" "${R_MS[$t]:--}" "${R_SIPP[$t]:--}" "${R_BG[$t]:--}" "${R_NOTE[$t]:-}"
done
[ -n "${R_RATE[sipp]:-}" ] && echo "sipp_direct_cps=${R_RATE[sipp]} calls/s"
[ -n "${R_RATE[kamailio]:-}" ] && echo "kamailio_cps=${R_RATE[kamailio]} calls/s"
sw=${R_RATE[switchboard]:-0}
if [ -n "${R_RATE[switchboard]:-}" ]; then
  [ "$sw" -gt 0 ] && echo "switchboard_cpu_cores=${R_CORES[switchboard]} switchboard_cpu_ms_per_call=${R_MS[switchboard]}"
  [ "${R_RATE[sipp]:-0}" -gt 0 ] && echo "ratio_vs_sipp_direct=$(fcalc '%.2f' "$sw / ${R_RATE[sipp]}")"
  [ "${R_RATE[kamailio]:-0}" -gt 0 ] && echo "ratio_vs_kamailio=$(fcalc '%.2f' "$sw / ${R_RATE[kamailio]}")"
else
  echo "# switchboard not measured"
fi
echo "sip_cps=$sw calls/s"
[ "$setup_failed" = 1 ] && exit 3
exit 0
