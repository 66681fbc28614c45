/* sip.c - a minimal SIP user agent over UDP (RFC 3261), enough for a benchmark: a UAC that places
 * INVITE / ACK / BYE on an IP trunk, and a UAS that answers the switch's INVITEs (100 then 200
 * with SDP) and BYEs. Requests are retransmitted (500 ms, doubling to 4 s, 6 times), the UAS's
 * 2xx until the ACK comes; retransmitted requests are answered again. A message that cannot be
 * parsed is counted and dropped; a response nobody waits for is counted. */
#include "rtpgen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

int sip_uac_fd = -1, sip_uas_fd = -1;
static unsigned branch_seq;

#define MAXH 12
typedef struct sv { const char *p; int n; } sv;
typedef struct sipmsg {
    int is_req;
    char method[16];
    int status;
    sv ruri;
    sv callid, from, to, cseq, contact;
    sv via[MAXH]; int nvia;   /* whole header lines, to copy into responses */
    sv rr[MAXH]; int nrr;     /* Record-Route values */
    uint32_t cseq_num;
    char cseq_method[16];
    const char *body; int blen;
} sipmsg;

/* ---------------------------------------------------------------- Call-ID index */
static int *htab;
static unsigned hcap, hused;

static unsigned hkey(const char *s, int n, enum sock_kind sk) {
    unsigned h = 2166136261u ^ (unsigned)sk;
    for (int i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}
static leg *find_leg(sv cid, enum sock_kind sk) {
    if (!hcap || cid.n <= 0 || cid.n >= 96) return NULL;
    for (unsigned i = hkey(cid.p, cid.n, sk) & (hcap - 1);; i = (i + 1) & (hcap - 1)) {
        if (htab[i] < 0) return NULL;
        leg *l = legs[htab[i]];
        if (l->sk == sk && (int)strlen(l->call_id) == cid.n && memcmp(l->call_id, cid.p, cid.n) == 0) return l;
    }
}
static void put(leg *l) {
    for (unsigned i = hkey(l->call_id, strlen(l->call_id), l->sk) & (hcap - 1);; i = (i + 1) & (hcap - 1))
        if (htab[i] < 0) { htab[i] = l->id; return; }
}
static void index_leg(leg *l) {
    if (hused * 2 >= hcap) {
        free(htab);
        hcap = hcap ? hcap * 2 : 4096;
        htab = malloc(sizeof(int) * hcap);
        if (!htab) { perror("malloc"); exit(3); }
        for (unsigned i = 0; i < hcap; i++) htab[i] = -1;
        for (int i = 0; i < nlegs; i++)
            if (legs[i] != l && legs[i]->sk != SK_NONE && legs[i]->call_id[0]) put(legs[i]);
    }
    put(l);
    hused++;
}

/* ---------------------------------------------------------------- parsing */
static int sv_eq(sv a, const char *s) { return (int)strlen(s) == a.n && strncasecmp(a.p, s, a.n) == 0; }

static sv trim(const char *p, int n) {
    while (n > 0 && (*p == ' ' || *p == '\t')) { p++; n--; }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    return (sv){p, n};
}

/* Parse buf[0..len) (NUL-terminated by the caller). 0 on success. */
static int sip_parse(char *buf, int len, sipmsg *m) {
    memset(m, 0, sizeof *m);
    char *hend = strstr(buf, "\r\n\r\n");
    int sep = 4;
    if (!hend) { hend = strstr(buf, "\n\n"); sep = 2; }
    if (!hend) return -1;
    char *p = buf, *end = hend;
    int clen = -1;
    for (int first = 1; p < end; first = 0) {
        char *e = memchr(p, '\n', end - p);
        if (!e) e = end;
        int n = (int)(e - p);
        if (n > 0 && p[n - 1] == '\r') n--;
        if (first) {
            if (n > 8 && strncmp(p, "SIP/2.0 ", 8) == 0) {
                m->status = atoi(p + 8);
                if (m->status < 100 || m->status > 699) return -1;
            } else {
                char *sp = memchr(p, ' ', n);
                if (!sp || sp - p >= (int)sizeof m->method) return -1;
                memcpy(m->method, p, sp - p);
                m->method[sp - p] = 0;
                char *sp2 = memchr(sp + 1, ' ', n - (sp + 1 - p));
                if (!sp2 || strncmp(sp2 + 1, "SIP/2.0", 7) != 0) return -1;
                m->ruri = (sv){sp + 1, (int)(sp2 - sp - 1)};
                m->is_req = 1;
            }
        } else if (n > 0) {
            char *colon = memchr(p, ':', n);
            if (!colon) return -1;
            sv name = trim(p, (int)(colon - p));
            sv val = trim(colon + 1, n - (int)(colon + 1 - p));
            if (sv_eq(name, "Call-ID") || sv_eq(name, "i")) m->callid = val;
            else if (sv_eq(name, "From") || sv_eq(name, "f")) m->from = val;
            else if (sv_eq(name, "To") || sv_eq(name, "t")) m->to = val;
            else if (sv_eq(name, "CSeq")) m->cseq = val;
            else if (sv_eq(name, "Contact") || sv_eq(name, "m")) { if (!m->contact.n) m->contact = val; }
            else if (sv_eq(name, "Content-Length") || sv_eq(name, "l")) clen = atoi(val.p);
            else if (sv_eq(name, "Via") || sv_eq(name, "v")) { if (m->nvia < MAXH) m->via[m->nvia++] = val; }
            else if (sv_eq(name, "Record-Route")) { if (m->nrr < MAXH) m->rr[m->nrr++] = val; }
        }
        p = e + 1;
    }
    if (!m->callid.n || !m->from.n || !m->to.n || !m->cseq.n || !m->nvia) return -1;
    char *q;
    m->cseq_num = (uint32_t)strtoul(m->cseq.p, &q, 10);
    sv cm = trim(q, m->cseq.n - (int)(q - m->cseq.p));
    if (cm.n <= 0 || cm.n >= (int)sizeof m->cseq_method) return -1;
    memcpy(m->cseq_method, cm.p, cm.n);
    m->cseq_method[cm.n] = 0;
    m->body = hend + sep;
    int rest = len - (int)(m->body - buf);
    m->blen = (clen >= 0 && clen <= rest) ? clen : rest;
    if (clen > rest) return -1; /* truncated */
    return 0;
}

/* The tag parameter of a From/To value, or an empty view. */
static sv tag_of(sv v) {
    for (int i = 0; i + 5 <= v.n; i++) {
        if (strncasecmp(v.p + i, ";tag=", 5) == 0) {
            int s = i + 5, e = s;
            while (e < v.n && v.p[e] != ';' && v.p[e] != ',' && v.p[e] != '>' && v.p[e] != ' ') e++;
            return (sv){v.p + s, e - s};
        }
    }
    return (sv){NULL, 0};
}

/* The URI of a Contact value: inside <...>, or up to the first ';'. */
static int contact_uri(sv v, char *out, int cap) {
    const char *lt = memchr(v.p, '<', v.n);
    const char *s = v.p, *e = v.p + v.n;
    if (lt) {
        const char *gt = memchr(lt, '>', v.p + v.n - lt);
        if (!gt) return -1;
        s = lt + 1; e = gt;
    } else {
        const char *semi = memchr(v.p, ';', v.n);
        if (semi) e = semi;
    }
    if (e - s <= 4 || e - s >= cap) return -1;
    memcpy(out, s, e - s);
    out[e - s] = 0;
    return 0;
}

/* ---------------------------------------------------------------- sending */
static void send_msg(int fd, const struct sockaddr_in *to, const char *buf, int len) {
    if (sock_send(fd, to, buf, len) == 0) C.sip_out++;
}

static void new_branch(char *out, int cap, leg *l, char kind) {
    snprintf(out, cap, "z9hG4bK-%s-%d-%u%c", run_tag, l->id, ++branch_seq, kind);
}

/* A request from the UAC socket (side A's dialog). */
static int build_request(char *buf, int cap, leg *a, const char *method, const char *ruri, uint32_t cseq,
                         const char *branch, const char *to, int with_route, const char *body, int blen) {
    int n = bufcat(buf, cap, 0,
                     "%s %s SIP/2.0\r\n"
                     "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=%s;rport\r\n"
                     "Max-Forwards: 70\r\n"
                     "%s"
                     "From: %s\r\n"
                     "To: %s\r\n"
                     "Call-ID: %s\r\n"
                     "CSeq: %u %s\r\n",
                     method, ruri, cfg.uac_port, branch, with_route ? a->route : "", a->from_hdr, to,
                     a->call_id, cseq, method);
    if (strcmp(method, "INVITE") == 0)
        n = bufcat(buf, cap, n,
                      "Contact: <sip:%s@127.0.0.1:%d>\r\n"
                      "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n"
                      "User-Agent: switchboard-bench-rtpgen\r\n",
                      cfg.caller, cfg.uac_port);
    if (blen > 0) n = bufcat(buf, cap, n, "Content-Type: application/sdp\r\n");
    n = bufcat(buf, cap, n, "Content-Length: %d\r\n\r\n", blen);
    if (blen > 0 && n + blen < cap) { memcpy(buf + n, body, blen); n += blen; }
    return n;
}

/* A response to request m: Via/From/To/Call-ID/CSeq copied, our tag added to To when it has none. */
static int build_response(char *buf, int cap, const sipmsg *m, int code, const char *reason, const char *to_tag,
                          int contact_port, const char *body, int blen) {
    int n = bufcat(buf, cap, 0, "SIP/2.0 %d %s\r\n", code, reason);
    for (int i = 0; i < m->nvia; i++) n = bufcat(buf, cap, n, "Via: %.*s\r\n", m->via[i].n, m->via[i].p);
    if (strcmp(m->method, "INVITE") == 0 && code > 100 && code < 300)
        for (int i = 0; i < m->nrr; i++) n = bufcat(buf, cap, n, "Record-Route: %.*s\r\n", m->rr[i].n, m->rr[i].p);
    n = bufcat(buf, cap, n, "From: %.*s\r\n", m->from.n, m->from.p);
    if (to_tag && !tag_of(m->to).n) n = bufcat(buf, cap, n, "To: %.*s;tag=%s\r\n", m->to.n, m->to.p, to_tag);
    else n = bufcat(buf, cap, n, "To: %.*s\r\n", m->to.n, m->to.p);
    n = bufcat(buf, cap, n, "Call-ID: %.*s\r\nCSeq: %.*s\r\n", m->callid.n, m->callid.p, m->cseq.n, m->cseq.p);
    if (contact_port) n = bufcat(buf, cap, n, "Contact: <sip:bench@127.0.0.1:%d>\r\n", contact_port);
    if (blen > 0) n = bufcat(buf, cap, n, "Content-Type: application/sdp\r\n");
    n = bufcat(buf, cap, n, "Content-Length: %d\r\n\r\n", blen);
    if (blen > 0 && n + blen < cap) { memcpy(buf + n, body, blen); n += blen; }
    return n;
}

static void respond(int fd, const struct sockaddr_in *src, const sipmsg *m, int code, const char *reason, const char *to_tag) {
    char buf[2048];
    int n = build_response(buf, sizeof buf, m, code, reason, to_tag, 0, NULL, 0);
    send_msg(fd, src, buf, n);
}

/* ---------------------------------------------------------------- UAC (side A) */
int sip_open(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1, buf = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { close(fd); return -1; }
    return fd;
}

void sip_start_call(leg *a) {
    char sw[64], ruri[160], to[200], sdp[1024], msg[4096];
    inet_ntop(AF_INET, &cfg.sw.sin_addr, sw, sizeof sw);
    snprintf(ruri, sizeof ruri, "sip:%s@%s:%d", cfg.did, sw, ntohs(cfg.sw.sin_port));
    a->sk = SK_UAC;
    a->sig_peer = cfg.sw;
    snprintf(a->call_id, sizeof a->call_id, "%s-%d@127.0.0.1", run_tag, a->id);
    snprintf(a->local_tag, sizeof a->local_tag, "a%s%d", run_tag, a->id);
    snprintf(a->from_hdr, sizeof a->from_hdr, "\"bench\" <sip:%s@127.0.0.1:%d>;tag=%s", cfg.caller, cfg.uac_port, a->local_tag);
    snprintf(to, sizeof to, "<%s>", ruri);
    snprintf(a->to_hdr, sizeof a->to_hdr, "%s", to);
    snprintf(a->remote_target, sizeof a->remote_target, "%s", ruri);
    index_leg(a);
    new_branch(a->branch, sizeof a->branch, a, 'i');
    int blen = sdp_offer(sdp, sizeof sdp, a);
    int n = build_request(msg, sizeof msg, a, "INVITE", ruri, 1, a->branch, to, 0, sdp, blen);
    leg_pending(a, TX_INVITE, msg, n, 500000000LL, now_ns + 32000000000LL);
    send_msg(sip_uac_fd, &a->sig_peer, msg, n);
}

static void send_ack(leg *a, int non2xx, sv to) {
    char msg[2048], branch[48], tobuf[256];
    snprintf(tobuf, sizeof tobuf, "%.*s", to.n, to.p);
    if (non2xx) {
        char sw[64], ruri[160];
        inet_ntop(AF_INET, &cfg.sw.sin_addr, sw, sizeof sw);
        snprintf(ruri, sizeof ruri, "sip:%s@%s:%d", cfg.did, sw, ntohs(cfg.sw.sin_port));
        int n = build_request(msg, sizeof msg, a, "ACK", ruri, 1, a->branch, tobuf, 0, NULL, 0);
        send_msg(sip_uac_fd, &a->sig_peer, msg, n);
        return;
    }
    new_branch(branch, sizeof branch, a, 'k');
    int n = build_request(msg, sizeof msg, a, "ACK", a->remote_target, 1, branch, tobuf, 1, NULL, 0);
    send_msg(sip_uac_fd, &a->sig_peer, msg, n);
}

static void send_bye(leg *a, int tracked) {
    char msg[2048], branch[48];
    new_branch(branch, sizeof branch, a, 'b');
    int n = build_request(msg, sizeof msg, a, "BYE", a->remote_target, 2, branch, a->to_hdr, 1, NULL, 0);
    if (tracked) leg_pending(a, TX_BYE, msg, n, 500000000LL, now_ns + 16000000000LL);
    send_msg(sip_uac_fd, &a->sig_peer, msg, n);
}

/* Route set from the Record-Route values of a 2xx, in reverse order (RFC 3261 12.1.2). */
static void take_route(leg *a, const sipmsg *m) {
    a->route[0] = 0;
    if (!m->nrr) return;
    int n = bufcat(a->route, sizeof a->route, 0, "Route: ");
    for (int i = m->nrr - 1; i >= 0; i--)
        n = bufcat(a->route, sizeof a->route, n, "%s%.*s", i == m->nrr - 1 ? "" : ", ", m->rr[i].n, m->rr[i].p);
    if (n + 3 < (int)sizeof a->route) strcat(a->route, "\r\n");
    else a->route[0] = 0;
}

/* A 2xx to our INVITE: dialog state, ACK, media towards the answer's address. */
static void uac_2xx(leg *a, const sipmsg *m) {
    if (m->to.n >= (int)sizeof a->to_hdr) { C.sip_bad++; return; }
    snprintf(a->to_hdr, sizeof a->to_hdr, "%.*s", m->to.n, m->to.p);
    if (m->contact.n && contact_uri(m->contact, a->remote_target, sizeof a->remote_target) < 0) C.sip_bad++;
    take_route(a, m);
    send_ack(a, 0, m->to);
    leg_clear_pending(a);
    sdpinfo s;
    if (sdp_parse(m->body, m->blen, &s) < 0) {
        C.sdp_bad++;
        send_bye(a, 0);
        leg_fail(a, FAIL_SDP);
        return;
    }
    if (!s.has_pcmu) C.no_codec++; /* we still send PCMU: the loss shows it */
    a->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(s.port), .sin_addr = s.addr};
    a->have_dst = 1;
    leg_up(a);
}

static void uac_response(leg *a, const sipmsg *m) {
    if (strcmp(m->cseq_method, "INVITE") == 0 && m->cseq_num == 1) {
        if (a->state != LS_SETUP) {
            if (m->status >= 200 && m->status < 300) {
                if (a->state == LS_FAILED) { /* a 2xx after we gave up: close that dialog */
                    C.late_2xx++;
                    snprintf(a->to_hdr, sizeof a->to_hdr, "%.*s", m->to.n, m->to.p);
                    if (m->contact.n) contact_uri(m->contact, a->remote_target, sizeof a->remote_target);
                    take_route(a, m);
                    send_ack(a, 0, m->to);
                    send_bye(a, 0);
                } else {
                    send_ack(a, 0, m->to); /* a retransmitted 2xx: our ACK was lost */
                }
            } else if (m->status >= 300) {
                send_ack(a, 1, m->to);
            }
            return;
        }
        if (m->status < 200) {
            a->retx_at = 0; /* provisional: stop retransmitting, keep waiting (Timer B) */
            leg_set_timer(a);
        } else if (m->status < 300) {
            uac_2xx(a, m);
        } else {
            send_ack(a, 1, m->to);
            leg_clear_pending(a);
            leg_fail(a, m->status);
        }
    } else if (strcmp(m->cseq_method, "BYE") == 0 && m->cseq_num == 2) {
        if (m->status < 200 || a->state != LS_CLOSING) return;
        if (m->status >= 300) C.bye_failed++;
        leg_clear_pending(a);
        leg_closed(a);
    } else {
        C.sip_unmatched++;
    }
}

