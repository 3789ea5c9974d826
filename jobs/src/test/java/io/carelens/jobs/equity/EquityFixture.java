package io.carelens.jobs.equity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A hand-made warehouse following the silver and gold schemas, with disparities planted exactly (by person number,
 * not by chance) so that the realised group rates equal the planted ones, in every age (outcomes follow i / 50,
 * birth year follows i % 50):
 * <ul>
 *   <li>6,000 persons; race by person number i: i % 10 in 0-4 white, 5-7 black, 8 missing (unknown, 10%), 9 other,
 *       except the first six with i % 10 = 9, who are Asian (a group of 6: suppressed).</li>
 *   <li>CMS165 (higher is better): white 70% in both years; black 40% in 2025 and 60% in 2026 (the gap narrows from
 *       -0.30 to -0.10).</li>
 *   <li>CMS122 (lower is better, poor control): white 20%, black 35% in 2025.</li>
 *   <li>ED_VISITS: one person-year each in 2025; rural residents (i % 4 = 0) 0.6 visits, urban 0.3 (rate ratio 2).</li>
 * </ul>
 */
final class EquityFixture {
    static final int PERSONS = 6000;
    static final double WHITE_CMS165 = 0.70;
    static final double BLACK_CMS165_2025 = 0.40;
    static final double BLACK_CMS165_2026 = 0.60;
    static final double WHITE_CMS122 = 0.20;
    static final double BLACK_CMS122 = 0.35;
    static final double RURAL_ED = 0.6;
    static final double URBAN_ED = 0.3;

    private EquityFixture() {
    }

    static void write(SparkSession spark, Warehouse wh) {
        Dataset<Row> ids = spark.range(PERSONS).withColumn("i", col("id").cast("int"))
                .withColumn("person_id", expr("concat('p', i)"))
                .withColumn("k", expr("cast(i / 50 as int) % 10"));
        Dataset<Row> patient = ids.selectExpr("person_id",
                "make_date(1950 + i % 50, 1 + i % 12, 1 + i % 28) as birth_date",
                "cast(null as date) as deceased_date",
                "case when i % 2 = 0 then 'female' else 'male' end as gender",
                "case when i % 2 = 0 then 'female' else 'male' end as sex",
                "case when i % 10 < 5 then 'white' when i % 10 < 8 then 'black_or_african_american' "
                        + "when i % 10 = 8 then null when i < 60 then 'asian' else 'other' end as race",
                "cast(null as string) as race_code",
                "case when i % 13 = 0 then null when i % 7 = 0 then 'hispanic_or_latino' "
                        + "else 'not_hispanic_or_latino' end as ethnicity",
                "case when i % 5 = 0 then 'es-MX' else 'en' end as preferred_language",
                "case when i % 4 = 0 then '99001' else '10001' end as postal_code",
                "cast(null as string) as county_fips");
        wh.overwrite("silver/patient", patient);
        wh.overwrite("silver/area", spark.sql("select * from values ('postal_code', '99001', 'rural', 90), "
                + "('postal_code', '10001', 'urban', 10) as t(area_type, area_code, rurality, adi_national_percentile)"));
        wh.overwrite("silver/coverage", ids.selectExpr("concat('c', i) as coverage_id", "person_id",
                "date'2020-01-01' as start_date", "cast(null as date) as end_date",
                "case when i % 3 = 0 then 'medicaid' else 'commercial' end as payer_type",
                "cast(null as string) as payer_code", "'none' as dual_status", "cast(null as string) as plan_id"));

        String white = "i % 10 < 5";
        String black = "i % 10 between 5 and 7";
        Dataset<Row> cms165y1 = measure(ids, "CMS165", 2025, "case when " + white + " then k < 7 when " + black
                + " then k < 4 else k < 5 end");
        Dataset<Row> cms165y2 = measure(ids, "CMS165", 2026, "case when " + white + " then k < 7 when " + black
                + " then k < 6 else k < 5 end");
        Dataset<Row> cms122 = measure(ids, "CMS122", 2025, "case when " + white + " then k < 2 when " + black
                + " then (cast(i / 50 as int) % 20) < 7 else k < 3 end");
        wh.overwrite(GoldTable.MEASURE_PATIENT.path(), cms165y1.union(cms165y2).union(cms122));

        wh.overwrite(GoldTable.UTILIZATION_PERSON.path(), ids.selectExpr("person_id", "'ED_VISITS' as measure_id",
                "date'2025-01-01' as period_start", "date'2025-12-31' as period_end",
                "cast(case when i % 4 = 0 then (case when k < 6 then 1 else 0 end) "
                        + "else (case when k < 3 then 1 else 0 end) end as double) as events",
                "1.0D as person_years"));
    }

    /** Everyone is in the denominator; exclusions are among "other" race only, so planted rates stay exact. */
    private static Dataset<Row> measure(Dataset<Row> ids, String measure, int year, String numerator) {
        return ids.select(col("person_id"), lit(measure).alias("measure_id"),
                expr("make_date(" + year + ", 1, 1)").alias("period_start"),
                expr("make_date(" + year + ", 12, 31)").alias("period_end"),
                lit(1).alias("initial_population"), lit(1).alias("denominator"),
                expr("case when i % 10 = 9 and i >= 60 and i % 20 = 19 then 1 else 0 end").alias("denominator_exclusion"),
                expr("case when (" + numerator + ") then 1 else 0 end").alias("numerator"),
                lit(0).alias("denominator_exception"), lit(null).cast("string").alias("stratum"),
                lit(null).cast("string").alias("evidence"));
    }
}
