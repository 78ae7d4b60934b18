--TEST--
Tokyo Tyrant header: strings that look like a header or a signed number are marked; unsigned decimal strings go plain so the server's incr counts on them (they read back as numbers); other clients' strings read back unchanged
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
$t = ldb_test_fixture('tyrant');
$db = new LocalDb([$t], ['backend' => 'tyrant']);

echo "-- strings LocalDb writes: as is, with a header when they would read back as something else, except counters\n";
foreach (['hello', '', '7', '-7', '0', '007', '+7', ' 7', '7 ', '1.5', '-0', '9223372036854775807',
    '9223372036854775808', '18446744073709551615', '18446744073709551616', "\0", "\0L", "\0LD",
    "\0LD\x00", "\0LD\x04N;", "\0LD\xff", "\0LE\x00"] as $s) {
    $db->set('s', $s);
    $raw = ldb_values_item($t, 's')[1];
    $got = $db->get('s');
    printf("%-24s stored %-34s read back %s\n", ldb_values_show($s), ldb_values_show($raw), $got === $s ? 'same' : get_debug_type($got) . ' ' . var_export($got, true));
}

echo "-- values another client wrote (no header)\n";
foreach (['hello', '', "\xff\xfe binary \0", '42', '-42', '042', '4.2', '42  ', '18446744073709551615',
    '18446744073709551616', "\0L", "\0LD", "\0LD\x09 not a valid flags byte", "\0LE\x01"] as $raw) {
    ldb_values_put($t, 'other', $raw);
    $v = $db->get('other');
    printf("%-34s reads as %s\n", ldb_values_show($raw), is_string($v) ? ($v === $raw ? 'the same string' : 'ANOTHER STRING') : get_debug_type($v) . ' ' . var_export($v, true));
}

echo "-- bytes that begin with a valid header are read through it\n";
ldb_values_put($t, 'other', "\0LD\x03" . '1');
var_dump($db->get('other'));
ldb_values_put($t, 'other', "\0LD\x01" . 'not a number');
try {
    $db->get('other');
    echo "no exception\n";
} catch (LocalDbException $e) {
    var_dump($e->getCode() === LocalDbException::BAD_VALUE);
}

echo "-- counters: ints are plain decimal text, so the server's incr/decr work on them\n";
$db->set('n', 41);
var_dump(ldb_values_item($t, 'n')[1], $db->incr('n'), $db->get('n'));
$db->set('neg', -5);
var_dump(ldb_values_item($t, 'neg')[1], $db->get('neg'));
/* a numeric string is a counter too: never reset to 0 by a header (as memcached, 5 + 1) */
$db->set('c', '5');
var_dump(ldb_values_item($t, 'c')[1], $db->incr('c'), $db->decr('c', 2), $db->get('c'));
/* Tyrant's counter wraps at 2^64; above PHP_INT_MAX it reads as a float */
ldb_values_put($t, 'u', '18446744073709551615');
var_dump($db->get('u') === (float) '18446744073709551615');
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- strings LocalDb writes: as is, with a header when they would read back as something else, except counters
hello                    stored hello                              read back same
                         stored                                    read back same
7                        stored 7                                  read back int 7
-7                       stored \x00LD\x00-7                       read back same
0                        stored 0                                  read back int 0
007                      stored 007                                read back same
+7                       stored +7                                 read back same
 7                       stored  7                                 read back same
7                        stored 7                                  read back int 7
1.5                      stored 1.5                                read back same
-0                       stored -0                                 read back same
9223372036854775807      stored 9223372036854775807                read back int 9223372036854775807
9223372036854775808      stored 9223372036854775808                read back float 9.223372036854776E+18
18446744073709551615     stored 18446744073709551615               read back float 1.8446744073709552E+19
18446744073709551616     stored 18446744073709551616               read back same
\x00                     stored \x00                               read back same
\x00L                    stored \x00L                              read back same
\x00LD                   stored \x00LD\x00\x00LD                   read back same
\x00LD\x00               stored \x00LD\x00\x00LD\x00               read back same
\x00LD\x04N;             stored \x00LD\x00\x00LD\x04N;             read back same
\x00LD\xff               stored \x00LD\x00\x00LD\xff               read back same
\x00LE\x00               stored \x00LE\x00                         read back same
-- values another client wrote (no header)
hello                              reads as the same string
                                   reads as the same string
\xff\xfe binary \x00               reads as the same string
42                                 reads as int 42
-42                                reads as int -42
042                                reads as the same string
4.2                                reads as the same string
42                                 reads as int 42
18446744073709551615               reads as float 1.8446744073709552E+19
18446744073709551616               reads as the same string
\x00L                              reads as the same string
\x00LD                             reads as the same string
\x00LD\x09 not a valid flags byte  reads as the same string
\x00LE\x01                         reads as the same string
-- bytes that begin with a valid header are read through it
bool(true)
bool(true)
-- counters: ints are plain decimal text, so the server's incr/decr work on them
string(2) "41"
int(42)
int(42)
string(2) "-5"
int(-5)
string(1) "5"
int(6)
int(4)
int(4)
bool(true)
