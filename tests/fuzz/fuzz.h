/* Shared by the fuzz targets: a failed invariant is reported like a crash, so
 * libFuzzer saves the input that broke it. */
#ifndef LDB_FUZZ_H
#define LDB_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif
