/* ng.c - rtpengine's ng control protocol over UDP: "<cookie> <bencoded dictionary>". Per call:
 * offer (side A's SDP, call-id, from-tag) -> the returned SDP is where side B sends; answer
 * (side B's SDP, to-tag) -> the returned SDP is where side A sends; delete at the end.
 * Requests are retransmitted with the same cookie (rtpengine answers a repeated cookie from its
 * cache). */
#include "rtpgen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int ng_fd = -1;

int ng_open(void) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int buf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { close(fd); return -1; }
    return fd;
}

static int bstr(char *buf, int cap, int n, const char *s, int len) { return bufcat(buf, cap, n, "%d:%.*s", len, len, s); }
#define BS(lit) n = bstr(buf, cap, n, lit, (int)strlen(lit))

/* d call-id command from-tag [sdp] [to-tag] e (keys in bencode's sorted order) */
static int ng_build(char *buf, int cap, leg *a, const char *command, const char *sdp, int slen, int with_to) {
    int n = bufcat(buf, cap, 0, "%s_%d_%d d", run_tag, a->id, a->ng_seq);
    char tag[40];
    BS("call-id"); BS(a->call_id);
    BS("command"); BS(command);
    BS("from-tag"); BS(a->local_tag);
    if (sdp) { BS("sdp"); n = bstr(buf, cap, n, sdp, slen); }
    if (with_to) {
        snprintf(tag, sizeof tag, "b%s%d", run_tag, a->peer);
        BS("to-tag"); BS(tag);
    }
    n = bufcat(buf, cap, n, "e");
    return n < cap - 1 ? n : -1;
}

static void ng_send(leg *a, const char *command, const char *sdp, int slen, int with_to, int64_t give_up) {
    char msg[4096];
    a->ng_seq++;
    int n = ng_build(msg, sizeof msg, a, command, sdp, slen, with_to);
    if (n < 0) { leg_fail(a, FAIL_NG); return; }
    leg_pending(a, TX_NG, msg, n, 500000000LL, now_ns + give_up);
    sock_send(ng_fd, &cfg.ng, msg, n);
}

void ng_start_call(leg *a, leg *b) {
    char sdp[1024];
    snprintf(a->call_id, sizeof a->call_id, "%s-%d", run_tag, a->id);
    snprintf(a->local_tag, sizeof a->local_tag, "a%s%d", run_tag, a->id);
    int n = sdp_offer(sdp, sizeof sdp, a);
    (void)b;
    ng_send(a, "offer", sdp, n, 0, 10000000000LL);
}

void ng_hangup(leg *a) {
    if (a->state == LS_UP) {
        rtp_stop(a);
        rtp_stop(leg_get(a->peer));
        a->state = LS_CLOSING;
        ng_send(a, "delete", NULL, 0, 0, 5000000000LL);
    } else if (a->state == LS_SETUP) {
        leg *b = leg_get(a->peer);
        leg_clear_pending(a);
        leg_fail(a, FAIL_TIMEOUT);
        if (b) leg_fail(b, FAIL_TIMEOUT);
    }
}

/* ---- a minimal bencode reader: only what a reply dictionary needs */
typedef struct bview { const char *p; int n; } bview;

/* Skip one value at *p; for a string, return it in *s. -1 on malformed input. */
static int bskip(const char **p, const char *end, bview *s, int depth) {
    if (*p >= end || depth > 16) return -1;
    char c = **p;
    if (c >= '0' && c <= '9') {
        long len = 0;
        while (*p < end && **p >= '0' && **p <= '9') { len = len * 10 + (**p - '0'); (*p)++; if (len > 1 << 20) return -1; }
        if (*p >= end || **p != ':' || end - (*p + 1) < len) return -1;
        (*p)++;
        if (s) { s->p = *p; s->n = (int)len; }
        *p += len;
        return 0;
    }
    if (c == 'i') {
        const char *e = memchr(*p, 'e', end - *p);
        if (!e) return -1;
        *p = e + 1;
        return 0;
    }
    if (c == 'l' || c == 'd') {
        (*p)++;
        while (*p < end && **p != 'e')
            if (bskip(p, end, NULL, depth + 1) < 0) return -1;
        if (*p >= end) return -1;
        (*p)++;
        return 0;
    }
    return -1;
}