void sip_hangup(leg *a) {
    if (cfg.mode != MODE_SWITCHBOARD || a->sk != SK_UAC) return;
    if (a->state == LS_UP) {
        rtp_stop(a);
        a->state = LS_CLOSING;
        send_bye(a, 1);
    } else if (a->state == LS_SETUP) {
        leg_clear_pending(a);
        leg_fail(a, FAIL_TIMEOUT);
    }
}

/* ---------------------------------------------------------------- UAS (side B) */
static void uas_invite(int fd, const struct sockaddr_in *src, const sipmsg *m) {
    char msg[4096], sdp[1024];
    leg *b = find_leg(m->callid, SK_UAS);
    if (b) { /* a retransmission: the same answer again */
        if (b->pending && b->inv_cseq == m->cseq_num) { send_msg(fd, src, b->pending, b->pending_len); C.sip_retrans++; }
        return;
    }
    if (m->callid.n >= 96) { respond(fd, src, m, 400, "Bad Request (Call-ID too long)", NULL); return; }
    respond(fd, src, m, 100, "Trying", NULL);
    b = leg_new(SIDE_B, -1);
    C.b_legs++;
    b->sk = SK_UAS;
    b->sig_peer = *src;
    snprintf(b->call_id, sizeof b->call_id, "%.*s", m->callid.n, m->callid.p);
    snprintf(b->local_tag, sizeof b->local_tag, "b%s%d", run_tag, b->id);
    b->inv_cseq = m->cseq_num;
    index_leg(b);
    if (leg_attach_socket(b) < 0) {
        int n = build_response(msg, sizeof msg, m, 503, "Service Unavailable (generator out of sockets)", b->local_tag, 0, NULL, 0);
        send_msg(fd, src, msg, n);
        leg_fail(b, FAIL_NOSOCK);
        C.b_failed++;
        return;
    }
    sdpinfo o;
    int ok = sdp_parse(m->body, m->blen, &o) == 0;
    if (!ok) C.sdp_bad++;
    if (ok && cfg.codec == CODEC_OPUS) {
        ok = o.opus_pt >= 0;
        b->neg_pt = o.opus_pt; b->te_pt = o.te48_pt;
    } else if (ok) {
        ok = o.has_pcmu;
        b->neg_pt = 0; b->te_pt = o.te8_pt;
    }
    if (!ok) {
        if (o.ok) C.no_codec++;
        int n = build_response(msg, sizeof msg, m, 488, cfg.codec == CODEC_OPUS ? "Not Acceptable Here (no opus offered)" : "Not Acceptable Here (no PCMU offered)",
                               b->local_tag, 0, NULL, 0);
        send_msg(fd, src, msg, n);
        leg_fail(b, FAIL_SDP);
        C.b_failed++;
        return;
    }
    b->tx_pt = (uint8_t)b->neg_pt;
    b->tx_opus = b->neg_pt != 0;
    b->ts_step = b->tx_opus ? 960 : 160;
    b->rx_clock = b->tx_opus ? 48000 : 8000;
    b->rx_opus_pt = b->tx_opus ? b->neg_pt : -1;
    b->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(o.port), .sin_addr = o.addr};
    b->have_dst = 1;
    int blen = sdp_answer(sdp, sizeof sdp, b, &o);
    int n = build_response(msg, sizeof msg, m, 200, "OK", b->local_tag, cfg.uas_port, sdp, blen);
    leg_pending(b, TX_UAS_2XX, msg, n, 500000000LL, now_ns + 32000000000LL);
    send_msg(fd, src, msg, n);
    leg_up(b);
}

