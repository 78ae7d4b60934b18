--TEST--
Sessions: session_regenerate_id(true) keeps the data under the new id and removes the old; session_destroy() removes it from every server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_only_cookies=0
session.use_strict_mode=1
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
ini_set('session.save_path', "$a,$b");

session_start();
$old = session_id();
$_SESSION['user'] = 'alice';
session_write_close();

session_id($old);
session_start();
var_dump(session_regenerate_id(true));
$new = session_id();
var_dump($new !== $old);
/* the old id and its lock are gone; the new id is locked by this request */
foreach ([$a, $b] as $s) {
	var_dump(ldb_test_peek($s, "ldb.sess.$old"), ldb_test_peek($s, "ldb.sess.$old.lock"), ldb_test_peek($s, "ldb.sess.$new.lock") !== null);
}
session_write_close();

session_id($new);
session_start();
var_dump($_SESSION);
var_dump(session_destroy());
foreach ([$a, $b] as $s) {
	var_dump(ldb_test_peek($s, "ldb.sess.$new"), ldb_test_peek($s, "ldb.sess.$new.lock"));
}
/* strict mode: the destroyed id is not accepted again */
session_id($new);
session_start();
var_dump(session_id() !== $new, $_SESSION);
session_write_close();
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
NULL
NULL
bool(true)
NULL
NULL
bool(true)
array(1) {
  ["user"]=>
  string(5) "alice"
}
bool(true)
NULL
NULL
NULL
NULL
bool(true)
array(0) {
}
