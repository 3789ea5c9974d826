package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.config.CareLensConfig;
import io.carelens.jobs.equity.EquitySettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference groups come from carelens.equity.reference; a rule becomes the dimension's largest group. */
class ReferenceGroupsTest {

    @Test
    void namedGroupsAreUsedAsConfigured() {
        Map<String, String> references = ReferenceGroups.of(List.of("race", "ethnicity", "dual_status"),
                equity(Map.of()), cells());
        assertEquals(Map.of("race", "white", "ethnicity", "not_hispanic_or_latino", "dual_status", "none"),
                references);
    }

    @Test
    void aRuleBecomesTheGroupWithTheMostPeople() {
        EquitySettings equity = equity(Map.of("equity.reference.race", "best", "equity.reference.payer", "overall"));
        Map<String, String> references = ReferenceGroups.of(List.of("race", "sex", "payer"), equity, cells());
        assertEquals("black", references.get("race"), "40 + 35 people across arms, periods and outcomes, not unknown");
        assertEquals("female", references.get("sex"), "sex takes the default rule (largest); a tie goes to the first by name");
        assertEquals(2, references.size(), "a dimension without cells has no reference");
    }

    private static EquitySettings equity(Map<String, Object> overrides) {
        return EquitySettings.from(CareLensConfig.load(null, overrides));
    }

    private static Map<CellKey, RatioSums> cells() {
        Map<CellKey, RatioSums> cells = new HashMap<>();
        put(cells, "CMS122", "race", "white", CellKey.INTERVENTION, Periods.BASELINE, 50);
        put(cells, "CMS122", "race", "black", CellKey.INTERVENTION, Periods.BASELINE, 40);
        put(cells, "ED_VISITS", "race", "black", CellKey.COMPARISON, Periods.PERFORMANCE, 35);
        put(cells, "ED_VISITS", "race", "white", CellKey.COMPARISON, Periods.PERFORMANCE, 20);
        put(cells, "ED_VISITS", "race", "unknown", CellKey.COMPARISON, Periods.BASELINE, 500);
        put(cells, "CMS122", "sex", "male", CellKey.INTERVENTION, Periods.BASELINE, 30);
        put(cells, "CMS122", "sex", "female", CellKey.COMPARISON, Periods.PERFORMANCE, 30);
        return cells;
    }

    private static void put(Map<CellKey, RatioSums> cells, String measure, String dimension, String stratum,
                            String arm, String period, long people) {
        cells.put(new CellKey(measure, dimension, stratum, arm, period), new RatioSums(people, people, people, people,
                people, people));
    }
}