/* A re-INVITE or UPDATE in an established dialog: take the new address, answer with our SDP. */
static void reinvite(int fd, const struct sockaddr_in *src, leg *l, const sipmsg *m) {
    char msg[4096], sdp[1024];
    sdpinfo o;
    C.b_reinvites++;
    if (m->blen > 0 && sdp_parse(m->body, m->blen, &o) == 0) {
        l->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(o.port), .sin_addr = o.addr};
        l->have_dst = 1;
    }
    l->sdp_version++;
    int blen = l->side == SIDE_A ? sdp_offer(sdp, sizeof sdp, l) : sdp_answer(sdp, sizeof sdp, l, NULL);
    int n = build_response(msg, sizeof msg, m, 200, "OK", l->local_tag, l->side == SIDE_A ? cfg.uac_port : cfg.uas_port, sdp, blen);
    if (strcmp(m->method, "INVITE") == 0 && l->txn == TX_NONE) {
        l->inv_cseq = m->cseq_num;
        leg_pending(l, TX_UAS_2XX, msg, n, 500000000LL, now_ns + 32000000000LL);
    }
    send_msg(fd, src, msg, n);
}

static void in_dialog_request(int fd, const struct sockaddr_in *src, leg *l, const sipmsg *m) {
    if (strcmp(m->method, "ACK") == 0) {
        if (l && l->txn == TX_UAS_2XX && m->cseq_num == l->inv_cseq) leg_clear_pending(l);
        return;
    }
    if (!l) {
        if (strcmp(m->method, "OPTIONS") == 0) respond(fd, src, m, 200, "OK", NULL);
        else respond(fd, src, m, 481, "Call/Transaction Does Not Exist", NULL);
        return;
    }
    if (strcmp(m->method, "BYE") == 0) {
        respond(fd, src, m, 200, "OK", NULL);
        if (l->state == LS_DONE || l->state == LS_FAILED) return; /* a retransmitted BYE */
        rtp_stop(l);
        if (l->txn == TX_UAS_2XX) leg_clear_pending(l);
        if (l->side == SIDE_A && l->state != LS_CLOSING) {
            C.bye_from_switch++;
            leg_clear_pending(l);
            leg_fail(l, FAIL_BYE);
        } else {
            leg_closed(l);
        }
    } else if (strcmp(m->method, "INVITE") == 0 || strcmp(m->method, "UPDATE") == 0) {
        if (l->state != LS_UP) { respond(fd, src, m, 481, "Call/Transaction Does Not Exist", NULL); return; }
        reinvite(fd, src, l, m);
    } else if (strcmp(m->method, "CANCEL") == 0 || strcmp(m->method, "OPTIONS") == 0 ||
               strcmp(m->method, "INFO") == 0 || strcmp(m->method, "NOTIFY") == 0) {
        respond(fd, src, m, 200, "OK", NULL); /* CANCEL: the INVITE was already answered */
    } else {
        respond(fd, src, m, 501, "Not Implemented", NULL);
    }
}