static void handle_reply(leg *a, bview result, bview sdp, bview reason) {
    leg *b = leg_get(a->peer);
    if (result.n != 2 || memcmp(result.p, "ok", 2) != 0) {
        C.ng_errors++;
        if (C.ng_errors <= 5)
            fprintf(stderr, "rtpgen: rtpengine refused call %d: %.*s %.*s\n", a->id, result.n > 40 ? 40 : result.n, result.p,
                    reason.n > 200 ? 200 : reason.n, reason.p);
        leg_clear_pending(a);
        if (a->state == LS_CLOSING) { C.bye_failed++; leg_closed(a); if (b) leg_closed(b); }
        else { leg_fail(a, FAIL_NG); if (b) leg_fail(b, FAIL_NG); }
        return;
    }
    leg_clear_pending(a);
    if (a->state == LS_CLOSING) { /* delete done */
        leg_closed(a);
        if (b) leg_closed(b);
        return;
    }
    if (a->state != LS_SETUP || !b) return;
    sdpinfo s;
    if (sdp_parse(sdp.p, sdp.n, &s) < 0) {
        C.sdp_bad++;
        leg_fail(a, FAIL_SDP); leg_fail(b, FAIL_SDP);
        return;
    }
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(s.port), .sin_addr = s.addr};
    if (!b->have_dst) { /* offer reply: where B sends; now the answer */
        b->dst = to;
        b->have_dst = 1;
        char bsdp[1024];
        b->te_pt = s.te8_pt;
        int n = sdp_answer(bsdp, sizeof bsdp, b, &s);
        ng_send(a, "answer", bsdp, n, 1, 10000000000LL);
    } else {            /* answer reply: where A sends */
        a->dst = to;
        a->have_dst = 1;
        leg_up(a);
        leg_up(b);
    }
}

void ng_receive(int fd) {
    char buf[8192];
    for (int i = 0; i < 64; i++) {
        ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
        if (n < 0) return;
        buf[n] = 0;
        /* cookie "<run_tag>_<leg id>_<seq>" */
        char *sp = memchr(buf, ' ', n);
        size_t tl = strlen(run_tag);
        if (!sp || (size_t)n < tl + 2 || memcmp(buf, run_tag, tl) != 0 || buf[tl] != '_') { C.ng_bad++; continue; }
        char *q;
        long id = strtol(buf + tl + 1, &q, 10);
        long seq = (*q == '_') ? strtol(q + 1, &q, 10) : -1;
        leg *a = leg_get((int)id);
        if (!a || q != sp || seq != a->ng_seq || a->txn != TX_NG) { C.ng_bad++; continue; } /* stale (a retransmission's second reply) or unknown */
        const char *p = sp + 1, *end = buf + n;
        bview result = {0}, sdp = {0}, reason = {0};
        if (p >= end || *p != 'd') { C.ng_bad++; continue; }
        p++;
        int bad = 0;
        while (p < end && *p != 'e') {
            bview key, val = {0};
            if (bskip(&p, end, &key, 0) < 0 || bskip(&p, end, &val, 0) < 0) { bad = 1; break; }
            if (key.n == 6 && memcmp(key.p, "result", 6) == 0) result = val;
            else if (key.n == 3 && memcmp(key.p, "sdp", 3) == 0) sdp = val;
            else if (key.n == 12 && memcmp(key.p, "error-reason", 12) == 0) reason = val;
        }
        if (bad) { C.ng_bad++; continue; }
        handle_reply(a, result, sdp, reason);
    }
}

void ng_timer(leg *l) {
    if (l->bye_at && now_ns >= l->bye_at) {
        l->bye_at = 0;
        ng_hangup(l);
    }
    if (l->retx_at && now_ns >= l->retx_at && l->pending) {
        sock_send(ng_fd, &cfg.ng, l->pending, l->pending_len);
        C.sip_retrans++;
        l->retx_count++;
        l->retx_interval = l->retx_interval * 2 > 2000000000LL ? 2000000000LL : l->retx_interval * 2;
        l->retx_at = l->retx_count >= 6 ? 0 : now_ns + l->retx_interval;
    }
    if (l->deadline_at && now_ns >= l->deadline_at) {
        int closing = l->state == LS_CLOSING;
        leg_clear_pending(l);
        leg *b = leg_get(l->peer);
        if (closing) { C.bye_failed++; leg_closed(l); if (b) leg_closed(b); }
        else { leg_fail(l, FAIL_TIMEOUT); if (b) leg_fail(b, FAIL_TIMEOUT); }
    }
    leg_set_timer(l);
}
