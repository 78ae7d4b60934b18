/*
 * The key check: ldb_key_check() against a reference written from the rule
 * (1..250 bytes, no space, no control byte, no DEL), on any bytes.
 *
 * A key that passes is sent verbatim inside a command line, so a key with a
 * byte that ends or splits the line ("\r", "\n", " ", NUL) must never pass.
 */
#include "ldb.h"
#include "fuzz.h"

#include <string.h>

static long reference(const unsigned char *k, size_t len)
{
	if (len < 1 || len > 250) {
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (k[i] <= ' ' || k[i] == 0x7f) {
			return (long)i + 1;
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long r = ldb_key_check((const char *)data, size), want = reference(data, size);

	FUZZ_CHECK(r == want);
	if (r == 0) {
		FUZZ_CHECK(!memchr(data, '\r', size) && !memchr(data, '\n', size) && !memchr(data, ' ', size)
			&& !memchr(data, '\0', size));
	}
	/* every prefix too: a key is checked as a whole, never in pieces */
	if (size > 1) {
		size_t cut = data[0] % size;
		FUZZ_CHECK(ldb_key_check((const char *)data, cut) == reference(data, cut));
	}
	return 0;
}
