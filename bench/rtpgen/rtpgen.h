/* rtpgen - RTP load generator for bench/media-calls.sh and bench/port-leak.sh.
 *
 * One single-threaded epoll loop. A call has two legs, each with its own UDP socket on 127.0.0.1:
 * side A (the caller) and side B (the callee). Each leg sends 20 ms RTP packets paced by one 1 ms
 * timerfd (legs are spread over the 20 slots of a wheel) to whatever address its peer's SDP gave,
 * and measures what it receives: loss from SSRC/sequence numbers, and the RFC 3550 section 6.4.1
 * transit-time difference D between consecutive packets (histogram, p99) plus the smoothed jitter.
 *
 * Call set-up: direct (A and B send to each other), rtpengine (ng offer/answer/delete over UDP),
 * switchboard (real SIP over UDP: a UAC that calls a DID on an IP trunk, a UAS that is the
 * callee's contact). See main.c for the options and the result line.
 */
#ifndef RTPGEN_H
#define RTPGEN_H

#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>

enum mode { MODE_DIRECT, MODE_RTPENGINE, MODE_SWITCHBOARD };
enum codec { CODEC_PCMU, CODEC_OPUS };
enum side { SIDE_A, SIDE_B };
/* SIP socket kinds: which socket a leg's signalling lives on. */
enum sock_kind { SK_NONE, SK_UAC, SK_UAS };

enum leg_state {
    LS_SETUP,   /* signalling in progress */
    LS_UP,      /* established: media flows */
    LS_CLOSING, /* BYE or ng delete sent */
    LS_DONE,    /* ended normally */
    LS_FAILED   /* set-up failed or the call died */
};

/* What a leg is waiting for (pending retransmittable message). */
enum txn { TX_NONE, TX_INVITE, TX_BYE, TX_UAS_2XX, TX_NG };

#define SLOTS 20             /* 20 ms packetisation: one wheel slot per ms */
#define HIST_BINS 100001     /* |D| histogram: 10 us bins up to 1 s, last = overflow */
#define HIST_US 10

/* Receive statistics of one stream (what one leg receives). */
typedef struct rxstat {
    int have_ssrc;
    uint32_t ssrc;
    uint16_t max_seq;
    uint32_t cycles;
    /* current segment (same SSRC, no big sequence jump) inside the window */
    int seg_on;
    int64_t seg_base, seg_max;
    uint64_t seg_received;
    /* closed segments of the window */
    uint64_t win_expected, win_received;
    /* for D: the previous packet of the same segment */
    int have_prev;
    int64_t prev_arrival_ns;
    uint32_t prev_ts;
    int prev_in_window;
    double jitter_ms; /* RFC 3550 smoothed interarrival jitter, in ms */
    uint64_t total_received;
    uint32_t ssrc_changes, seq_jumps;
} rxstat;

typedef struct leg {
    int id;
    enum side side;
    int call;          /* call index (A legs; B legs in direct/rtpengine mode); -1 unknown */
    int peer;          /* id of the other leg in direct/rtpengine mode, -1 otherwise */
    enum leg_state state;
    int fd;            /* RTP socket, -1 when none */
    uint16_t port;
    int measured;      /* was UP when the measurement window opened */
    int fail_code;     /* SIP status or negative reason (see fail_name) */

    /* transmit */
    int have_dst;
    struct sockaddr_in dst;
    int tx_on, in_wheel, slot;
    uint8_t tx_pt;
    int tx_opus;
    uint32_t ssrc, ts, ts_step;
    uint16_t seq;
    uint32_t pkt_index;
    uint64_t sent;
    int tx_limit;      /* short calls: stop after this many packets (0 = no limit) */
    int rx_clock;      /* clock rate of what this leg expects to receive */
    int rx_opus_pt;    /* PT of opus in this leg's negotiation (-1 none) */

    rxstat rx;

    /* signalling */
    enum sock_kind sk;
    char call_id[96];
    char local_tag[32];
    char from_hdr[200];   /* raw From value as we send it (UAC) or received (UAS) */
    char to_hdr[200];     /* raw To value with the remote tag (UAC) or ours (UAS) */
    char remote_target[160];
    char route[400];      /* Route header lines for in-dialog requests (UAC), "" if none */
    int sdp_version;
    int neg_pt;           /* B in switchboard mode: the payload type it answered with */
    int te_pt;            /* telephone-event PT answered (-1 none) */
    uint32_t inv_cseq;    /* CSeq of the INVITE being answered (UAS) */
    char branch[48];      /* Via branch of our INVITE (for the ACK of a non-2xx) */
    struct sockaddr_in sig_peer; /* where this leg's signalling goes */

    /* pending transaction / timers (monotonic ns; 0 = none) */
    enum txn txn;
    char *pending;        /* message text to retransmit */
    int pending_len;
    int retx_count;
    int64_t retx_at, retx_interval, deadline_at, bye_at;
    int ng_seq;           /* ng cookie sequence number of the pending request */
    int64_t setup_started;
} leg;

