package io.carelens.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;

    /** G1 makes regions of heap / 2048 rounded down to a power of two, 1 MB to 32 MB. */
    private static long g1Region(long heap) {
        return Math.min(32 * MB, Math.max(MB, Long.highestOneBit(heap / 2048)));
    }

    @Test
    void pagesStayBelowHalfAG1RegionAndTheirTableCoversTheHeap() {
        for (long heap : new long[] {GB, 4 * GB, 4 * GB - 300 * MB, 8 * GB, 16 * GB, 64 * GB}) {
            long page = Sessions.pageSizeBytes(heap);
            assertEquals(page, Long.highestOneBit(page), "a power of two for a heap of " + heap);
            assertTrue(page < g1Region(heap) / 2, "not humongous for a heap of " + heap);
            assertTrue(8192 * page > heap / 2, "8192 pages cover the usable heap of " + heap);
        }
        assertEquals(512 * KB, Sessions.pageSizeBytes(4 * GB));
        assertEquals(64 * KB, Sessions.pageSizeBytes(64 * MB));
    }
}
