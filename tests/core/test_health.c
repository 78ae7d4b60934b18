/* Server health without PHP, on an injected clock: the state machine, the probe
 * token as one CAS word (each interleaving forced through the race hook, with
 * ldb_health_self standing in for the pid of another process), the health table
 * shared across fork(), and the pool's bounds (idle groups evicted, a full
 * table falling back to per-process health). */
#include "ldb_internal.h"
#include "test.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/socket.h>
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
	c.log_failover = 1;
	c.rejoin_clean = 1;
	return c;
}

static int log_lines;
static char last_log[512];
static void count_log(const char *msg)
{
	log_lines++;
	snprintf(last_log, sizeof(last_log), "%s", msg);
}

static uint32_t state(const ldb_hslot *h) { return ldb_w_state(ldb_health_word(h)); }
static uint32_t owner(const ldb_hslot *h) { return ldb_w_owner(ldb_health_word(h)); }

/* A DOWN word always carries a retry time ahead of when it was made, a PROBING
 * word an owner and a deadline: the fields are in the word, never apart. */
static void check_consistent(const ldb_hslot *h, int64_t made_at)
{
	uint64_t w = ldb_health_word(h);
	if (ldb_w_state(w) == LDB_W_DOWN) {
		int64_t due = ldb_health_due_ms(h, made_at);
		CHECKF(due > made_at && due <= made_at + 66000, "down with retry at %lld (made at %lld)", (long long)due, (long long)made_at);
	} else if (ldb_w_state(w) == LDB_W_PROBING) {
		CHECK(ldb_w_owner(w) != 0);
		CHECK(ldb_w_time(w) != 0);
	}
}

/* a slot of its own, down, with its retry time come */
static ldb_hslot *down_slot(const char *name, const ldb_config *c)
{
	ldb_hslot *h = ldb_health_server(name);
	CHECK(h != NULL);
	ldb_health_self = 100;
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, c, "refused"), 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	fake_now = ldb_health_due_ms(h, fake_now);
	return h;
}

static void test_time_word(void)
{
	/* times are compared as signed differences modulo 2^34 ms */
	int64_t base = (INT64_C(1) << 34) - 5;
	uint64_t t = ldb_w_at(base);
	CHECK_EQ(ldb_w_since(base + 10, t), 10);
	CHECK_EQ(ldb_w_since(base - 10, t), -10);
	CHECK_EQ(ldb_w_since(base + 86400000, t), 86400000);
	{
		uint64_t w = ldb_w_make(LDB_W_PROBING, 5, 6, 0x3fffff, t);
		CHECK_EQ(ldb_w_state(w), LDB_W_PROBING);
		CHECK_EQ(ldb_w_step(w), 5);
		CHECK_EQ(ldb_w_gen(w), 6);
		CHECK_EQ(ldb_w_owner(w), 0x3fffff);
		CHECK_EQ(ldb_w_time(w), t);
	}
	CHECK(ldb_w_at(0) != 0);
}

