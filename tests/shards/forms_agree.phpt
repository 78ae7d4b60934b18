--TEST--
Shards: the string form, the list of groups, pairs and localdb.servers agree; bad group lists are refused before anything is sent
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b, $c, $d] = ldb_test_memcached(4);
$pair = fn($s) => [explode(':', $s)[0], (int) explode(':', $s)[1]];
ini_set('localdb.servers', "$a;$b,$c;$d");
$forms = [
	'string' => new LocalDb("$a; $b,$c ;$d"),
	'lists' => new LocalDb([[$a], [$b, $c], [$d]]),
	'pairs' => new LocalDb([[$pair($a)], [$pair($b), $pair($c)], [$pair($d)]]),
	'mixed' => new LocalDb([[$a], [$pair($b), $c], [$pair($d)]]),
	'ini' => new LocalDb(),
	'open' => LocalDb::open("$a;$b,$c;$d"),
];
$ref = null;
foreach ($forms as $name => $db) {
	$placed = [];
	for ($i = 0; $i < 500; $i++) {
		$placed[] = $db->server("key$i");
	}
	$list = array_map(fn($x) => "$x[group]:$x[host]:$x[port]", $db->servers());
	$ref ??= [$placed, $list];
	echo "$name: ", [$placed, $list] === $ref ? 'same' : 'different', "\n";
}
echo "groups: ", implode(' ', array_unique(array_column($forms['string']->servers(), 'group'))), "\n";
echo "keys on each group: ", implode(' ', array_map(fn($n) => $n > 50 ? 'many' : $n, array_values(array_count_values($ref[0])))), "\n";
echo "no key on a second server: ", in_array($c, $ref[0], true) ? 'no' : 'yes', "\n";
echo str_replace([$a, $b, $d], ['A', 'B', 'D'], (string) $forms['lists']), "\n";

/* one group: the 0.1.0 forms, and a list of one group */
$one = [new LocalDb("$a,$b"), new LocalDb([$a, $b]), new LocalDb([$pair($a), $pair($b)]), new LocalDb([[$a, $b]])];
echo "one group: ", count(array_unique(array_map(fn($db) => json_encode(array_column($db->servers(), 'group')), $one))) === 1
	&& array_column($one[0]->servers(), 'group') === [0, 0] ? 'same' : 'different', "\n";

$before = array_sum(array_map("ldb_test_requests", [$a, $b, $c, $d]));
foreach ([
	'mixed servers and groups' => [$a, [$b, $c]],
	'empty group in string' => "$a;;$b",
	'trailing ;' => "$a;",
	'empty group in list' => [[$a], []],
	'same first server' => "$a,$b;$a,$c",
	'same first server (lists)' => [[$a], [$a]],
	'weights' => [[...$pair($a), 1], [...$pair($b), 2]],
	'weights in a group' => [[[...$pair($a), 1]], [$pair($b)]],
	'port as a string' => [['127.0.0.1', '11211']],
	'33 groups' => implode(';', array_map(fn($i) => "127.0.0.1:" . (20000 + $i), range(1, 33))),
] as $label => $servers) {
	try {
		new LocalDb($servers);
		echo "$label: accepted\n";
	} catch (ValueError|TypeError $e) {
		echo "$label: ", get_class($e), ": ", preg_replace('/ \S+:\d+/', ' H:P', $e->getMessage()), "\n";
	}
}
echo "sent to the servers: ", array_sum(array_map("ldb_test_requests", [$a, $b, $c, $d])) - $before, "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string: same
lists: same
pairs: same
mixed: same
ini: same
open: same
groups: 0 1 2
keys on each group: many many many
no key on a second server: yes
LocalDb.open() (A; B; D)
one group: same
mixed servers and groups: ValueError: LocalDb::__construct(): Argument #1 ($servers) must be one group (servers) or a list of groups (lists of servers), not both
empty group in string: ValueError: LocalDb::__construct(): Argument #1 ($servers) empty group (groups are separated by ';')
trailing ;: ValueError: LocalDb::__construct(): Argument #1 ($servers) empty group (groups are separated by ';')
empty group in list: ValueError: LocalDb::__construct(): Argument #1 ($servers) must name at least one server in each group
same first server: ValueError: LocalDb::__construct(): Argument #1 ($servers) groups 1 and 2 both start with H:P: each group needs its own first server
same first server (lists): ValueError: LocalDb::__construct(): Argument #1 ($servers) groups 1 and 2 both start with H:P: each group needs its own first server
weights: ValueError: LocalDb::__construct(): Argument #1 ($servers) must hold [host, port] pairs: server weights are not supported (keys are placed as php-memcached places them with every weight left at addServer()'s default)
weights in a group: ValueError: LocalDb::__construct(): Argument #1 ($servers) must hold [host, port] pairs: server weights are not supported (keys are placed as php-memcached places them with every weight left at addServer()'s default)
port as a string: ValueError: LocalDb::__construct(): Argument #1 ($servers) must hold "host:port" strings or [host, int port] pairs, not a port alone ("11211")
33 groups: ValueError: LocalDb::__construct(): Argument #1 ($servers) too many groups (at most 32)
sent to the servers: 0
