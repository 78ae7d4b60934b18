--TEST--
Sessions: localdb.session_* ini entries: defaults, bad values refused with a warning, bad save_path
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.use_cookies=0
session.cache_limiter=
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* a bad save_path, an empty one with localdb.servers empty: each in a fresh process */
foreach (['host:notaport', ''] as $path) {
	[$rc, $out] = ldb_test_php('<?php var_dump(session_start());', ['session.save_handler' => 'localdb',
		'session.save_path' => $path, 'session.use_cookies' => 0, 'session.cache_limiter' => '']);
	echo $out;
}
var_dump(ini_get('localdb.session_locking'), ini_get('localdb.session_lock_wait'), ini_get('localdb.session_prefix'));
var_dump(ini_set('localdb.session_lock_wait', '-1'), ini_set('localdb.session_lock_wait', '3600001'), ini_set('localdb.session_lock_wait', 'x'));
var_dump(ini_set('localdb.session_locking', 'maybe'), ini_set('localdb.session_prefix', 'a b'), ini_set('localdb.session_prefix', str_repeat('p', 250)));
var_dump(ini_get('localdb.session_locking'), ini_get('localdb.session_lock_wait'), ini_get('localdb.session_prefix'));
var_dump(ini_set('localdb.session_lock_wait', '0'), ini_set('localdb.session_locking', 'Off'), ini_set('localdb.session_prefix', ''));
var_dump(ini_get('localdb.session_locking'), ini_get('localdb.session_lock_wait'), ini_get('localdb.session_prefix'));

?>
--EXPECTF--
Warning: session_start(): LocalDb session: bad servers "host:notaport": %s in %s on line %d

Warning: session_start(): Failed to initialize storage module: localdb (path: host:notaport) in %s on line %d
bool(false)

Warning: session_start(): LocalDb session: no servers: session.save_path and localdb.servers are empty in %s on line %d

Warning: session_start(): Failed to initialize storage module: localdb (path: ) in %s on line %d
bool(false)
string(1) "1"
string(5) "30000"
string(9) "ldb.sess."

Warning: ini_set(): Invalid localdb.session_lock_wait value "-1": expected milliseconds from 0 to 3600000; the value is left unchanged in %s on line %d

Warning: ini_set(): Invalid localdb.session_lock_wait value "3600001": expected milliseconds from 0 to 3600000; the value is left unchanged in %s on line %d

Warning: ini_set(): Invalid localdb.session_lock_wait value "x": expected milliseconds from 0 to 3600000; the value is left unchanged in %s on line %d
bool(false)
bool(false)
bool(false)

Warning: ini_set(): Invalid localdb.session_locking value "maybe": expected On or Off; the value is left unchanged in %s on line %d

Warning: ini_set(): Invalid localdb.session_prefix value "a b": expected a prefix of fewer than 250 bytes with no whitespace or control character; the value is left unchanged in %s on line %d

Warning: ini_set(): Invalid localdb.session_prefix value "%s": expected a prefix of fewer than 250 bytes with no whitespace or control character; the value is left unchanged in %s on line %d
bool(false)
bool(false)
bool(false)
string(1) "1"
string(5) "30000"
string(9) "ldb.sess."
string(5) "30000"
string(1) "1"
string(9) "ldb.sess."
string(3) "Off"
string(1) "0"
string(0) ""

