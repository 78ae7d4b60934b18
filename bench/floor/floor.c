/*
 * The floor of the throughput cases: what the same get, set, getMulti and incr cost when a
 * plain C loop sends them over one blocking TCP socket (TCP_NODELAY, memcache text protocol)
 * and reads the answers, with no PHP, no client library and no failover around it. A client
 * cannot be faster than this on the same server; bench/run reports each client's ratio to it.
 *
 * It speaks the protocol of bench/lib/worker.php (one JSON line each way, on stdin/stdout),
 * so the runner interleaves its rounds with the PHP clients' rounds:
 *
 *   {"cmd":"info"}                                 -> {"floor":"..."}
 *   {"cmd":"prep","case":"get_100"}                -> {"ok":true}, or {"na":true} for a case
 *                                                     it has no equivalent of (compression,
 *                                                     open, the PHP codec)
 *   {"cmd":"run","case":"get_100","seconds":0.5}   -> {"ops":...,"secs":...,"cpu":...}
 *   {"cmd":"quit"}
 *
 *   floor <host:port>
 *
 * Every answer is checked, as the PHP cases check theirs: a wrong value stops it.
 * Built by the runner with `cc -O2` (bench/lib/throughput.php); needs only libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NKEYS		100
#define RBUF_SIZE	(1 << 20)
#define WBUF_SIZE	(1 << 16)

typedef enum { C_NONE, C_GET, C_SET, C_GETMULTI, C_INCR } case_kind;

typedef struct {
	const char *name;
	case_kind kind;
	size_t size;
} case_def;

static const case_def cases[] = {
	{"get_100", C_GET, 100},
	{"get_10k", C_GET, 10240},
	{"set_100", C_SET, 100},
	{"set_10k", C_SET, 10240},
	{"getmulti_100", C_GETMULTI, 100},
	{"incr", C_INCR, 0},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

typedef struct {
	char keys[NKEYS][64];
	size_t klen[NKEYS];
	char *vals[NKEYS];
	size_t size;
	char multi[NKEYS * 64 + 16];	/* "get k1 k2 ...\r\n" */
	size_t multi_len;
	uint64_t counter;
	unsigned long i;
	int ready;
} case_state;

static int fd = -1;
static char rbuf[RBUF_SIZE];
static size_t rpos, rlen;
static char wbuf[WBUF_SIZE + 16384];
static case_state states[NCASES];

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("floor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void send_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR) {
				continue;
			}
			die("send: %s", strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
}

/* make at least n bytes readable at rbuf + rpos */
static void fill(size_t n)
{
	if (rlen - rpos >= n) {
		return;
	}
	if (n > RBUF_SIZE) {
		die("answer too large");
	}
	if (rpos > 0) {
		memmove(rbuf, rbuf + rpos, rlen - rpos);
		rlen -= rpos;
		rpos = 0;
	}
	while (rlen < n) {
		ssize_t r = recv(fd, rbuf + rlen, RBUF_SIZE - rlen, 0);

		if (r < 0 && errno == EINTR) {
			continue;
		}
		if (r <= 0) {
			die("recv: %s", r == 0 ? "connection closed" : strerror(errno));
		}
		rlen += (size_t)r;
	}
}

/* the next line without its "\r\n" (valid until the next read) */
static const char *read_line(size_t *len)
{
	for (size_t scanned = 0;;) {
		char *p = memchr(rbuf + rpos + scanned, '\n', rlen - rpos - scanned);

		if (p != NULL) {
			const char *line = rbuf + rpos;

			*len = (size_t)(p - line);
			if (*len == 0 || line[*len - 1] != '\r') {
				die("bad line");
			}
			*len -= 1;
			rpos = (size_t)(p - rbuf) + 1;
			return line;
		}
		scanned = rlen - rpos;
		fill(scanned + 1);
	}
}

static void expect_line(const char *want)
{
	size_t len;
	const char *l = read_line(&len);

	if (len != strlen(want) || memcmp(l, want, len) != 0) {
		die("expected %s, got %.*s", want, (int)(len > 80 ? 80 : len), l);
	}
}

