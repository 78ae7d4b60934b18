<?php
/*
 * set: one key a call, 100 bytes or 10 KB, over 100 keys in turn; profiles as in get.php.
 * The result of every set is checked.
 */

function bench_case_set(int $size, string $profile, bool $text): array
{
	$make = $text ? 'bench_text' : 'bench_value';
	return [
		'profile' => $profile,
		'unit' => 'set',
		'prep' => function (BenchClient $c, string $ns) use ($size, $make): array {
			$keys = $vals = [];
			for ($i = 0; $i < 100; $i++) {
				$keys[$i] = "$ns:set$size:$i";
				$vals[$i] = $make($size, $i + 1000);
			}
			return ['keys' => $keys, 'vals' => $vals, 'i' => 0];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			$keys = $ctx['keys'];
			$vals = $ctx['vals'];
			$i = $ctx['i'];
			for ($end = $i + $n; $i < $end; $i++) {
				$j = $i % 100;
				if (!$c->set($keys[$j], $vals[$j])) {
					throw new RuntimeException("set {$keys[$j]} failed");
				}
			}
			$ctx['i'] = $i;
		},
	];
}

return [
	'set_100' => ['title' => 'set 100 B'] + bench_case_set(100, 'plain', false),
	'set_10k' => ['title' => 'set 10 KB'] + bench_case_set(10240, 'plain', false),
	'set_10k_defaults' => ['title' => 'set 10 KB text, defaults'] + bench_case_set(10240, 'defaults', true),
];
