<?php
/*
 * Encode + decode cost per type: one op = set() then get() of the same key, the answer
 * compared with ===. All clients use PHP's serializer for arrays (php-memcached is told to;
 * pecl memcache has no other) and no compression; the values are small, so most of the
 * difference between types is the codec. A value that comes back different (pecl memcache
 * stores a float as text with `precision` digits, 14 by default) is counted, not fatal:
 * the figure is kept and the summary says the round trip was lossy.
 */

function bench_case_codec(mixed $value): array
{
	return [
		'profile' => 'plain',
		'unit' => 'set+get',
		'prep' => function (BenchClient $c, string $ns) use ($value): array {
			return ['key' => "$ns:codec:" . get_debug_type($value), 'value' => $value, 'mismatch' => 0];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			$key = $ctx['key'];
			$value = $ctx['value'];
			for ($i = 0; $i < $n; $i++) {
				if (!$c->set($key, $value)) {
					throw new RuntimeException("set $key failed");
				}
				$got = $c->get($key);
				if ($got !== $value) {
					if ($got === false || $got === null) {
						throw new RuntimeException("get $key failed");
					}
					if (!$ctx['mismatch']++) {
						$ctx['example'] = var_export($value, true) . ' came back as ' . substr(var_export($got, true), 0, 120);
					}
				}
			}
		},
	];
}

return [
	'codec_string' => ['title' => 'set+get string (100 B)'] + bench_case_codec(bench_value(100, 'codec')),
	'codec_int' => ['title' => 'set+get int'] + bench_case_codec(1234567890),
	'codec_float' => ['title' => 'set+get float'] + bench_case_codec(3.14159265358979),
	'codec_array' => ['title' => 'set+get array (12 items)'] + bench_case_codec([
		'id' => 4711, 'name' => 'Jane Example', 'email' => 'jane@example.org', 'active' => true,
		'score' => 97.25, 'tags' => ['php', 'cache', 'failover'], 'created' => 1700000000,
		'roles' => ['admin' => false, 'editor' => true], 'note' => null, 'visits' => 1234,
		'lang' => 'en', 'ratio' => 0.5,
	]),
];
