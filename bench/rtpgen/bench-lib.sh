# bench-lib.sh - shell helpers shared by bench/media-calls.sh and bench/port-leak.sh (sourced).
#
# The caller sets: prog (name for messages), here (bench/), repo, out (log dir), and the ports
# sip_port http_port uac_port uas_port; it defines nothing else. Every process started here is
# recorded by PID and stopped by PID (stop_switch, stop_rtpengine).
# shellcheck shell=bash

setup_failed=0
setup_error() { echo "$prog: SETUP ERROR: $*" >&2; setup_failed=1; }
warn() { echo "$prog: WARNING: $*" >&2; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
stop_pid() { # pid grace_seconds: SIGTERM, wait, SIGKILL
  local p=$1 g=${2:-5} i
  alive "$p" || return 0
  kill -TERM "$p" 2>/dev/null
  for ((i = 0; i < g * 10; i++)); do alive "$p" || return 0; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null; sleep 0.1
}
udp_busy() { [ -n "$(ss -Hlun "sport = :$1" 2>/dev/null)" ]; }
tcp_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
free_udp_port() { # a free UDP port in 20000-29999 (not a fixed one another test may hold)
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 10000))
    udp_busy "$p" || { echo "$p"; return 0; }
  done
  return 1
}
free_tcp_port() {
  local p i
  for ((i = 0; i < 50; i++)); do p=$((20000 + RANDOM % 10000)); tcp_busy "$p" || { echo "$p"; return 0; }; done
  return 1
}
now() { date +%s.%N; }
fcalc() { awk "BEGIN{ printf \"$1\", $2 }"; }
apt_install() { # packages...: install from Debian's archive (apt-get update once per run)
  if [ -z "${apt_updated:-}" ]; then
    echo "# apt-get update (to install $*)..."
    apt-get update >"$out/apt.log" 2>&1 || true
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$out/apt.log" 2>&1
}

# Raise the fd limit: rtpgen needs one socket per call side (the hard limit is 20 000 here).
raise_fd_limit() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  fd_limit=$(ulimit -n)
}

# ---------------------------------------------------------------- the generator
# build_rtpgen -> RTPGEN (bench/rtpgen/target/rtpgen), RTPGEN_OPUS=1 when built with libopus
build_rtpgen() {
  local src="$here/rtpgen" bin="$here/rtpgen/target/rtpgen" opus=1
  command -v gcc >/dev/null && command -v make >/dev/null || { setup_error "gcc/make not found (apt-get install gcc make)"; return 1; }
  if [ ! -f /usr/include/opus/opus.h ]; then
    apt_install libopus-dev || true
    [ -f /usr/include/opus/opus.h ] || { warn "libopus-dev could not be installed: rtpgen is built without Opus (no transcoding runs)"; opus=0; }
  fi
  mkdir -p "$src/target"
  if ! make -s -C "$src" OPUS="$opus" OUT=target/rtpgen >"$out/rtpgen-build.log" 2>&1; then
    setup_error "rtpgen did not build:"; tail -20 "$out/rtpgen-build.log" >&2; return 1
  fi
  RTPGEN=$bin; RTPGEN_OPUS=$opus
}

# gen_sched_init: the generator runs with real-time priority (chrt -f 10) when --gen-sched rt
# (default) and chrt works, so that its own scheduling delays on a shared machine do not show up
# as the element's jitter. -> GEN_SCHED (array, possibly empty), GEN_SCHED_NOTE
gen_sched_init() {
  GEN_SCHED=(); GEN_SCHED_NOTE="normal priority"
  [ "${gen_sched:-rt}" = rt ] || return 0
  if command -v chrt >/dev/null && chrt -f 10 true 2>/dev/null; then
    GEN_SCHED=(chrt -f 10); GEN_SCHED_NOTE="SCHED_FIFO 10 (chrt)"
  else
    warn "chrt -f not permitted: the generator runs at normal priority (its own delays count as jitter)"
  fi
}

# elem_prefix: the command prefix that starts an element: "nice -n N" when --elem-nice N is not 0
# (threads inherit it). On a machine shared with other work, a negative value gives the element a
# larger CPU share; apply the same to every element so that the figures stay comparable.
elem_prefix() {
  ELEM_PREFIX=()
  [ "${elem_nice:-0}" = 0 ] || ELEM_PREFIX=(nice -n "$elem_nice")
}

