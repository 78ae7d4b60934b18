--TEST--
Sessions: when no server answers, session_start() fails with a warning (locking on or off) rather than start an empty session
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$r1 = ldb_test_refused();
$r2 = ldb_test_refused();
$ini = ['session.save_handler' => 'localdb', 'session.save_path' => "$r1,$r2", 'session.use_cookies' => 0,
	'session.cache_limiter' => '', 'localdb.log_failover' => 0];
$page = '<?php session_id("x1"); var_dump(session_start(), session_status() === PHP_SESSION_ACTIVE);';
foreach (['On', 'Off'] as $locking) {
	[$rc, $out] = ldb_test_php($page, $ini + ['localdb.session_locking' => $locking]);
	echo $out;
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
Warning: session_start(): LocalDb session: cannot lock session x1: no server answered (%sonnect%s) in %s on line %d

Warning: session_start(): Failed to read session data: localdb (path: %s) in %s on line %d
bool(false)
bool(false)

Warning: session_start(): LocalDb session: cannot read session x1: no server answered in %s on line %d

Warning: session_start(): Failed to read session data: localdb (path: %s) in %s on line %d
bool(false)
bool(false)