/* ---------------------------------------------------------------- dispatch */
static void handle(int fd, enum sock_kind sk, const struct sockaddr_in *src, char *buf, int len) {
    sipmsg m;
    if (sip_parse(buf, len, &m) < 0) { C.sip_bad++; return; }
    C.sip_in++;
    if (!m.is_req) {
        leg *l = find_leg(m.callid, sk);
        if (l && sk == SK_UAC) uac_response(l, &m);
        else C.sip_stray_resp++;
        return;
    }
    if (sk == SK_UAS && strcmp(m.method, "INVITE") == 0 && !tag_of(m.to).n) { uas_invite(fd, src, &m); return; }
    in_dialog_request(fd, src, find_leg(m.callid, sk), &m);
}

void sip_receive(int fd, enum sock_kind sk) {
    char buf[8192];
    for (int i = 0; i < 64; i++) {
        struct sockaddr_in src;
        socklen_t sl = sizeof src;
        ssize_t n = recvfrom(fd, buf, sizeof buf - 1, MSG_DONTWAIT, (struct sockaddr *)&src, &sl);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) C.sip_bad++;
            return;
        }
        buf[n] = 0;
        if (memchr(buf, 0, n)) { C.sip_bad++; continue; }
        handle(fd, sk, &src, buf, (int)n);
    }
}

