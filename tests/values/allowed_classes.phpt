--TEST--
Option allowed_classes (as unserialize()'s): objects of other classes make get() fail with BAD_VALUE; with the php serializer they are never created
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
try {
    new LocalDb('127.0.0.1:1', ['allowed_classes' => false]);
} catch (ValueError $e) {
    die('skip no allowed_classes option');
} catch (Throwable $e) {
}
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
class Allowed
{
    public $n = 1;
}
class Dangerous
{
    public static int $woken = 0;
    public static int $destroyed = 0;
    public $cmd = 'rm -rf';
    public function __wakeup(): void { self::$woken++; }
    public function __destruct() { self::$destroyed++; }
}
[$a] = ldb_test_memcached(1);
$writer = new LocalDb([$a]);
$writer->set('safe', ['x' => new Allowed(), 'list' => [1, 2]]);
$writer->set('mixed', ['ok' => new Allowed(), 'deep' => [[new Dangerous()]]]);
$writer->set('plain', ['no' => 'objects']);
Dangerous::$destroyed = 0;

foreach (['every class (true)' => true, 'only Allowed' => ['allowed'], 'no class (false)' => false,
    'no class ([])' => []] as $label => $allowed) {
    echo "-- $label\n";
    $db = new LocalDb([$a], ['allowed_classes' => $allowed]);
    foreach (['safe', 'mixed', 'plain'] as $key) {
        try {
            $v = $db->get($key);
            echo "$key: ", get_debug_type($v), "\n";
        } catch (LocalDbException $e) {
            echo "$key: ", $e->getCode() === LocalDbException::BAD_VALUE ? 'BAD_VALUE' : $e->getCode(), ', ', $e->getMessage(), "\n";
        }
    }
}
/* only the unrestricted handle made a Dangerous object */
var_dump(Dangerous::$woken, Dangerous::$destroyed);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- every class (true)
safe: array
mixed: array
plain: array
-- only Allowed
safe: array
mixed: BAD_VALUE, LocalDb: php-serialized value holds an object of class Dangerous, which is not allowed
plain: array
-- no class (false)
safe: BAD_VALUE, LocalDb: php-serialized value holds an object of class Allowed, which is not allowed
mixed: BAD_VALUE, LocalDb: php-serialized value holds an object of class Allowed, which is not allowed
plain: array
-- no class ([])
safe: BAD_VALUE, LocalDb: php-serialized value holds an object of class Allowed, which is not allowed
mixed: BAD_VALUE, LocalDb: php-serialized value holds an object of class Allowed, which is not allowed
plain: array
int(1)
int(1)
