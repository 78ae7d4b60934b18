--TEST--
getMulti() with a prefix keeps each prefixed key in a string of its own size (0.1.0 reserved 251 bytes per key)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$keys = [];
for ($i = 0; $i < 20000; $i++) {
	$keys[] = "k$i";
}
function peak(LocalDb $db, array $keys): array
{
	$db->getMulti(['warm']);
	memory_reset_peak_usage();
	$base = memory_get_usage();
	$r = $db->getMulti($keys);
	return [$r, memory_get_peak_usage() - $base];
}
$plain = new LocalDb([$a]);
$prefixed = new LocalDb([$a], ['prefix' => 'p:']);
/* one hit each: the result array is then allocated in both */
$plain->set('k7', 'seven');
$prefixed->set('k7', 'seven');
[, $without] = peak($plain, $keys);
[$r, $with] = peak($prefixed, $keys);
var_dump($r);
/* what the prefix costs for 20000 keys: 251 bytes each would be about 5 MB; a string of
 * each key's own size about 0.7 MB */
$extra = $with - $without;
echo $extra < 2 * 1024 * 1024 ? "the prefix costs less than 2 MB\n" : "the prefix costs $extra bytes\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(1) {
  ["k7"]=>
  string(5) "seven"
}
the prefix costs less than 2 MB
