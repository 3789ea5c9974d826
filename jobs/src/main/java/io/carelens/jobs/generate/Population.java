package io.carelens.jobs.generate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.carelens.jobs.generate.Draw.Weighted;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The people: one row per person with demographics, residence, payer, attribution and the chronic conditions that
 * drive their care, all drawn per person from the seed. The patient, area, coverage and attribution tables are
 * projections of it.
 */
final class Population {
    /** ZIP codes of the synthetic region: 40, a quarter of them rural. */
    static final int ZIP_CODES = 40;
    static final int RURAL_ZIP_CODES = 10;
    static final int PRACTICES = 24;
    static final String PROGRAM = "PCF-DEMO";

    private final SparkSession spark;
    private final GeneratorSettings settings;
    private final Draw draw;

    Population(SparkSession spark, GeneratorSettings settings) {
        this.spark = spark;
        this.settings = settings;
        this.draw = new Draw(settings.seed());
    }

    /** The area table: ZIP codes with county, rurality and ADI percentile (rural ZIPs are more deprived). */
    Dataset<Row> areas() {
        return spark.range(ZIP_CODES).selectExpr(
                "id AS zip_index",
                "format_string('27%03d', CAST(100 + id * 7 AS INT)) AS area_code",
                "format_string('37%03d', CAST(1 + 2 * floor(id / 5) AS INT)) AS county_fips",
                "id < " + RURAL_ZIP_CODES + " AS rural",
                "CASE WHEN id < " + RURAL_ZIP_CODES + " THEN " + draw.between("adi", 45, 98, "id")
                        + " ELSE " + draw.between("adi", 3, 90, "id") + " END AS adi_national_percentile");
    }

    Dataset<Row> areaTable() {
        return areas().selectExpr("'postal_code' AS area_type", "area_code",
                "CASE WHEN rural THEN 'rural' ELSE 'urban' END AS rurality",
                "CAST(adi_national_percentile AS STRING) AS adi_national_percentile",
                "zip_index AS _k1", "area_code AS _k2");
    }

    /** One row per person with everything later tables draw on. */
    Dataset<Row> people() {
        String window = "make_date(" + settings.startYear() + ", 1, 1)";
        String through = "DATE'" + settings.through() + "'";
        Dataset<Row> base = spark.range(0, settings.people(), 1, settings.parts()).selectExpr(
                "id AS idx",
                "format_string('P%08d', id) AS person_id",
                age() + " AS age",
                draw.chance("female", "0.51", "id") + " AS female",
                draw.pick("ethnicity", List.of(Weighted.of("hispanic_or_latino", 19),
                        Weighted.of("not_hispanic_or_latino", 73), Weighted.of("unknown", 8)), "id") + " AS ethnicity",
                draw.pick("race", List.of(Weighted.of("white", 61), Weighted.of("black_or_african_american", 13),
                        Weighted.of("asian", 6), Weighted.of("american_indian_or_alaska_native", 1),
                        Weighted.of("native_hawaiian_or_other_pacific_islander", 0.4), Weighted.of("other", 3.6),
                        Weighted.of("multiple", 7), Weighted.of("unknown", 8)), "id") + " AS race",
                "CAST(floor(" + draw.u("zip", "id") + " * " + ZIP_CODES + ") AS BIGINT) AS zip_index",
                draw.u("payer", "id") + " AS u_payer",
                draw.u("coverage", "id") + " AS u_coverage",
                draw.u("death", "id") + " AS u_death");
        Dataset<Row> located = base.join(broadcast(areas()), "zip_index");
        return located.selectExpr("*",
                "date_sub(" + window + ", age * 365 + " + draw.between("dob", 1, 364, "idx") + ") AS birth_date",
                "CASE WHEN u_death < CASE WHEN age >= 75 THEN 0.08 WHEN age >= 65 THEN 0.03 ELSE 0.004 END "
                        + "THEN date_add(" + window + ", CAST(floor(" + draw.u("death_day", "idx") + " * datediff("
                        + through + ", " + window + ")) AS INT)) END AS deceased_date",
                language() + " AS preferred_language",
                payer() + " AS payer",
                dual() + " AS dual_status",
                draw.chance("attributed", "0.9", "idx") + " AS attributed",
                draw.between("practice", 1, PRACTICES, "idx") + " AS practice_number",
                draw.chance("diabetes", "CASE WHEN age >= 65 THEN 0.25 WHEN age >= 45 THEN 0.15 WHEN age >= 18 "
                        + "THEN 0.05 ELSE 0 END", "idx") + " AS diabetes",
                draw.chance("hypertension", "CASE WHEN age >= 65 THEN 0.6 WHEN age >= 45 THEN 0.35 WHEN age >= 18 "
                        + "THEN 0.1 ELSE 0 END", "idx") + " AS hypertension",
                draw.chance("depression", "CASE WHEN age >= 12 THEN 0.08 ELSE 0 END", "idx") + " AS depression",
                draw.chance("tobacco", "CASE WHEN age >= 18 THEN 0.15 WHEN age >= 12 THEN 0.04 ELSE 0 END", "idx")
                        + " AS tobacco",
                draw.chance("copd", "CASE WHEN age >= 40 THEN 0.06 ELSE 0 END", "idx") + " AS copd",
                draw.chance("heart_failure", "CASE WHEN age >= 65 THEN 0.08 WHEN age >= 45 THEN 0.02 ELSE 0 END",
                        "idx") + " AS heart_failure",
                draw.pick("diabetes_code", Codes.DIABETES, "idx") + " AS diabetes_code",
                draw.pick("depression_code", Codes.DEPRESSION, "idx") + " AS depression_code")
                .selectExpr("*",
                        "format_string('P%03d', practice_number) AS practice_id",
                        "CASE WHEN practice_number <= " + PRACTICES / 2 + " THEN 'intervention' ELSE 'comparison' END AS arm",
                        "dual_status = 'full' AS dual_full",
                        "ethnicity = 'hispanic_or_latino' AS hispanic");
    }

