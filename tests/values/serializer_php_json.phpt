--TEST--
Serializers php and json: null, arrays and objects round trip; flags 4 and 6; json reads objects back as arrays
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1);
$php = new LocalDb([$a], ['serializer' => 'php']);
$json = new LocalDb([$a], ['serializer' => 'json']);
$point = new LdbValuesPoint();

echo "-- php: the bytes are serialize()'s\n";
foreach (['null' => null, 'list' => [1, 'a' => 2.5], 'object' => $point] as $name => $v) {
    $php->set('p', $v);
    [$flags, $raw] = ldb_values_item($a, 'p');
    var_dump($flags, $raw === serialize($v), ldb_values_same($php->get('p'), $v));
}

echo "-- json\n";
$doc = ['name' => "h\u{e9}", 'n' => 1, 'f' => 1.0, 'list' => [true, null], 'map' => ['k' => 'v'], 'slash' => 'a/b'];
$json->set('j', $doc);
[$flags, $raw] = ldb_values_item($a, 'j');
var_dump($flags, $raw);
var_dump($json->get('j') === $doc);
$json->set('j', null);
var_dump(ldb_values_item($a, 'j'), $json->get('j'));
/* an object comes back as an array: JSON keeps no class */
$json->set('j', $point);
var_dump(ldb_values_item($a, 'j')[1], $json->get('j'));
/* what JSON cannot hold is refused before anything is sent */
foreach (['NAN' => [NAN], 'bad UTF-8' => ["\xff"]] as $name => $v) {
    try {
        $json->set('j2', $v);
        echo "$name: stored\n";
    } catch (LocalDbException $e) {
        printf("%s: %s %d %s\n", $name, get_class($e), $e->getCode(), $e->getMessage());
    }
}
var_dump(ldb_values_item($a, 'j2'));
/* json_last_error() is the script's own business */
json_decode('{');
$json->set('j', ['x']);
$json->get('j');
var_dump(json_last_error() === JSON_ERROR_SYNTAX);

echo "-- each reads the other's items: the flags say how\n";
$php->set('x', ['from' => 'php']);
$json->set('y', ['from' => 'json']);
var_dump($json->get('x'), $php->get('y'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- php: the bytes are serialize()'s
int(4)
bool(true)
bool(true)
int(4)
bool(true)
bool(true)
int(4)
bool(true)
bool(true)
-- json
int(6)
string(77) "{"name":"hé","n":1,"f":1.0,"list":[true,null],"map":{"k":"v"},"slash":"a/b"}"
bool(true)
array(2) {
  [0]=>
  int(6)
  [1]=>
  string(4) "null"
}
NULL
string(7) "{"x":1}"
array(1) {
  ["x"]=>
  int(1)
}
NAN: LocalDbException 4 LocalDb: json cannot encode the value (INF or NAN)
bad UTF-8: LocalDbException 4 LocalDb: json cannot encode the value (malformed UTF-8)
NULL
bool(true)
-- each reads the other's items: the flags say how
array(1) {
  ["from"]=>
  string(3) "php"
}
array(1) {
  ["from"]=>
  string(4) "json"
}
