/* sysstat.c - CPU accounting at the edges of the measurement window, taken by the generator
 * itself so that the window is exact: its own CPU (getrusage), the element's (utime+stime of its
 * PIDs from /proc/PID/stat, all threads), every other process's (a /proc scan: a shared machine
 * is noisy, this says how much), the CPU pressure stall (/proc/pressure/cpu) and the machine's
 * UDP buffer errors (/proc/net/snmp). /proc/stat is not used: unreliable on these VMs. */
#include "rtpgen.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static double clk_tck;

/* utime+stime of one process in seconds, -1 when it is gone. */
static double proc_seconds(int pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    /* after ") ": state(3) ppid(4) ... utime(14) stime(15) */
    unsigned long long ut = 0, st = 0;
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return -1;
    return (double)(ut + st) / clk_tck;
}

static int in_list(int pid, const char *list) {
    const char *p = list;
    while (*p) {
        char *e;
        long v = strtol(p, &e, 10);
        if (e == p) break;
        if (v == pid) return 1;
        p = (*e == ',') ? e + 1 : e;
    }
    return 0;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

void sysnap_take(sysnap *s, const char *elem_pids) {
    if (!clk_tck) clk_tck = (double)sysconf(_SC_CLK_TCK);
    memset(s, 0, sizeof *s);
    s->t_ns = mono_ns();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    s->self_user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
    s->self_sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    s->elem_alive = 1;
    for (const char *p = elem_pids; *p;) {
        char *e;
        long v = strtol(p, &e, 10);
        if (e == p) break;
        double sec = proc_seconds((int)v);
        if (sec < 0) s->elem_alive = 0;
        else s->elem_s += sec;
        p = (*e == ',') ? e + 1 : e;
    }
    FILE *f = fopen("/proc/pressure/cpu", "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "some", 4) == 0) {
                char *t = strstr(line, "total=");
                if (t) s->psi_us = strtod(t + 6, NULL);
            }
        fclose(f);
    }
    f = fopen("/proc/net/snmp", "r");
    if (f) {
        char hdr[1024], val[1024];
        while (fgets(hdr, sizeof hdr, f)) {
            if (strncmp(hdr, "Udp:", 4) != 0 || !fgets(val, sizeof val, f)) continue;
            char *hs, *vs, *h = strtok_r(hdr, " \n", &hs), *v = strtok_r(val, " \n", &vs);
            while (h && v) {
                if (!strcmp(h, "RcvbufErrors") || !strcmp(h, "SndbufErrors")) s->udp_drops += strtoull(v, NULL, 10);
                h = strtok_r(NULL, " \n", &hs);
                v = strtok_r(NULL, " \n", &vs);
            }
            break;
        }
        fclose(f);
    }
    /* every process */
    DIR *d = opendir("/proc");
    if (!d) return;
    int cap = 512;
    s->pid = malloc(sizeof(int) * cap);
    s->sec = malloc(sizeof(double) * cap);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9') continue;
        int pid = atoi(de->d_name);
        double sec = proc_seconds(pid);
        if (sec < 0) continue;
        if (s->n == cap) {
            cap *= 2;
            s->pid = realloc(s->pid, sizeof(int) * cap);
            s->sec = realloc(s->sec, sizeof(double) * cap);
        }
        s->pid[s->n] = pid;
        s->sec[s->n] = sec;
        s->n++;
    }
    closedir(d);
    /* sort by pid (pairs) for the lookup in sysnap_other */
    int *idx = malloc(sizeof(int) * 2 * (s->n ? s->n : 1));
    for (int i = 0; i < s->n; i++) { idx[2 * i] = s->pid[i]; idx[2 * i + 1] = i; }
    qsort(idx, s->n, sizeof(int) * 2, cmp_int);
    int *pid2 = malloc(sizeof(int) * (s->n ? s->n : 1));
    double *sec2 = malloc(sizeof(double) * (s->n ? s->n : 1));
    for (int i = 0; i < s->n; i++) { pid2[i] = idx[2 * i]; sec2[i] = s->sec[idx[2 * i + 1]]; }
    free(idx); free(s->pid); free(s->sec);
    s->pid = pid2; s->sec = sec2;
}

void sysnap_free(sysnap *s) { free(s->pid); free(s->sec); s->pid = NULL; s->sec = NULL; }

/* CPU seconds used between a and b by every process except ours and the element's. */
double sysnap_other(const sysnap *a, const sysnap *b, const char *elem_pids) {
    double sum = 0;
    int self = getpid();
    for (int i = 0; i < b->n; i++) {
        int pid = b->pid[i];
        if (pid == self || in_list(pid, elem_pids)) continue;
        int lo = 0, hi = a->n - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (a->pid[mid] == pid) { found = mid; break; }
            if (a->pid[mid] < pid) lo = mid + 1; else hi = mid - 1;
        }
        double d = b->sec[i] - (found >= 0 ? a->sec[found] : 0);
        if (d > 0) sum += d;
    }
    return sum;
}