# ---------------------------------------------------------------- rtpengine (the reference)
ensure_rtpengine() {
  RTPENGINE="$(command -v rtpengine || true)"
  if [ -z "$RTPENGINE" ]; then
    apt_install rtpengine-daemon || true
    RTPENGINE="$(command -v rtpengine || true)"
  fi
  [ -n "$RTPENGINE" ]
}
rte_pid=""
start_rtpengine() { # ng_port port_min port_max -> rte_pid, elem_pids
  local ng=$1 pmin=$2 pmax=$3 i
  udp_busy "$ng" && { setup_error "UDP $ng (rtpengine ng) is busy"; return 1; }
  elem_prefix
  "${ELEM_PREFIX[@]}" "$RTPENGINE" --config-file=none --table=-1 --interface=127.0.0.1 --listen-ng="127.0.0.1:$ng" \
    --foreground --pidfile="$out/rtpengine.pid" --port-min="$pmin" --port-max="$pmax" \
    --log-stderr --log-level=4 --delete-delay=0 >"$out/rtpengine.log" 2>&1 </dev/null &
  rte_pid=$!
  for ((i = 0; i < 50; i++)); do alive "$rte_pid" || break; udp_busy "$ng" && break; sleep 0.1; done
  if ! alive "$rte_pid" || ! udp_busy "$ng"; then
    setup_error "rtpengine did not start; log:"; tail -20 "$out/rtpengine.log" >&2; rte_pid=""; return 1
  fi
  elem_pids=("$rte_pid")
  echo "   rtpengine $("$RTPENGINE" --version 2>&1 | awk '{print $2; exit}') pid $rte_pid: userspace only (--table=-1), ng 127.0.0.1:$ng, ports $pmin-$pmax${ELEM_PREFIX[*]:+, ${ELEM_PREFIX[*]}}"
}
stop_rtpengine() { [ -n "$rte_pid" ] && stop_pid "$rte_pid" 10; rte_pid=""; }

