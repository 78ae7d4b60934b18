--TEST--
Pool: the same group opened again and again (LocalDb::open twice, new handles in a loop) uses one connection
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/pool.inc';

[$a] = ldb_test_memcached(1);
$port = ldb_test_port($a);
$t0 = ldb_test_stat($a, 'total_connections');
$s0 = ldb_pool_stats();

$x = LocalDb::open($a);
var_dump($x->set('k', 'v'));
$y = LocalDb::open($a);
var_dump($y->get('k'));
echo "after open twice: ", ldb_pool_accepted($a, $t0), "\n";

$t0 = ldb_test_stat($a, 'total_connections');
for ($i = 0; $i < 100; $i++) {
	$h = new LocalDb($a);
	if ($h->get('k') !== 'v') {
		echo "wrong answer at $i\n";
	}
	unset($h);
}
/* the same servers written another way, and options that do not shape a connection */
$same = [
	new LocalDb([$a]),
	new LocalDb([['127.0.0.1', $port]]),
	LocalDb::open(null, ['servers' => $a]),
	new LocalDb($a, ['prefix' => 'p_', 'serializer' => 'json', 'exceptions' => false, 'compression_threshold' => 0]),
];
foreach ($same as $h) {
	$h->set('k2', [1, 2]);
	$h->get('k2');
}
echo "after 104 more handles: ", ldb_pool_accepted($a, $t0), "\n";

$s1 = ldb_pool_stats();
echo "groups: ", $s1['groups'] - $s0['groups'], "\n";
echo "opened: ", $s1['opened'] - $s0['opened'], ", open: ", $s1['open'], ", reset: ", $s1['reset'] - $s0['reset'], "\n";
echo "reused: ", $s1['reused'] - $s0['reused'] >= 100 + 8 ? 'every later call' : $s1['reused'] - $s0['reused'], "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(1) "v"
after open twice: 1
after 104 more handles: 0
groups: 1
opened: 1, open: 1, reset: 0
reused: every later call