static void test_state_machine(void)
{
	ldb_config c = cfg();
	ldb_hslot *h = ldb_health_server("sm:1");
	uint64_t tok;
	int64_t due;
	CHECK(h != NULL);
	CHECK(ldb_health_server("sm:1") == h);
	CHECK(ldb_health_server("sm:2") != h);
	fake_now = 1000000;
	ldb_health_self = 100;

	/* a new slot has no verdict: settled (nothing to hold down) */
	CHECK_EQ(state(h), LDB_W_NEW);
	CHECK_EQ(ldb_health_settled(h, fake_now, 10000), 1);
	/* the first contact is a token too; its success is up, settled at once */
	tok = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(tok != 0);
	CHECK_EQ(ldb_w_step(tok), LDB_STEP_FIRST);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 0);
	CHECK_EQ(ldb_health_ok(h, tok, fake_now, &c), 1);
	CHECK_EQ(state(h), LDB_W_UP);
	CHECK_EQ(ldb_health_settled(h, fake_now, 10000), 1);
	CHECK_EQ(h->probes, 0);

	/* a reply timeout alone does not take a server down; two in a row do */
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_IO, fake_now, &c, "t"), 0);
	CHECK_EQ(state(h), LDB_W_UP);
	ldb_health_ok(h, 0, fake_now, &c);
	CHECK_EQ(h->failures, 0);
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_IO, fake_now, &c, "t"), 0);
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_IO, fake_now, &c, "timed out"), 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	/* retry at now + 10 s, +-10% jitter, published with the state */
	due = ldb_health_due_ms(h, fake_now);
	CHECK(due >= fake_now + 9000 && due <= fake_now + 11000);
	{
		char e[LDB_ERR_MAX];
		ldb_health_error(h, e, sizeof(e));
		CHECK(strcmp(e, "timed out") == 0);
	}

	/* no probe before the retry time */
	CHECK_EQ(ldb_health_probe_claim(h, due - 1, &c), 0);
	fake_now = due;
	/* exactly one claimant; the token names its owner */
	tok = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(tok != 0);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now, &c), 0);
	CHECK_EQ(state(h), LDB_W_PROBING);
	CHECK_EQ(owner(h), 100);
	CHECK_EQ(h->probes, 1);

	/* a failed probe backs off x1.5 */
	CHECK_EQ(ldb_health_probe_done(h, tok, 0, fake_now, &c, "refused"), 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	due = ldb_health_due_ms(h, fake_now);
	CHECK(due >= fake_now + 13500 && due <= fake_now + 16500);
	for (int i = 0; i < 10; i++) {
		fake_now = ldb_health_due_ms(h, fake_now);
		tok = ldb_health_probe_claim(h, fake_now, &c);
		CHECK(tok != 0);
		CHECK_EQ(ldb_health_probe_done(h, tok, 0, fake_now, &c, "refused"), 1);
	}
	/* ...up to a cap of 6 retry intervals */
	due = ldb_health_due_ms(h, fake_now);
	CHECK(due >= fake_now + 54000 && due <= fake_now + 66000);

	/* a prober that died: its token lapses a grace period after its deadline */
	fake_now = due;
	tok = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(tok != 0);
	CHECK_EQ(ldb_health_probe_claim(h, fake_now + 750 + LDB_TOKEN_GRACE_MS, &c), 0);
	ldb_health_self = 101;
	tok = ldb_health_probe_claim(h, fake_now + 750 + LDB_TOKEN_GRACE_MS + 1, &c);
	CHECK(tok != 0);
	CHECK_EQ(owner(h), 101);

	/* a good probe brings it back up, clears the backoff and the error */
	fake_now += 2000;
	CHECK_EQ(ldb_health_probe_done(h, tok, 1, fake_now, &c, NULL), 1);
	CHECK_EQ(state(h), LDB_W_UP);
	CHECK_EQ(h->failures, 0);
	CHECK_EQ(ldb_health_due_ms(h, fake_now), 0);
	{
		char e[LDB_ERR_MAX];
		ldb_health_error(h, e, sizeof(e));
		CHECK_EQ(e[0], '\0');
	}
	/* hold-down: settled only once it stayed up a whole retry interval */
	CHECK_EQ(ldb_health_settled(h, fake_now + 9999, 10000), 0);
	CHECK_EQ(ldb_health_settled(h, fake_now + 10000, 10000), 1);

	/* a connect failure takes it down at once, with the backoff reset */
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, &c, "refused"), 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	CHECK_EQ(ldb_w_step(ldb_health_word(h)), 0);
	CHECK_EQ(h->connect_failures, 1);
	/* a request that got an answer from a down server brings it up, held down */
	CHECK_EQ(ldb_health_ok(h, ldb_health_word(h), fake_now, &c), 1);
	CHECK_EQ(ldb_health_settled(h, fake_now + 1, 10000), 0);
	/* server errors count like reply failures */
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_SERVER, fake_now, &c, "oom"), 0);
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_SERVER, fake_now, &c, "oom"), 1);
	CHECK_EQ(h->server_errors, 2);
	ldb_health_self = 0;
}

/* ---- interleavings, forced through the race hook ---- */

static ldb_config race_cfg;
static int race_fired;
static uint64_t race_token;
static uint32_t race_other;

