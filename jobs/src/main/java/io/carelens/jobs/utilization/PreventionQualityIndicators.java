package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.spark.Ages;
import io.carelens.common.schema.CodeSystem;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * AHRQ Prevention Quality Indicators 01, 03, 05, 07, 08, 11, 12, 14, 15, 16 and composites 90 (all ten), 91 (acute:
 * 11, 12) and 92 (chronic: the other eight), counting each discharge once per composite. The discharges are acute
 * inpatient stays; the value sets are AHRQ's v2023 lists as bundled by Tuva.
 *
 * <p>Every PQI excludes: transfers in (UB-04 point of origin 4, 5, 6, configurable), missing sex ({@code sex} null or
 * {@code unknown}), a missing birth date, no ICD-10-CM principal diagnosis, and age under 18 at admission. Measure
 * rules (principal diagnosis unless noted; exclusions on any diagnosis or ICD-10-PCS procedure of the stay):
 * 05 age 40+, excludes cystic fibrosis / respiratory anomalies; 07 excludes cardiac procedures, and CKD with a
 * dialysis-access procedure; 08 excludes cardiac procedures; 11 excludes sickle cell and immunocompromised state
 * (diagnosis or procedure); 12 excludes kidney/urinary-tract disorders and immunocompromised state; 15 age 18-39,
 * excludes cystic fibrosis; 16 any diabetes diagnosis with a lower-extremity amputation, excluding traumatic
 * amputation, and (by default) an MDC 14 pregnancy principal diagnosis. The obstetric rule's measures are configurable.
 */
public final class PreventionQualityIndicators {
    static final List<String> COMPONENTS = List.of("01", "03", "05", "07", "08", "11", "12", "14", "15", "16");
    static final List<String> ACUTE = List.of("11", "12");

    private final UtilizationSettings settings;

    public PreventionQualityIndicators(UtilizationSettings settings) {
        this.settings = settings;
    }

    /**
     * The qualifying discharges: {@code stay_id, person_id, admit_date, pqi} (one row per stay and PQI number,
     * composites included as 90, 91, 92).
     *
     * @param inpatientStays acute inpatient stays ({@link AcuteHospitalUtilization#inpatient})
     * @param diagnoses encounter diagnoses ({@link Diagnoses#ofEncounters})
     */
    public Dataset<Row> discharges(SparkSession spark, Dataset<Row> inpatientStays, Dataset<Row> diagnoses,
                                   UtilizationInputs inputs) {
        Dataset<Row> valueSets = broadcast(ReferenceData.pqiValueSets(spark).select("code", "value_set_name"));
        Dataset<Row> icd = diagnoses.where(Diagnoses.isIcd10cm(col("code_system")))
                .withColumnRenamed("encounter_id", "stay_id");
        Dataset<Row> principal = Diagnoses.principal(icd, "stay_id");
        Dataset<Row> procedures = inputs.procedure()
                .where(col("encounter_id").isNotNull().and(col("status").equalTo("completed"))
                        .and(col("code_system").equalTo(CodeSystem.ICD10PCS.name())))
                .select(col("encounter_id").as("stay_id"), Diagnoses.normalise(col("code")).as("code"));

        // Tags "P:<set>" (principal diagnosis), "D:<set>" (any diagnosis), "X:<set>" (any procedure) per stay.
        Dataset<Row> principalTags = principal.join(valueSets, col("principal_dx_code").equalTo(col("code")))
                .select(col("stay_id"), concat(lit("P:"), col("value_set_name")).as("tag"));
        Dataset<Row> dxTags = icd.join(valueSets, col("dx").equalTo(col("code")))
                .select(col("stay_id"), concat(lit("D:"), col("value_set_name")).as("tag"));
        Dataset<Row> pxTags = procedures.join(valueSets, "code")
                .select(col("stay_id"), concat(lit("X:"), col("value_set_name")).as("tag"));
        Dataset<Row> tags = principalTags.unionByName(dxTags).unionByName(pxTags)
                .groupBy("stay_id").agg(collect_set("tag").as("tags"));

        Dataset<Row> stays = inpatientStays
                .join(inputs.patient().select("person_id", "birth_date", "sex"), "person_id", "left")
                .join(principal, "stay_id", "left")
                .join(tags, "stay_id", "left")
                .withColumn("tags", coalesce(col("tags"), array().cast("array<string>")))
                .withColumn("age", Ages.wholeYears(col("birth_date"), col("admit_date")));
        Column shared = col("admit_source_code").isNull()
                .or(col("admit_source_code").isin(settings.transferAdmitSources().toArray()).unary_$bang())
                .and(col("sex").isNotNull().and(col("sex").notEqual("unknown")))
                .and(col("birth_date").isNotNull())
                .and(Diagnoses.isIcd10cm(col("principal_dx_system")))
                .and(col("age").geq(18));

        List<Column> flagged = new ArrayList<>();
        for (String n : COMPONENTS) {
            flagged.add(when(measure(n), lit(n)));
        }
        Column components = filter(array(flagged.toArray(Column[]::new)), c -> c.isNotNull());
        Column composites = array(
                when(size(components).gt(0), lit("90")),
                when(hasAny(components, ACUTE), lit("91")),
                when(hasAny(components, COMPONENTS.stream().filter(n -> !ACUTE.contains(n)).toList()), lit("92")));
        return stays.where(shared)
                .withColumn("_pqis", array_union(components, filter(composites, c -> c.isNotNull())))
                .select(col("stay_id"), col("person_id"), col("admit_date"), explode(col("_pqis")).as("pqi"));
    }

