/* rtp.c - RTP packets: the payloads (a tone, G.711 mu-law or pre-encoded Opus), the 20-slot send
 * wheel, and the receive statistics (RFC 3550 appendix A.1 sequence tracking, section 6.4.1
 * transit-time difference D and smoothed jitter). */
#include "rtpgen.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#ifdef HAVE_OPUS
#include <opus/opus.h>
#endif

#define TONE_HZ 440.0
#define LOOP_PKTS 50                 /* 1 s of audio, looped */

static uint8_t pcmu[LOOP_PKTS][160];
static uint8_t opus_pkt[LOOP_PKTS][400];
static int opus_len[LOOP_PKTS];

/* The 20 wheel slots: legs that send in that millisecond of every 20. */
static leg **slot_legs[SLOTS];
static int slot_n[SLOTS], slot_cap[SLOTS];
static int slot_next;

histo d_hist, late_hist;

/* Where the late packets are: |D| >= 5 ms per receiving side and per 100 ms of the window (a stall of
 * the element shows as a burst in one slot, a slow path as a spread). */
#define SLOT_MS 100
#define MAX_SLOTS 1200
static uint64_t late_side[2], late_slot[MAX_SLOTS];
static uint64_t d_ms_bucket[41]; /* |D| in whole ms, the last bucket is 40 ms and more */

static int64_t win_t0, win_t1;  /* CLOCK_REALTIME ns; 0 = window not open */

/* G.711 mu-law encoder (ITU-T G.711, the usual segment search). */
static uint8_t linear_to_ulaw(int pcm) {
    const int BIAS = 0x84, CLIP = 32635;
    int sign = (pcm >> 8) & 0x80;
    if (sign) pcm = -pcm;
    if (pcm > CLIP) pcm = CLIP;
    pcm += BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
    int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return (uint8_t)~(sign | (exponent << 4) | mantissa);
}

void rtp_init(void) {
    for (int i = 0; i < LOOP_PKTS * 160; i++) {
        double s = 8000.0 * sin(2 * M_PI * TONE_HZ * i / 8000.0);
        pcmu[i / 160][i % 160] = linear_to_ulaw((int)s);
    }
#ifdef HAVE_OPUS
    int err;
    OpusEncoder *enc = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &err);
    if (!enc) {
        fprintf(stderr, "rtpgen: opus_encoder_create failed: %s\n", opus_strerror(err));
        exit(3);
    }
    opus_encoder_ctl(enc, OPUS_SET_BITRATE(24000));
    opus_int16 pcm[960];
    for (int p = 0; p < LOOP_PKTS; p++) {
        for (int i = 0; i < 960; i++)
            pcm[i] = (opus_int16)(8000.0 * sin(2 * M_PI * TONE_HZ * (p * 960 + i) / 48000.0));
        opus_len[p] = opus_encode(enc, pcm, 960, opus_pkt[p], sizeof opus_pkt[p]);
        if (opus_len[p] <= 0) {
            fprintf(stderr, "rtpgen: opus_encode failed\n");
            exit(3);
        }
    }
    opus_encoder_destroy(enc);
#else
    for (int p = 0; p < LOOP_PKTS; p++) opus_len[p] = 0;
#endif
}

/* Start sending on a leg (its destination, PT and codec are set). */
void rtp_start(leg *l) {
    if (l->tx_on) return;
    l->tx_on = 1;
    if (l->in_wheel) return;
    int s = l->slot = (slot_next * 7) % SLOTS; /* spread the legs over the 20 ms */
    slot_next++;
    if (slot_n[s] == slot_cap[s]) {
        slot_cap[s] = slot_cap[s] ? slot_cap[s] * 2 : 64;
        slot_legs[s] = realloc(slot_legs[s], sizeof(leg *) * slot_cap[s]);
        if (!slot_legs[s]) { perror("realloc"); exit(3); }
    }
    slot_legs[s][slot_n[s]++] = l;
    l->in_wheel = 1;
}

void rtp_stop(leg *l) { l->tx_on = 0; } /* removed from the wheel lazily */

