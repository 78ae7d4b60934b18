--TEST--
Sessions: strict mode refuses an unknown id and keeps a known one; create_sid makes ids that do not exist
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=1
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
ini_set('session.save_path', $a);

/* an id nobody made: replaced */
session_id('attackerchosen123');
var_dump(session_start());
$new = session_id();
var_dump($new !== 'attackerchosen123', strlen($new) >= 22);
$_SESSION['v'] = 1;
session_write_close();
var_dump(ldb_test_peek($a, 'ldb.sess.attackerchosen123'), ldb_test_peek($a, "ldb.sess.$new") !== null);

/* an id that exists: kept, with its data */
session_id($new);
var_dump(session_start(), session_id() === $new, $_SESSION);
session_write_close();
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
NULL
bool(true)
bool(true)
bool(true)
array(1) {
  ["v"]=>
  int(1)
}