/* read one "VALUE <key> <flags> <bytes>" block and check it is key i's value */
static void read_value(const case_state *s, int i)
{
	size_t len, klen = s->klen[i];
	const char *l = read_line(&len);
	const char *p;
	unsigned long bytes;

	if (len < 6 + klen || memcmp(l, "VALUE ", 6) != 0 || memcmp(l + 6, s->keys[i], klen) != 0 || l[6 + klen] != ' ') {
		die("unexpected answer for %s: %.*s", s->keys[i], (int)(len > 80 ? 80 : len), l);
	}
	p = memchr(l + 7 + klen, ' ', len - 7 - klen);
	if (p == NULL) {
		die("bad VALUE line");
	}
	bytes = strtoul(p + 1, NULL, 10);
	if (bytes != s->size) {
		die("%s: %lu bytes, expected %zu", s->keys[i], bytes, s->size);
	}
	fill(bytes + 2);
	if (memcmp(rbuf + rpos, s->vals[i], bytes) != 0 || rbuf[rpos + bytes] != '\r') {
		die("wrong value for %s", s->keys[i]);
	}
	rpos += bytes + 2;
}

static void do_set(const case_state *s, int i)
{
	int h = snprintf(wbuf, sizeof(wbuf), "set %s 0 0 %zu\r\n", s->keys[i], s->size);

	memcpy(wbuf + h, s->vals[i], s->size);
	memcpy(wbuf + h + s->size, "\r\n", 2);
	send_all(wbuf, (size_t)h + s->size + 2);
	expect_line("STORED");
}

static void do_get(const case_state *s, int i)
{
	int h = snprintf(wbuf, sizeof(wbuf), "get %s\r\n", s->keys[i]);

	send_all(wbuf, (size_t)h);
	read_value(s, i);
	expect_line("END");
}

static void do_getmulti(const case_state *s)
{
	send_all(s->multi, s->multi_len);
	for (int i = 0; i < NKEYS; i++) {
		read_value(s, i);
	}
	expect_line("END");
}

static void do_incr(case_state *s)
{
	int h = snprintf(wbuf, sizeof(wbuf), "incr %s 1\r\n", s->keys[0]);
	size_t len;
	const char *l;

	send_all(wbuf, (size_t)h);
	l = read_line(&len);
	s->counter++;
	if (strtoull(l, NULL, 10) != s->counter) {
		die("incr %s: expected %llu, got %.*s", s->keys[0], (unsigned long long)s->counter, (int)len, l);
	}
}