    /** Numerator and measure-specific exclusions of one PQI, on a stay's tags and age. */
    private Column measure(String n) {
        Column rule = switch (n) {
            case "01" -> p("diabetes_with_short-term_complications_diagnosis_codes");
            case "03" -> p("diabetes_with_long-term_complications_diagnosis_codes");
            case "05" -> p("chronic_obstructive_pulmonary_disorder").or(p("asthma"))
                    .and(col("age").geq(40))
                    .and(d("cystic_fibrosis_and_anomalies_of_the_respiratory_system").unary_$bang());
            case "07" -> p("hypertension_diagnosis_codes")
                    .and(x("cardiac_procedure_codes").unary_$bang())
                    .and(d("exclusion_kidney_disease_diagnosis_codes")
                            .and(x("exclusion_dialysis_access_procedure_codes")).unary_$bang());
            case "08" -> p("heart_failure_diagnosis_codes").and(x("cardiac_procedure_codes").unary_$bang());
            case "11" -> p("community_acquired_bacterial_pneumonia_diagnosis_codes")
                    .and(d("sickle_cell_anemia_or_hb-s_disease_diagnosis_codes").unary_$bang())
                    .and(immunocompromised().unary_$bang());
            case "12" -> p("urinary_tract_infection_diagnosis_codes")
                    .and(d("kidney_or_urinary_tract_disorder_diagnosis_codes").unary_$bang())
                    .and(immunocompromised().unary_$bang());
            case "14" -> p("uncontrolled_diabetes_diagnosis_codes");
            case "15" -> p("asthma_diagnosis_codes").and(col("age").between(18, 39))
                    .and(d("cystic_fibrosis_and_anomalies_of_the_respiratory_system_diagnosis_codes").unary_$bang());
            case "16" -> d("diabetes_diagnosis_codes").and(x("lower-extremity_amputation_procedure_codes"))
                    .and(d("traumatic_amputation_of_the_lower_extremity_diagnosis_codes").unary_$bang());
            default -> throw new IllegalArgumentException("unknown PQI " + n);
        };
        if (settings.obstetricExclusionMeasures().contains(n)) {
            rule = rule.and(p("mdc_14_principal_diagnosis_codes").unary_$bang());
        }
        return rule;
    }

    private static Column immunocompromised() {
        return d("immunocompromised_state_diagnosis_codes").or(x("immunocompromised_state_procedure_codes"));
    }

    private static Column p(String valueSet) {
        return array_contains(col("tags"), "P:" + valueSet);
    }

    private static Column d(String valueSet) {
        return array_contains(col("tags"), "D:" + valueSet);
    }

    private static Column x(String valueSet) {
        return array_contains(col("tags"), "X:" + valueSet);
    }

    private static Column hasAny(Column components, List<String> numbers) {
        Column any = lit(false);
        for (String n : numbers) {
            any = any.or(array_contains(components, n));
        }
        return any;
    }

    /** Events of the PQI measures (PQI01 ... PQI92) from {@link #discharges}. */
    public static Dataset<Row> events(Dataset<Row> discharges) {
        return UtilizationEvents.counted(discharges.select(col("person_id"), col("stay_id").as("source_id"),
                col("admit_date").as("event_date"), concat(lit("PQI"), col("pqi")).as("measure_id")));
    }
}