static void send_one(leg *l) {
    uint8_t b[12 + 400];
    int plen;
    const uint8_t *payload;
    int k = l->pkt_index % LOOP_PKTS;
    if (l->tx_opus) { payload = opus_pkt[k]; plen = opus_len[k]; }
    else { payload = pcmu[k]; plen = 160; }
    b[0] = 0x80;
    b[1] = (uint8_t)((l->pkt_index == 0 ? 0x80 : 0) | (l->tx_pt & 0x7f));
    b[2] = l->seq >> 8; b[3] = l->seq & 0xff;
    b[4] = l->ts >> 24; b[5] = l->ts >> 16; b[6] = l->ts >> 8; b[7] = l->ts;
    b[8] = l->ssrc >> 24; b[9] = l->ssrc >> 16; b[10] = l->ssrc >> 8; b[11] = l->ssrc;
    memcpy(b + 12, payload, plen);
    ssize_t r = sendto(l->fd, b, 12 + plen, MSG_DONTWAIT, (struct sockaddr *)&l->dst, sizeof l->dst);
    if (r < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) C.tx_eagain++;
        else C.tx_err++;
    } else {
        C.tx_pkts++;
    }
    /* A packet that could not be sent is still a packet of the stream: seq and ts advance. */
    l->seq++;
    l->ts += l->ts_step;
    l->pkt_index++;
    l->sent++;
    if (l->tx_limit > 0 && l->sent >= (uint64_t)l->tx_limit) {
        l->tx_on = 0;
        leg_tx_done(l);
    }
}

void rtp_tick(int64_t ms, double late_ms, int in_window) {
    int s = (int)(ms % SLOTS);
    for (int i = 0; i < slot_n[s];) {
        leg *l = slot_legs[s][i];
        if (!l->tx_on || l->fd < 0 || !l->have_dst) {
            if (!l->tx_on) { /* drop from the wheel */
                l->in_wheel = 0;
                slot_legs[s][i] = slot_legs[s][--slot_n[s]];
                continue;
            }
            i++;
            continue;
        }
        send_one(l);
        if (in_window) histo_add(&late_hist, late_ms);
        i++;
    }
}

/* ---- receive */

static void seg_close(rxstat *r) {
    if (!r->seg_on) return;
    r->win_expected += (uint64_t)(r->seg_max - r->seg_base + 1);
    r->win_received += r->seg_received;
    r->seg_on = 0;
}

void histo_add(histo *h, double ms) {
    long bin = lround(ms * 1000.0 / HIST_US);
    if (bin < 0) bin = 0;
    if (bin >= HIST_BINS) bin = HIST_BINS - 1;
    h->bin[bin]++;
    h->n++;
}

double histo_quantile(const histo *h, double q) {
    if (h->n == 0) return 0;
    uint64_t want = (uint64_t)ceil(q * (double)h->n), acc = 0;
    if (want == 0) want = 1;
    for (int i = 0; i < HIST_BINS; i++) {
        acc += h->bin[i];
        if (acc >= want) return i * HIST_US / 1000.0;
    }
    return (HIST_BINS - 1) * HIST_US / 1000.0;
}

double histo_max(const histo *h) {
    for (int i = HIST_BINS - 1; i >= 0; i--)
        if (h->bin[i]) return i * HIST_US / 1000.0;
    return 0;
}

void rtp_window(int64_t t0_real, int64_t t1_real) { win_t0 = t0_real; win_t1 = t1_real; }

