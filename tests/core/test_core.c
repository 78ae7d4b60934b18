/* The failover core without PHP: address parsing and key checks (the health
 * state machine is in test_health.c). */
#include "ldb_internal.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t fake_now;
static int64_t fake_clock(void) { return fake_now; }

static void test_addr_parse(void)
{
	ldb_addr a;
	char err[LDB_ERR_MAX], name[LDB_NAME_MAX];
	ldb_addr list[4];

	CHECK(ldb_addr_parse("127.0.0.1:11311", 15, &a, err, sizeof(err)) == 0);
	CHECK(strcmp(a.host, "127.0.0.1") == 0);
	CHECK_EQ(a.port, 11311);
	CHECK(ldb_addr_parse("cache-1.example", 15, &a, err, sizeof(err)) == 0);
	CHECK_EQ(a.port, 11211);
	CHECK(ldb_addr_parse("[::1]:5", 7, &a, err, sizeof(err)) == 0);
	CHECK(strcmp(a.host, "::1") == 0);
	CHECK_EQ(a.port, 5);
	ldb_addr_format(&a, name, sizeof(name));
	CHECK(strcmp(name, "[::1]:5") == 0);
	CHECK(ldb_addr_parse("[::1]", 5, &a, err, sizeof(err)) == 0);
	CHECK_EQ(a.port, 11211);
	CHECK(ldb_addr_parse("/run/mc.sock", 12, &a, err, sizeof(err)) == 0);
	CHECK_EQ(a.port, 0);
	ldb_addr_format(&a, name, sizeof(name));
	CHECK(strcmp(name, "/run/mc.sock") == 0);
	CHECK(ldb_addr_parse(" h:1 ", 5, &a, err, sizeof(err)) == 0);

	/* every malformed form is refused, with a reason */
	static const char *const bad[] = {
		"", "host:", ":11211", "host:99999", "host:0", "[::1", "[::1]x", "[]:1", "::1", "h:1:2",
		"ho st", "host:12a", "h\r\n:1", "[::1]:", "host:-1", NULL
	};
	for (int i = 0; bad[i]; i++) {
		err[0] = '\0';
		int r = ldb_addr_parse(bad[i], strlen(bad[i]), &a, err, sizeof(err));
		if (r == 0) {
			fprintf(stderr, "accepted bad server \"%s\"\n", bad[i]);
		}
		CHECK(r == -1);
		CHECK(err[0] != '\0');
	}
	/* a refused string is quoted without its control bytes (it reaches logs) */
	CHECK(ldb_addr_parse("h\r\nX: 1", 8, &a, err, sizeof(err)) == -1);
	CHECK(strpbrk(err, "\r\n") == NULL);
	CHECK(strstr(err, "h??X") != NULL);
	CHECK_EQ(ldb_addr_format(&list[0], name, 0), 0);
	CHECK_EQ(ldb_addrs_parse("a:1,b:2, c", 10, list, 4, err, sizeof(err)), 3);
	CHECK_EQ(list[2].port, 11211);
	CHECK_EQ(ldb_addrs_parse("a:1,", 4, list, 4, err, sizeof(err)), -1);
	CHECK_EQ(ldb_addrs_parse("a,b,c,d,e", 9, list, 4, err, sizeof(err)), -1);

	/* mistakes get a message that names them */
	CHECK(ldb_addr_parse("a:1 b:2", 7, &a, err, sizeof(err)) == -1 && strstr(err, "separated by commas") != NULL);
	CHECK(ldb_addr_parse("h:11211:1", 9, &a, err, sizeof(err)) == -1 && strstr(err, "no weights") != NULL);
	CHECK(ldb_addr_parse("tcp://h:1", 9, &a, err, sizeof(err)) == -1 && strstr(err, "no scheme") != NULL);
	CHECK(ldb_addr_parse("fe80::1", 7, &a, err, sizeof(err)) == -1 && strstr(err, "brackets") != NULL);
	/* the same server twice in a group, also spelled differently */
	CHECK_EQ(ldb_addrs_parse("a:1,b:2,a:1", 11, list, 4, err, sizeof(err)), -1);
	CHECK(strstr(err, "a:1 is given twice") != NULL);
	CHECK_EQ(ldb_addrs_parse("a,a:11211", 9, list, 4, err, sizeof(err)), -1);
	CHECK_EQ(ldb_addrs_parse("a:1,a:2", 7, list, 4, err, sizeof(err)), 2);
}

static void test_key_check(void)
{
	char key[300];
	CHECK_EQ(ldb_key_check("abc", 3), 0);
	CHECK_EQ(ldb_key_check("", 0), -1);
	memset(key, 'k', sizeof(key));
	CHECK_EQ(ldb_key_check(key, 250), 0);
	CHECK_EQ(ldb_key_check(key, 251), -1);
	CHECK_EQ(ldb_key_check("a b", 3), 2);
	CHECK_EQ(ldb_key_check("a\r\nflush_all", 12), 2);
	CHECK_EQ(ldb_key_check("ab\n", 3), 3);
	CHECK_EQ(ldb_key_check("a\0b", 3), 2);
	CHECK_EQ(ldb_key_check("a\x7f", 2), 2);
	CHECK_EQ(ldb_key_check("a\tb", 3), 2);
	CHECK_EQ(ldb_key_check("caf\xc3\xa9", 5), 0);
}

int main(void)
{
	ldb_now_ms = fake_clock;
	test_addr_parse();
	test_key_check();
	return DONE();
}
