/* main.c - options, legs and their sockets, the epoll loop and the phases of a run:
 *
 *   sustained (media-calls):  set up --calls N at --rate/s -> warm-up (--warmup-ms) -> window of
 *                             --duration s (loss, |D|, CPU measured) -> tail (--tail-ms, late
 *                             packets of the window are still read) -> teardown at --teardown-rate
 *                             -> wait for the last BYE/delete answers -> RESULT line.
 *   short calls (port-leak):  --short K: --calls N calls at --rate/s, each sends K packets each
 *                             way, then side A hangs up; RESULT line when all have ended.
 *
 * The RESULT line (stdout) is "RESULT key=value ...". Progress goes to stderr. The program stops
 * by itself: every transaction has a timeout and the whole run a --deadline; SIGTERM/SIGINT end
 * it early (the result then says interrupted=1). Exit status 0 when it ran, 2 on bad options,
 * 3 on setup errors. */
#include "rtpgen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

config cfg;
char run_tag[16];
leg **legs;
int nlegs;
int64_t now_ns;
counters C;

static int legs_cap;
static int epfd;
static volatile sig_atomic_t stop_signal;

/* ---------------------------------------------------------------- time */
int64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
int64_t real_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ---------------------------------------------------------------- failures */
#define MAXCODES 32
static int fail_codes[MAXCODES], fail_counts[MAXCODES], nfail_codes;
void count_failure(int code) {
    for (int i = 0; i < nfail_codes; i++)
        if (fail_codes[i] == code) { fail_counts[i]++; return; }
    if (nfail_codes < MAXCODES) { fail_codes[nfail_codes] = code; fail_counts[nfail_codes++] = 1; }
}
static const char *fail_name(int code, char *buf, int cap) {
    switch (code) {
    case FAIL_TIMEOUT: return "timeout";
    case FAIL_SDP: return "sdp";
    case FAIL_NG: return "ng-error";
    case FAIL_NOSOCK: return "no-socket";
    case FAIL_BYE: return "bye-from-far-end";
    case FAIL_NOACK: return "no-ack";
    default: snprintf(buf, cap, "%d", code); return buf;
    }
}

/* ---------------------------------------------------------------- sockets */
/* RTP sockets are opened on demand (127.0.0.1, a port of the kernel's choosing) and, when a leg
 * ends, kept 2 s in quarantine (stray packets of the old stream are drained) before reuse. */
static int *fd_owner;        /* fd -> leg id, -1 free/quarantined */
static int fd_owner_cap;
static int *free_fds, nfree;
typedef struct quar { int fd; int64_t until; } quar;
static quar *quarantine;
static int nquar, quar_head;
static int open_sockets, max_sockets;
static uint8_t own_port[65536];   /* ports of our RTP sockets (they stay open until exit) */

static int open_rtp_socket(void) {
    if (open_sockets >= max_sockets) return -1;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (fd >= fd_owner_cap) { close(fd); return -1; }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { close(fd); return -1; }
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) { close(fd); return -1; }
    socklen_t al = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &al);
    own_port[ntohs(a.sin_port)] = 1;
    open_sockets++;
    return fd;
}

int leg_attach_socket(leg *l) {
    int fd = nfree > 0 ? free_fds[--nfree] : open_rtp_socket();
    if (fd < 0) { C.no_socket++; return -1; }
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &al);
    l->fd = fd;
    l->port = ntohs(a.sin_port);
    fd_owner[fd] = l->id;
    return 0;
}

void leg_release_socket(leg *l) {
    if (l->fd < 0) return;
    rtp_stop(l);
    fd_owner[l->fd] = -1;
    quarantine[(quar_head + nquar) % max_sockets] = (quar){l->fd, now_ns + 2000000000LL};
    nquar++;
    l->fd = -1;
}

static void quarantine_tick(void) {
    while (nquar > 0 && quarantine[quar_head].until <= now_ns) {
        free_fds[nfree++] = quarantine[quar_head].fd;
        quar_head = (quar_head + 1) % max_sockets;
        nquar--;
    }
}

int sock_send(int fd, const struct sockaddr_in *to, const char *buf, int len) {
    ssize_t r = sendto(fd, buf, len, MSG_DONTWAIT, (const struct sockaddr *)to, sizeof *to);
    return r == len ? 0 : -1;
}

int bufcat(char *buf, int cap, int n, const char *fmt, ...) {
    if (n < 0) n = 0;
    if (n >= cap - 1) return cap - 1;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
    if (r < 0) return n;
    return n + r >= cap ? cap - 1 : n + r;
}

/* ---------------------------------------------------------------- legs */
static int *timer_legs, ntimer, timer_cap;
static int a_up, a_failed, a_closed, b_up_now;
static double setup_ms_sum, setup_ms_max;
static int setup_n;

