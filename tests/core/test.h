/* Three macros and a summary line: enough for the core's tests. */
#ifndef LDB_TEST_H
#define LDB_TEST_H
#include <stdint.h>
#include <stdio.h>

static int t_pass, t_fail;

#define CHECK(cond) do { \
	if (cond) { t_pass++; } \
	else { t_fail++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ == b_) { t_pass++; } \
	else { t_fail++; fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, a_, #b, b_); } \
} while (0)

/* CHECK with a printf-style explanation when it fails */
#define CHECKF(cond, ...) do { \
	if (cond) { t_pass++; } \
	else { \
		t_fail++; \
		fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

#define DONE() (printf("%d passed, %d failed\n", t_pass, t_fail), t_fail ? 1 : 0)

/* xorshift: repeatable test data, seeded per program */
static uint64_t t_rng = 0x9e3779b97f4a7c15ull;

static inline uint32_t rnd(void)
{
	t_rng ^= t_rng << 13;
	t_rng ^= t_rng >> 7;
	t_rng ^= t_rng << 17;
	return (uint32_t)(t_rng >> 16);
}

#endif