/* ---- globals (main.c) */
typedef struct config {
    enum mode mode;
    enum codec codec;
    int calls;
    double duration;
    double rate, teardown_rate;
    int short_pkts;       /* > 0: short calls mode (port-leak) */
    int max_pending;
    struct sockaddr_in sw;   /* switch SIP address */
    struct sockaddr_in ng;   /* rtpengine ng address */
    int uac_port, uas_port;
    char did[40], caller[40];
    int warmup_ms, tail_ms;
    double setup_timeout;
    double deadline;
    double progress;
    char elem_pids[256];
    int verbose;
} config;

extern config cfg;
extern char run_tag[16];
extern leg **legs;
extern int nlegs;
extern int64_t now_ns;    /* CLOCK_MONOTONIC, updated by the loop */

/* counters shared by the modules */
typedef struct counters {
    uint64_t tx_pkts, tx_err, tx_eagain, tx_skipped_ms;
    uint64_t rx_pkts, rx_bad, rx_rtcp, rx_stray, rx_wrong_pt;
    uint64_t retrans_invite, retrans_bye, retrans_2xx;
    uint64_t sip_in, sip_out, sip_retrans, sip_bad, sip_unmatched, sip_stray_resp;
    uint64_t ng_bad, ng_errors;
    uint64_t sdp_bad, no_codec, no_socket;
    uint64_t b_legs, b_failed, b_reinvites;
    uint64_t bye_from_switch, bye_failed, calls_closed;
    uint64_t late_2xx;
    uint64_t media_direct; /* legs whose RTP went straight to one of our own sockets (not via the element) */
} counters;
extern counters C;

/* failure reasons (negative fail_code) */
#define FAIL_TIMEOUT  (-1)
#define FAIL_SDP      (-2)
#define FAIL_NG       (-3)
#define FAIL_NOSOCK   (-4)
#define FAIL_BYE      (-5)   /* the far end hung up before we did */
#define FAIL_NOACK    (-6)
void count_failure(int code);

/* ---- main.c helpers */
int64_t mono_ns(void);
int64_t real_ns(void);
leg *leg_new(enum side side, int call);
leg *leg_get(int id);
int leg_attach_socket(leg *l);
void leg_release_socket(leg *l);
void leg_set_timer(leg *l);
void leg_up(leg *l);
void leg_fail(leg *l, int code);
void leg_closed(leg *l);
void leg_pending(leg *l, enum txn t, const char *msg, int len, int64_t first_interval, int64_t give_up);
void leg_clear_pending(leg *l);
void leg_tx_done(leg *l);
int sock_send(int fd, const struct sockaddr_in *to, const char *buf, int len);
/* printf-append to buf[0..cap) at n; never past cap (the text is cut instead). Returns the new length. */
int bufcat(char *buf, int cap, int n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- rtp.c */
void rtp_init(void);
void rtp_start(leg *l);
void rtp_stop(leg *l);
void rtp_tick(int64_t ms, double late_ms, int in_window); /* send for the wheel slot of this ms */
void rtp_receive(leg *l, const uint8_t *b, int n, int64_t arrival_real_ns);
void rtp_window(int64_t t0_real, int64_t t1_real);
void rtp_finish(leg *l, int64_t nominal, uint64_t *expected, uint64_t *received);
typedef struct histo { uint64_t bin[HIST_BINS]; uint64_t n; } histo;
extern histo d_hist;      /* |D| of received packets in the window */
void rtp_print_late(FILE *f);
extern histo late_hist;   /* how late the generator sent its packets in the window (its own share of D) */
void histo_add(histo *h, double ms);
double histo_quantile(const histo *h, double q);
double histo_max(const histo *h);

/* ---- sdp.c */
typedef struct sdpinfo {
    int ok;
    struct in_addr addr;
    int port;
    int has_pcmu;
    int opus_pt, te8_pt, te48_pt;
    int first_pt;
} sdpinfo;
int sdp_parse(const char *body, int len, sdpinfo *out);
int sdp_offer(char *buf, int cap, leg *l);
int sdp_answer(char *buf, int cap, leg *l, const sdpinfo *offer);

/* ---- sip.c */
int sip_open(int port);
void sip_receive(int fd, enum sock_kind sk);
void sip_start_call(leg *a);
void sip_hangup(leg *a);
void sip_timer(leg *l);
extern int sip_uac_fd, sip_uas_fd;

/* ---- ng.c */
int ng_open(void);
void ng_receive(int fd);
void ng_start_call(leg *a, leg *b);
void ng_hangup(leg *a);
void ng_timer(leg *l);
extern int ng_fd;

/* ---- sysstat.c */
typedef struct sysnap {
    int64_t t_ns;
    double self_user, self_sys;
    double elem_s;
    int elem_alive;
    double psi_us;
    uint64_t udp_drops;
    int n;
    int *pid;
    double *sec;
} sysnap;
void sysnap_take(sysnap *s, const char *elem_pids);
void sysnap_free(sysnap *s);
double sysnap_other(const sysnap *a, const sysnap *b, const char *elem_pids);

#endif
