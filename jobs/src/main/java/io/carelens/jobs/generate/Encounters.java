package io.carelens.jobs.generate;

import static io.carelens.jobs.generate.Canonical.ts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.generate.Draw.Weighted;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Person-years and the encounters in them. Each kind of encounter has a rate per person-year, realised as a fixed
 * number of slots per person-year that each occur with probability rate / slots, on a day drawn uniformly in the
 * year; days after the last data day or after death are dropped. The ED rate carries planted effects (b) and (c).
 */
final class Encounters {
    /** Encounter kinds: office, preventive/wellness, telephone, depression follow-up, ED, inpatient, observation. */
    enum Kind {
        OV(8), PV(1), TV(2), DV(1), ED(6), IP(2), OB(2);

        final int slots;

        Kind(int slots) {
            this.slots = slots;
        }
    }

    /** Outpatient kinds whose first finished visit of a year is the screening occasion. */
    static final String OUTPATIENT_KINDS = "('OV', 'PV', 'TV', 'DV')";

    private final SparkSession spark;
    private final GeneratorSettings settings;
    private final Draw draw;

    Encounters(SparkSession spark, GeneratorSettings settings) {
        this.spark = spark;
        this.settings = settings;
        this.draw = new Draw(settings.seed());
    }

    /** People x calendar years, with the part of the year in which the person can have events. */
    Dataset<Row> personYears(Dataset<Row> people) {
        String through = "DATE'" + settings.through() + "'";
        return people.selectExpr("*", "explode(sequence(" + settings.startYear() + ", " + settings.endYear() + ")) AS year")
                .selectExpr("*",
                        "make_date(year, 1, 1) AS year_start",
                        "datediff(make_date(year, 12, 31), make_date(year, 1, 1)) + 1 AS year_days",
                        "least(make_date(year, 12, 31), " + through + ", coalesce(deceased_date, " + through + ")) AS year_end",
                        "year >= " + settings.firstPerformanceYear() + " AS performance",
                        "age + (year - " + settings.startYear() + ") AS age_in_year")
                .where("year_end >= year_start");
    }

