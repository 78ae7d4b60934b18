/* The transport against small servers forked here on unix sockets: one
 * deadline per exchange (a trickling server, signals every 10 ms), the
 * per-item outcomes of multi stores, and the refusal of a value over 1 GiB
 * before anything is sent. */
#include "ldb_internal.h"
#include "test.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef enum { SRV_TRICKLE, SRV_SILENT, SRV_SERVER_ERROR } srv_mode;

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fork a server on a fresh socket path: it serves one connection at a time,
 * reads a request, and answers by mode. Returns its pid. */
static pid_t serve(const char *path, srv_mode mode)
{
	struct sockaddr_un sun;
	int ls = socket(AF_UNIX, SOCK_STREAM, 0);
	pid_t pid;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	unlink(path);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sun, sizeof(sun)) != 0 || listen(ls, 8) != 0) {
		perror("server socket");
		exit(2);
	}
	pid = fork();
	if (pid != 0) {
		close(ls);
		return pid;
	}
	alarm(20);
	for (;;) {
		char buf[4096];
		int c = accept(ls, NULL, NULL);
		if (c < 0) {
			continue;
		}
		for (;;) {
			ssize_t r = read(c, buf, sizeof(buf) - 1);
			if (r <= 0) {
				break;
			}
			buf[r] = '\0';
			if (mode == SRV_TRICKLE) {
				const char *reply = "VALUE k 0 5\r\nhello\r\nEND\r\n";
				for (const char *p = reply; *p; p++) {
					usleep(50000);
					if (write(c, p, 1) != 1) {
						break;
					}
				}
			} else if (mode == SRV_SERVER_ERROR) {
				/* one SERVER_ERROR per command line (no data blocks are sent here) */
				for (char *p = buf; (p = strstr(p, "\r\n")); p += 2) {
					if (write(c, "SERVER_ERROR out of memory\r\n", 28) != 28) {
						break;
					}
				}
			}
			/* SRV_SILENT: never answers */
		}
		close(c);
	}
}

static void stop(pid_t pid, const char *path)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	unlink(path);
}

static ldb_group *group_on(const char *path, uint32_t timeout_ms)
{
	ldb_addr addr;
	ldb_config cfg;
	char err[LDB_ERR_MAX];
	memset(&cfg, 0, sizeof(cfg));
	cfg.connect_timeout_ms = 200;
	cfg.timeout_ms = timeout_ms;
	cfg.retry_interval_ms = 10000;
	cfg.persistent = 1;
	if (ldb_addr_parse(path, strlen(path), &addr, err, sizeof(err)) != 0) {
		return NULL;
	}
	return ldb_pool_group(&addr, 1, &cfg, err, sizeof(err));
}

static int hits;
static void on_value(void *ctx, size_t index, const char *val, size_t len, uint32_t flags)
{
	(void)ctx; (void)val; (void)len; (void)flags;
	if (index != (size_t)-1) {
		hits++;
	}
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void test_deadlines(void)
{
	char path[64];
	pid_t pid;
	ldb_group *g;
	double t;
	ldb_rc rc;
	struct sigaction sa;
	struct itimerval it;

	/* a reply of 25 bytes, one every 50 ms (1.25 s), against a 200 ms timeout */
	snprintf(path, sizeof(path), "/tmp/ldb-test-trickle-%d", (int)getpid());
	pid = serve(path, SRV_TRICKLE);
	g = group_on(path, 200);
	CHECK(g != NULL);
	t = mono();
	hits = 0;
	rc = ldb_get(g, "k", 1, on_value, NULL);
	t = mono() - t;
	CHECK_EQ(rc, LDB_NO_SERVER);
	CHECK_EQ(hits, 0);
	CHECKF(t >= 0.19 && t < 0.6, "trickle: %.3f s", t);
	stop(pid, path);

	/* a server that never answers, and SIGALRM every 10 ms (with SA_RESTART) */
	snprintf(path, sizeof(path), "/tmp/ldb-test-silent-%d", (int)getpid());
	pid = serve(path, SRV_SILENT);
	g = group_on(path, 300);
	CHECK(g != NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_interval.tv_usec = 10000;
	it.it_value.tv_usec = 10000;
	setitimer(ITIMER_REAL, &it, NULL);
	t = mono();
	rc = ldb_get(g, "k", 1, on_value, NULL);
	t = mono() - t;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK_EQ(rc, LDB_NO_SERVER);
	CHECKF(alarms > 10, "%d signals", (int)alarms);
	CHECKF(t >= 0.29 && t < 0.8, "signals: %.3f s", t);
	stop(pid, path);
}

static void test_multi_server_error(void)
{
	char path[64];
	pid_t pid;
	ldb_group *g;
	ldb_item items[3];
	static const char *const keys[] = { "a", "b", "c" };
	ldb_rc rc;

	snprintf(path, sizeof(path), "/tmp/ldb-test-se-%d", (int)getpid());
	pid = serve(path, SRV_SERVER_ERROR);
	g = group_on(path, 500);
	CHECK(g != NULL);
	for (int i = 0; i < 3; i++) {
		memset(&items[i], 0, sizeof(items[i]));
		items[i].key = keys[i];
		items[i].key_len = 1;
		items[i].rc = LDB_OK;    /* whatever was there before is reset */
	}
	rc = ldb_store_multi(g, LDB_OP_DELETE, items, 3);
	CHECK_EQ(rc, LDB_SERVER_ERROR);
	for (int i = 0; i < 3; i++) {
		CHECKF(items[i].rc == LDB_SERVER_ERROR, "item %d: %s", i, ldb_rc_name(items[i].rc));
	}
	stop(pid, path);
}

static void test_too_large(void)
{
	ldb_group *g = group_on("/nonexistent-ldb-test/s", 500);
	ldb_item it;
	ldb_pool_stats st;
	const char *msg;
	CHECK(g != NULL);
	memset(&it, 0, sizeof(it));
	it.key = "k";
	it.key_len = 1;
	it.val = "";              /* never read: refused on its length */
	it.val_len = LDB_MAX_ITEM + 1;
	CHECK_EQ(ldb_store(g, LDB_OP_SET, &it), LDB_TOO_LARGE);
	CHECK_EQ(ldb_store_multi(g, LDB_OP_SET, &it, 1), LDB_TOO_LARGE);
	ldb_group_error(g, &msg);
	CHECK(strstr(msg, "1 GiB") != NULL);
	ldb_pool_get_stats(&st);
	CHECK_EQ(st.connects, 0);
}

int main(void)
{
	char err[LDB_ERR_MAX];
	signal(SIGPIPE, SIG_IGN);
	CHECK(ldb_init(0, err, sizeof(err)) == 0);
	ldb_request_begin();
	test_too_large();
	test_deadlines();
	test_multi_server_error();
	ldb_request_end();
	ldb_shutdown();
	return DONE();
}
