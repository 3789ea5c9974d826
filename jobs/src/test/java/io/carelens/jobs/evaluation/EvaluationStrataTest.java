package io.carelens.jobs.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.privacy.PersonIds;
import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.equity.EquitySettings;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.CanonicalRows;
import io.carelens.jobs.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's strata are the equity stage's for the performance period: age band at its end, the most
 * integrated dual status of the coverage overlapping it (not the baseline's), unknown for what is missing.
 */
class EvaluationStrataTest {

    @Test
    void strataComeFromThePerformancePeriod() {
        StageContext ctx = SharedSpark.context(Map.of(
                "evaluation.baseline", "2024-01-01..2024-12-31",
                "evaluation.performance", "2026-01-01..2026-12-31",
                "evaluation.dimensions", List.of("age_band", "dual_status", "race")));
        SparkSession spark = ctx.spark();
        Warehouse w = ctx.warehouse();
        w.overwrite(CanonicalTable.PATIENT.silverPath(), CanonicalRows.of(CanonicalTable.PATIENT, spark.sql("""
                SELECT * FROM VALUES
                  ('a', DATE'1951-12-31', 'female', 'white'),
                  ('b', DATE'1952-01-01', 'male', CAST(NULL AS STRING)),
                  ('c', DATE'1980-07-04', 'female', 'asian')
                  AS t(person_id, birth_date, sex, race)""")));
        w.overwrite(CanonicalTable.COVERAGE.silverPath(), CanonicalRows.of(CanonicalTable.COVERAGE, spark.sql("""
                SELECT * FROM VALUES
                  ('a1', 'a', DATE'2024-01-01', DATE'2025-12-31', 'medicaid', 'partial'),
                  ('a2', 'a', DATE'2026-03-01', CAST(NULL AS DATE), 'medicare', 'full'),
                  ('a3', 'a', DATE'2026-01-01', DATE'2026-02-28', 'medicare', 'none'),
                  ('c1', 'c', DATE'2024-01-01', DATE'2025-12-31', 'medicaid', 'full'),
                  ('c2', 'c', DATE'2026-01-01', CAST(NULL AS DATE), 'commercial', 'none')
                  AS t(coverage_id, person_id, start_date, end_date, payer_type, dual_status)""")));

        EvaluationSettings settings = EvaluationSettings.from(ctx.config());
        List<Row> strata = EvaluationStrata.build(w, EquitySettings.from(ctx.config()), settings,
                PersonIds.from(ctx.config())).collectAsList();

        Map<String, String> byPersonAndDimension = new TreeMap<>();
        strata.forEach(r -> byPersonAndDimension.put(r.getString(0) + "/" + r.getString(1), r.getString(2)));
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("a/overall", "all"), Map.entry("a/age_band", "75+"), Map.entry("a/dual_status", "full"),
                Map.entry("a/race", "white"),
                Map.entry("b/overall", "all"), Map.entry("b/age_band", "65-74"), Map.entry("b/dual_status", "unknown"),
                Map.entry("b/race", "unknown"),
                Map.entry("c/overall", "all"), Map.entry("c/age_band", "45-64"), Map.entry("c/dual_status", "none"),
                Map.entry("c/race", "asian"))), byPersonAndDimension);
    }
}
