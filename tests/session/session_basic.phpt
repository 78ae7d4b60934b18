--TEST--
Sessions: data written by one request is read by the next, from every server of the group, in a versioned value
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
session.gc_maxlifetime=600
session.save_path={PWD}
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
function show(?string $v): ?string
{
	return $v === null ? null : str_replace("\0", '\0', $v);
}
$ini = ['session.save_handler' => 'localdb', 'session.save_path' => "$a,$b", 'session.use_cookies' => 0, 'session.cache_limiter' => '',
	'session.gc_maxlifetime' => 600];
$page = '<?php session_id("sid1"); var_dump(session_start()); $_SESSION["n"] = ($_SESSION["n"] ?? 0) + 1; echo "n=", $_SESSION["n"], "\n";';
for ($i = 0; $i < 3; $i++) {
	[$rc, $out] = ldb_test_php($page, $ini);
	echo $rc, ' ', $out;
}
/* on both servers, newest version 3, memcached's expiry from gc_maxlifetime */
foreach ([$a, $b] as $s) {
	var_dump(show(ldb_test_peek($s, 'ldb.sess.sid1')));
	$ttl = ldb_test_ttl($s, 'ldb.sess.sid1');
	var_dump($ttl > 590 && $ttl <= 600);
}
/* the lock is gone after each request */
var_dump(ldb_test_peek($a, 'ldb.sess.sid1.lock'), ldb_test_peek($b, 'ldb.sess.sid1.lock'));

/* in this process too, with another prefix: save_path empty means localdb.servers, and so
 * does a directory (the files handler's default, e.g. Debian's /var/lib/php/sessions) */
ini_set('localdb.servers', "$a,$b");
ini_set('localdb.session_prefix', 'my.');
session_id('sid2');
var_dump(session_start(), $_SESSION);
$_SESSION['x'] = 'y';
var_dump(ldb_test_peek($a, 'my.sid2.lock') !== null);
session_write_close();
var_dump(show(ldb_test_peek($a, 'my.sid2')), ldb_test_peek($a, 'my.sid2.lock'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
0 bool(true)
n=1
0 bool(true)
n=2
0 bool(true)
n=3
string(16) "\0LS1 0 3
n|i:3;"
bool(true)
string(16) "\0LS1 0 3
n|i:3;"
bool(true)
NULL
NULL
bool(true)
array(0) {
}
bool(true)
string(20) "\0LS1 0 1
x|s:1:"y";"
NULL
