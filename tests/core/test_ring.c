/* Shards: the ';'-separated server list, and key -> group by libmemcached's ketama. */
#include "ldb.h"
#include "ldb_ring.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static void test_list_parse(void)
{
	ldb_server_list *l = calloc(1, sizeof(*l));
	char err[LDB_ERR_MAX], big[4096];
	size_t w = 0;

	CHECK_EQ(ldb_server_list_parse("a:1,b:2;c:3;d,e:5,f", 19, l, err, sizeof(err)), 0);
	CHECK_EQ(l->ngroups, 3);
	CHECK_EQ(l->total, 6);
	CHECK_EQ(l->count[0], 2);
	CHECK_EQ(l->count[1], 1);
	CHECK_EQ(l->count[2], 3);
	CHECK(strcmp(l->addrs[2].host, "c") == 0);
	CHECK_EQ(l->addrs[3].port, 11211);
	/* one group is the 0.1.0 string */
	CHECK_EQ(ldb_server_list_parse("a:1,b:2", 7, l, err, sizeof(err)), 0);
	CHECK_EQ(l->ngroups, 1);
	CHECK_EQ(l->count[0], 2);
	/* blanks around groups are forgiven, empty groups are not */
	CHECK_EQ(ldb_server_list_parse(" a:1 ; b:2 ", 11, l, err, sizeof(err)), 0);
	CHECK_EQ(l->ngroups, 2);
	CHECK_EQ(ldb_server_list_parse("a;;b", 4, l, err, sizeof(err)), -1);
	CHECK(strstr(err, "empty group") != NULL);
	CHECK_EQ(ldb_server_list_parse("a;", 2, l, err, sizeof(err)), -1);
	CHECK_EQ(ldb_server_list_parse(";a", 2, l, err, sizeof(err)), -1);
	CHECK_EQ(ldb_server_list_parse("", 0, l, err, sizeof(err)), -1);
	/* two groups cannot start with the same server: the ring is over first servers */
	CHECK_EQ(ldb_server_list_parse("a:1,b:1;a:1,c:1", 15, l, err, sizeof(err)), -1);
	CHECK(strstr(err, "groups 1 and 2") != NULL);
	/* the same server second in two groups is allowed (crossed pairs) */
	CHECK_EQ(ldb_server_list_parse("a:1,b:1;b:1,a:1", 15, l, err, sizeof(err)), 0);
	/* limits: groups, and servers in all */
	for (int i = 0; i < LDB_MAX_GROUPS + 1; i++) {
		w += (size_t)snprintf(big + w, sizeof(big) - w, "%sh%d", i ? ";" : "", i);
	}
	CHECK_EQ(ldb_server_list_parse(big, w, l, err, sizeof(err)), -1);
	CHECK(strstr(err, "too many groups") != NULL);
	w = 0;
	for (int i = 0; i < LDB_MAX_ALL_SERVERS + 1; i++) {
		w += (size_t)snprintf(big + w, sizeof(big) - w, "%sh%d", i == 0 ? "" : i % 8 ? "," : ";", i);
	}
	CHECK_EQ(ldb_server_list_parse(big, w, l, err, sizeof(err)), -1);
	CHECK(strstr(err, "too many servers") != NULL);
	free(l);
}

static void test_ring(void)
{
	/* php-memcached 3.2 with OPT_LIBKETAMA_COMPATIBLE and these servers added in this
	 * order sends "key0".."key23" to these servers (Memcached::getServerByKey) */
	static const int expected[24] = { 1, 3, 0, 3, 0, 1, 0, 0, 2, 2, 0, 2, 2, 2, 0, 2, 2, 2, 3, 1, 3, 1, 2, 1 };
	ldb_addr firsts[4];
	char err[LDB_ERR_MAX], key[32];
	const ldb_ring *r, *again;
	int counts[4] = { 0, 0, 0, 0 };

	CHECK_EQ(ldb_addr_parse("10.0.0.1", 8, &firsts[0], err, sizeof(err)), 0);
	CHECK_EQ(ldb_addr_parse("10.0.0.2:11211", 14, &firsts[1], err, sizeof(err)), 0);
	CHECK_EQ(ldb_addr_parse("10.0.0.3:11212", 14, &firsts[2], err, sizeof(err)), 0);
	CHECK_EQ(ldb_addr_parse("cache-4.example", 15, &firsts[3], err, sizeof(err)), 0);
	r = ldb_ring_get(firsts, 4, err, sizeof(err));
	CHECK(r != NULL);
	for (int i = 0; i < 24; i++) {
		int n = snprintf(key, sizeof(key), "key%d", i);
		CHECKF(ldb_ring_pick(r, key, (size_t)n) == expected[i], "key%d: group %d, php-memcached %d", i, ldb_ring_pick(r, key, (size_t)n), expected[i]);
	}
	/* every group gets its share of many keys */
	for (int i = 0; i < 20000; i++) {
		int n = snprintf(key, sizeof(key), "user:%d", i);
		counts[ldb_ring_pick(r, key, (size_t)n)]++;
	}
	for (int g = 0; g < 4; g++) {
		CHECKF(counts[g] > 3000 && counts[g] < 7500, "group %d has %d of 20000 keys", g, counts[g]);
	}
	/* one ring per list of servers */
	again = ldb_ring_get(firsts, 4, err, sizeof(err));
	CHECK(again == r);
	CHECK(strcmp(ldb_ring_key_at(0), "10.0.0.1:11211,10.0.0.2:11211,10.0.0.3:11212,cache-4.example:11211") == 0);
	CHECK(ldb_ring_get(firsts, 3, err, sizeof(err)) != r);
	CHECK(ldb_ring_key_at(2) == NULL);
	/* no ring: one group */
	CHECK_EQ(ldb_ring_pick(NULL, "k", 1), 0);
	ldb_ring_shutdown();
	CHECK(ldb_ring_key_at(0) == NULL);
}

int main(void)
{
	test_list_parse();
	test_ring();
	return DONE();
}
