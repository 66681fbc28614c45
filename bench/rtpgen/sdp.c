/* sdp.c - the few SDP lines rtpgen needs (RFC 4566): build an offer (PCMU + telephone-event) or
 * an answer (PCMU, or Opus with the offer's payload type), and read an offer/answer's audio
 * address, port and payload types. */
#include "rtpgen.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Next line of [p, end): sets *len (without CR LF), returns the start of the following line. */
static const char *next_line(const char *p, const char *end, int *len) {
    const char *e = p;
    while (e < end && *e != '\n') e++;
    int n = (int)(e - p);
    if (n > 0 && p[n - 1] == '\r') n--;
    *len = n;
    return e < end ? e + 1 : end;
}

int sdp_parse(const char *body, int blen, sdpinfo *o) {
    memset(o, 0, sizeof *o);
    o->opus_pt = o->te8_pt = o->te48_pt = o->first_pt = -1;
    const char *p = body, *end = body + blen;
    int in_audio = 0, seen_audio = 0, have_addr = 0;
    struct in_addr session_addr = {0};
    int have_session_addr = 0;
    char line[512];
    while (p < end) {
        int n;
        const char *ln = p;
        p = next_line(p, end, &n);
        if (n <= 2 || n >= (int)sizeof line) continue;
        memcpy(line, ln, n);
        line[n] = 0;
        if (line[0] == 'm' && line[1] == '=') {
            if (seen_audio) { in_audio = 0; continue; } /* only the first audio stream */
            in_audio = strncmp(line, "m=audio ", 8) == 0;
            if (!in_audio) continue;
            seen_audio = 1;
            char *q = line + 8;
            o->port = (int)strtol(q, &q, 10);
            while (*q == ' ') q++;
            while (*q && *q != ' ') q++; /* proto */
            int first = 1;
            while (*q) {
                while (*q == ' ') q++;
                if (!*q) break;
                char *e;
                long pt = strtol(q, &e, 10);
                if (e == q) break;
                if (first) { o->first_pt = (int)pt; first = 0; }
                if (pt == 0) o->has_pcmu = 1;
                q = e;
            }
        } else if (line[0] == 'c' && line[1] == '=') {
            char *ip = strstr(line, "IP4 ");
            struct in_addr a;
            if (ip && inet_pton(AF_INET, ip + 4, &a) == 1) {
                if (in_audio) { o->addr = a; have_addr = 1; }
                else if (!seen_audio) { session_addr = a; have_session_addr = 1; }
            }
        } else if (in_audio && strncmp(line, "a=rtpmap:", 9) == 0) {
            char *q = line + 9, *e;
            long pt = strtol(q, &e, 10);
            if (e == q) continue;
            while (*e == ' ') e++;
            if (strncasecmp(e, "PCMU/8000", 9) == 0) o->has_pcmu = 1;
            else if (strncasecmp(e, "opus/48000", 10) == 0) { if (o->opus_pt < 0) o->opus_pt = (int)pt; }
            else if (strncasecmp(e, "telephone-event/8000", 20) == 0) { if (o->te8_pt < 0) o->te8_pt = (int)pt; }
            else if (strncasecmp(e, "telephone-event/48000", 21) == 0) { if (o->te48_pt < 0) o->te48_pt = (int)pt; }
        }
    }
    if (!have_addr && have_session_addr) { o->addr = session_addr; have_addr = 1; }
    o->ok = seen_audio && have_addr && o->port > 0 && o->port < 65536;
    return o->ok ? 0 : -1;
}

static int sdp_common(char *buf, int cap, leg *l, const char *pts) {
    return bufcat(buf, cap, 0,
                    "v=0\r\n"
                    "o=rtpgen %u %d IN IP4 127.0.0.1\r\n"
                    "s=rtpgen\r\n"
                    "c=IN IP4 127.0.0.1\r\n"
                    "t=0 0\r\n"
                    "m=audio %u RTP/AVP %s\r\n",
                    l->ssrc, l->sdp_version, l->port, pts);
}

/* Side A's offer: PCMU and telephone-event at 8 kHz, 20 ms. */
int sdp_offer(char *buf, int cap, leg *l) {
    int n = sdp_common(buf, cap, l, "0 101");
    n = bufcat(buf, cap, n,
                  "a=rtpmap:0 PCMU/8000\r\n"
                  "a=rtpmap:101 telephone-event/8000\r\n"
                  "a=fmtp:101 0-16\r\n"
                  "a=ptime:20\r\n"
                  "a=sendrecv\r\n");
    return n;
}

/* Side B's answer, for the codec in l->neg_pt (0 = PCMU, else Opus) and l->te_pt. */
int sdp_answer(char *buf, int cap, leg *l, const sdpinfo *offer) {
    (void)offer;
    char pts[32];
    if (l->te_pt >= 0) snprintf(pts, sizeof pts, "%d %d", l->neg_pt, l->te_pt);
    else snprintf(pts, sizeof pts, "%d", l->neg_pt);
    int n = sdp_common(buf, cap, l, pts);
    if (l->neg_pt == 0) {
        n = bufcat(buf, cap, n, "a=rtpmap:0 PCMU/8000\r\n");
        if (l->te_pt >= 0)
            n = bufcat(buf, cap, n, "a=rtpmap:%d telephone-event/8000\r\na=fmtp:%d 0-16\r\n", l->te_pt, l->te_pt);
    } else {
        n = bufcat(buf, cap, n, "a=rtpmap:%d opus/48000/2\r\n", l->neg_pt);
        if (l->te_pt >= 0)
            n = bufcat(buf, cap, n, "a=rtpmap:%d telephone-event/48000\r\na=fmtp:%d 0-16\r\n", l->te_pt, l->te_pt);
    }
    n = bufcat(buf, cap, n, "a=ptime:20\r\na=sendrecv\r\n");
    return n;
}