/* another process takes the lapsed token between the first claimer's read and its CAS */
static void claim_in_between(ldb_hslot *h, ldb_race_point at)
{
	if (at == LDB_RACE_CLAIM && !race_fired) {
		uint32_t me = ldb_health_self;
		race_fired = 1;
		ldb_health_self = race_other;
		race_token = ldb_health_probe_claim(h, fake_now, &race_cfg);
		ldb_health_self = me;
	}
}

static void test_two_claimers_lapsed(void)
{
	ldb_config c = cfg();
	ldb_hslot *h = down_slot("race-claim:1", &c);
	uint64_t first, mine;

	/* worker 100 takes the token and vanishes */
	first = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(first != 0);
	fake_now += c.connect_timeout_ms + c.timeout_ms + LDB_TOKEN_GRACE_MS + 1;

	/* 200 and 300 both see it lapsed; 300 wins between 200's read and CAS */
	race_cfg = c;
	race_fired = 0;
	race_other = 300;
	ldb_health_race_hook = claim_in_between;
	ldb_health_self = 200;
	mine = ldb_health_probe_claim(h, fake_now, &c);
	ldb_health_race_hook = NULL;
	CHECK_EQ(race_fired, 1);
	CHECK(race_token != 0);
	CHECKF(mine == 0, "both claimers won the lapsed token");
	CHECK_EQ(owner(h), 300);
	CHECK(ldb_health_word(h) == race_token);
	CHECK_EQ(h->probes, 2);

	/* the vanished owner comes back and reports: stale, dropped */
	CHECK_EQ(ldb_health_probe_done(h, first, 1, fake_now, &c, NULL), 0);
	CHECK_EQ(state(h), LDB_W_PROBING);
	CHECK_EQ(owner(h), 300);
	/* 200 never got a token: it has nothing to report with */
	ldb_health_self = 0;
}

static void test_stale_prober(void)
{
	ldb_config c = cfg();
	ldb_hslot *h = down_slot("race-stale:1", &c);
	uint64_t a, b;
	uint64_t stale0;

	ldb_health_self = 200;
	a = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(a != 0);
	/* a's probe is slow; its token lapses and b takes over */
	fake_now += c.connect_timeout_ms + c.timeout_ms + LDB_TOKEN_GRACE_MS + 1;
	ldb_health_self = 300;
	b = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(b != 0);
	CHECK(a != b);
	/* b finds it up */
	CHECK_EQ(ldb_health_probe_done(h, b, 1, fake_now, &c, NULL), 1);
	CHECK_EQ(state(h), LDB_W_UP);
	/* then a's old probe times out: a stale report never marks it down */
	stale0 = h->stale_reports;
	log_lines = 0;
	CHECK_EQ(ldb_health_probe_done(h, a, 0, fake_now + 10, &c, "probe timed out"), 0);
	CHECK_EQ(state(h), LDB_W_UP);
	CHECK_EQ(h->stale_reports, stale0 + 1);
	CHECK_EQ(log_lines, 0);

	/* a failure seen by a request that chose the server before it went down
	 * and came back is older news: it does not take it down again */
	{
		uint64_t before = ldb_health_word(h);
		ldb_health_self = 400;
		CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, &c, "x"), 1);
		fake_now = ldb_health_due_ms(h, fake_now);
		b = ldb_health_probe_claim(h, fake_now, &c);
		CHECK_EQ(ldb_health_probe_done(h, b, 1, fake_now, &c, NULL), 1);
		CHECK_EQ(ldb_health_fail(h, before, LDB_FAIL_CONNECT, fake_now, &c, "old"), 0);
		CHECK_EQ(state(h), LDB_W_UP);
	}
	ldb_health_self = 0;
}

/* at the prober's CAS, a request elsewhere got an answer from the server */
static void ok_in_between(ldb_hslot *h, ldb_race_point at)
{
	if (at == LDB_RACE_DONE && !race_fired) {
		race_fired = 1;
		CHECK_EQ(ldb_health_ok(h, ldb_health_word(h), fake_now, &race_cfg), 1);
	}
}

/* at the request's CAS (ok), the prober reports the probe failed */
static void fail_in_between(ldb_hslot *h, ldb_race_point at)
{
	if (at == LDB_RACE_OK && !race_fired) {
		uint32_t me = ldb_health_self;
		race_fired = 1;
		ldb_health_self = race_other;
		CHECK_EQ(ldb_health_probe_done(h, race_token, 0, fake_now, &race_cfg, "probe timed out"), 1);
		ldb_health_self = me;
	}
}

