/*
 * Server lists: ldb_addrs_parse() / ldb_addr_parse() on any bytes, and the
 * round trip through ldb_addr_format().
 *
 * Invariants: a list is refused with a message or gives 1..max addresses; every
 * address accepted is one the connection code can use as is (a host made of
 * host-name or IPv6 characters and a port 1..65535, or a socket path that fits
 * sun_path and holds no control byte); its canonical form parses back to the
 * same address and prints the same; a list of canonical forms parses back to
 * the same list; a truncated print is a NUL-terminated prefix of the full one.
 */
#include "ldb_internal.h"
#include "fuzz.h"

#include <string.h>

#define MAX_ADDRS 4

static int host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '.' || c == '-' || c == '_';
}

static int v6_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

static void check_usable(const ldb_addr *a)
{
	size_t hl = strnlen(a->host, sizeof(a->host));

	FUZZ_CHECK(hl > 0 && hl < sizeof(a->host));
	if (a->port == 0) {
		/* sun_path is 108 bytes with its NUL */
		FUZZ_CHECK(a->host[0] == '/' && hl < 108);
		for (size_t i = 0; i < hl; i++) {
			FUZZ_CHECK((unsigned char)a->host[i] >= 0x20 && a->host[i] != ',');
		}
	} else if (memchr(a->host, ':', hl)) {
		for (size_t i = 0; i < hl; i++) {
			FUZZ_CHECK(v6_char((unsigned char)a->host[i]));
		}
	} else {
		for (size_t i = 0; i < hl; i++) {
			FUZZ_CHECK(host_char((unsigned char)a->host[i]));
		}
	}
}

static void check_err(const char *err, size_t cap)
{
	size_t l = strnlen(err, cap);
	FUZZ_CHECK(l > 0 && l < cap);
}

/* Canonical form of a; it parses back to a and prints the same again. */
static size_t check_round_trip(const ldb_addr *a, char *name, size_t cap)
{
	char again[LDB_NAME_MAX], err[LDB_ERR_MAX], small[LDB_NAME_MAX];
	ldb_addr b;
	size_t n = ldb_addr_format(a, name, cap), m;

	FUZZ_CHECK(n < cap && n == strlen(name) && n > 0);
	/* nothing was cut off: the name is as long as the full print */
	FUZZ_CHECK((size_t)snprintf(NULL, 0, a->port ? (strchr(a->host, ':') ? "[%s]:%u" : "%s:%u") : "%s",
		a->host, (unsigned)a->port) == n);
	FUZZ_CHECK(ldb_addr_parse(name, n, &b, err, sizeof(err)) == 0);
	FUZZ_CHECK(strcmp(a->host, b.host) == 0 && a->port == b.port);
	m = ldb_addr_format(&b, again, sizeof(again));
	FUZZ_CHECK(m == n && memcmp(name, again, n + 1) == 0);
	/* a buffer too small gives a NUL-terminated prefix */
	for (size_t k = 1; k <= n; k += (n / 7) + 1) {
		memset(small, 'X', sizeof(small));
		m = ldb_addr_format(a, small, k);
		FUZZ_CHECK(m == k - 1 && small[m] == '\0' && memcmp(small, name, m) == 0);
	}
	return n;
}

/* Several groups, ';'-separated: counts add up, every address is usable, and
 * without a ';' it is the one group ldb_addrs_parse() sees. */
static void check_groups(const char *s, size_t size)
{
	static ldb_server_list l;
	ldb_addr plain[LDB_MAX_SERVERS];
	char err[LDB_ERR_MAX];
	int r, sum = 0, n;

	err[0] = '\0';
	r = ldb_server_list_parse(s, size, &l, err, sizeof(err));
	FUZZ_CHECK(r == 0 || r == -1);
	if (r < 0) {
		check_err(err, sizeof(err));
	} else {
		FUZZ_CHECK(l.ngroups >= 1 && l.ngroups <= LDB_MAX_GROUPS && l.total <= LDB_MAX_ALL_SERVERS);
		for (int g = 0; g < l.ngroups; g++) {
			FUZZ_CHECK(l.count[g] >= 1 && l.count[g] <= LDB_MAX_SERVERS);
			sum += l.count[g];
		}
		FUZZ_CHECK(sum == l.total);
		for (int i = 0; i < l.total; i++) {
			check_usable(&l.addrs[i]);
		}
	}
	if (!memchr(s, ';', size)) {
		n = ldb_addrs_parse(s, size, plain, LDB_MAX_SERVERS, err, sizeof(err));
		FUZZ_CHECK((n < 0) == (r < 0));
		FUZZ_CHECK(n < 0 || (l.ngroups == 1 && l.total == n));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	ldb_addr list[MAX_ADDRS], again[MAX_ADDRS], one;
	char err[LDB_ERR_MAX], joined[MAX_ADDRS * (LDB_NAME_MAX + 1)];
	size_t jl = 0;
	int n, single;

	if (size > 4096) {
		return 0;
	}
	check_groups(s, size);
	err[0] = '\0';
	n = ldb_addrs_parse(s, size, list, MAX_ADDRS, err, sizeof(err));
	FUZZ_CHECK(n == -1 || (n >= 1 && n <= MAX_ADDRS));
	if (n < 0) {
		check_err(err, sizeof(err));
	}

	err[0] = '\0';
	single = ldb_addr_parse(s, size, &one, err, sizeof(err));
	FUZZ_CHECK(single == 0 || single == -1);
	if (single == 0) {
		/* one address holds no comma, so the list parser sees the same one */
		check_usable(&one);
		FUZZ_CHECK(n == 1 && strcmp(list[0].host, one.host) == 0 && list[0].port == one.port);
	} else {
		check_err(err, sizeof(err));
	}
	if (n < 0) {
		return 0;
	}
	for (int i = 0; i < n; i++) {
		check_usable(&list[i]);
		if (i) {
			joined[jl++] = ',';
		}
		jl += check_round_trip(&list[i], joined + jl, sizeof(joined) - jl);
	}
	FUZZ_CHECK(ldb_addrs_parse(joined, jl, again, MAX_ADDRS, err, sizeof(err)) == n);
	for (int i = 0; i < n; i++) {
		FUZZ_CHECK(strcmp(list[i].host, again[i].host) == 0 && list[i].port == again[i].port);
	}
	return 0;
}
