--TEST--
Security: hostile php.ini values (huge, negative, non-numeric, injected prefixes) give a warning and the default, never a crash
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$cases = [
	'localdb.timeout' => ['99999999999999999999', '-9223372036854775808', '1e3', '0x10', '10ms', '3600001', '0'],
	'localdb.connect_timeout' => ['18446744073709551616', 'NaN'],
	'localdb.retry_interval' => ['86401', '-1', '9' . str_repeat('9', 100)],
	'localdb.compression_threshold' => ['2147483648', '-2147483648'],
	'localdb.prefix' => ["a\tb", str_repeat('p', 250), 'a b'],
	'localdb.exceptions' => ['maybe', '2'],
	'localdb.servers' => ['127.0.0.1:11211,host:99999', str_repeat('h', 300)],
];
/* each child reads its value back and runs a request against a refused port */
$code = '<?php echo "value=", json_encode(ini_get(NAME)), "\n";'
	. ' $db = new LocalDb("127.0.0.1:1", ["exceptions" => false, "log_failover" => false]);'
	. ' var_dump($db->get("k")); echo "done\n";';
foreach ($cases as $name => $values) {
	foreach ($values as $value) {
		[$rc, $out] = ldb_test_php(str_replace('NAME', var_export($name, true), $code), [$name => $value]);
		$warnings = preg_match_all('/warning/i', $out);
		preg_match('/value=(.*)/', $out, $v);
		$shown = strlen($value) > 30 ? substr($value, 0, 12) . '...(' . strlen($value) . ')' : json_encode($value);
		echo "$name=$shown: warnings=$warnings ", $v[0] ?? 'no value', " rc=$rc",
			str_contains($out, "NULL\ndone") ? '' : ' (did not finish)', "\n";
	}
}
/* at run time: ini_set refuses the value and the old one stays */
ini_set('localdb.timeout', '300');
foreach (['-1', '99999999999999999999', 'abc', ''] as $bad) {
	$r = @ini_set('localdb.timeout', $bad);
	echo 'ini_set(', json_encode($bad), '): ', var_export($r, true), ', now ', ini_get('localdb.timeout'), "\n";
}
$r = @ini_set('localdb.prefix', "p\r\nflush_all");
echo 'ini_set(prefix with CRLF): ', var_export($r, true), ', now ', json_encode(ini_get('localdb.prefix')), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
localdb.timeout="99999999999999999999": warnings=1 value="500" rc=0
localdb.timeout="-9223372036854775808": warnings=1 value="500" rc=0
localdb.timeout="1e3": warnings=1 value="500" rc=0
localdb.timeout="0x10": warnings=1 value="500" rc=0
localdb.timeout="10ms": warnings=1 value="500" rc=0
localdb.timeout="3600001": warnings=1 value="500" rc=0
localdb.timeout="0": warnings=1 value="500" rc=0
localdb.connect_timeout="18446744073709551616": warnings=1 value="250" rc=0
localdb.connect_timeout="NaN": warnings=1 value="250" rc=0
localdb.retry_interval="86401": warnings=1 value="10" rc=0
localdb.retry_interval="-1": warnings=1 value="10" rc=0
localdb.retry_interval=999999999999...(101): warnings=1 value="10" rc=0
localdb.compression_threshold="2147483648": warnings=1 value="2000" rc=0
localdb.compression_threshold="-2147483648": warnings=1 value="2000" rc=0
localdb.prefix="a\tb": warnings=1 value="" rc=0
localdb.prefix=pppppppppppp...(250): warnings=1 value="" rc=0
localdb.prefix="a b": warnings=1 value="" rc=0
localdb.exceptions="maybe": warnings=1 value="1" rc=0
localdb.exceptions="2": warnings=1 value="1" rc=0
localdb.servers="127.0.0.1:11211,host:99999": warnings=1 value="" rc=0
localdb.servers=hhhhhhhhhhhh...(300): warnings=1 value="" rc=0
ini_set("-1"): false, now 300
ini_set("99999999999999999999"): false, now 300
ini_set("abc"): false, now 300
ini_set(""): false, now 300
ini_set(prefix with CRLF): false, now ""
