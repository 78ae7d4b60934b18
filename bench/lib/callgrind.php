<?php
/*
 * Self cost (instructions, "Ir") per object file of a callgrind output file: the same
 * grouping as `callgrind_annotate` by object, read straight from the file. The file must be
 * written with --compress-strings=no --compress-pos=no, so each name is spelled out.
 */

function bench_callgrind_objects(string $file): array
{
	$fh = fopen($file, 'r');
	if ($fh === false) {
		throw new RuntimeException("cannot read $file");
	}
	$ob = '???';
	$self = [];
	$skip = false;        /* the line after calls= is the call's inclusive cost, not self */
	$total = null;
	while (($line = fgets($fh)) !== false) {
		$c = $line[0] ?? '';
		if ($c >= '0' && $c <= '9' || $c === '+' || $c === '-' || $c === '*') {
			if ($skip) {
				$skip = false;
				continue;
			}
			$f = preg_split('/\s+/', trim($line));
			$self[$ob] = ($self[$ob] ?? 0) + (int) ($f[1] ?? 0);
			continue;
		}
		if (str_starts_with($line, 'ob=')) {
			$ob = trim(substr($line, 3));
		} elseif (str_starts_with($line, 'calls=')) {
			$skip = true;
		} elseif (preg_match('/^(?:summary|totals):\s*(\d+)/', $line, $m)) {
			$total = (int) $m[1];
		}
	}
	fclose($fh);
	$sum = array_sum($self);
	if ($total !== null && $total !== $sum) {
		throw new RuntimeException("$file: self costs add up to $sum, the file says $total");
	}
	/* name objects by file name: the paths are this machine's */
	$out = [];
	foreach ($self as $path => $ir) {
		$name = basename($path) ?: $path;
		$out[$name] = ($out[$name] ?? 0) + $ir;
	}
	arsort($out);
	return $out;
}
