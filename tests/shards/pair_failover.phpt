--TEST--
Shards: 4 pairs; the first server of one group killed: only that group's keys move, to its second server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$s = ldb_test_memcached(8);
$groups = [[$s[0], $s[1]], [$s[2], $s[3]], [$s[4], $s[5]], [$s[6], $s[7]]];
$db = new LocalDb($groups, ['retry_interval' => 60, 'log_failover' => false]);

$keys = array_map(fn($i) => "item:$i", range(1, 400));
$before = [];
foreach ($keys as $k) {
	$before[$k] = $db->server($k);
	$db->set($k, "old $k");
}
$in = array_count_values($before);
ksort($in);
echo "keys on each group's first server: ", implode(' ', array_map(fn($g) => ($in[$g[0]] ?? 0) > 40 ? 'many' : 'few', $groups)), "\n";
echo "keys on second servers: ", count(array_intersect($before, [$s[1], $s[3], $s[5], $s[7]])), "\n";

ldb_test_kill($s[2]);   /* group 2's first server */

$moved = $stayed = $wrong = 0;
foreach ($keys as $k) {
	if (!$db->set($k, "new $k")) {
		$wrong++;
	}
	$now = $db->server($k);
	if ($before[$k] === $s[2]) {
		$moved += $now === $s[3];
		$wrong += $now !== $s[3];
	} else {
		$stayed += $now === $before[$k];
		$wrong += $now !== $before[$k];
	}
}
echo "group 2's keys now on its second server: ", $moved === ($in[$s[2]] ?? -1) ? 'all' : $moved, "\n";
echo "other keys where they were: ", $stayed === count($keys) - $moved ? 'all' : $stayed, "\n";
echo "wrong: $wrong\n";

/* the servers themselves: group 2's second holds exactly group 2's keys, no key went to another group */
$on = array_fill_keys(array_merge($s), 0);
unset($on[$s[2]]);
$misplaced = 0;
foreach ($keys as $k) {
	foreach (array_keys($on) as $srv) {
		if (ldb_test_peek($srv, $k) === "new $k") {
			$on[$srv]++;
			$misplaced += $srv !== ($before[$k] === $s[2] ? $s[3] : $before[$k]);
		}
	}
}
echo "new values on group 2's second server: ", $on[$s[3]] === $in[$s[2]] ? 'its keys' : $on[$s[3]], "\n";
echo "new values on the other second servers: ", $on[$s[1]] + $on[$s[5]] + $on[$s[7]], "\n";
echo "misplaced: $misplaced\n";
echo "getMulti reads every key: ", count(array_filter($db->getMulti($keys), fn($v) => str_starts_with($v, 'new '))), "\n";
$states = array_map(fn($x) => "$x[group]:$x[state]" . ($x['current'] ? '*' : ''), $db->servers());
echo implode(' ', $states), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
keys on each group's first server: many many many many
keys on second servers: 0
group 2's keys now on its second server: all
other keys where they were: all
wrong: 0
new values on group 2's second server: its keys
new values on the other second servers: 0
misplaced: 0
getMulti reads every key: 400
0:up* 0:up 1:down 1:up* 2:up* 2:up 3:up* 3:up
