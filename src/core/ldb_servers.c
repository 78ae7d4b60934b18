/* Server lists: parse, check and print addresses; key checks; shared helpers. */
#include "ldb_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *default_realloc(void *p, size_t n) { return realloc(p, n); }

ldb_hooks ldb_hook = { malloc, default_realloc, free, NULL };

int64_t ldb_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t (*ldb_now_ms)(void) = ldb_clock_ms;

void *ldb_alloc(size_t n) { return ldb_hook.malloc(n); }
void ldb_mfree(void *p) { if (p) ldb_hook.free(p); }
void *ldb_calloc(size_t n)
{
	void *p = ldb_hook.malloc(n);
	if (p) memset(p, 0, n);
	return p;
}

const char *ldb_rc_name(ldb_rc rc)
{
	static const char *const names[] = {
		"ok", "miss", "not stored", "exists", "not a number", "too large", "refused by server",
		"connect failed", "i/o failed", "server error", "outcome unknown", "no server",
		"unsupported by backend", "out of memory"
	};
	return (unsigned)rc < sizeof(names) / sizeof(names[0]) ? names[rc] : "?";
}

static int set_err(char *err, size_t errlen, const char *s, size_t len, const char *why)
{
	if (err && errlen) {
		/* the text ends up in exceptions and logs: no control byte goes with it */
		char shown[81];
		size_t n = len > 80 ? 80 : len;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			shown[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
		}
		shown[n] = '\0';
		snprintf(err, errlen, "invalid server \"%s\": %s", shown, why);
	}
	return -1;
}

static int parse_port(const char *p, size_t len, uint16_t *out)
{
	unsigned long v = 0;
	if (len == 0 || len > 5) {
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return -1;
		}
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	if (v == 0 || v > 65535) {
		return -1;
	}
	*out = (uint16_t)v;
	return 0;
}

static int host_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '.' || c == '-' || c == '_';
}

int ldb_addr_parse(const char *s, size_t len, ldb_addr *out, char *err, size_t errlen)
{
	const char *host, *port = NULL;
	size_t hlen, plen = 0;

	/* surrounding blanks are forgiven: "a:1, b:2" is how people write lists */
	while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) { len--; }
	memset(out, 0, sizeof(*out));
	if (len == 0) {
		return set_err(err, errlen, s, len, "empty");
	}
	{
		/* mistakes people make, each with the message that helps */
		const char *scheme = len > 3 ? memchr(s, ':', len) : NULL;
		if (scheme && scheme + 3 <= s + len && scheme[1] == '/' && scheme[2] == '/') {
			return set_err(err, errlen, s, len, "no scheme: write \"host:port\", \"[::1]:port\" or \"/path/to/socket\"");
		}
		for (size_t i = 0; i < len; i++) {
			if (s[i] == ' ' || s[i] == '\t') {
				return set_err(err, errlen, s, len, "servers are separated by commas: \"host:port,host:port\"");
			}
		}
	}
	if (s[0] == '/') {
		if (len >= 108) {
			return set_err(err, errlen, s, len, "socket path too long");
		}
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)s[i] < 0x20 || s[i] == ',') {
				return set_err(err, errlen, s, len, "control character in socket path");
			}
		}
		memcpy(out->host, s, len);
		out->port = 0;
		return 0;
	}
	if (s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close) {
			return set_err(err, errlen, s, len, "missing ']'");
		}
		host = s + 1;
		hlen = (size_t)(close - host);
		if (hlen == 0) {
			return set_err(err, errlen, s, len, "empty IPv6 address");
		}
		for (size_t i = 0; i < hlen; i++) {
			char c = host[i];
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
				return set_err(err, errlen, s, len, "bad character in IPv6 address");
			}
		}
		if (close + 1 < s + len) {
			if (close[1] != ':') {
				return set_err(err, errlen, s, len, "expected ':' after ']'");
			}
			port = close + 2;
			plen = (size_t)(s + len - port);
			if (plen == 0) {
				return set_err(err, errlen, s, len, "missing port after ':'");
			}
		}
	} else {
		const char *colon = memchr(s, ':', len);
		host = s;
		if (colon) {
			const char *second = memchr(colon + 1, ':', (size_t)(s + len - colon - 1));
			if (second) {
				/* "host:port:weight" (a weight, as php-memcached takes) or a bare IPv6 address */
				int hexish = 1, digits = 1;
				for (const char *c = s; c < s + len; c++) {
					hexish &= (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') || (*c >= 'A' && *c <= 'F') || *c == ':' || *c == '.';
				}
				for (const char *c = colon + 1; c < s + len; c++) {
					digits &= (*c >= '0' && *c <= '9') || *c == ':';
				}
				if (digits && !memchr(second + 1, ':', (size_t)(s + len - second - 1)) && !(hexish && colon - s <= 4)) {
					return set_err(err, errlen, s, len, "a server is \"host:port\": there are no weights");
				}
				return set_err(err, errlen, s, len, "IPv6 addresses go in brackets: [::1]:11211");
			}
			hlen = (size_t)(colon - s);
			port = colon + 1;
			plen = (size_t)(s + len - port);
			if (plen == 0) {
				return set_err(err, errlen, s, len, "missing port after ':'");
			}
		} else {
			hlen = len;
		}
		if (hlen == 0) {
			return set_err(err, errlen, s, len, "missing host");
		}
		for (size_t i = 0; i < hlen; i++) {
			if (!host_char_ok(host[i])) {
				return set_err(err, errlen, s, len, "bad character in host name");
			}
		}
	}
	if (hlen >= LDB_HOST_MAX) {
		return set_err(err, errlen, s, len, "host name too long");
	}
	out->port = LDB_DEFAULT_PORT;
	if (port && parse_port(port, plen, &out->port) != 0) {
		return set_err(err, errlen, s, len, "port must be a number from 1 to 65535");
	}
	memcpy(out->host, host, hlen);
	out->host[hlen] = '\0';
	return 0;
}

