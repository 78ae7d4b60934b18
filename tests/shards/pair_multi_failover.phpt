--TEST--
Shards: getMulti over 2 pairs while one group's first server hangs: that group's keys are asked of its second server, the other group's of its first, in about one timeout
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a1, $a2, $b1, $b2] = ldb_test_memcached(4);
$opts = ['timeout' => 300, 'retry_interval' => 60, 'log_failover' => false];
$db = new LocalDb("$a1,$a2;$b1,$b2", $opts);
$keys = array_map(fn($i) => "key$i", range(1, 60));
$items = array_combine($keys, array_map(fn($k) => "v$k", $keys));
var_dump($db->setMulti($items));
$a = array_filter($items, fn($k) => $db->server($k) === $a1, ARRAY_FILTER_USE_KEY);
echo "keys in group 1: ", count($a) > 10 ? 'some' : count($a), "\n";
$gets_a2 = ldb_test_stat($a2, 'cmd_get');

ldb_test_kill($a1, SIGSTOP);
$t = microtime(true);
$got = $db->getMulti($keys);
$t = microtime(true) - $t;
/* group 1's second server missed the writes: it is cleaned before it serves, so
 * those keys read as misses, never as stale values */
echo "served: group 2's keys ", array_diff_key($items, $a) == $got ? 'all, right' : json_encode($got), "\n";
echo "group 1's keys were asked of its second server: ", ldb_test_stat($a2, 'cmd_get') > $gets_a2 ? 'yes' : 'no', "\n";
echo "within two timeouts: ", $t < 0.6 * ldb_test_time_factor() ? 'yes' : $t, "\n";
echo "no error: ", var_export($db->lastError(), true), "\n";
echo "group 2 serves from: ", $db->server(array_key_first(array_diff_key($items, $a))) === $b1 ? 'its first server' : 'elsewhere', "\n";
ldb_test_kill($a1, SIGCONT);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
keys in group 1: some
served: group 2's keys all, right
group 1's keys were asked of its second server: yes
within two timeouts: yes
no error: NULL
group 2 serves from: its first server