/* two requests reach the failure limit together: one transition, one log line */
static void fail_twice(ldb_hslot *h, ldb_race_point at)
{
	if (at == LDB_RACE_FAIL && !race_fired) {
		race_fired = 1;
		CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, &race_cfg, "second"), 1);
	}
}

static void test_fail_racing_ok(void)
{
	ldb_config c = cfg();
	ldb_hslot *h;
	uint64_t tok;

	race_cfg = c;
	/* 1: the request's "up" lands first; the probe's failure is stale */
	h = down_slot("race-ok:1", &c);
	ldb_health_self = 200;
	tok = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(tok != 0);
	race_fired = 0;
	ldb_health_race_hook = ok_in_between;
	CHECK_EQ(ldb_health_probe_done(h, tok, 0, fake_now, &c, "probe timed out"), 0);
	ldb_health_race_hook = NULL;
	CHECK_EQ(race_fired, 1);
	CHECK_EQ(state(h), LDB_W_UP);
	check_consistent(h, fake_now);

	/* 2: the probe's failure lands first; the request's "up" is stale */
	h = down_slot("race-ok:2", &c);
	race_other = 200;
	ldb_health_self = 200;
	race_token = ldb_health_probe_claim(h, fake_now, &c);
	CHECK(race_token != 0);
	ldb_health_self = 300;
	race_fired = 0;
	ldb_health_race_hook = fail_in_between;
	CHECK_EQ(ldb_health_ok(h, race_token, fake_now, &c), 0);
	ldb_health_race_hook = NULL;
	CHECK_EQ(race_fired, 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	check_consistent(h, fake_now);

	/* 3: two failures at the limit at once: one goes through, once logged */
	h = ldb_health_server("race-ok:3");
	race_fired = 0;
	log_lines = 0;
	ldb_health_race_hook = fail_twice;
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, &c, "first"), 0);
	ldb_health_race_hook = NULL;
	CHECK_EQ(race_fired, 1);
	CHECK_EQ(state(h), LDB_W_DOWN);
	CHECK_EQ(log_lines, 1);
	CHECK(strstr(last_log, "second") != NULL);
	check_consistent(h, fake_now);

	/* 4: only the owner's report counts: a failure seen by a request while
	 * another process holds the token leaves the decision to the prober */
	h = down_slot("race-ok:4", &c);
	ldb_health_self = 200;
	tok = ldb_health_probe_claim(h, fake_now, &c);
	ldb_health_self = 300;
	CHECK_EQ(ldb_health_fail(h, 0, LDB_FAIL_CONNECT, fake_now, &c, "x"), 0);
	CHECK(ldb_health_word(h) == tok);
	ldb_health_self = 0;
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
		ldb_health_fail(ch, 0, LDB_FAIL_CONNECT, 5000, &c, "child saw it fail");
		/* and a slot made only in the child is visible to the parent */
		ldb_health_fail(ldb_health_server("shared:2"), 0, LDB_FAIL_CONNECT, 5000, &c, "x");
		_exit(ch == h ? 0 : 3);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(state(h), LDB_W_DOWN);
	CHECK_EQ(state(ldb_health_server("shared:2")), LDB_W_DOWN);
	{
		char e[LDB_ERR_MAX];
		ldb_health_error(h, e, sizeof(e));
		CHECK(strcmp(e, "child saw it fail") == 0);
	}

	/* a child killed while it held the probe token does not block probing */
	pid = fork();
	if (pid == 0) {
		ldb_health_probe_claim(h, ldb_health_due_ms(h, 5000), &c);
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	CHECK_EQ(state(h), LDB_W_PROBING);
	CHECK_EQ(owner(h), (uint32_t)pid & LDB_OWNER_MASK);
	{
		int64_t deadline = ldb_health_due_ms(h, 5000);
		CHECK_EQ(ldb_health_probe_claim(h, deadline + LDB_TOKEN_GRACE_MS, &c), 0);
		CHECK(ldb_health_probe_claim(h, deadline + LDB_TOKEN_GRACE_MS + 1, &c) != 0);
		CHECK_EQ(owner(h), (uint32_t)getpid() & LDB_OWNER_MASK);
	}
	ldb_shutdown();
}

