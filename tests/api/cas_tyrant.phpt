--TEST--
backend=tyrant: getWithCas() and cas() fail with UNSUPPORTED before anything is sent (Tyrant keeps no cas token and closes the connection on cas)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$t1 = ldb_test_fixture('recorder', [$file, 'tyrant']);
$t2 = ldb_test_fixture('tyrant');
$db = new LocalDb([$t1, $t2], ['backend' => 'tyrant']);
var_dump($db->set('k', 'v'));
foreach (['getWithCas' => fn() => $db->getWithCas('k'), 'cas' => fn() => $db->cas('k', 'w', 1)] as $name => $call) {
	try {
		$call();
		echo "$name accepted\n";
	} catch (LocalDbException $e) {
		echo $name, ': ', $e->getCode() === LocalDbException::UNSUPPORTED ? 'UNSUPPORTED' : $e->getCode(), ', ', $e->getMessage(), "\n";
		var_dump($db->getResultCode() === LocalDb::RES_UNSUPPORTED);
	}
}
$sent = file_get_contents($file);
var_dump(array_values(array_unique(array_map(fn($l) => explode(' ', $l)[0], ldb_test_commands($sent)))));
var_dump($db->server() === $t1, $db->servers()[0]['failures'], $db->get('k'));
/* with exceptions off the exception still comes: a call the backend cannot make is a mistake in the code */
$db = new LocalDb([$t1], ['backend' => 'tyrant', 'exceptions' => false]);
try {
	$db->cas('k', 'w', 1);
} catch (LocalDbException $e) {
	echo "thrown with exceptions off\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
getWithCas: UNSUPPORTED, LocalDb: getWithCas is not supported by the tyrant backend (it keeps no cas token)
bool(true)
cas: UNSUPPORTED, LocalDb: cas is not supported by the tyrant backend
bool(true)
array(1) {
  [0]=>
  string(3) "set"
}
bool(true)
int(0)
string(1) "v"
thrown with exceptions off
