--TEST--
Compression zlib and FastLZ: above the threshold and only when it pays; php-memcached's flags and 4-byte length; any method reads any other's items
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1, ['-I', '8m']);
$text = str_repeat("the quick brown fox jumps over the lazy dog\n", 230); /* 10120 bytes */

foreach (['zlib', 'fastlz'] as $method) {
    echo "-- $method\n";
    $db = new LocalDb([$a], ['compression' => $method, 'compression_threshold' => 100]);
    $db->set('text', $text);
    [$flags, $raw] = ldb_values_item($a, 'text');
    /* 0x10 compressed | 0x20 zlib or 0x40 fastlz; then the original length, little-endian */
    printf("text: flags 0x%02x, length field %d, stored %s than 1/1.3 of it, reads back %s\n", $flags,
        unpack('V', $raw)[1], strlen($raw) * 1.3 < strlen($text) ? 'smaller' : 'NOT SMALLER',
        $db->get('text') === $text ? 'the same' : 'DIFFERENT');
    if ($method === 'zlib') {
        /* a zlib stream, as compress() writes it */
        var_dump(gzuncompress(substr($raw, 4)) === $text);
    } else {
        /* FastLZ level 1 below 64 KiB, level 2 from there (top 3 bits of the first byte) */
        $huge = str_repeat($text, 10);
        $db->set('huge', $huge);
        $hraw = ldb_values_item($a, 'huge')[1];
        var_dump(ord($raw[4]) >> 5, ord($hraw[4]) >> 5, $db->get('huge') === $huge);
    }
    $db->set('array', explode("\n", $text));
    printf("array: flags 0x%02x\n", ldb_values_item($a, 'array')[0]);
    /* at the threshold yes, below it no */
    $db->set('at', str_repeat('a', 100));
    $db->set('below', str_repeat('a', 99));
    printf("100 bytes: flags 0x%02x, 99 bytes: flags 0x%02x\n", ldb_values_item($a, 'at')[0], ldb_values_item($a, 'below')[0]);
    var_dump($db->get('at') === str_repeat('a', 100));
    /* random bytes do not shrink: stored as they are */
    $noise = random_bytes(5000);
    $db->set('noise', $noise);
    [$flags, $raw] = ldb_values_item($a, 'noise');
    printf("noise: flags 0x%02x, stored as is: %s\n", $flags, var_export($raw === $noise, true));
    /* scalars other than strings are never compressed */
    $db->set('float', 1.0);
    printf("float: flags 0x%02x\n", ldb_values_item($a, 'float')[0]);
}

echo "-- threshold 0: never\n";
$off = new LocalDb([$a], ['compression_threshold' => 0]);
$off->set('text', $text);
var_dump(ldb_values_item($a, 'text') === [0, $text]);

echo "-- a handle reads every method, whatever it writes with\n";
$z = new LocalDb([$a], ['compression' => 'zlib', 'compression_threshold' => 100]);
$f = new LocalDb([$a], ['compression' => 'fastlz', 'compression_threshold' => 100]);
$z->set('by_zlib', $text);
$f->set('by_fastlz', $text);
var_dump($f->get('by_zlib') === $text, $z->get('by_fastlz') === $text, $off->get('by_fastlz') === $text);

echo "-- zlib items written the way php-memcached writes them\n";
ldb_values_put($a, 'foreign', pack('V', strlen($text)) . gzcompress($text), 0x30);
ldb_values_put($a, 'foreign_array', pack('V', strlen(serialize([$text]))) . gzcompress(serialize([$text]), 9), 0x34);
var_dump($off->get('foreign') === $text, $off->get('foreign_array') === [$text]);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- zlib
text: flags 0x30, length field 10120, stored smaller than 1/1.3 of it, reads back the same
bool(true)
array: flags 0x34
100 bytes: flags 0x30, 99 bytes: flags 0x00
bool(true)
noise: flags 0x00, stored as is: true
float: flags 0x02
-- fastlz
text: flags 0x50, length field 10120, stored smaller than 1/1.3 of it, reads back the same
int(0)
int(1)
bool(true)
array: flags 0x54
100 bytes: flags 0x50, 99 bytes: flags 0x00
bool(true)
noise: flags 0x00, stored as is: true
float: flags 0x02
-- threshold 0: never
bool(true)
-- a handle reads every method, whatever it writes with
bool(true)
bool(true)
bool(true)
-- zlib items written the way php-memcached writes them
bool(true)
bool(true)
