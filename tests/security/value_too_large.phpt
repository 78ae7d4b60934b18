--TEST--
Security: a value over the server's item size is refused by the server: false, "too large", no failover
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* memcached's default item size limit is 1 MB (-I 1m) */
[$a, $b] = ldb_test_memcached(2);
$big = random_bytes(2 << 20);    /* random: compression cannot bring it under the limit */
foreach ([true, false] as $exceptions) {
	$db = new LocalDb([$a, $b], ['exceptions' => $exceptions, 'log_failover' => false]);
	echo 'exceptions ', $exceptions ? 'on' : 'off', ":\n";
	try {
		var_dump($db->set('big', $big));
	} catch (Throwable $e) {
		echo get_class($e), ': ', $e->getMessage(), "\n";
	}
	var_dump(str_contains((string) $db->lastError(), 'too large'));
	var_dump($db->add('big2', $big), $db->replace('big', $big));
	/* the connection is still in step: the next requests are answered correctly */
	var_dump($db->set('small', 'ok'), $db->get('small'), $db->get('big'));
	$s = $db->servers();
	echo 'current ', $s[0]['current'] ? 'first' : 'second', ', states ', $s[0]['state'], '/', $s[1]['state'],
		', failures ', $s[0]['failures'], ', failovers ', $s[0]['failovers'], "\n";
}
/* setMulti: the others are stored, the big one is not */
var_dump($db->setMulti(['m1' => 'one', 'm2' => $big, 'm3' => 'three']));
var_dump($db->getMulti(['m1', 'm2', 'm3']));
/* just under the limit is fine */
$under = random_bytes(1000 * 1000);
var_dump($db->set('under', $under), $db->get('under') === $under);
/* the second server never saw a request: no failover, no retry elsewhere */
var_dump(ldb_test_requests($b));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
exceptions on:
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
string(2) "ok"
NULL
current first, states up/up, failures 0, failovers 0
exceptions off:
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
string(2) "ok"
NULL
current first, states up/up, failures 0, failovers 0
bool(false)
array(2) {
  ["m1"]=>
  string(3) "one"
  ["m3"]=>
  string(5) "three"
}
bool(true)
bool(true)
int(0)
