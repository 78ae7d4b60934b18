--TEST--
localdb.item_size_limit / option item_size_limit: a value whose encoding is larger is a ValueError before anything is sent (set, add, replace, cas, setMulti, append, prepend); the limit counts encoded bytes
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.item_size_limit=1000
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['compression_threshold' => 0]);
$db->set('k', 'small');
$big = random_bytes(1001);
$before = ldb_test_stat($a, 'cmd_set');
foreach ([
	'set' => fn() => $db->set('k', $big),
	'add' => fn() => $db->add('new', $big),
	'replace' => fn() => $db->replace('k', $big),
	'cas' => fn() => $db->cas('k', $big, 1),
	'setMulti' => fn() => $db->setMulti(['ok' => 1, 'big' => $big]),
	'append' => fn() => $db->append('k', $big),
	'prepend' => fn() => $db->prepend('k', $big),
] as $name => $call) {
	try {
		$call();
		echo "$name: accepted\n";
	} catch (ValueError $e) {
		echo $e->getMessage(), "\n";
	}
}
var_dump(ldb_test_stat($a, 'cmd_set') === $before, $db->getResultCode() === LocalDb::RES_INVALID_ARGUMENTS, $db->get('k'));
/* exactly the limit is fine */
var_dump($db->set('k', str_repeat('x', 1000)));
/* encoded bytes count: 5000 bytes that compress to fewer than 1000 are stored */
$z = new LocalDb([$a], ['compression_threshold' => 100]);
var_dump($z->set('z', str_repeat('abc', 2000)), strlen($z->get('z')));
/* the option overrides php.ini; 0 is the ceiling of 1 GiB */
$o = new LocalDb([$a], ['item_size_limit' => 0, 'compression_threshold' => 0]);
var_dump($o->set('k', $big));
try {
	new LocalDb([$a], ['item_size_limit' => (1 << 30) + 1]);
} catch (ValueError $e) {
	echo $e->getMessage(), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
LocalDb::set(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::add(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::replace(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::cas(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::setMulti(): Argument #1 ($items) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::append(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
LocalDb::prepend(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
bool(true)
bool(true)
string(5) "small"
bool(true)
bool(true)
int(6000)
bool(true)
LocalDb option "item_size_limit" must be bytes from 0 to 1073741824, 1073741825 given
