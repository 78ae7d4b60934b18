/*
 * FastLZ (src/php/ldb_fastlz.h) on any bytes.
 *
 * The first byte picks:
 *   even  the rest is a compressed block: decompress it into a buffer of a size
 *         taken from the second byte (allocated at exactly that size), then into
 *         one of the size it said it needs; never out of bounds, and a block
 *         that decodes decodes the same whatever the room beyond its size
 *   odd   the rest is data: compress it at level auto, 1 and 2 into a buffer of
 *         ldb_fastlz_bound() bytes, decompress into exactly its size, compare;
 *         with too small an output buffer compression gives 0 or fits
 */
#include "ldb_fastlz.h"
#include "fuzz.h"

#include <string.h>

static void decompress(const uint8_t *p, size_t len, size_t room)
{
	uint8_t *out = malloc(room ? room : 1), *again;
	size_t n = 0, m = 0;

	if (ldb_fastlz_decompress(p, len, out, room, &n) == 0) {
		FUZZ_CHECK(n <= room);
		FUZZ_CHECK(len > 0 && ldb_fastlz_level(p, len) != 0);
		/* the same block into exactly the room it needs: same bytes */
		again = malloc(n ? n : 1);
		FUZZ_CHECK(ldb_fastlz_decompress(p, len, again, n, &m) == 0 && m == n);
		FUZZ_CHECK(memcmp(out, again, n) == 0);
		/* one byte less is too little */
		if (n > 0) {
			FUZZ_CHECK(ldb_fastlz_decompress(p, len, again, n - 1, &m) == -1);
		}
		free(again);
	}
	free(out);
}

static void round_trip(const uint8_t *p, size_t len)
{
	static const int levels[] = { LDB_FASTLZ_LEVEL_AUTO, 1, 2 };
	size_t bound = ldb_fastlz_bound(len);

	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		uint8_t *c = malloc(bound), *back;
		size_t n = ldb_fastlz_compress(p, len, c, bound, levels[i]), m = 0, cut;

		if (len == 0) {
			FUZZ_CHECK(n == 0);
			free(c);
			continue;
		}
		FUZZ_CHECK(n > 0 && n <= bound);
		FUZZ_CHECK(ldb_fastlz_level(c, n) == (levels[i] ? levels[i] : (len < 65536 ? 1 : 2)));
		back = malloc(len);
		FUZZ_CHECK(ldb_fastlz_decompress(c, n, back, len, &m) == 0 && m == len);
		FUZZ_CHECK(memcmp(back, p, len) == 0);
		free(back);
		/* a smaller output buffer: nothing, or a block that fits and still decodes */
		cut = n / 2;
		if (cut > 0) {
			uint8_t *s = malloc(cut);
			size_t k = ldb_fastlz_compress(p, len, s, cut, levels[i]);
			FUZZ_CHECK(k == 0);
			free(s);
		}
		free(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2) {
		return 0;
	}
	if (data[0] & 1) {
		round_trip(data + 1, size - 1);
	} else {
		/* room from 0 to 255 times 64 bytes, so short and long outputs are both tried */
		decompress(data + 2, size - 2, (size_t)data[1] * (data[0] & 2 ? 64 : 1));
	}
	return 0;
}
