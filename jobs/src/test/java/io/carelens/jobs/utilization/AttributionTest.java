package io.carelens.jobs.utilization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Plurality attribution: most visits wins, ties go to the most recent visit, the window and visit types apply. */
class AttributionTest {
    private final SparkSession spark = SharedSpark.spark();

    private Map<String, Row> attribute(SilverFixture f, Map<String, ?> overrides) {
        UtilizationSettings settings = UtilizationSettings.from(CareLensConfig.load(null, overrides));
        Dataset<Row> periods = MemberMonths.periods(spark,
                List.of(new ReportingPeriod(SilverFixture.d("2025-01-01").toLocalDate(), SilverFixture.d("2025-12-31").toLocalDate())),
                null);
        return new Attribution(settings).attribute(f.table(spark, CanonicalTable.ENCOUNTER), periods)
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("person_id"), r -> r));
    }

    @Test
    void pluralityWinsAndTiesGoToTheMostRecentVisit() {
        SilverFixture f = new SilverFixture()
                // two visits at A, one at B: A
                .visit("e1", "plural", "2025-02-01", "A", "CPT", "99213")
                .visit("e2", "plural", "2025-03-01", "A", "CPT", "99214")
                .visit("e3", "plural", "2025-11-01", "B", "CPT", "99213")
                // one each: the later visit's practice (B) wins though A sorts first
                .visit("e4", "tied", "2025-02-01", "A", "CPT", "99213")
                .visit("e5", "tied", "2025-09-01", "B", "CPT", "99213")
                // a non-primary-care type does not count: only A's visit does
                .visit("e6", "typed", "2025-04-01", "A", "CPT", "99213")
                .visit("e7", "typed", "2025-05-01", "B", "CPT", "99283")
                .visit("e8", "typed", "2025-06-01", "B", "CPT", "99283")
                // outside the 24-month look-back (before 2024-01-01) and after the period: nothing
                .visit("e9", "old", "2023-12-31", "A", "CPT", "99213")
                .visit("e10", "old", "2026-01-01", "A", "CPT", "99213");
        Map<String, Row> a = attribute(f, Map.of());
        assertEquals("A", a.get("plural").getAs("practice_id"));
        assertEquals(2L, (long) a.get("plural").getAs("visits"));
        assertEquals("B", a.get("tied").getAs("practice_id"));
        assertEquals("A", a.get("typed").getAs("practice_id"));
        assertFalse(a.containsKey("old"));
        Row plural = a.get("plural");
        assertEquals("plurality", plural.getAs("program_id"));
        assertEquals("2024-01-01", plural.getAs("look_back_start").toString());
        assertEquals("2025-01-01", plural.getAs("start_date").toString());
        assertEquals("2025-12-31", plural.getAs("end_date").toString());
    }

    @Test
    void lookBackWindowAndTypeListAreConfigurable() {
        SilverFixture f = new SilverFixture()
                .visit("e1", "p", "2024-06-01", "A", "CPT", "99213")
                .visit("e2", "p", "2024-07-01", "A", "CPT", "99213")
                .visit("e3", "p", "2025-06-01", "B", "SNOMEDCT", "999999");
        assertEquals("A", attribute(f, Map.of()).get("p").getAs("practice_id"));
        // a 12-month window drops 2024's visits; an empty type list accepts B's unlisted visit type
        assertEquals("B", attribute(f, Map.of("utilization.attribution.look-back-months", 12,
                "utilization.attribution.primary-care-types", List.of())).get("p").getAs("practice_id"));
    }
}
