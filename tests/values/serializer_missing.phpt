--TEST--
Items serialized by an extension that is not loaded (igbinary, msgpack) fail with BAD_VALUE; choosing that serializer is refused
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (extension_loaded('igbinary') || extension_loaded('msgpack')) die('skip igbinary or msgpack loaded');
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
/* igbinary_serialize([1]) and msgpack_pack([1]), as \Memcached would store them */
ldb_values_put($a, 'ig', "\x00\x00\x00\x02\x14\x01\x06\x00\x06\x01", 5);
ldb_values_put($a, 'mp', "\x91\x01", 7);
foreach (['ig', 'mp'] as $k) {
    try {
        var_dump($db->get($k));
    } catch (LocalDbException $e) {
        printf("%s: %d %s\n", $k, $e->getCode(), $e->getMessage());
    }
}
/* the handle goes on working */
$db->set('ok', [1]);
var_dump($db->get('ok'));
foreach (['igbinary', 'msgpack'] as $s) {
    try {
        new LocalDb([$a], ['serializer' => $s]);
        echo "$s: accepted\n";
    } catch (ValueError $e) {
        echo "$s: ValueError\n";
    }
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
ig: 4 LocalDb: value is igbinary-serialized, and igbinary is not loaded
mp: 4 LocalDb: value is msgpack-serialized, and msgpack is not loaded
array(1) {
  [0]=>
  int(1)
}
igbinary: ValueError
msgpack: ValueError