leg *leg_new(enum side side, int call) {
    if (nlegs == legs_cap) {
        legs_cap = legs_cap ? legs_cap * 2 : 1024;
        legs = realloc(legs, sizeof(leg *) * legs_cap);
        if (!legs) { perror("realloc"); exit(3); }
    }
    leg *l = calloc(1, sizeof *l);
    if (!l) { perror("calloc"); exit(3); }
    l->id = nlegs;
    legs[nlegs++] = l;
    l->side = side;
    l->call = call;
    l->peer = -1;
    l->fd = -1;
    l->state = LS_SETUP;
    l->ssrc = (uint32_t)random() ^ ((uint32_t)random() << 16);
    l->seq = (uint16_t)random();
    l->ts = (uint32_t)random();
    l->ts_step = 160;
    l->rx_clock = 8000;
    l->rx_opus_pt = -1;
    l->te_pt = -1;
    l->sdp_version = 1;
    l->tx_limit = cfg.short_pkts;
    l->setup_started = now_ns;
    return l;
}

leg *leg_get(int id) { return (id >= 0 && id < nlegs) ? legs[id] : NULL; }

static int leg_has_timer(leg *l) { return l->retx_at || l->deadline_at || l->bye_at; }

/* Legs with a timer set are in timer_legs (once: timer_flag); timers_tick drops the idle ones. */
static char *timer_flag;
static int timer_flag_cap;

void leg_set_timer(leg *l) {
    if (l->id >= timer_flag_cap) {
        int nc = timer_flag_cap ? timer_flag_cap : 1024;
        while (nc <= l->id) nc *= 2;
        timer_flag = realloc(timer_flag, nc);
        if (!timer_flag) { perror("realloc"); exit(3); }
        memset(timer_flag + timer_flag_cap, 0, nc - timer_flag_cap);
        timer_flag_cap = nc;
    }
    if (!leg_has_timer(l) || timer_flag[l->id]) return;
    if (ntimer == timer_cap) {
        timer_cap = timer_cap ? timer_cap * 2 : 1024;
        timer_legs = realloc(timer_legs, sizeof(int) * timer_cap);
        if (!timer_legs) { perror("realloc"); exit(3); }
    }
    timer_legs[ntimer++] = l->id;
    timer_flag[l->id] = 1;
}

void leg_pending(leg *l, enum txn t, const char *msg, int len, int64_t first, int64_t give_up) {
    free(l->pending);
    l->pending = malloc(len);
    if (!l->pending) { perror("malloc"); exit(3); }
    memcpy(l->pending, msg, len);
    l->pending_len = len;
    l->txn = t;
    l->retx_count = 0;
    l->retx_interval = first;
    l->retx_at = now_ns + first;
    l->deadline_at = give_up;
    leg_set_timer(l);
}

/* Stop the timers; the text is kept (a retransmitted request is answered with it again). */
void leg_clear_pending(leg *l) {
    l->txn = TX_NONE;
    l->retx_at = 0;
    l->deadline_at = 0;
}

void leg_up(leg *l) {
    if (l->state != LS_SETUP) return;
    l->state = LS_UP;
    if (l->side == SIDE_A) {
        a_up++;
        double ms = (now_ns - l->setup_started) / 1e6;
        setup_ms_sum += ms;
        setup_n++;
        if (ms > setup_ms_max) setup_ms_max = ms;
    } else {
        b_up_now++;
    }
    if (l->have_dst && l->dst.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && own_port[ntohs(l->dst.sin_port)] &&
        cfg.mode != MODE_DIRECT)
        C.media_direct++; /* the SDP pointed at our other side: the element did not anchor the media */
    if (l->have_dst && l->fd >= 0) rtp_start(l);
}

static void leg_end(leg *l, enum leg_state s) {
    if (l->state == LS_UP || l->state == LS_CLOSING) {
        if (l->side == SIDE_B) b_up_now--;
        else a_up--;
    }
    l->state = s;
    rtp_stop(l);
    l->bye_at = 0;
    leg_release_socket(l);
}

void leg_fail(leg *l, int code) {
    if (l->state == LS_DONE || l->state == LS_FAILED) return;
    l->fail_code = code;
    if (l->side == SIDE_A) { a_failed++; count_failure(code); }
    leg_end(l, LS_FAILED);
}

void leg_closed(leg *l) {
    if (l->state == LS_DONE || l->state == LS_FAILED) return;
    if (l->side == SIDE_A) { a_closed++; C.calls_closed++; }
    leg_end(l, LS_DONE);
}

static void hangup(leg *a);

/* Short calls: side A hangs up 100 ms after its last packet (side B's last ones arrive). */
void leg_tx_done(leg *l) {
    if (l->side != SIDE_A) return;
    l->bye_at = now_ns + 100000000LL;
    leg_set_timer(l);
}

static void hangup(leg *a) {
    if (cfg.mode == MODE_SWITCHBOARD) sip_hangup(a);
    else if (cfg.mode == MODE_RTPENGINE) ng_hangup(a);
    else {
        leg *b = leg_get(a->peer);
        if (a->state == LS_UP) { leg_closed(a); if (b) leg_closed(b); }
    }
}