/* Retransmission and give-up timers of one leg. */
void sip_timer(leg *l) {
    if (l->bye_at && now_ns >= l->bye_at) {
        l->bye_at = 0;
        sip_hangup(l);
    }
    if (l->retx_at && now_ns >= l->retx_at && l->pending) {
        int fd = l->sk == SK_UAS ? sip_uas_fd : sip_uac_fd;
        send_msg(fd, &l->sig_peer, l->pending, l->pending_len);
        C.sip_retrans++;
        if (l->txn == TX_INVITE) C.retrans_invite++;
        else if (l->txn == TX_BYE) C.retrans_bye++;
        else if (l->txn == TX_UAS_2XX) C.retrans_2xx++;
        l->retx_count++;
        l->retx_interval = l->retx_interval * 2 > 4000000000LL ? 4000000000LL : l->retx_interval * 2;
        l->retx_at = (l->txn != TX_UAS_2XX && l->retx_count >= 6) ? 0 : now_ns + l->retx_interval;
    }
    if (l->deadline_at && now_ns >= l->deadline_at) {
        enum txn t = l->txn;
        leg_clear_pending(l);
        if (t == TX_INVITE) leg_fail(l, FAIL_TIMEOUT);
        else if (t == TX_BYE) { C.bye_failed++; leg_closed(l); }
        else if (t == TX_UAS_2XX) { rtp_stop(l); leg_fail(l, FAIL_NOACK); }
    }
    leg_set_timer(l);
}
