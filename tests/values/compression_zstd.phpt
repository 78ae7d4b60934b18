--TEST--
Compression zstd (when built with libzstd): flags 0x90, 4-byte length, one zstd frame; read by handles set to other methods
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
try {
    new LocalDb('127.0.0.1:1', ['compression' => 'zstd']);
} catch (ValueError $e) {
    die('skip built without zstd');
} catch (Throwable $e) {
}
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1, ['-I', '8m']);
$db = new LocalDb([$a], ['compression' => 'zstd', 'compression_threshold' => 100]);
$text = str_repeat("zstandard keeps the length in its frame too\n", 1000);
$db->set('text', $text);
[$flags, $raw] = ldb_values_item($a, 'text');
printf("flags 0x%02x, length field %d, frame magic %s, under a tenth of the size: %s\n", $flags, unpack('V', $raw)[1],
    bin2hex(substr($raw, 4, 4)), strlen($raw) < strlen($text) / 10 ? 'yes' : 'no');
var_dump($db->get('text') === $text);
$db->set('list', array_fill(0, 300, 'zstd'));
printf("list: flags 0x%02x\n", ldb_values_item($a, 'list')[0]);
$other = new LocalDb([$a], ['compression' => 'fastlz']);
var_dump($other->get('text') === $text, $other->get('list') === array_fill(0, 300, 'zstd'));
/* a frame whose own size disagrees with the length field is corrupt */
ldb_values_put($a, 'lie', pack('V', strlen($text) + 1) . substr($raw, 4), 0x90);
try {
    $db->get('lie');
} catch (LocalDbException $e) {
    echo $e->getCode(), ' ', $e->getMessage(), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
flags 0x90, length field 44000, frame magic 28b52ffd, under a tenth of the size: yes
bool(true)
list: flags 0x94
bool(true)
bool(true)
4 LocalDb: corrupt zstd-compressed value (bad length field)