static void timers_tick(void) {
    for (int i = 0; i < ntimer;) {
        leg *l = legs[timer_legs[i]];
        int due = (l->retx_at && now_ns >= l->retx_at) || (l->deadline_at && now_ns >= l->deadline_at) ||
                  (l->bye_at && now_ns >= l->bye_at);
        if (due) {
            if (cfg.mode == MODE_SWITCHBOARD) sip_timer(l);
            else if (cfg.mode == MODE_RTPENGINE) ng_timer(l);
            else if (l->bye_at && now_ns >= l->bye_at) { l->bye_at = 0; hangup(l); }
        }
        if (!leg_has_timer(l)) {
            timer_flag[l->id] = 0;
            timer_legs[i] = timer_legs[--ntimer];
            continue;
        }
        i++;
    }
}

/* ---------------------------------------------------------------- calls */
static int launched;

static void launch_call(void) {
    int call = launched++;
    leg *a = leg_new(SIDE_A, call);
    if (leg_attach_socket(a) < 0) { leg_fail(a, FAIL_NOSOCK); return; }
    if (cfg.mode == MODE_SWITCHBOARD) { sip_start_call(a); return; }
    leg *b = leg_new(SIDE_B, call);
    a->peer = b->id;
    b->peer = a->id;
    if (leg_attach_socket(b) < 0) { leg_fail(a, FAIL_NOSOCK); leg_fail(b, FAIL_NOSOCK); return; }
    if (cfg.codec == CODEC_OPUS) { /* direct mode only: B sends Opus (PT 111) to A */
        b->tx_pt = 111; b->tx_opus = 1; b->ts_step = 960; b->neg_pt = 111;
        a->rx_clock = 48000; a->rx_opus_pt = 111;
    }
    if (cfg.mode == MODE_RTPENGINE) { ng_start_call(a, b); return; }
    a->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(b->port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    b->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(a->port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    a->have_dst = b->have_dst = 1;
    leg_up(a);
    leg_up(b);
}

/* ---------------------------------------------------------------- options */
static void usage(FILE *f) {
    fprintf(f,
            "usage: rtpgen --mode direct|rtpengine|switchboard --calls N [options]\n"
            "  --codec pcmu|opus      side B's codec (opus: switchboard or direct mode; default pcmu)\n"
            "  --duration S           measurement window, seconds (default 30)\n"
            "  --rate R               call set-ups per second (default 100)\n"
            "  --teardown-rate R      hang-ups per second (default 2 x rate)\n"
            "  --short K              short calls (port-leak): K packets each way, then BYE; --calls = total\n"
            "  --max-pending N        set-ups in progress at most (short calls: calls alive) (default 2 x rate + 50)\n"
            "  --switch IP:PORT       Switchboard SIP address (switchboard mode)\n"
            "  --uac-port P           our UAC port (the IP trunk's source address) (switchboard mode)\n"
            "  --uas-port P           our UAS port (the callee's contact) (switchboard mode)\n"
            "  --did NUMBER           dialled number (default 4008001234)  --caller NUMBER (default 13800000001)\n"
            "  --ng IP:PORT           rtpengine ng address (rtpengine mode)\n"
            "  --warmup-ms MS         after set-up, before the window (default 200)\n"
            "  --tail-ms MS           after the window, still reading its packets (default 200)\n"
            "  --setup-timeout S      give up the set-up phase after S s (default calls/rate + 40)\n"
            "  --deadline S           hard stop of the whole run (default: computed)\n"
            "  --elem-pids P1,P2      processes of the element under test (CPU in the window)\n"
            "  --progress S           progress line interval, seconds (default 5; 0 = none)\n");
}

static int parse_addr(const char *s, struct sockaddr_in *a) {
    char host[64];
    const char *c = strrchr(s, ':');
    if (!c || c - s >= (int)sizeof host) return -1;
    memcpy(host, s, c - s);
    host[c - s] = 0;
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)atoi(c + 1));
    return inet_pton(AF_INET, host, &a->sin_addr) == 1 && atoi(c + 1) > 0 ? 0 : -1;
}

