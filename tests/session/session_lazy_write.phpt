--TEST--
Sessions, memcached: with lazy_write an unchanged session is not written again but its expiry moves on every server (touch); a server that lost it gets it back
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
session.lazy_write=1
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* session ini entries cannot change once output has sent the headers */
ob_start();
[$a, $b] = ldb_test_memcached(2);
ini_set('session.save_path', "$a,$b");
ini_set('session.gc_maxlifetime', '100');
session_id('lw');
session_start();
$_SESSION['n'] = 1;
session_write_close();
$sets = ldb_test_stat($a, 'cmd_set');
var_dump(ldb_test_ttl($a, 'ldb.sess.lw') <= 100, ldb_test_ttl($b, 'ldb.sess.lw') <= 100);

/* unchanged: no set of the data (the lock's add counts as a set in memcached's stats) */
ldb_test_raw($b, "delete ldb.sess.lw\r\n");
ini_set('session.gc_maxlifetime', '1000');
session_id('lw');
session_start();
session_write_close();
var_dump(ldb_test_stat($a, 'cmd_set') - $sets, ldb_test_stat($a, 'cmd_touch') >= 1);
var_dump(ldb_test_ttl($a, 'ldb.sess.lw') > 900, ldb_test_ttl($b, 'ldb.sess.lw') > 900);
var_dump(ldb_test_peek($a, 'ldb.sess.lw') === ldb_test_peek($b, 'ldb.sess.lw'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
bool(true)
