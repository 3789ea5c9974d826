package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each dimension's group for hand-made persons, including the edge cases of age, payer, dual status and area. */
class PersonStrataTest {
    private static final Map<String, Row> BY_PERSON = new HashMap<>();

    @BeforeAll
    static void build() {
        StageContext ctx = SharedSpark.context(Map.of("equity.custom-dimensions",
                List.of(Map.of("name", "housing", "table", "patient", "column", "housing_status"))));
        Warehouse wh = ctx.warehouse();
        SparkSession spark = SharedSpark.spark();
        wh.overwrite("silver/patient", spark.sql("select * from values "
                + "('a', date'2007-12-31', 'female', 'white', 'hispanic_or_latino', 'es-MX', '10001', '36061', 'stable'),"
                + "('b', date'2008-01-01', 'male', 'black_or_african_american', 'not_hispanic_or_latino', 'vi', '99999', '36061', null),"
                + "('c', date'1950-06-01', null, null, null, 'de', null, null, 'homeless') "
                + "as t(person_id, birth_date, sex, race, ethnicity, preferred_language, postal_code, county_fips, housing_status)"));
        wh.overwrite("silver/area", spark.sql("select * from values ('postal_code', '10001', 'urban', 12), "
                + "('county', '36061', 'rural', 81) as t(area_type, area_code, rurality, adi_national_percentile)"));
        wh.overwrite("silver/coverage", spark.sql("select * from values "
                + "('a', date'2025-01-01', date'2025-03-31', 'medicaid', 'full'),"
                + "('a', date'2025-04-01', null, 'commercial', 'none'),"
                + "('b', date'2024-01-01', date'2024-12-31', 'medicare', 'partial') "
                + "as t(person_id, start_date, end_date, payer_type, dual_status)"));
        EquitySettings settings = EquitySettings.from(ctx.config());
        List<Row> rows = new PersonStrata(settings).build(wh,
                spark.sql("select date'2025-01-01' as period_start, date'2025-12-31' as period_end")).collectAsList();
        rows.forEach(r -> BY_PERSON.put(r.getAs("person_id"), r));
    }

    private static String group(String person, String dimension) {
        return BY_PERSON.get(person).getAs(dimension);
    }

    @Test
    void ageIsTakenAtTheEndOfThePeriod() {
        assertEquals("18-44", group("a", "age_band"), "18 on the last day of the period");
        assertEquals("0-17", group("b", "age_band"), "18 one day after it");
        assertEquals("75+", group("c", "age_band"));
    }

    @Test
    void raceAndEthnicityCombineAsCmsReportsThem() {
        assertEquals("hispanic", group("a", "race_ethnicity"));
        assertEquals("non_hispanic_black", group("b", "race_ethnicity"));
        assertEquals("unknown", group("c", "race_ethnicity"));
        assertEquals("unknown", group("c", "race"));
        assertEquals("unknown", group("c", "sex"));
    }

    @Test
    void payerCoversMostDaysAndDualStatusIsTheMostIntegrated() {
        assertEquals("commercial", group("a", "payer"));
        assertEquals("full", group("a", "dual_status"));
        assertEquals("unknown", group("b", "payer"), "coverage outside the period does not count");
        assertEquals("unknown", group("b", "dual_status"));
    }

    @Test
    void areaComesFromTheZipCodeElseTheCounty() {
        assertEquals("urban", group("a", "rurality"));
        assertEquals("1", group("a", "adi_quintile"));
        assertEquals("rural", group("b", "rurality"), "unknown ZIP code: county row");
        assertEquals("5", group("b", "adi_quintile"));
        assertEquals("unknown", group("c", "rurality"));
    }

    @Test
    void languagesAndUserColumnsBecomeGroups() {
        assertEquals("es", group("a", "preferred_language"));
        assertEquals("vi", group("b", "preferred_language"));
        assertEquals("other", group("c", "preferred_language"));
        assertEquals("stable", group("a", "housing"));
        assertEquals("unknown", group("b", "housing"));
        assertEquals("homeless", group("c", "housing"));
    }
}
