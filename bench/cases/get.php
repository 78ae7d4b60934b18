<?php
/*
 * get: one key a call, a value of 100 bytes or 10 KB, 100 keys read in turn. "plain" turns
 * every client's compression off (the client's own cost); "defaults" keeps each client's
 * defaults for a compressible 10 KB text (LocalDb and php-memcached then compress it, pecl
 * memcache does not below 20000 bytes), which is what a user who changes nothing gets.
 * Every answer is checked: a client that returned a wrong value would stop the case.
 */

function bench_case_get(int $size, string $profile, bool $text): array
{
	$make = $text ? 'bench_text' : 'bench_value';
	return [
		'profile' => $profile,
		'unit' => 'get',
		'prep' => function (BenchClient $c, string $ns) use ($size, $make): array {
			$keys = $vals = [];
			for ($i = 0; $i < 100; $i++) {
				$keys[$i] = "$ns:get$size:$i";
				$vals[$i] = $make($size, $i);
				if (!$c->set($keys[$i], $vals[$i])) {
					throw new RuntimeException("prep: set {$keys[$i]} failed");
				}
			}
			return ['keys' => $keys, 'vals' => $vals, 'i' => 0];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			$keys = $ctx['keys'];
			$vals = $ctx['vals'];
			$i = $ctx['i'];
			for ($end = $i + $n; $i < $end; $i++) {
				$j = $i % 100;
				if ($c->get($keys[$j]) !== $vals[$j]) {
					throw new RuntimeException("wrong value for {$keys[$j]}");
				}
			}
			$ctx['i'] = $i;
		},
	];
}

return [
	'get_100' => ['title' => 'get 100 B'] + bench_case_get(100, 'plain', false),
	'get_10k' => ['title' => 'get 10 KB'] + bench_case_get(10240, 'plain', false),
	'get_10k_defaults' => ['title' => 'get 10 KB text, defaults'] + bench_case_get(10240, 'defaults', true),
];