/* Many processes hammering one slot: exactly one probe claim per round, and
 * with lapses forced, never two tokens at once. */
static void test_one_probe_pool_wide(void)
{
	ldb_config c = cfg();
	char err[LDB_ERR_MAX];
	ldb_hslot *h;
	enum { WORKERS = 8 };
	pid_t pids[WORKERS];
	int claims = 0;
	int64_t t;

	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	h = ldb_health_server("race:1");
	ldb_health_fail(h, 0, LDB_FAIL_CONNECT, 1000, &c, "x");
	t = ldb_health_due_ms(h, 1000);
	for (int i = 0; i < WORKERS; i++) {
		if ((pids[i] = fork()) == 0) {
			int won = 0;
			for (int k = 0; k < 20000; k++) {
				won += ldb_health_probe_claim(h, t, &c) != 0;
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

/* The 0.1.0 failure, as measured then: workers that all find the token lapsed
 * and pause 200 us between reading it and their CAS. Every round has exactly
 * one winner. */
static void pause_before_cas(ldb_hslot *h, ldb_race_point at)
{
	(void)h;
	if (at == LDB_RACE_CLAIM) {
		usleep(200);
	}
}

static void test_lapsed_token_rounds(void)
{
	ldb_config c = cfg();
	char err[LDB_ERR_MAX];
	enum { WORKERS = 4, ROUNDS = 40 };
	struct rounds { uint32_t arrived; uint32_t winners[ROUNDS]; } *r;
	pid_t pids[WORKERS];
	ldb_hslot *h;
	int64_t base = 1000000;

	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(r != MAP_FAILED);
	memset(r, 0, sizeof(*r));
	h = ldb_health_server("rounds:1");
	ldb_health_fail(h, 0, LDB_FAIL_CONNECT, base, &c, "x");
	for (int i = 0; i < WORKERS; i++) {
		if ((pids[i] = fork()) == 0) {
			ldb_health_race_hook = pause_before_cas;
			for (int k = 0; k < ROUNDS; k++) {
				/* all start the round together, each round far past the last deadline */
				__atomic_add_fetch(&r->arrived, 1, __ATOMIC_ACQ_REL);
				while (__atomic_load_n(&r->arrived, __ATOMIC_ACQUIRE) < (uint32_t)((k + 1) * WORKERS)) {
					sched_yield();
				}
				if (ldb_health_probe_claim(h, base + 100000 * (int64_t)(k + 1), &c) != 0) {
					__atomic_add_fetch(&r->winners[k], 1, __ATOMIC_ACQ_REL);
				}
			}
			_exit(0);
		}
	}
	for (int i = 0; i < WORKERS; i++) {
		int status;
		waitpid(pids[i], &status, 0);
	}
	{
		int one = 0;
		for (int k = 0; k < ROUNDS; k++) {
			one += r->winners[k] == 1;
		}
		CHECKF(one == ROUNDS, "%d of %d rounds had exactly one prober", one, ROUNDS);
	}
	munmap(r, sizeof(*r));
	ldb_shutdown();
}

/* More servers and groups than the shared table holds: the rest keep their
 * health per process, said once; opening never fails. */
static void test_table_full(void)
{
	char err[LDB_ERR_MAX];
	ldb_config c = cfg();
	ldb_addr a[2];
	ldb_group *g = NULL;
	ldb_server_info si;
	int made = 0;

	CHECK_EQ(ldb_init(1, err, sizeof(err)), 0);
	log_lines = 0;
	for (int i = 0; i < LDB_HEALTH_SERVERS + 40; i++) {
		char name[32];
		snprintf(name, sizeof(name), "127.0.0.1:%d", 20000 + 2 * i);
		ldb_addr_parse(name, strlen(name), &a[0], err, sizeof(err));
		snprintf(name, sizeof(name), "127.0.0.1:%d", 20001 + 2 * i);
		ldb_addr_parse(name, strlen(name), &a[1], err, sizeof(err));
		g = ldb_pool_group(a, 2, &c, err, sizeof(err));
		made += g != NULL;
		if (g) {
			ldb_group_release(g);
		}
	}
	CHECK_EQ(made, LDB_HEALTH_SERVERS + 40);
	CHECK_EQ(log_lines, 1);
	CHECK(strstr(last_log, "full") != NULL);
	/* the last one lives per process and still works as a group */
	g = ldb_pool_group(a, 2, &c, err, sizeof(err));
	CHECK(g != NULL);
	ldb_group_server_info(g, 1, &si);
	CHECK_EQ(si.shared, 0);
	CHECK_EQ(si.state, LDB_STATE_UP);
	ldb_group_release(g);
	ldb_shutdown();
}

/* Groups that differ only in options share servers; idle groups are evicted
 * least recently used first; a group in use is never evicted. */
static void test_pool_bounds(void)
{
	char err[LDB_ERR_MAX];
	ldb_config c = cfg();
	ldb_addr a[2];
	ldb_group *held, *g;
	ldb_pool_stats st;

	CHECK_EQ(ldb_init(0, err, sizeof(err)), 0);
	ldb_addrs_parse("127.0.0.1:1,127.0.0.1:2", 23, a, 2, err, sizeof(err));
	held = ldb_pool_group(a, 2, &c, err, sizeof(err));
	CHECK(held != NULL);
	for (int i = 0; i < 5000; i++) {
		c.timeout_ms = 1000 + (uint32_t)i;
		g = ldb_pool_group(a, 2, &c, err, sizeof(err));
		CHECK(g != NULL);
		if (g) {
			CHECK(g->servers[0] == held->servers[0]);
			ldb_group_release(g);
		}
	}
	ldb_pool_get_stats(&st);
	CHECK_EQ(st.servers, 2);
	CHECK_EQ(st.groups, LDB_POOL_IDLE_MAX + 1);
	CHECK_EQ(st.evicted, 5000 - LDB_POOL_IDLE_MAX);
	/* the held group survived, and still finds itself */
	c.timeout_ms = 500;
	g = ldb_pool_group(a, 2, &c, err, sizeof(err));
	CHECK(g == held);
	ldb_group_release(g);
	/* the most recently used idle group is still there */
	c.timeout_ms = 1000 + 4999;
	g = ldb_pool_group(a, 2, &c, err, sizeof(err));
	ldb_pool_get_stats(&st);
	CHECK_EQ(st.evicted, 5000 - LDB_POOL_IDLE_MAX);
	ldb_group_release(g);
	ldb_group_release(held);

	/* an evicted group's servers that no other group names are freed, their
	 * connections closed */
	{
		int sv[2];
		ldb_addr solo[2];
		ldb_group *first;
		CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
		ldb_addrs_parse("127.0.0.1:7,127.0.0.1:8", 23, solo, 2, err, sizeof(err));
		c.timeout_ms = 77;
		first = ldb_pool_group(solo, 2, &c, err, sizeof(err));
		CHECK(first != NULL);
		first->servers[0]->conn.fd = sv[0];
		first->servers[0]->conn.gen = ldb_fork_gen;
		ldb_group_release(first);
		CHECK(fcntl(sv[0], F_GETFD) != -1);
		/* LDB_POOL_IDLE_MAX groups used after it: it is the least recently used */
		for (int i = 0; i < LDB_POOL_IDLE_MAX; i++) {
			c.timeout_ms = 5000 + (uint32_t)i;
			g = ldb_pool_group(a, 2, &c, err, sizeof(err));
			ldb_group_release(g);
		}
		CHECK(fcntl(sv[0], F_GETFD) == -1);
		ldb_pool_get_stats(&st);
		CHECK_EQ(st.servers, 2);
		close(sv[1]);
	}
	ldb_shutdown();
}

int main(void)
{
	char err[LDB_ERR_MAX];
	ldb_now_ms = fake_clock;
	ldb_hook.log = count_log;
	test_time_word();
	CHECK_EQ(ldb_init(0, err, sizeof(err)), 0);
	test_state_machine();
	test_two_claimers_lapsed();
	test_stale_prober();
	test_fail_racing_ok();
	test_shared_across_fork();
	test_one_probe_pool_wide();
	test_lapsed_token_rounds();
	test_table_full();
	test_pool_bounds();
	return DONE();
}
