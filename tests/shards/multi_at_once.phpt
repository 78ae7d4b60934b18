--TEST--
Shards: getMulti/setMulti/deleteMulti over 4 groups run the groups' exchanges at once: 4 servers that each answer after 250 ms cost about one delay, not four
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$slow = [];
for ($i = 0; $i < 4; $i++) {
	$slow[] = ldb_test_fixture('slow', [250]);
}
$opts = ['timeout' => 2000, 'log_failover' => false];
$four = new LocalDb(array_map(fn($s) => [$s], $slow), $opts);
$one = new LocalDb($slow[0], $opts);
$keys = array_map(fn($i) => "key$i", range(1, 40));
$items = array_combine($keys, array_map(fn($k) => "v$k", $keys));
$groups = count(array_unique(array_map(fn($k) => $four->server($k), $keys)));
echo "groups holding the keys: $groups\n";

function timed(callable $f, &$result = null): float
{
	$t = microtime(true);
	$result = $f();
	return microtime(true) - $t;
}

/* first contact with each server (one at a time, as run() makes it), outside the timing */
$one->get('warm');
$four->getMulti($keys);
/* one group: one delay per call (the baseline on this machine) */
$base = timed(fn() => $one->setMulti($items), $r1);
/* four groups */
$set = timed(fn() => $four->setMulti($items), $r4);
$get = timed(fn() => $four->getMulti($keys), $got);
$del = timed(fn() => $four->deleteMulti($keys), $deleted);
var_dump($r1, $r4, $got == $items, count(array_filter($deleted)));
foreach (['setMulti' => $set, 'getMulti' => $get, 'deleteMulti' => $del] as $name => $t) {
	/* one after the other would be 4 delays */
	echo "$name over 4 groups within 2 one-group calls: ", $t < 2 * $base ? 'yes' : sprintf('no (%.3f s vs %.3f s)', $t, $base), "\n";
}
echo "one-group call took at least the delay: ", $base >= 0.25 ? 'yes' : $base, "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
groups holding the keys: 4
bool(true)
bool(true)
bool(true)
int(40)
setMulti over 4 groups within 2 one-group calls: yes
getMulti over 4 groups within 2 one-group calls: yes
deleteMulti over 4 groups within 2 one-group calls: yes
one-group call took at least the delay: yes