    /** The encounters as a working frame: canonical values plus the person attributes later tables need. */
    Dataset<Row> visits(Dataset<Row> personYears) {
        List<Row> slots = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int s = 0; s < k.slots; s++) {
                slots.add(RowFactory.create(k.name(), s, k.slots));
            }
        }
        StructType slotSchema = new StructType().add("kind", DataTypes.StringType).add("slot", DataTypes.IntegerType)
                .add("slots", DataTypes.IntegerType);
        Dataset<Row> kinds = spark.createDataFrame(slots, slotSchema);

        Dataset<Row> occurring = personYears.crossJoin(broadcast(kinds))
                .where(draw.u("slot", "kind", "slot", "idx", "year") + " < (" + rate() + ") / slots")
                .selectExpr("*", "date_add(year_start, " + dayOfYear() + ") AS day")
                .where("day >= year_start AND day <= year_end")
                .selectExpr("*",
                        "concat('E', format_string('%08d', idx), '-', year, '-', kind, slot) AS encounter_id",
                        "CAST(day AS TIMESTAMP) + make_interval(0, 0, 0, 0, " + hour() + ", "
                                + draw.between("minute", 0, 59, "idx", "year", "kind", "slot") + ", 0) AS start");
        Dataset<Row> direct = occurring.selectExpr("*",
                "start + " + duration() + " AS end",
                "CASE WHEN kind IN ('OV', 'PV', 'TV') AND " + draw.chance("cancel", "0.03", "encounter_id")
                        + " THEN 'cancelled' ELSE 'finished' END AS status",
                "kind = 'ED' AND " + draw.chance("admit", "0.12", "encounter_id") + " AS admitted",
                "format_string('H%02d', " + draw.between("facility", 1, 8, "encounter_id") + ") AS facility");
        Dataset<Row> admissions = direct.where("admitted")
                .withColumn("encounter_id", expr("encounter_id || '-IP'"))
                .withColumn("kind", lit("IP"))
                .withColumn("start", expr("end"))
                .withColumn("admitted", lit(false))
                .withColumn("end", expr("end + " + stayLength()));
        return withDischarge(direct.withColumn("from_ed", lit(false))
                .unionByName(admissions.withColumn("from_ed", lit(true)))
                .where("CAST(start AS DATE) <= year_end"));
    }

    /** Expected encounters of each kind per person-year. */
    private String rate() {
        return "CASE kind"
                + " WHEN 'OV' THEN 2.0 + IF(diabetes, 1.0, 0) + IF(hypertension, 0.5, 0) + IF(age_in_year >= 65, 0.5, 0)"
                + " WHEN 'PV' THEN IF(age_in_year >= 65, 0.65, 0.55)"
                + " WHEN 'TV' THEN 0.3"
                + " WHEN 'DV' THEN IF(depression, 1.0, 0)"
                + " WHEN 'ED' THEN " + PlantedEffects.ED_VISITS_PER_PERSON_YEAR
                + " * IF(dual_full, " + PlantedEffects.ED_RATE_RATIO_DUAL_FULL + ", 1.0)"
                + " * IF(attributed AND arm = 'intervention' AND performance, "
                + PlantedEffects.ED_RATE_RATIO_INTERVENTION_PERFORMANCE + ", 1.0)"
                + " WHEN 'IP' THEN 0.04 + IF(heart_failure OR copd OR diabetes, 0.10, 0)"
                + " ELSE 0.04 END";
    }

    /** Depression follow-up visits fall near the same day each year (so PHQ-9s are about 12 months apart). */
    private String dayOfYear() {
        return "CASE WHEN kind = 'DV' THEN " + draw.between("dv_day", 20, 330, "idx") + " + "
                + draw.between("dv_jitter", -14, 14, "idx", "year")
                + " ELSE CAST(floor(" + draw.u("day", "idx", "year", "kind", "slot") + " * year_days) AS INT) END";
    }

    private String hour() {
        return "CASE WHEN kind IN ('ED', 'OB') THEN " + draw.between("hour", 0, 23, "idx", "year", "kind", "slot")
                + " ELSE " + draw.between("hour", 8, 16, "idx", "year", "kind", "slot") + " END";
    }

    private String duration() {
        String key = "encounter_id";
        return "CASE kind WHEN 'ED' THEN make_interval(0, 0, 0, 0, " + draw.between("ed_hours", 2, 9, key) + ", 0, 0)"
                + " WHEN 'IP' THEN make_interval(0, 0, 0, " + draw.between("ip_days", 2, 7, key) + ", 0, 0, 0)"
                + " WHEN 'OB' THEN make_interval(0, 0, 0, 0, " + draw.between("ob_hours", 12, 40, key) + ", 0, 0)"
                + " ELSE make_interval(0, 0, 0, 0, 0, " + draw.between("visit_minutes", 15, 40, key) + ", 0) END";
    }

    private String stayLength() {
        return "make_interval(0, 0, 0, " + draw.between("ip_days", 2, 7, "encounter_id") + ", 0, 0, 0)";
    }

    Dataset<Row> encounterTable(Dataset<Row> visits) {
        String through = "timestamp'" + settings.through() + " 23:59:59'";
        return Canonical.project(CanonicalTable.ENCOUNTER, visits, "idx", "encounter_id",
                "encounter_id", "encounter_id",
                "person_id", "person_id",
                "status", "status",
                "encounter_class", "CASE kind WHEN 'ED' THEN 'EMER' WHEN 'IP' THEN 'IMP' WHEN 'OB' THEN 'OBSENC'"
                        + " WHEN 'TV' THEN 'VR' ELSE 'AMB' END",
                "type_system", "CASE WHEN kind = 'IP' THEN 'SNOMEDCT' WHEN kind = 'OB'"
                        + " OR (kind = 'PV' AND age_in_year >= 65) THEN 'HCPCS' ELSE 'CPT' END",
                "type_code", typeCode(),
                "start_ts", ts("start"),
                "end_ts", ts("least(end, " + through + ")"),
                "facility_id", "CASE WHEN kind IN ('ED', 'IP', 'OB') THEN facility END",
                "practice_id", "CASE WHEN kind IN " + OUTPATIENT_KINDS + " AND attributed THEN practice_id END",
                "provider_id", "CASE WHEN kind IN " + OUTPATIENT_KINDS + " AND attributed THEN practice_id || '-DR'"
                        + " || (idx % 3 + 1) END",
                "admit_source_code", "CASE WHEN kind = 'IP' THEN CASE WHEN from_ed THEN '1' WHEN "
                        + draw.chance("transfer", "0.05", "encounter_id") + " THEN '4' ELSE '1' END END",
                "discharge_disposition_system", "CASE WHEN kind = 'IP' THEN IF(hospice_discharge, 'SNOMEDCT',"
                        + " 'UB04_PATIENT_STATUS') END",
                "discharge_disposition_code", "CASE WHEN kind = 'IP' THEN IF(hospice_discharge, '428361000124107', "
                        + draw.pick("disposition", List.of(Weighted.of("01", 80), Weighted.of("06", 11),
                                Weighted.of("03", 9)), "encounter_id") + ") END");
    }

    /** Adds whether an inpatient stay ends with discharge to hospice (5 % of stays of people 75+). */
    private Dataset<Row> withDischarge(Dataset<Row> visits) {
        return visits.selectExpr("*", "kind = 'IP' AND age_in_year >= 75 AND "
                + draw.chance("hospice_discharge", "0.05", "encounter_id") + " AS hospice_discharge");
    }

    private String typeCode() {
        return "CASE kind"
                + " WHEN 'OV' THEN " + draw.pick("office_type", Codes.OFFICE_VISIT, "encounter_id")
                + " WHEN 'PV' THEN CASE WHEN age_in_year >= 65 THEN '" + Codes.ANNUAL_WELLNESS_VISIT + "'"
                + " WHEN age_in_year >= 40 THEN '99396' WHEN age_in_year >= 18 THEN '99395'"
                + " WHEN age_in_year >= 12 THEN '99394' WHEN age_in_year >= 5 THEN '99393'"
                + " WHEN age_in_year >= 1 THEN '99392' ELSE '99391' END"
                + " WHEN 'TV' THEN '" + Codes.TELEPHONE_VISIT + "'"
                + " WHEN 'DV' THEN '" + Codes.DEPRESSION_VISIT + "'"
                + " WHEN 'ED' THEN " + draw.pick("ed_type", Codes.ED_VISIT, "encounter_id")
                + " WHEN 'IP' THEN IF(from_ed, '" + Codes.EMERGENCY_ADMISSION + "', '" + Codes.ELECTIVE_ADMISSION + "')"
                + " ELSE '" + Codes.OBSERVATION_STAY + "' END";
    }
}
