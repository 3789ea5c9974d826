package io.carelens.jobs.utilization;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The NYU ED algorithm with the Johnston (2017) ICD-10-CM patch, at visit level: the visit's principal diagnosis is
 * joined exactly (uppercase, no dot) to the Johnston table and the visit carries its probabilities of being
 * non-emergent ({@code ne}), emergent primary-care treatable ({@code epct}), emergent ED-needed preventable
 * ({@code edcnpa}) or not preventable ({@code edcnnpa}), or its special-category flags ({@code injury},
 * {@code mental}, {@code alcohol}, {@code drug}). A visit whose diagnosis is not in the table is {@code unclassified}
 * = 1; {@code mapped} is false when the visit has no ICD-10-CM principal diagnosis at all (no diagnosis, or SNOMED CT),
 * and such a visit is unclassified too. Per visit the nine values sum to 1; populations are described by their sums.
 */
public final class NyuEdClassifier {
    private NyuEdClassifier() {
    }

    /**
     * NYU category events (probability sums) of the visits that feed the algorithm: every visit, or with
     * {@code treatAndReleaseOnly} only visits not ending in an admission.
     */
    public static Dataset<Row> events(Dataset<Row> classified, boolean treatAndReleaseOnly) {
        Dataset<Row> basis = treatAndReleaseOnly ? classified.where(col("admitted").unary_$bang()) : classified;
        Map<UtilizationMeasure, Column> m = new LinkedHashMap<>();
        m.put(UtilizationMeasure.ED_NYU_NONEMERGENT, col("ne"));
        m.put(UtilizationMeasure.ED_NYU_EMERGENT_PC_TREATABLE, col("epct"));
        m.put(UtilizationMeasure.ED_NYU_EMERGENT_PREVENTABLE, col("edcnpa"));
        m.put(UtilizationMeasure.ED_NYU_EMERGENT_NOT_PREVENTABLE, col("edcnnpa"));
        m.put(UtilizationMeasure.ED_NYU_INJURY, col("injury"));
        m.put(UtilizationMeasure.ED_NYU_MENTAL_HEALTH, col("mental"));
        m.put(UtilizationMeasure.ED_NYU_ALCOHOL, col("alcohol"));
        m.put(UtilizationMeasure.ED_NYU_DRUG, col("drug"));
        m.put(UtilizationMeasure.ED_NYU_UNCLASSIFIED, col("unclassified"));
        m.put(UtilizationMeasure.ED_NYU_UNMAPPED, when(col("mapped"), lit(0.0)).otherwise(lit(1.0)));
        m.put(UtilizationMeasure.ED_AVOIDABLE, col("ne").plus(col("epct")).plus(col("edcnpa")));
        m.put(UtilizationMeasure.ED_PC_TREATABLE, col("ne").plus(col("epct")));
        return UtilizationEvents.weighted(basis.select(col("person_id"), col("visit_id").as("source_id"),
                col("visit_date").as("event_date"), col("ne"), col("epct"), col("edcnpa"), col("edcnnpa"),
                col("injury"), col("mental"), col("alcohol"), col("drug"), col("unclassified"), col("mapped")), m);
    }

    /** Adds {@code mapped, ne, epct, edcnpa, edcnnpa, injury, mental, alcohol, drug, unclassified} to visits. */
    public static Dataset<Row> classify(SparkSession spark, Dataset<Row> visits) {
        Dataset<Row> johnston = ReferenceData.johnstonIcd10(spark);
        Dataset<Row> joined = visits
                .withColumn("mapped", coalesce(Diagnoses.isIcd10cm(col("principal_dx_system")), lit(false)))
                .join(broadcast(johnston), col("mapped").and(col("principal_dx_code").equalTo(col("icd10"))), "left");
        return joined
                .withColumn("ne", coalesce(col("noner"), lit(0.0)))
                .withColumn("epct", coalesce(col("epct"), lit(0.0)))
                .withColumn("edcnpa", coalesce(col("edcnpa"), lit(0.0)))
                .withColumn("edcnnpa", coalesce(col("edcnnpa"), lit(0.0)))
                .withColumn("injury", coalesce(col("injury"), lit(0.0)))
                .withColumn("mental", coalesce(col("psych"), lit(0.0)))
                .withColumn("alcohol", coalesce(col("alcohol"), lit(0.0)))
                .withColumn("drug", coalesce(col("drug"), lit(0.0)))
                .withColumn("unclassified", when(col("icd10").isNull(), lit(1.0)).otherwise(lit(0.0)))
                .drop("icd10", "noner", "psych");
    }
}
