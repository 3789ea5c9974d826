package io.carelens.jobs.utilization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.testing.SharedSpark;
import io.carelens.jobs.utilization.UtilizationSettings.MemberMonthRule;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Member-month edges: the counting rules, overlapping spans, birth, death, open spans, age, periods, attribution. */
class MemberMonthsTest {
    private static final LocalDate AS_OF = LocalDate.parse("2025-06-20");
    private final SparkSession spark = SharedSpark.spark();

    private static SilverFixture population() {
        return new SilverFixture()
                // a span from the last day of January to the first day of March
                .patient("edge", "1980-05-10", "female").coverage("edge", "2025-01-31", "2025-03-01")
                // two overlapping spans: one month each, not two
                .patient("overlap", "1990-01-01", "male").coverage("overlap", "2025-01-01", "2025-01-31")
                .coverage("overlap", "2025-01-15", "2025-02-10")
                // died on 2025-02-10 with coverage open-ended
                .deceased("died", "1950-01-01", "2025-02-10").coverage("died", "2024-12-01", null)
                // born mid-span, turns 18 on 2025-04-02 (age on the month's first day)
                .patient("teen", "2007-04-02", "male").coverage("teen", "2025-03-01", null)
                // never covered
                .patient("uncovered", "1970-01-01", "female");
    }

    private Map<String, List<String>> months(MemberMonthRule rule) {
        SilverFixture f = population();
        Dataset<Row> covered = new MemberMonths(rule, AS_OF)
                .covered(f.table(spark, CanonicalTable.COVERAGE), f.table(spark, CanonicalTable.PATIENT));
        return covered.collectAsList().stream().collect(Collectors.groupingBy(r -> r.getString(0), TreeMap::new,
                Collectors.mapping(r -> r.getDate(1).toString(), Collectors.toList())))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().sorted().toList(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void anyDayCountsPartialMonthsOnceAndStopsAtDeathAndAsOf() {
        Map<String, List<String>> m = months(MemberMonthRule.ANY_DAY);
        assertEquals(List.of("2025-01-01", "2025-02-01", "2025-03-01"), m.get("edge"));
        assertEquals(List.of("2025-01-01", "2025-02-01"), m.get("overlap"));
        assertEquals(List.of("2024-12-01", "2025-01-01", "2025-02-01"), m.get("died"));
        assertEquals(List.of("2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"), m.get("teen"));
        assertFalse(m.containsKey("uncovered"));
    }

    @Test
    void firstDayAndMidMonthRulesNeedThatDayCovered() {
        assertEquals(List.of("2025-02-01", "2025-03-01"), months(MemberMonthRule.FIRST_DAY).get("edge"));
        assertEquals(List.of("2025-02-01"), months(MemberMonthRule.MID_MONTH).get("edge"));
        // died on the 10th: February's 1st is covered, its 15th is not
        assertTrue(months(MemberMonthRule.FIRST_DAY).get("died").contains("2025-02-01"));
        assertFalse(months(MemberMonthRule.MID_MONTH).get("died").contains("2025-02-01"));
    }

    @Test
    void ageIsTakenOnTheMonthsFirstDay() {
        SilverFixture f = population();
        Map<String, Integer> ages = new MemberMonths(MemberMonthRule.ANY_DAY, AS_OF)
                .covered(f.table(spark, CanonicalTable.COVERAGE), f.table(spark, CanonicalTable.PATIENT))
                .where("person_id = 'teen'").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getDate(1).toString(), r -> r.getInt(2)));
        assertEquals(17, ages.get("2025-04-01"));
        assertEquals(18, ages.get("2025-05-01"));
    }

    @Test
    void calendarYearPeriodsAndAttributionSpansAttachToCoveredMonths() {
        SilverFixture f = population()
                .attribution("died", "P1", "clinicA", "intervention", "2025-01-15", null)
                .attribution("edge", "P1", "clinicB", "comparison", "2024-01-01", "2025-01-31");
        MemberMonths mm = new MemberMonths(MemberMonthRule.ANY_DAY, AS_OF);
        Dataset<Row> covered = mm.covered(f.table(spark, CanonicalTable.COVERAGE), f.table(spark, CanonicalTable.PATIENT));
        Dataset<Row> periods = MemberMonths.periods(spark, List.of(), covered);
        assertEquals(List.of("2024-01-01..2024-12-31", "2025-01-01..2025-12-31"), periods.orderBy("period_start")
                .collectAsList().stream().map(r -> r.getDate(0) + ".." + r.getDate(1)).toList());
        Map<String, String> practice = mm.withAttribution(covered, periods, f.table(spark, CanonicalTable.ATTRIBUTION))
                .where("person_id in ('died', 'edge')").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("person_id") + "@" + r.getAs("month_start"),
                        r -> r.getAs("practice_id") + "/" + r.getAs("period_start")));
        assertEquals("null/2024-01-01", practice.get("died@2024-12-01"));
        assertEquals("clinicA/2025-01-01", practice.get("died@2025-01-01"));
        assertEquals("clinicA/2025-01-01", practice.get("died@2025-02-01"));
        assertEquals("clinicB/2025-01-01", practice.get("edge@2025-01-01"));
        assertEquals("null/2025-01-01", practice.get("edge@2025-02-01"));
    }
}