static void parse_args(int argc, char **argv) {
    cfg.codec = CODEC_PCMU;
    cfg.duration = 30;
    cfg.rate = 100;
    cfg.warmup_ms = 200;
    cfg.tail_ms = 200;
    cfg.progress = 5;
    cfg.mode = -1;
    snprintf(cfg.did, sizeof cfg.did, "4008001234");
    snprintf(cfg.caller, sizeof cfg.caller, "13800000001");
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) { usage(stdout); exit(0); }
        if (i + 1 >= argc) { fprintf(stderr, "rtpgen: %s needs a value\n", o); usage(stderr); exit(2); }
        const char *v = argv[++i];
        if (!strcmp(o, "--mode")) {
            if (!strcmp(v, "direct")) cfg.mode = MODE_DIRECT;
            else if (!strcmp(v, "rtpengine")) cfg.mode = MODE_RTPENGINE;
            else if (!strcmp(v, "switchboard")) cfg.mode = MODE_SWITCHBOARD;
            else { fprintf(stderr, "rtpgen: unknown mode '%s'\n", v); exit(2); }
        } else if (!strcmp(o, "--codec")) {
            if (!strcmp(v, "pcmu")) cfg.codec = CODEC_PCMU;
            else if (!strcmp(v, "opus")) cfg.codec = CODEC_OPUS;
            else { fprintf(stderr, "rtpgen: unknown codec '%s'\n", v); exit(2); }
        } else if (!strcmp(o, "--calls")) cfg.calls = atoi(v);
        else if (!strcmp(o, "--duration")) cfg.duration = atof(v);
        else if (!strcmp(o, "--rate")) cfg.rate = atof(v);
        else if (!strcmp(o, "--teardown-rate")) cfg.teardown_rate = atof(v);
        else if (!strcmp(o, "--short")) cfg.short_pkts = atoi(v);
        else if (!strcmp(o, "--max-pending")) cfg.max_pending = atoi(v);
        else if (!strcmp(o, "--switch")) { if (parse_addr(v, &cfg.sw) < 0) { fprintf(stderr, "rtpgen: bad --switch '%s'\n", v); exit(2); } }
        else if (!strcmp(o, "--ng")) { if (parse_addr(v, &cfg.ng) < 0) { fprintf(stderr, "rtpgen: bad --ng '%s'\n", v); exit(2); } }
        else if (!strcmp(o, "--uac-port")) cfg.uac_port = atoi(v);
        else if (!strcmp(o, "--uas-port")) cfg.uas_port = atoi(v);
        else if (!strcmp(o, "--did")) snprintf(cfg.did, sizeof cfg.did, "%s", v);
        else if (!strcmp(o, "--caller")) snprintf(cfg.caller, sizeof cfg.caller, "%s", v);
        else if (!strcmp(o, "--warmup-ms")) cfg.warmup_ms = atoi(v);
        else if (!strcmp(o, "--tail-ms")) cfg.tail_ms = atoi(v);
        else if (!strcmp(o, "--setup-timeout")) cfg.setup_timeout = atof(v);
        else if (!strcmp(o, "--deadline")) cfg.deadline = atof(v);
        else if (!strcmp(o, "--elem-pids")) snprintf(cfg.elem_pids, sizeof cfg.elem_pids, "%s", v);
        else if (!strcmp(o, "--progress")) cfg.progress = atof(v);
        else { fprintf(stderr, "rtpgen: unknown option '%s'\n", o); usage(stderr); exit(2); }
    }
    const char *err = NULL;
    if ((int)cfg.mode < 0) err = "--mode is required";
    else if (cfg.calls <= 0) err = "--calls must be > 0";
    else if (cfg.rate <= 0 || cfg.duration <= 0) err = "--rate and --duration must be > 0";
    else if (cfg.mode == MODE_SWITCHBOARD && (!cfg.sw.sin_port || cfg.uac_port <= 0 || cfg.uas_port <= 0))
        err = "switchboard mode needs --switch, --uac-port and --uas-port";
    else if (cfg.mode == MODE_RTPENGINE && !cfg.ng.sin_port) err = "rtpengine mode needs --ng";
    else if (cfg.mode == MODE_RTPENGINE && cfg.codec == CODEC_OPUS) err = "rtpengine mode runs G.711 only (--codec pcmu)";
#ifndef HAVE_OPUS
    else if (cfg.codec == CODEC_OPUS) err = "built without libopus: --codec opus unavailable";
#endif
    if (err) { fprintf(stderr, "rtpgen: %s\n", err); usage(stderr); exit(2); }
    if (!cfg.teardown_rate) cfg.teardown_rate = cfg.rate * 2;
    if (!cfg.max_pending) cfg.max_pending = (int)(cfg.rate * 2) + 50;
    if (!cfg.setup_timeout) cfg.setup_timeout = cfg.calls / cfg.rate + 40;
    if (!cfg.deadline)
        cfg.deadline = cfg.short_pkts ? cfg.calls / cfg.rate + 120
                                      : cfg.setup_timeout + cfg.duration + cfg.calls / cfg.teardown_rate + 60;
}

/* ---------------------------------------------------------------- run */
enum phase { PH_SETUP, PH_WARMUP, PH_WINDOW, PH_TAIL, PH_TEARDOWN, PH_DRAIN, PH_DONE };
static const char *phase_name[] = {"setup", "warm-up", "window", "tail", "teardown", "drain", "done"};

static void on_signal(int sig) { (void)sig; stop_signal = 1; }

/* results of the window */
static int calls_up_t0, b_up_t0, streams;
static uint64_t win_expected, win_received, win_tx0, win_rx0, win_tx, win_rx;
static double jit_sum, jit_max, window_s;
static uint64_t ssrc_changes, seq_jumps;
static sysnap snap0, snap1;
static int have_snaps;

