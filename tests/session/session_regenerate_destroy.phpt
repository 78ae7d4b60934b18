--TEST--
Sessions: session_regenerate_id(true) keeps the data under the new id and removes the old; session_destroy() leaves a tombstone on every server, and a server that missed it does not bring the session back
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
[$a, $b] = ldb_test_memcached(2);
function show(?string $v): ?string
{
	return $v === null ? null : str_replace(["\0", "\n"], ['\0', '\n'], $v);
}
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
/* the old id is a tombstone, its lock is gone; the new id is locked by this request */
foreach ([$a, $b] as $s) {
	var_dump(show(ldb_test_peek($s, "ldb.sess.$old")), ldb_test_peek($s, "ldb.sess.$old.lock"), ldb_test_peek($s, "ldb.sess.$new.lock") !== null);
}
session_write_close();

session_id($new);
session_start();
var_dump($_SESSION);
$copy = ldb_test_peek($b, "ldb.sess.$new");
var_dump(session_destroy());
session_write_close();
/* as a server that missed the destroy (it was cut off) and came back with its copy */
ldb_test_raw($b, "set ldb.sess.$new 0 0 " . strlen($copy) . "\r\n$copy\r\n");
var_dump(str_ends_with($copy, 'alice";'));
var_dump(show(ldb_test_peek($a, "ldb.sess.$new")), ldb_test_peek($a, "ldb.sess.$new.lock"));
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
string(16) "\0LS1 0 2 gone\n"
NULL
bool(true)
string(16) "\0LS1 0 2 gone\n"
NULL
bool(true)
array(1) {
  ["user"]=>
  string(5) "alice"
}
bool(true)
bool(true)
string(16) "\0LS1 0 2 gone\n"
NULL
bool(true)
array(0) {
}
