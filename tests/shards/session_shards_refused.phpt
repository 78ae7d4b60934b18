--TEST--
Shards: sessions need one group; a save path naming several groups fails session_start() with a warning that says so, and no server is asked
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
/* in php.ini (and -d), ';' starts a comment unless the value is quoted */
$ini = ['session.save_handler' => 'localdb', 'session.save_path' => "\"$a;$b\"", 'session.use_cookies' => 0,
	'session.cache_limiter' => '', 'localdb.log_failover' => 0];
[$rc, $out] = ldb_test_php('<?php session_id("x1"); var_dump(session_start());', $ini);
echo str_replace([$a, $b], ['A', 'B'], $out);
echo "requests to the servers: ", ldb_test_requests($a) + ldb_test_requests($b), "\n";
/* one group in session.save_path, groups in localdb.servers for the rest of the page */
[$rc, $out] = ldb_test_php('<?php session_id("x2"); var_dump(session_start()); $_SESSION["n"] = 1; session_write_close();
	$db = new LocalDb(); echo count(array_unique(array_column($db->servers(), "group"))), " groups\n";',
	['session.save_path' => $a, 'localdb.servers' => "\"$a;$b\""] + $ini);
echo $out;
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
Warning: session_start(): LocalDb session: "A;B" names several groups (shards); sessions need one group: set session.save_path to it in %s on line %d

Warning: session_start(): Failed to initialize storage module: localdb (path: A;B) in %s on line %d
bool(false)
requests to the servers: 0
bool(true)
2 groups