static void finish_window(void) {
    int64_t nominal = (int64_t)llround(cfg.duration * 1000.0 / 20.0);
    for (int i = 0; i < nlegs; i++) {
        leg *l = legs[i];
        if (!l->measured) continue;
        uint64_t e, r;
        rtp_finish(l, nominal, &e, &r);
        win_expected += e;
        win_received += r;
        streams++;
        jit_sum += l->rx.jitter_ms;
        if (l->rx.jitter_ms > jit_max) jit_max = l->rx.jitter_ms;
        ssrc_changes += l->rx.ssrc_changes;
        seq_jumps += l->rx.seq_jumps;
    }
}

static void print_result(int deadline_hit, int interrupted) {
    char fails[512] = "", nb[16];
    int n = 0;
    for (int i = 0; i < nfail_codes; i++)
        n = bufcat(fails, sizeof fails, n, "%s%s:%d", i ? "," : "", fail_name(fail_codes[i], nb, sizeof nb), fail_counts[i]);
    if (!n) snprintf(fails, sizeof fails, "none");
    int open_a = 0, open_b = 0, b_total = 0;
    for (int i = 0; i < nlegs; i++) {
        leg *l = legs[i];
        if (l->side == SIDE_B) b_total++;
        if (l->state == LS_DONE || l->state == LS_FAILED) continue;
        if (l->side == SIDE_A) open_a++; else open_b++;
    }
    double lost = win_expected > win_received ? (double)(win_expected - win_received) : 0;
    double loss_pct = win_expected ? 100.0 * lost / (double)win_expected : 0;
    double gen_cpu = 0, gen_user = 0, gen_sys = 0, elem = 0, other = 0, psi = 0;
    uint64_t drops = 0;
    int elem_alive = 1;
    if (have_snaps && window_s > 0) {
        gen_user = snap1.self_user - snap0.self_user;
        gen_sys = snap1.self_sys - snap0.self_sys;
        gen_cpu = gen_user + gen_sys;
        elem = snap1.elem_s - snap0.elem_s;
        elem_alive = snap0.elem_alive && snap1.elem_alive;
        other = sysnap_other(&snap0, &snap1, cfg.elem_pids);
        psi = (snap1.psi_us - snap0.psi_us) / 1e6 / window_s * 100.0;
        drops = snap1.udp_drops - snap0.udp_drops;
    }
    double w = window_s > 0 ? window_s : 1;
    printf("RESULT mode=%s codec=%s calls=%d launched=%d calls_up=%d b_up=%d failed=%d fail=%s"
           " setup_ms_avg=%.1f setup_ms_max=%.1f"
           " window_s=%.2f streams=%d expected=%llu received=%llu lost=%.0f loss_pct=%.4f"
           " p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f send_late_p99_ms=%.2f send_late_max_ms=%.2f jitter_avg_ms=%.3f jitter_max_ms=%.3f"
           " win_tx=%llu win_rx=%llu tx_pkts=%llu rx_pkts=%llu tx_err=%llu tx_eagain=%llu tx_skipped_ms=%llu"
           " rx_wrong_pt=%llu rx_rtcp=%llu rx_stray=%llu rx_bad=%llu ssrc_changes=%llu seq_jumps=%llu"
           " sip_in=%llu sip_out=%llu retrans=%llu retrans_invite=%llu retrans_bye=%llu retrans_2xx=%llu sip_bad=%llu sip_stray_resp=%llu sip_unmatched=%llu"
           " ng_bad=%llu ng_errors=%llu sdp_bad=%llu no_codec=%llu no_socket=%llu"
           " b_legs=%d b_failed=%llu reinvites=%llu bye_from_far_end=%llu bye_failed=%llu closed=%d"
           " open_a=%d open_b=%d late_2xx=%llu sockets=%d media_direct=%llu"
           " gen_cpu_s=%.2f gen_user_s=%.2f gen_sys_s=%.2f gen_cores=%.3f elem_cpu_s=%.2f elem_cores=%.3f elem_alive=%d"
           " other_cores=%.3f psi_pct=%.0f udp_drops=%llu deadline=%d interrupted=%d\n",
           cfg.mode == MODE_SWITCHBOARD ? "switchboard" : cfg.mode == MODE_RTPENGINE ? "rtpengine" : "direct",
           cfg.codec == CODEC_OPUS ? "opus" : "pcmu", cfg.calls, launched, calls_up_t0, b_up_t0, a_failed, fails,
           setup_n ? setup_ms_sum / setup_n : 0, setup_ms_max,
           window_s, streams, (unsigned long long)win_expected, (unsigned long long)win_received, lost, loss_pct,
           histo_quantile(&d_hist, 0.5), histo_quantile(&d_hist, 0.99), histo_quantile(&d_hist, 0.999), histo_max(&d_hist),
           histo_quantile(&late_hist, 0.99), histo_max(&late_hist),
           streams ? jit_sum / streams : 0, jit_max,
           (unsigned long long)(win_tx - win_tx0), (unsigned long long)(win_rx - win_rx0),
           (unsigned long long)C.tx_pkts, (unsigned long long)C.rx_pkts, (unsigned long long)C.tx_err,
           (unsigned long long)C.tx_eagain, (unsigned long long)C.tx_skipped_ms,
           (unsigned long long)C.rx_wrong_pt, (unsigned long long)C.rx_rtcp, (unsigned long long)C.rx_stray,
           (unsigned long long)C.rx_bad, (unsigned long long)ssrc_changes, (unsigned long long)seq_jumps,
           (unsigned long long)C.sip_in, (unsigned long long)C.sip_out, (unsigned long long)C.sip_retrans,
           (unsigned long long)C.retrans_invite, (unsigned long long)C.retrans_bye, (unsigned long long)C.retrans_2xx,
           (unsigned long long)C.sip_bad, (unsigned long long)C.sip_stray_resp, (unsigned long long)C.sip_unmatched,
           (unsigned long long)C.ng_bad, (unsigned long long)C.ng_errors, (unsigned long long)C.sdp_bad,
           (unsigned long long)C.no_codec, (unsigned long long)C.no_socket,
           b_total, (unsigned long long)C.b_failed, (unsigned long long)C.b_reinvites,
           (unsigned long long)C.bye_from_switch, (unsigned long long)C.bye_failed, a_closed,
           open_a, open_b, (unsigned long long)C.late_2xx, open_sockets, (unsigned long long)C.media_direct,
           gen_cpu, gen_user, gen_sys, gen_cpu / w, elem, elem / w, elem_alive,
           other / w, psi, (unsigned long long)drops, deadline_hit, interrupted);
    rtp_print_late(stdout);
    fflush(stdout);
}