# ---------------------------------------------------------------- Switchboard
sw_pid=""; media_keys=1
health_json() { curl -s -m 2 "http://127.0.0.1:$http_port/health" 2>/dev/null; }
# health_value KEY: a number from /health ("media.portsInUse" -> "portsInUse" inside "media", or a
# flat "media.portsInUse" key); empty when absent.
health_value() {
  local key=$1 json leaf v
  json=$(health_json) || return 0
  leaf=${key##*.}
  v=$(grep -o "\"$key\" *: *[0-9]*" <<<"$json" | head -1 | grep -o '[0-9]*$')
  [ -z "$v" ] && v=$(grep -o "\"${key%%.*}\" *: *{[^}]*\"$leaf\" *: *[0-9]*" <<<"$json" | head -1 | grep -o '[0-9]*$')
  echo "$v"
}
# wait_ports_free: up to 10 s for media.portsInUse to come back to 0 -> PORTS_IN_USE ("" = not reported)
wait_ports_free() {
  local i v=""
  for ((i = 0; i < 40; i++)); do
    v=$(health_value media.portsInUse)
    [ -z "$v" ] || [ "$v" = 0 ] && break
    sleep 0.25
  done
  PORTS_IN_USE=$v
}

# A private copy of conf/: an IP trunk for the generator's UAC source address, the DID to the
# bench extension, and that extension's static contact pointing at the generator's UAS.
switch_conf() {
  local conf=$1
  mkdir -p "$conf"
  cp -R "$repo/conf/." "$conf/" || { setup_error "cannot copy $repo/conf"; return 1; }
  sed -i -E "s#sip:bench@127\.0\.0\.1:[0-9]+#sip:bench@127.0.0.1:$uas_port#" "$conf/directory.yaml"
  grep -q "sip:bench@127.0.0.1:$uas_port" "$conf/directory.yaml" || {
    setup_error "could not point extension $callee's contact at 127.0.0.1:$uas_port (expected 'contact: sip:bench@127.0.0.1:5099' in conf/directory.yaml)"; return 1; }
  cat >"$conf/trunks.yaml" <<EOF
# written by bench/$prog: the load generator's UAC is an IP trunk, its DID rings $callee
trunks:
  - name: bench
    type: ip
    from: ["127.0.0.1:$uac_port"]
inbound:
  - did: "$did"
    extension: "$callee"
outbound: []
EOF
}

start_switch() { # -> sw_pid, elem_pids; media.* keys passed when this build knows them
  local data="$out/switchboard-data" conf="$out/switchboard-conf" i code=""
  rm -rf "$conf"; mkdir -p "$data"
  switch_conf "$conf" || return 1
  udp_busy "$sip_port" && { setup_error "UDP $sip_port (Switchboard SIP) is busy"; return 1; }
  tcp_busy "$http_port" && { setup_error "TCP $http_port (Switchboard HTTP) is busy"; return 1; }
  local attempt
  for attempt in 1 2; do
    local extra=()
    [ "$media_keys" = 1 ] && extra=(--set media.portMin=20000 --set media.portMax=59999)
    local kv
    for kv in "${switch_sets[@]:-}"; do [ -n "$kv" ] && extra+=(--set "$kv"); done
    elem_prefix
    (cd "$repo" && exec "${ELEM_PREFIX[@]}" bin/switchboard run --conf "$conf" --data "$data" --set "sip.port=$sip_port" \
        --set "http.port=$http_port" --set log.level=WARN "${extra[@]}") >"$out/switchboard.log" 2>&1 </dev/null &
    sw_pid=$!
    for ((i = 0; i < health_timeout * 4; i++)); do
      alive "$sw_pid" || break
      code=$(curl -s -m 2 -o "$out/health.json" -w '%{http_code}' "http://127.0.0.1:$http_port/health" 2>/dev/null)
      [ "$code" = 200 ] && grep -q '"status" *: *"up"' "$out/health.json" && break
      sleep 0.25
    done
    if ! alive "$sw_pid" && [ "$media_keys" = 1 ] && grep -q "unknown config key 'media\." "$out/switchboard.log"; then
      warn "this Switchboard build has no media.portMin/media.portMax keys: started without them"
      media_keys=0; sw_pid=""; continue
    fi
    break
  done
  if ! alive "$sw_pid" || [ "${code:-}" != 200 ]; then
    setup_error "Switchboard did not become healthy on http://127.0.0.1:$http_port/health; log:"
    tail -30 "$out/switchboard.log" >&2; stop_switch; return 1
  fi
  # bin/switchboard execs java, so $sw_pid is the JVM.
  elem_pids=("$sw_pid")
  echo "   switchboard pid $sw_pid, SIP 127.0.0.1:$sip_port, HTTP $http_port$([ "$media_keys" = 1 ] && echo ", media ports 20000-59999")${ELEM_PREFIX[*]:+, ${ELEM_PREFIX[*]}}"
  echo "   trunk 'bench' from 127.0.0.1:$uac_port (the generator's UAC), DID $did -> $callee -> sip:bench@127.0.0.1:$uas_port (its UAS)"
}
stop_switch() { [ -n "$sw_pid" ] && stop_pid "$sw_pid" 20; sw_pid=""; }

# ---------------------------------------------------------------- running the generator
# run_rtpgen name deadline_s args... : runs rtpgen in the background (PID in gen_pid), prints its
# progress lines as they come, kills it by PID at the deadline; -> RES (assoc array of the RESULT
# line; empty when there was none), GEN_RC
declare -A RES=()
gen_pid=""
run_rtpgen() {
  local name=$1 limit=$2; shift 2
  local res="$out/$name.result" log="$out/$name.log" shown=0 n line
  rm -f "$res" "$log"
  "${GEN_SCHED[@]}" "$RTPGEN" "$@" >"$res" 2>"$log" </dev/null &
  gen_pid=$!
  local deadline
  deadline=$(awk -v n="$(now)" -v l="$limit" 'BEGIN{printf "%.0f", n + l}')
  while alive "$gen_pid"; do
    if [ "$(date +%s)" -gt "$deadline" ]; then
      warn "rtpgen ($name) still running after ${limit}s: stopped"
      stop_pid "$gen_pid" 5
      break
    fi
    sleep 0.5
    if [ "${show_progress:-1}" = 1 ]; then
      n=$(wc -l <"$log" 2>/dev/null || echo 0)
      if [ "$n" -gt "$shown" ]; then sed -n "$((shown + 1)),${n}p" "$log" | sed 's/^rtpgen: /      /'; shown=$n; fi
    fi
  done
  wait "$gen_pid" 2>/dev/null; GEN_RC=$?
  gen_pid=""
  if [ "${show_progress:-1}" = 1 ]; then
    n=$(wc -l <"$log" 2>/dev/null || echo 0)
    [ "$n" -gt "$shown" ] && sed -n "$((shown + 1)),${n}p" "$log" | sed 's/^rtpgen: /      /'
  fi
  RES=()
  line=$(grep '^RESULT ' "$res" 2>/dev/null | tail -1)
  local kv
  for kv in ${line#RESULT }; do RES[${kv%%=*}]=${kv#*=}; done
}

# ---------------------------------------------------------------- a shared machine
CLK_TCK=$(getconf CLK_TCK)
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
