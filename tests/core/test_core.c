/* The failover core without PHP: address parsing, key checks, the health state
 * machine on an injected clock, and the health table shared across fork(). */
#include "ldb_internal.h"
#include "test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int64_t fake_now;
static int64_t fake_clock(void) { return fake_now; }

static ldb_config cfg(void)
{
	ldb_config c;
	memset(&c, 0, sizeof(c));
	c.connect_timeout_ms = 250;
	c.timeout_ms = 500;
	c.retry_interval_ms = 10000;
	return c;
}

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

static void test_state_machine(void)
{
	ldb_config c = cfg();
	ldb_hslot *h = ldb_health_server("sm:1");
	CHECK(h != NULL);
	CHECK(ldb_health_server("sm:1") == h);
	CHECK(ldb_health_server("sm:2") != h);
	fake_now = 1000000;

	/* a reply timeout alone does not take a server down; two in a row do */
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_IO, fake_now, &c, "t"), 0);
	CHECK_EQ(h->state, LDB_STATE_UP);
	ldb_health_ok(h, fake_now, &c);
	CHECK_EQ(h->failures, 0);
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_IO, fake_now, &c, "t"), 0);
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_IO, fake_now, &c, "t"), 1);
	CHECK_EQ(h->state, LDB_STATE_DOWN);
	/* retry_at = now + 10 s, +-10% jitter */
	CHECK(h->retry_at_ms >= fake_now + 9000 && h->retry_at_ms <= fake_now + 11000);

	/* no probe before the retry time */
	CHECK_EQ(ldb_health_probe_claim(h, fake_now + 8999, &c), 0);
	fake_now = h->retry_at_ms;
	/* exactly one claimant */
	CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 1);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 0);
	CHECK_EQ(h->state, LDB_STATE_PROBING);
	CHECK_EQ(h->probes, 1);

	/* a failed probe backs off x1.5 */
	ldb_health_probe_done(h, 0, fake_now, &c, "refused");
	CHECK_EQ(h->state, LDB_STATE_DOWN);
	CHECK_EQ(h->interval_ms, 15000);
	CHECK(h->retry_at_ms >= fake_now + 13500 && h->retry_at_ms <= fake_now + 16500);
	for (int i = 0; i < 10; i++) {
		fake_now = h->retry_at_ms;
		CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 1);
		ldb_health_probe_done(h, 0, fake_now, &c, "refused");
	}
	/* ...up to a cap of 6 retry intervals */
	CHECK_EQ(h->interval_ms, 60000);

	/* a prober that died: its token lapses after its deadline */
	fake_now = h->retry_at_ms;
	CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 1);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now + 750, &c), 0);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now + 750 + 1001, &c), 1);

	/* a good probe brings it back up and clears the backoff */
	ldb_health_probe_done(h, 1, fake_now + 2000, &c, NULL);
	CHECK_EQ(h->state, LDB_STATE_UP);
	CHECK_EQ(h->failures, 0);
	CHECK_EQ(h->retry_at_ms, 0);
	CHECK_EQ(h->up_since_ms, fake_now + 2000);

	/* a connect failure takes it down at once */
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_CONNECT, fake_now, &c, "refused"), 1);
	CHECK_EQ(h->state, LDB_STATE_DOWN);
	CHECK_EQ(h->interval_ms, 10000);
	CHECK_EQ(h->connect_failures, 1);
	/* server errors count like reply failures */
	ldb_health_ok(h, fake_now, &c);
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_SERVER, fake_now, &c, "oom"), 0);
	CHECK_EQ(ldb_health_fail(h, LDB_FAIL_SERVER, fake_now, &c, "oom"), 1);
	CHECK_EQ(h->server_errors, 2);
}

static void test_shared_across_fork(void)
{
	ldb_config c = cfg();
	char err[LDB_ERR_MAX];
	ldb_hslot *h;
	pid_t pid;
	int status = -1;

	ldb_shutdown();
	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	CHECK_EQ(ldb_health_is_shared(), 1);
	h = ldb_health_server("shared:1");
	pid = fork();
	if (pid == 0) {
		ldb_hslot *ch = ldb_health_server("shared:1");
		ldb_health_fail(ch, LDB_FAIL_CONNECT, 5000, &c, "child saw it fail");
		/* and a slot made only in the child is visible to the parent */
		ldb_health_fail(ldb_health_server("shared:2"), LDB_FAIL_CONNECT, 5000, &c, "x");
		_exit(ch == h ? 0 : 3);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(h->state, LDB_STATE_DOWN);
	CHECK_EQ(ldb_health_server("shared:2")->state, LDB_STATE_DOWN);

	/* a child killed while it held the probe token does not block probing */
	pid = fork();
	if (pid == 0) {
		ldb_health_probe_claim(h, h->retry_at_ms, &c);
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(h->state, LDB_STATE_PROBING);
	CHECK_EQ(ldb_health_probe_claim(h, h->probe_deadline_ms + 1001, &c), 1);
	ldb_shutdown();
}

/* Many processes hammering one slot: exactly one probe claim per round. */
static void test_one_probe_pool_wide(void)
{
	ldb_config c = cfg();
	char err[LDB_ERR_MAX];
	ldb_hslot *h;
	enum { WORKERS = 8 };
	pid_t pids[WORKERS];
	int claims = 0;

	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	h = ldb_health_server("race:1");
	ldb_health_fail(h, LDB_FAIL_CONNECT, 1000, &c, "x");
	for (int i = 0; i < WORKERS; i++) {
		if ((pids[i] = fork()) == 0) {
			int won = 0;
			for (int k = 0; k < 20000; k++) {
				won += ldb_health_probe_claim(h, h->retry_at_ms > 0 ? 100000 : 100000, &c);
			}
			_exit(won);
		}
	}
	for (int i = 0; i < WORKERS; i++) {
		int status;
		waitpid(pids[i], &status, 0);
		claims += WEXITSTATUS(status);
	}
	CHECK_EQ(claims, 1);
	ldb_shutdown();
}

/* More servers than the table holds: the rest live in process memory. */
static void test_table_full(void)
{
	char err[LDB_ERR_MAX], name[32];
	ldb_hslot *first = NULL, *h = NULL;
	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	for (int i = 0; i < LDB_HEALTH_SERVERS + 10; i++) {
		snprintf(name, sizeof(name), "full:%d", i + 1);
		h = ldb_health_server(name);
		CHECK(h != NULL);
		if (i == 0) {
			first = h;
		}
	}
	CHECK(ldb_health_server("full:1") == first);
	CHECK(ldb_health_server(name) == h);
	CHECK(strcmp(h->name, name) == 0);
	ldb_shutdown();
}

int main(void)
{
	char err[LDB_ERR_MAX];
	ldb_now_ms = fake_clock;
	test_addr_parse();
	test_key_check();
	CHECK_EQ(ldb_init(0, err, sizeof(err)), 0);
	test_state_machine();
	test_shared_across_fork();
	test_one_probe_pool_wide();
	test_table_full();
	return DONE();
}
