--TEST--
getWithCas()/cas(): value and token; cas stores only while nobody changed the item (DATA_EXISTS), not when it is gone (NOTFOUND); a miss is null
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['prefix' => 'p.']);
$other = new LocalDb([$a], ['prefix' => 'p.']);
var_dump($db->getWithCas('k'), $db->getResultCode() === LocalDb::RES_NOTFOUND);
$db->set('k', ['n' => 1]);
$r = $db->getWithCas('k');
var_dump($r['value'], is_int($r['cas']) && $r['cas'] !== 0);
/* the token is the server's: gets on the wire answers the same one */
var_dump(str_contains(ldb_test_raw($a, "gets p.k\r\n"), ' ' . $r['cas'] . "\r\n"));
var_dump($db->cas('k', ['n' => 2], $r['cas']), $db->getResultCode(), $db->get('k'));
/* the same token again: the item changed since */
var_dump($db->cas('k', ['n' => 3], $r['cas']), $db->getResultCode() === LocalDb::RES_DATA_EXISTS, $db->get('k'));
/* another client writes between getWithCas and cas */
$r = $db->getWithCas('k');
$other->set('k', 'theirs');
var_dump($db->cas('k', 'mine', $r['cas']), $db->getResultCode() === LocalDb::RES_DATA_EXISTS, $db->get('k'));
/* gone */
$r = $db->getWithCas('k');
$other->delete('k');
var_dump($db->cas('k', 'mine', $r['cas']), $db->getResultCode() === LocalDb::RES_NOTFOUND, $db->get('k'));
/* a stored null */
$db->set('z', null);
var_dump($db->getWithCas('z')['value'], $db->getResultCode());
/* the ttl is the 4th argument */
$r = $db->getWithCas('z');
var_dump($db->cas('z', 1, $r['cas'], 100), ldb_test_ttl($a, 'p.z') > 90);
try {
	$db->cas('z', 1, $r['cas'], -1);
} catch (ValueError $e) {
	echo $e->getMessage(), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
NULL
bool(true)
array(1) {
  ["n"]=>
  int(1)
}
bool(true)
bool(true)
bool(true)
int(0)
array(1) {
  ["n"]=>
  int(2)
}
bool(false)
bool(true)
array(1) {
  ["n"]=>
  int(2)
}
bool(false)
bool(true)
string(6) "theirs"
bool(false)
bool(true)
NULL
NULL
int(0)
bool(true)
bool(true)
LocalDb::cas(): Argument #4 ($ttl) must be from 0 (never expires) to 4294967295; up to 2592000 (30 days) it counts seconds from now, above that it is a Unix time