    /** Ages 0-95 at the start of the first year: 18 % children, 30 % 18-44, 27 % 45-64, 25 % 65+. */
    private String age() {
        String u = draw.u("age", "id");
        return "CAST(CASE WHEN " + u + " < 0.18 THEN floor(" + u + " / 0.18 * 18)"
                + " WHEN " + u + " < 0.48 THEN 18 + floor((" + u + " - 0.18) / 0.30 * 27)"
                + " WHEN " + u + " < 0.75 THEN 45 + floor((" + u + " - 0.48) / 0.27 * 20)"
                + " ELSE 65 + floor((" + u + " - 0.75) / 0.25 * 31) END AS INT)";
    }

    private String language() {
        String u = draw.u("language", "idx");
        return "CASE WHEN ethnicity = 'hispanic_or_latino' THEN " + Draw.pickWith(u, List.of(Weighted.of("es", 45),
                        Weighted.of("en", 50), Weighted.of("unknown", 5)))
                + " WHEN race = 'asian' THEN " + Draw.pickWith(u, List.of(Weighted.of("zh", 20), Weighted.of("vi", 15),
                        Weighted.of("en", 60), Weighted.of("unknown", 5)))
                + " ELSE " + Draw.pickWith(u, List.of(Weighted.of("en", 94), Weighted.of("es", 1),
                        Weighted.of("unknown", 5))) + " END";
    }

    /** 65+: Medicare 55 %, Medicare Advantage 45 %; under 65: Medicaid (45 % of children, 22 % of adults),
     * 3 % uninsured (no coverage rows), the rest commercial. */
    private String payer() {
        return "CASE WHEN age >= 65 THEN CASE WHEN u_payer < 0.55 THEN 'medicare' ELSE 'medicare_advantage' END"
                + " WHEN u_payer < CASE WHEN age < 18 THEN 0.45 ELSE 0.22 END THEN 'medicaid'"
                + " WHEN u_payer < CASE WHEN age < 18 THEN 0.48 ELSE 0.25 END THEN 'uninsured'"
                + " ELSE 'commercial' END";
    }

    /** Dual eligibility of people 65+: 12 % full, 5 % partial. */
    private String dual() {
        String u = draw.u("dual", "idx");
        return "CASE WHEN age < 65 THEN 'none' WHEN " + u + " < 0.12 THEN 'full' WHEN " + u + " < 0.17 THEN 'partial'"
                + " ELSE 'none' END";
    }

    Dataset<Row> patientTable(Dataset<Row> people) {
        return people.selectExpr("person_id",
                "CAST(birth_date AS STRING) AS birth_date",
                "CAST(deceased_date AS STRING) AS deceased_date",
                "CASE WHEN female THEN 'female' ELSE 'male' END AS gender",
                "CASE WHEN female THEN 'female' ELSE 'male' END AS sex",
                "race",
                "CASE race WHEN 'white' THEN '2106-3' WHEN 'black_or_african_american' THEN '2054-5'"
                        + " WHEN 'asian' THEN '2028-9' WHEN 'american_indian_or_alaska_native' THEN '1002-5'"
                        + " WHEN 'native_hawaiian_or_other_pacific_islander' THEN '2076-8' WHEN 'other' THEN '2131-1'"
                        + " END AS race_code",
                "ethnicity", "preferred_language", "area_code AS postal_code", "county_fips",
                "idx AS _k1", "person_id AS _k2");
    }