static void rtp_readable(int fd) {
    uint8_t b[2048];
    char ctrl[CMSG_SPACE(sizeof(struct timespec))];
    struct iovec iov = {b, sizeof b};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl, .msg_controllen = sizeof ctrl};
    ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT);
    if (n < 0) return;
    int64_t arrival = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec ts;
            memcpy(&ts, CMSG_DATA(c), sizeof ts);
            arrival = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
        }
    if (!arrival) arrival = real_ns();
    int owner = fd < fd_owner_cap ? fd_owner[fd] : -1;
    if (owner < 0) { C.rx_stray++; return; }
    if (n < 12 || (b[0] & 0xC0) != 0x80) { C.rx_bad++; return; }
    uint8_t pt = b[1] & 0x7f;
    if (pt >= 72 && pt <= 76) { C.rx_rtcp++; return; } /* RTCP (200-204) on the RTP port */
    C.rx_pkts++;
    rtp_receive(legs[owner], b, (int)n, arrival);
}

int main(int argc, char **argv) {
    parse_args(argc, argv);
    setvbuf(stderr, NULL, _IOLBF, 0);
    srandom((unsigned)(getpid() ^ real_ns()));
    snprintf(run_tag, sizeof run_tag, "%06lx", random() & 0xffffff);
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    /* sockets: 1 per leg; the soft fd limit is raised to the hard one */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    max_sockets = (int)(rl.rlim_cur > 1000000 ? 1000000 : rl.rlim_cur) - 32;
    if (!cfg.short_pkts && 2 * cfg.calls > max_sockets) {
        fprintf(stderr, "rtpgen: %d calls need %d sockets, the fd limit allows %d (ulimit -n %llu)\n", cfg.calls,
                2 * cfg.calls, max_sockets, (unsigned long long)rl.rlim_cur);
        return 2;
    }
    fd_owner_cap = max_sockets + 64;
    fd_owner = malloc(sizeof(int) * fd_owner_cap);
    free_fds = malloc(sizeof(int) * max_sockets);
    quarantine = malloc(sizeof(quar) * max_sockets);
    for (int i = 0; i < fd_owner_cap; i++) fd_owner[i] = -1;

    rtp_init();
    epfd = epoll_create1(EPOLL_CLOEXEC);
    /* one timer for all packets: it fires at start + k ms exactly (absolute), so how late the
     * loop wakes up is the generator's own share of the jitter (send_late_*) */
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    const int64_t start = mono_ns() + 1000000LL;
    struct itimerspec its = {.it_interval = {0, 1000000}, .it_value = {start / 1000000000LL, start % 1000000000LL}};
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = tfd};
    epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &ev);
    if (cfg.mode == MODE_SWITCHBOARD) {
        sip_uac_fd = sip_open(cfg.uac_port);
        sip_uas_fd = sip_open(cfg.uas_port);
        if (sip_uac_fd < 0 || sip_uas_fd < 0) {
            fprintf(stderr, "rtpgen: cannot bind UDP 127.0.0.1:%d / %d: %s\n", cfg.uac_port, cfg.uas_port, strerror(errno));
            return 3;
        }
        ev.data.fd = sip_uac_fd; epoll_ctl(epfd, EPOLL_CTL_ADD, sip_uac_fd, &ev);
        ev.data.fd = sip_uas_fd; epoll_ctl(epfd, EPOLL_CTL_ADD, sip_uas_fd, &ev);
    } else if (cfg.mode == MODE_RTPENGINE) {
        ng_fd = ng_open();
        if (ng_fd < 0) { fprintf(stderr, "rtpgen: cannot open the ng socket: %s\n", strerror(errno)); return 3; }
        ev.data.fd = ng_fd; epoll_ctl(epfd, EPOLL_CTL_ADD, ng_fd, &ev);
    }

    now_ns = mono_ns();
    const int64_t deadline = start + (int64_t)(cfg.deadline * 1e9);
    int64_t last_ms = 0, last_housekeeping = 0, next_progress = start + (int64_t)(cfg.progress * 1e9);
    int64_t phase_at = start, t0 = 0, t1 = 0, teardown_start = 0, drain_until = 0;
    int hung_up = 0, hangups = 0, deadline_hit = 0;
    enum phase ph = PH_SETUP;
    fprintf(stderr, "rtpgen: %s %s, %d %s at %.0f/s%s\n", phase_name[0], cfg.mode == MODE_SWITCHBOARD ? "via switchboard" : cfg.mode == MODE_RTPENGINE ? "via rtpengine" : "direct",
            cfg.calls, cfg.short_pkts ? "short calls" : "calls", cfg.rate, cfg.codec == CODEC_OPUS ? ", side B Opus" : "");

    if (cfg.short_pkts) { /* short calls: the whole run is the window */
        sysnap_take(&snap0, cfg.elem_pids);
        rtp_window(real_ns(), INT64_MAX);
    }
    struct epoll_event evs[512];
    while (ph != PH_DONE) {
        int n = epoll_wait(epfd, evs, 512, 100);
        now_ns = mono_ns();
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == tfd) {
                uint64_t x;
                if (read(tfd, &x, sizeof x) < 0) { /* nothing */ }
            } else if (fd == sip_uac_fd) sip_receive(fd, SK_UAC);
            else if (fd == sip_uas_fd) sip_receive(fd, SK_UAS);
            else if (fd == ng_fd) ng_receive(fd);
            else rtp_readable(fd);
        }
        /* send for every ms that passed (at most 200 ms of backlog) */
        int64_t cur_ms = (now_ns - start) / 1000000;
        if (cur_ms - last_ms > 200) { C.tx_skipped_ms += cur_ms - last_ms - 200; last_ms = cur_ms - 200; }
        while (last_ms < cur_ms) {
            last_ms++;
            rtp_tick(last_ms, (now_ns - start - last_ms * 1000000LL) / 1e6, (ph == PH_WINDOW && now_ns >= t0) || cfg.short_pkts);
        }
        if (now_ns - last_housekeeping < 5000000LL) continue;
        last_housekeeping = now_ns;

        timers_tick();
        quarantine_tick();
        if (stop_signal) { fprintf(stderr, "rtpgen: stopped by a signal\n"); break; }
        if (now_ns > deadline) { fprintf(stderr, "rtpgen: --deadline reached in phase %s\n", phase_name[ph]); deadline_hit = 1; break; }

        int setting_up = 0, alive = 0;
        if (ph == PH_SETUP || ph == PH_DRAIN || cfg.short_pkts)
            for (int i = 0; i < nlegs; i++) {
                leg *l = legs[i];
                if (l->side != SIDE_A) continue;
                if (l->state == LS_SETUP) setting_up++;
                if (l->state == LS_SETUP || l->state == LS_UP || l->state == LS_CLOSING) alive++;
            }
        switch (ph) {
        case PH_SETUP: {
            int64_t allowed = (int64_t)((now_ns - phase_at) / 1e9 * cfg.rate) + 1;
            int cap = cfg.short_pkts ? alive : setting_up;
            int before = launched;
            while (launched < cfg.calls && launched < allowed && cap < cfg.max_pending) { launch_call(); cap++; }
            if (launched != before) break; /* counted again next time, with the new calls */
            int timed_out = (now_ns - phase_at) / 1e9 > cfg.setup_timeout;
            if (cfg.short_pkts) {
                if (launched == cfg.calls && alive == 0) { ph = PH_DRAIN; drain_until = now_ns + 5000000000LL; }
                break;
            }
            if ((launched == cfg.calls && setting_up == 0) || timed_out) {
                if (timed_out) {
                    fprintf(stderr, "rtpgen: set-up timeout (%.0f s): %d calls still setting up\n", cfg.setup_timeout, setting_up);
                    for (int i = 0; i < nlegs; i++) if (legs[i]->side == SIDE_A && legs[i]->state == LS_SETUP) hangup(legs[i]);
                }
                fprintf(stderr, "rtpgen: set-up done in %.1f s: %d up, %d failed\n", (now_ns - phase_at) / 1e9, a_up, a_failed);
                ph = PH_WARMUP;
                phase_at = now_ns;
            }
            break;
        }
        case PH_WARMUP:
            if (now_ns - phase_at >= cfg.warmup_ms * 1000000LL) {
                for (int i = 0; i < nlegs; i++) if (legs[i]->state == LS_UP) legs[i]->measured = 1;
                calls_up_t0 = a_up;
                b_up_t0 = b_up_now;
                /* The /proc scan takes a few ms and delays a send slot: the packet window opens
                 * 25 ms after it (a delayed packet and its successor fall before), and closes when
                 * the closing scan starts. CPU is counted between the two scans. */
                sysnap_take(&snap0, cfg.elem_pids);
                now_ns = mono_ns();
                int64_t r0 = real_ns() + 25000000LL;
                rtp_window(r0, r0 + (int64_t)(cfg.duration * 1e9));
                win_tx0 = C.tx_pkts; win_rx0 = C.rx_pkts;
                t0 = now_ns + 25000000LL;
                ph = PH_WINDOW;
                fprintf(stderr, "rtpgen: window open: %d calls up (side B legs up: %d), %.0f s\n", calls_up_t0, b_up_t0, cfg.duration);
            }
            break;
        case PH_WINDOW:
            if (now_ns - t0 >= (int64_t)(cfg.duration * 1e9)) {
                sysnap_take(&snap1, cfg.elem_pids);
                have_snaps = 1;
                win_tx = C.tx_pkts; win_rx = C.rx_pkts;
                t1 = now_ns;
                window_s = (snap1.t_ns - snap0.t_ns) / 1e9;
                ph = PH_TAIL;
            }
            break;
        case PH_TAIL:
            if (now_ns - t1 >= cfg.tail_ms * 1000000LL) {
                finish_window();
                ph = PH_TEARDOWN;
                teardown_start = now_ns;
                fprintf(stderr, "rtpgen: window closed: %d streams, loss %.4f %%, p99 |D| %.2f ms; tearing down\n", streams,
                        win_expected ? 100.0 * (double)(win_expected > win_received ? win_expected - win_received : 0) / win_expected : 0,
                        histo_quantile(&d_hist, 0.99));
            }
            break;
        case PH_TEARDOWN: {
            int64_t allowed = (int64_t)((now_ns - teardown_start) / 1e9 * cfg.teardown_rate) + 1;
            while (hung_up < nlegs && hangups < allowed) {
                leg *l = legs[hung_up++];
                if (l->side == SIDE_A && (l->state == LS_UP || l->state == LS_SETUP)) { hangup(l); hangups++; }
            }
            if (hung_up >= nlegs) { ph = PH_DRAIN; drain_until = 0; }
            break;
        }
        case PH_DRAIN: {
            if (alive == 0 && !drain_until) drain_until = now_ns + 5000000000LL; /* side B's BYEs */
            int open_b = 0;
            for (int i = 0; i < nlegs; i++)
                if (legs[i]->side == SIDE_B && (legs[i]->state == LS_UP || legs[i]->state == LS_SETUP)) open_b++;
            if ((alive == 0 && open_b == 0) || (drain_until && now_ns > drain_until)) ph = PH_DONE;
            break;
        }
        default: break;
        }

        if (cfg.progress > 0 && now_ns >= next_progress && ph != PH_DONE) {
            next_progress = now_ns + (int64_t)(cfg.progress * 1e9);
            fprintf(stderr, "rtpgen: [%6.1fs] %-8s launched %d/%d, up %d, failed %d, closed %d, side-B legs up %d; pkts sent %llu received %llu\n",
                    (now_ns - start) / 1e9, phase_name[ph], launched, cfg.calls, a_up, a_failed, a_closed, b_up_now,
                    (unsigned long long)C.tx_pkts, (unsigned long long)C.rx_pkts);
        }
    }
    if (cfg.short_pkts) {
        /* no window: the whole run counts, sent against received */
        sysnap_take(&snap1, cfg.elem_pids);
        have_snaps = 1;
        window_s = (snap1.t_ns - snap0.t_ns) / 1e9;
        win_expected = C.tx_pkts;
        win_received = C.rx_pkts < C.tx_pkts ? C.rx_pkts : C.tx_pkts;
        win_tx = C.tx_pkts; win_rx = C.rx_pkts;
        calls_up_t0 = setup_n;
        for (int i = 0; i < nlegs; i++) {
            leg *l = legs[i];
            if (l->rx.total_received == 0) continue;
            streams++;
            jit_sum += l->rx.jitter_ms;
            if (l->rx.jitter_ms > jit_max) jit_max = l->rx.jitter_ms;
        }
    } else if (ph < PH_TEARDOWN && ph >= PH_WINDOW) {
        if (!have_snaps) { sysnap_take(&snap1, cfg.elem_pids); have_snaps = 1; window_s = (snap1.t_ns - snap0.t_ns) / 1e9; win_tx = C.tx_pkts; win_rx = C.rx_pkts; }
        finish_window();
    }
    print_result(deadline_hit, stop_signal ? 1 : 0);
    return 0;
}
