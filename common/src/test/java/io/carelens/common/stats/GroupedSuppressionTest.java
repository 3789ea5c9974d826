package io.carelens.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups tied to the overall row only where they add up to it. */
class GroupedSuppressionTest {

    private static Set<String> suppress(long a, long b) {
        GroupedSuppression table = new GroupedSuppression(List.of("n"), List.of(), Set.of());
        table.add(GroupedSuppression.OVERALL, GroupedSuppression.ALL, Map.of("n", 50L));
        table.add("age", "young", Map.of("n", a));
        table.add("age", "old", Map.of("n", b));
        return table.suppress(10);
    }

    @Test
    void groupsThatAddUpToTheOverallCountProtectASmallOne() {
        assertEquals(Set.of(GroupedSuppression.cellId("age", "old", "n"), GroupedSuppression.cellId("age", "young", "n")),
                suppress(47, 3), "young = 47 would reveal old = 50 - 47");
    }

    @Test
    void overlappingGroupsAreNotTiedToTheOverallCount() {
        assertEquals(Set.of(GroupedSuppression.cellId("age", "old", "n")), suppress(45, 3),
                "45 + 3 is not 50: no sum reveals the 3");
    }
}