    /**
     * Coverage spans over the generated window: 70 % one continuous span, 20 % two spans of the same payer with a
     * gap of 1-4 months, 10 % a payer change (commercial to Medicaid, Medicare to Medicare Advantage, or back).
     * Half of the spans that reach the last day are open-ended; spans end at death.
     */
    Dataset<Row> coverageTable(Dataset<Row> people) {
        String window = "make_date(" + settings.startYear() + ", 1, 1)";
        String through = "DATE'" + settings.through() + "'";
        String windowDays = "datediff(" + through + ", " + window + ")";
        String start = "greatest(birth_date, date_sub(" + window + ", " + draw.between("cov_start", 0, 700, "idx") + "))";
        String breakDay = "date_add(" + window + ", 30 + CAST(floor(" + draw.u("cov_break", "idx") + " * greatest("
                + windowDays + " - 200, 1)) AS INT))";
        String gap = draw.between("cov_gap", 30, 120, "idx");
        String other = "CASE payer WHEN 'commercial' THEN 'medicaid' WHEN 'medicaid' THEN 'commercial'"
                + " WHEN 'medicare' THEN 'medicare_advantage' ELSE 'medicare' END";
        String lastEnd = "CASE WHEN " + draw.chance("cov_open", "0.5", "idx") + " THEN CAST(NULL AS DATE) ELSE "
                + through + " END";
        Dataset<Row> spans = people.where("payer <> 'uninsured'").selectExpr("*",
                start + " AS first_start", breakDay + " AS break_day", gap + " AS gap_days",
                other + " AS other_payer", lastEnd + " AS last_end");
        Dataset<Row> exploded = spans.selectExpr("*", "explode(CASE"
                + " WHEN u_coverage < 0.70 THEN array(named_struct('k', 1, 's', first_start, 'e', last_end, 'p', payer))"
                + " WHEN u_coverage < 0.90 THEN array("
                + "named_struct('k', 1, 's', first_start, 'e', break_day, 'p', payer),"
                + "named_struct('k', 2, 's', date_add(break_day, gap_days), 'e', last_end, 'p', payer))"
                + " ELSE array(named_struct('k', 1, 's', first_start, 'e', break_day, 'p', payer),"
                + "named_struct('k', 2, 's', date_add(break_day, 1), 'e', last_end, 'p', other_payer)) END) AS span");
        return exploded
                .where("span.s <= " + through + " AND (deceased_date IS NULL OR span.s <= deceased_date)")
                .selectExpr(
                        "format_string('C%08d-%d', idx, span.k) AS coverage_id",
                        "person_id",
                        "CAST(span.s AS STRING) AS start_date",
                        "CAST(CASE WHEN deceased_date IS NOT NULL THEN least(coalesce(span.e, deceased_date), deceased_date)"
                                + " ELSE span.e END AS STRING) AS end_date",
                        "span.p AS payer_type",
                        "CASE span.p WHEN 'medicare' THEN '1' WHEN 'medicare_advantage' THEN '11' WHEN 'medicaid' THEN '2'"
                                + " ELSE '5' END AS payer_code",
                        "CASE WHEN span.p IN ('medicare', 'medicare_advantage') THEN dual_status ELSE 'none' END AS dual_status",
                        "CASE span.p WHEN 'medicare' THEN 'MCR-FFS' WHEN 'medicare_advantage' THEN 'MA-' || (idx % 3 + 1)"
                                + " WHEN 'medicaid' THEN 'MCD-STATE' ELSE 'COM-' || (idx % 4 + 1) END AS plan_id",
                        "idx AS _k1", "span.k AS _k2");
    }

    /** PCF-DEMO attribution: 90 % of people, one span over the whole window (ending at death), arm by practice. */
    Dataset<Row> attributionTable(Dataset<Row> people) {
        String window = "make_date(" + settings.startYear() + ", 1, 1)";
        return people.where(col("attributed")).selectExpr("person_id",
                "'" + PROGRAM + "' AS program_id", "practice_id", "arm",
                "CAST(greatest(birth_date, " + window + ") AS STRING) AS start_date",
                "CAST(coalesce(deceased_date, DATE'" + settings.through() + "') AS STRING) AS end_date",
                "idx AS _k1", "person_id AS _k2");
    }
}