void rtp_receive(leg *l, const uint8_t *b, int n, int64_t arrival) {
    rxstat *r = &l->rx;
    uint8_t pt = b[1] & 0x7f;
    uint16_t seq = (uint16_t)(b[2] << 8 | b[3]);
    uint32_t ts = (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 | (uint32_t)b[6] << 8 | b[7];
    uint32_t ssrc = (uint32_t)b[8] << 24 | (uint32_t)b[9] << 16 | (uint32_t)b[10] << 8 | b[11];
    (void)n;
    int in_window = win_t0 && arrival >= win_t0 && arrival <= win_t1;
    r->total_received++;

    /* Clock rate of this packet: 48 kHz for the Opus PT negotiated on this leg, else 8 kHz. */
    int clock = (l->rx_opus_pt >= 0 && pt == l->rx_opus_pt) ? 48000 : 8000;
    int expected_opus = l->rx_clock == 48000;
    if ((pt == 0) == expected_opus && in_window) C.rx_wrong_pt++;

    int restart = 0;
    if (!r->have_ssrc || ssrc != r->ssrc) {
        if (r->have_ssrc) r->ssrc_changes++;
        r->have_ssrc = 1;
        r->ssrc = ssrc;
        restart = 1;
    } else {
        uint16_t udelta = (uint16_t)(seq - r->max_seq);
        if (udelta < 3000) {
            /* in order, possibly with a gap */
        } else if (udelta <= 65536 - 100) {
            r->seq_jumps++;       /* a big jump: the sender restarted its sequence */
            restart = 1;
        }
    }
    int64_t ext;
    if (restart) {
        seg_close(r);
        r->max_seq = seq;
        r->cycles = 0;
        r->have_prev = 0;
        ext = seq;
    } else {
        uint16_t udelta = (uint16_t)(seq - r->max_seq);
        if (udelta < 3000) {
            if (seq < r->max_seq) r->cycles += 65536;
            r->max_seq = seq;
            ext = (int64_t)r->cycles + seq;
        } else { /* late or duplicate packet */
            ext = (int64_t)r->cycles + seq;
            if (seq > r->max_seq) ext -= 65536;
        }
    }

    if (in_window) {
        if (!r->seg_on) {
            r->seg_on = 1;
            r->seg_base = r->seg_max = ext;
            r->seg_received = 0;
        }
        if (ext > r->seg_max) r->seg_max = ext;
        if (ext < r->seg_base) r->seg_base = ext;
        r->seg_received++;
    } else if (win_t0 && arrival > win_t1) {
        seg_close(r);
    }

    /* RFC 3550 6.4.1: D(i,j) = (Rj - Ri) - (Sj - Si), in RTP timestamp units. */
    if (r->have_prev) {
        double dr = (double)(arrival - r->prev_arrival_ns) * clock / 1e9;
        double ds = (double)(int32_t)(ts - r->prev_ts);
        double d_ms = fabs(dr - ds) * 1000.0 / clock;
        r->jitter_ms += (d_ms - r->jitter_ms) / 16.0;
        if (in_window && r->prev_in_window) {
            histo_add(&d_hist, d_ms);
            int b = (int)d_ms;
            d_ms_bucket[b > 40 ? 40 : b]++;
            if (d_ms >= 5.0) {
                late_side[l->side == SIDE_B]++;
                int64_t slot = (arrival - win_t0) / (SLOT_MS * 1000000LL);
                if (slot >= 0 && slot < MAX_SLOTS) late_slot[slot]++;
            }
        }
    }
    r->have_prev = 1;
    r->prev_arrival_ns = arrival;
    r->prev_ts = ts;
    r->prev_in_window = in_window;
}

/* Window totals of one stream. nominal: packets a sender sends in the window (a stream that
 * stopped or never came is counted as lost against it, less 2 for the window edges). */
void rtp_finish(leg *l, int64_t nominal, uint64_t *expected, uint64_t *received) {
    rxstat *r = &l->rx;
    seg_close(r);
    uint64_t e = r->win_expected, got = r->win_received;
    if (nominal > 2 && e < (uint64_t)(nominal - 2)) e = (uint64_t)(nominal - 2);
    if (got > e) got = e; /* duplicates do not hide losses elsewhere */
    *expected = e;
    *received = got;
}

/* One line describing where |D| >= 5 ms happened (see late_side/late_slot). */
void rtp_print_late(FILE *f) {
    fprintf(f, "LATE window_start_s=%.3f side_a=%llu side_b=%llu d_ms_buckets=", win_t0 / 1e9, (unsigned long long)late_side[0],
            (unsigned long long)late_side[1]);
    for (int i = 0; i <= 40; i++) fprintf(f, "%s%llu", i ? "," : "", (unsigned long long)d_ms_bucket[i]);
    fprintf(f, " slots_%dms=", SLOT_MS);
    int last = -1;
    for (int i = 0; i < MAX_SLOTS; i++) if (late_slot[i]) last = i;
    for (int i = 0; i <= last; i++) fprintf(f, "%s%llu", i ? "," : "", (unsigned long long)late_slot[i]);
    fprintf(f, "\n");
}