static void run_ops(const case_def *c, case_state *s, unsigned long n)
{
	for (unsigned long k = 0; k < n; k++, s->i++) {
		int i = (int)(s->i % NKEYS);

		switch (c->kind) {
			case C_GET: do_get(s, i); break;
			case C_SET: do_set(s, i); break;
			case C_GETMULTI: do_getmulti(s); break;
			case C_INCR: do_incr(s); break;
			default: break;
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_time(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

/* run for about secs seconds, reading the clock every 16 operations */
static void timed(const case_def *c, case_state *s, double secs, unsigned long *ops, double *took, double *cpu)
{
	double c0 = cpu_time(), t0 = now(), t;

	*ops = 0;
	do {
		run_ops(c, s, 16);
		*ops += 16;
		t = now();
	} while (t - t0 < secs);
	*took = t - t0;
	*cpu = cpu_time() - c0;
}

/* printable, not all alike: deterministic bytes for key i of a case */
static void make_value(char *p, size_t n, unsigned seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		p[k] = "0123456789abcdef"[(x >> 16) & 15];
	}
}

static void prep(const case_def *c, case_state *s)
{
	if (!s->ready) {
		s->size = c->size;
		s->multi_len = (size_t)snprintf(s->multi, sizeof(s->multi), "get");
		for (int i = 0; i < NKEYS; i++) {
			s->klen[i] = (size_t)snprintf(s->keys[i], sizeof(s->keys[i]), "bench-floor:%s:%d", c->name, i);
			s->multi_len += (size_t)snprintf(s->multi + s->multi_len, sizeof(s->multi) - s->multi_len, " %s", s->keys[i]);
			if (c->size > 0) {
				s->vals[i] = malloc(c->size);
				if (s->vals[i] == NULL) {
					die("out of memory");
				}
				make_value(s->vals[i], c->size, (unsigned)(i + 1000 * (unsigned)(c - cases)));
			}
		}
		s->multi_len += (size_t)snprintf(s->multi + s->multi_len, sizeof(s->multi) - s->multi_len, "\r\n");
		s->ready = 1;
	}
	if (c->kind == C_GET || c->kind == C_GETMULTI) {
		for (int i = 0; i < NKEYS; i++) {
			do_set(s, i);
		}
	} else if (c->kind == C_INCR) {
		int h = snprintf(wbuf, sizeof(wbuf), "set %s 0 0 4\r\n1000\r\n", s->keys[0]);

		send_all(wbuf, (size_t)h);
		expect_line("STORED");
		s->counter = 1000;
	}
	{
		/* warm-up, unmeasured, as the PHP workers do */
		unsigned long ops;
		double took, cpu;

		timed(c, s, 0.05, &ops, &took, &cpu);
	}
}

static void connect_to(const char *server)
{
	char host[256];
	const char *colon = strrchr(server, ':');
	struct addrinfo hints, *res, *ai;
	int one = 1, rc;

	if (colon == NULL || (size_t)(colon - server) >= sizeof(host)) {
		die("bad server %s", server);
	}
	memcpy(host, server, (size_t)(colon - server));
	host[colon - server] = '\0';
	if (host[0] == '[') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(host, colon + 1, &hints, &res);
	if (rc != 0) {
		die("%s: %s", server, gai_strerror(rc));
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			break;
		}
		if (fd >= 0) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0) {
		die("cannot connect to %s", server);
	}
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
		die("TCP_NODELAY: %s", strerror(errno));
	}
}

/* the string value of "key":"..." in a JSON line written by json_encode() (no escapes in
 * what the runner sends), or NULL */
static const char *json_str(const char *line, const char *key, char *out, size_t cap)
{
	char pat[64];
	const char *p, *e;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	p = strstr(line, pat);
	if (p == NULL) {
		return NULL;
	}
	p += strlen(pat);
	e = strchr(p, '"');
	if (e == NULL || (size_t)(e - p) >= cap) {
		return NULL;
	}
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return out;
}

static double json_num(const char *line, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(line, pat);
	return p == NULL ? 0.0 : strtod(p + strlen(pat), NULL);
}

int main(int argc, char **argv)
{
	char line[4096], cmd[32], name[64];

	if (argc != 2) {
		fprintf(stderr, "usage: floor <host:port>\n");
		return 2;
	}
	connect_to(argv[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	while (fgets(line, sizeof(line), stdin) != NULL) {
		const case_def *c = NULL;

		if (json_str(line, "cmd", cmd, sizeof(cmd)) == NULL) {
			die("bad command: %s", line);
		}
		if (strcmp(cmd, "quit") == 0) {
			break;
		}
		if (strcmp(cmd, "info") == 0) {
			printf("{\"floor\":\"C, one blocking TCP socket, text protocol\"}\n");
			continue;
		}
		if (json_str(line, "case", name, sizeof(name)) != NULL) {
			for (size_t k = 0; k < NCASES; k++) {
				if (strcmp(cases[k].name, name) == 0) {
					c = &cases[k];
				}
			}
		}
		if (c == NULL) {
			printf("{\"na\":true}\n");
			continue;
		}
		if (strcmp(cmd, "prep") == 0) {
			prep(c, &states[c - cases]);
			printf("{\"ok\":true}\n");
		} else if (strcmp(cmd, "run") == 0) {
			unsigned long ops;
			double took, cpu;

			if (!states[c - cases].ready) {
				die("run %s before prep", c->name);
			}
			timed(c, &states[c - cases], json_num(line, "seconds"), &ops, &took, &cpu);
			printf("{\"ops\":%lu,\"secs\":%.6f,\"cpu\":%.6f}\n", ops, took, cpu);
		} else {
			die("bad command: %s", cmd);
		}
	}
	for (size_t k = 0; k < NCASES; k++) {
		for (int i = 0; i < NKEYS; i++) {
			free(states[k].vals[i]);
		}
	}
	close(fd);
	return 0;
}