int ldb_addrs_parse(const char *s, size_t len, ldb_addr *out, int max, char *err, size_t errlen)
{
	int n = 0;
	const char *end = s + len;

	if (len == 0) {
		if (err && errlen) snprintf(err, errlen, "no servers given");
		return -1;
	}
	while (s <= end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *stop = comma ? comma : end;
		if (n == max) {
			if (err && errlen) snprintf(err, errlen, "too many servers (at most %d)", max);
			return -1;
		}
		if (ldb_addr_parse(s, (size_t)(stop - s), &out[n], err, errlen) != 0) {
			return -1;
		}
		n++;
		if (!comma) {
			break;
		}
		s = comma + 1;
	}
	return ldb_addrs_unique(out, n, err, errlen) == 0 ? n : -1;
}

int ldb_addrs_unique(const ldb_addr *a, int n, char *err, size_t errlen)
{
	for (int i = 1; i < n; i++) {
		for (int j = 0; j < i; j++) {
			if (a[i].port == a[j].port && strcmp(a[i].host, a[j].host) == 0) {
				char name[LDB_NAME_MAX];
				ldb_addr_format(&a[i], name, sizeof(name));
				if (err && errlen) snprintf(err, errlen, "server %s is given twice in one group", name);
				return -1;
			}
		}
	}
	return 0;
}

size_t ldb_addr_format(const ldb_addr *a, char *buf, size_t len)
{
	int w;
	if (len == 0) {
		return 0;
	}
	if (a->port == 0) {
		w = snprintf(buf, len, "%s", a->host);
	} else if (strchr(a->host, ':')) {
		w = snprintf(buf, len, "[%s]:%u", a->host, a->port);
	} else {
		w = snprintf(buf, len, "%s:%u", a->host, a->port);
	}
	return w < 0 ? 0 : ((size_t)w < len ? (size_t)w : len - 1);
}

long ldb_key_check(const char *key, size_t len)
{
	if (len == 0 || len > LDB_MAX_KEY) {
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];
		/* space and control bytes would end or split the command line */
		if (c <= 0x20 || c == 0x7f) {
			return (long)i + 1;
		}
	}
	return 0;
}

int ldb_server_list_add(ldb_server_list *out, const ldb_addr *addrs, int n, char *err, size_t errlen)
{
	if (out->ngroups == LDB_MAX_GROUPS) {
		if (err && errlen) snprintf(err, errlen, "too many groups (at most %d)", LDB_MAX_GROUPS);
		return -1;
	}
	if (out->total + n > LDB_MAX_ALL_SERVERS) {
		if (err && errlen) snprintf(err, errlen, "too many servers (at most %d in all groups)", LDB_MAX_ALL_SERVERS);
		return -1;
	}
	if (addrs != out->addrs + out->total) {
		memmove(out->addrs + out->total, addrs, (size_t)n * sizeof(*addrs));
	}
	out->count[out->ngroups++] = n;
	out->total += n;
	return 0;
}

int ldb_server_list_parse(const char *s, size_t len, ldb_server_list *out, char *err, size_t errlen)
{
	const char *end = s + len;

	memset(out, 0, sizeof(*out));
	if (len == 0) {
		if (err && errlen) snprintf(err, errlen, "no servers given");
		return -1;
	}
	for (;;) {
		const char *semi = memchr(s, ';', (size_t)(end - s));
		const char *stop = semi ? semi : end;
		int room = LDB_MAX_ALL_SERVERS - out->total, n;
		if (out->ngroups == LDB_MAX_GROUPS) {
			if (err && errlen) snprintf(err, errlen, "too many groups (at most %d)", LDB_MAX_GROUPS);
			return -1;
		}
		n = ldb_addrs_parse(s, (size_t)(stop - s), out->addrs + out->total,
			room < LDB_MAX_SERVERS ? room : LDB_MAX_SERVERS, err, errlen);
		if (n < 0) {
			if (stop == s && err && errlen) {
				snprintf(err, errlen, "empty group (groups are separated by ';')");
			}
			return -1;
		}
		ldb_server_list_add(out, out->addrs + out->total, n, err, errlen);
		if (!semi) {
			break;
		}
		s = semi + 1;
	}
	return ldb_server_list_check(out, err, errlen);
}

int ldb_server_list_check(const ldb_server_list *l, char *err, size_t errlen)
{
	int first_i = 0;
	for (int i = 0; i < l->ngroups; i++) {
		int first_j = first_i + l->count[i];
		for (int j = i + 1; j < l->ngroups; j++) {
			const ldb_addr *a = &l->addrs[first_i], *b = &l->addrs[first_j];
			if (a->port == b->port && strcmp(a->host, b->host) == 0) {
				char name[LDB_NAME_MAX];
				ldb_addr_format(a, name, sizeof(name));
				if (err && errlen) {
					snprintf(err, errlen, "groups %d and %d both start with %s: each group needs its own first server", i + 1, j + 1, name);
				}
				return -1;
			}
			first_j += l->count[j];
		}
		first_i += l->count[i];
	}
	return 0;
}
