--TEST--
Corrupt items (bad flags, truncated or lying compressed data, broken text and serialized forms) fail with BAD_VALUE, never crash, and leave the handle working
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$text = str_repeat('corruption ', 300);
$zlib = pack('V', strlen($text)) . gzcompress($text);
$fastlz = (new LocalDb([$a], ['compression' => 'fastlz', 'compression_threshold' => 10]))->set('f', $text)
    ? ldb_values_item($a, 'f')[1] : '';

$cases = [
    'compressed flag without a method' => [0x10, $zlib],
    'two methods' => [0x70, $zlib],
    'method without the compressed flag' => [0x20, $zlib],
    'unknown type 8' => [0x08, 'x'],
    'unknown type 15' => [0x0f, 'x'],
    'zlib: garbage' => [0x30, pack('V', 100) . 'not zlib at all'],
    'zlib: truncated' => [0x30, substr($zlib, 0, -5)],
    'zlib: length field too small' => [0x30, pack('V', strlen($text) - 1) . substr($zlib, 4)],
    'zlib: length field too large' => [0x30, pack('V', strlen($text) + 1) . substr($zlib, 4)],
    'zlib: length field of 4 GiB' => [0x30, pack('V', 0xffffffff) . substr($zlib, 4)],
    'zlib: only the length field' => [0x30, pack('V', 10)],
    'zlib: nothing' => [0x30, ''],
    'fastlz: truncated' => [0x50, substr($fastlz, 0, -3)],
    'fastlz: length field too large' => [0x50, pack('V', strlen($text) + 1) . substr($fastlz, 4)],
    'fastlz: unknown level' => [0x50, pack('V', 3) . "\xe0abc"],
    'fastlz: match before the start' => [0x50, pack('V', 8) . "\x00a\x40\x05"],
    'long: not a number' => [0x01, 'abc'],
    'long: empty' => [0x01, ''],
    'double: not a number' => [0x02, '1.5x'],
    'php: truncated' => [0x04, substr(serialize(['a' => [1, 2, 3]]), 0, -3)],
    'php: empty' => [0x04, ''],
    'json: truncated' => [0x06, '{"a":'],
];
foreach ($cases as $name => [$flags, $bytes]) {
    ldb_values_put($a, 'bad', $bytes, $flags);
    try {
        $v = $db->get('bad');
        echo "$name: read as ", var_export($v, true), "\n";
    } catch (LocalDbException $e) {
        echo "$name: ", $e->getCode() === LocalDbException::BAD_VALUE ? 'BAD_VALUE' : $e->getCode(), ', ', $e->getMessage(), "\n";
    }
}
/* what php-memcached tolerates stays readable: bool is true when it begins with '1' */
ldb_values_put($a, 'b', '1', 3);
ldb_values_put($a, 'b2', 'yes', 3);
var_dump($db->get('b'), $db->get('b2'));
/* the handle goes on working */
$db->set('good', [1]);
var_dump($db->get('good'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
compressed flag without a method: BAD_VALUE, LocalDb: unknown compression in item flags 0x10
two methods: BAD_VALUE, LocalDb: unknown compression in item flags 0x70
method without the compressed flag: BAD_VALUE, LocalDb: unknown compression in item flags 0x20
unknown type 8: BAD_VALUE, LocalDb: unknown value type 8 in item flags 0x8
unknown type 15: BAD_VALUE, LocalDb: unknown value type 15 in item flags 0xf
zlib: garbage: BAD_VALUE, LocalDb: corrupt zlib-compressed value
zlib: truncated: BAD_VALUE, LocalDb: corrupt zlib-compressed value
zlib: length field too small: BAD_VALUE, LocalDb: corrupt zlib-compressed value
zlib: length field too large: BAD_VALUE, LocalDb: corrupt zlib-compressed value
zlib: length field of 4 GiB: BAD_VALUE, LocalDb: corrupt zlib-compressed value (bad length field)
zlib: only the length field: BAD_VALUE, LocalDb: corrupt zlib-compressed value (bad length field)
zlib: nothing: BAD_VALUE, LocalDb: corrupt zlib-compressed value (bad length field)
fastlz: truncated: BAD_VALUE, LocalDb: corrupt fastlz-compressed value
fastlz: length field too large: BAD_VALUE, LocalDb: corrupt fastlz-compressed value
fastlz: unknown level: BAD_VALUE, LocalDb: corrupt fastlz-compressed value
fastlz: match before the start: BAD_VALUE, LocalDb: corrupt fastlz-compressed value
long: not a number: BAD_VALUE, LocalDb: value flagged as an integer is not one
long: empty: BAD_VALUE, LocalDb: value flagged as an integer is not one
double: not a number: BAD_VALUE, LocalDb: value flagged as a float is not one
php: truncated: BAD_VALUE, LocalDb: php-serialized value is corrupt or nested deeper than unserialize_max_depth (error at offset 38 of 41 bytes)
php: empty: BAD_VALUE, LocalDb: php-serialized value is corrupt or nested deeper than unserialize_max_depth (error at offset 0 of 0 bytes)
json: truncated: BAD_VALUE, LocalDb: corrupt JSON value
bool(true)
bool(false)
array(1) {
  [0]=>
  int(1)
}
