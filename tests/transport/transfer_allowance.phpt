--TEST--
Transfer allowance: a 24 MiB set to a Tokyo Tyrant that answers 400 ms after the data fits a 200 ms timeout (1 ms per 32 KiB moved); a small one does not
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
/* the allowance is a rate: under valgrind (run-tests -m) the client itself moves
 * 24 MiB far slower than the rule assumes, so the test would measure valgrind */
if (getenv('USE_ZEND_ALLOC') === '0') die('skip the client is too slow under valgrind to measure a transfer rate');
?>
--INI--
localdb.log_failover=Off
localdb.compression_threshold=0
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* each on a server of its own: a timeout marks a server down */
$a = ldb_test_fixture('tyrant', [400]);
$b = ldb_test_fixture('tyrant', [400]);
$opts = ['backend' => 'tyrant', 'timeout' => 200, 'exceptions' => false];
$db = new LocalDb([$a], $opts);
$big = str_repeat(random_bytes(1024), 24 * 1024);
$t = microtime(true);
var_dump($db->set('big', $big));
$took = microtime(true) - $t;
echo $took >= 0.4 ? "answered after the server's delay\n" : "took $took s\n";
var_dump($db->servers()[0]['state']);

$db = new LocalDb([$b], $opts);
var_dump($db->set('small', 'x'), $db->servers()[0]['state']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
answered after the server's delay
string(2) "up"
bool(false)
string(4) "down"
