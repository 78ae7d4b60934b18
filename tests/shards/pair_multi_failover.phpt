--TEST--
Shards: getMulti over 2 pairs while one group's first server hangs: that group's keys come from its second server, the other group's from its first, in about one timeout
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
/* group 1's second server gets the same items (memcached pairs do not replicate) */
$a = array_filter($items, fn($k) => $db->server($k) === $a1, ARRAY_FILTER_USE_KEY);
(new LocalDb($a2, $opts))->setMulti(array_map(fn($v) => "second $v", $a));
echo "keys in group 1: ", count($a) > 10 ? 'some' : count($a), "\n";

ldb_test_kill($a1, SIGSTOP);
$t = microtime(true);
$got = $db->getMulti($keys);
$t = microtime(true) - $t;
$from_second = count(array_filter($got, fn($v) => str_starts_with($v, 'second ')));
echo "served: ", count($got), ", from group 1's second server: ", $from_second === count($a) ? 'its keys' : $from_second, "\n";
echo "group 2's values: ", count(array_diff_key($got, $a)) === count($items) - count($a) && array_diff_key($got, $a) == array_diff_key($items, $a) ? 'right' : 'wrong', "\n";
echo "within two timeouts: ", $t < 0.6 * ldb_test_time_factor() ? 'yes' : $t, "\n";
echo "group 1 serves from: ", $db->server(array_key_first($a)) === $a2 ? 'its second server' : $db->server(array_key_first($a)), "\n";
echo "group 2 serves from: ", $db->server(array_key_first(array_diff_key($items, $a))) === $b1 ? 'its first server' : 'elsewhere', "\n";
ldb_test_kill($a1, SIGCONT);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
keys in group 1: some
served: 60, from group 1's second server: its keys
group 2's values: right
within two timeouts: yes
group 1 serves from: its second server
group 2 serves from: its first server
