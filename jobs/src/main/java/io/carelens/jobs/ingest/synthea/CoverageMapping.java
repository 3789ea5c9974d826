package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code payer_transitions.csv} with {@code payers.csv} to {@code coverage}: one span per plan period, from
 * START_DATE/END_DATE (Synthea 3.x) or START_YEAR/END_YEAR (2.x: 1 January to 31 December). The payer NAME and
 * OWNERSHIP give the payer type: Medicare, Medicaid, Dual Eligible (medicare, dual_status full), NO_INSURANCE
 * (uninsured), any other government payer (other), everything else commercial. A PAYER that payers.csv does not
 * list is rejected as UNRESOLVED_REFERENCE.
 */
final class CoverageMapping {
    private static final List<String> COLUMNS = List.of("coverage_id", "person_id", "start_date", "end_date",
            "payer_type", "payer_code", "dual_status", "plan_id");

    private CoverageMapping() {
    }

    static Mapped map(SyntheaFile f, Optional<SyntheaFile> payers) {
        Dataset<Row> payerRows = payers.map(p -> p.rows().where(col(io.carelens.jobs.ingest.Validator.MALFORMED).unary_$bang())
                        .select(p.value("Id").as("_payer_id"), p.value("NAME").as("_payer_name"),
                                p.value("OWNERSHIP").as("_payer_ownership")))
                .orElseGet(() -> f.rows().sparkSession().createDataFrame(List.of(), new StructType()
                        .add("_payer_id", DataTypes.StringType).add("_payer_name", DataTypes.StringType)
                        .add("_payer_ownership", DataTypes.StringType)));
        Dataset<Row> data = f.flagUnresolved(f.rows(), "PAYER", payerRows.select("_payer_id"), "_payer_missing", true)
                .join(broadcast(payerRows), f.value("PAYER").equalTo(col("_payer_id")), "left");

        Column name = lower(col("_payer_name"));
        Column uninsured = upper(col("_payer_name")).equalTo("NO_INSURANCE")
                .or(upper(col("_payer_ownership")).equalTo("NO_INSURANCE"));
        Column payerType = when(name.equalTo("medicare").or(name.equalTo("dual eligible")), lit("medicare"))
                .when(name.equalTo("medicaid"), lit("medicaid"))
                .when(uninsured, lit("uninsured"))
                .when(upper(col("_payer_ownership")).equalTo("GOVERNMENT"), lit("other"))
                .when(col("_payer_id").isNotNull(), lit("commercial"));
        Column dualStatus = when(name.equalTo("dual eligible"), lit("full"))
                .when(name.equalTo("medicare").or(name.equalTo("medicaid")), lit("none"));
        Column start = f.has("START_DATE") ? f.value("START_DATE") : concat(f.value("START_YEAR"), lit("-01-01"));
        Column end = f.has("END_DATE") ? f.value("END_DATE") : concat(f.value("END_YEAR"), lit("-12-31"));
        return Mapped.split(f, data.select(
                f.hashId("PATIENT", "START_DATE", "START_YEAR", "PAYER").as("coverage_id"),
                f.value("PATIENT").as("person_id"),
                start.as("start_date"),
                end.as("end_date"),
                payerType.as("payer_type"),
                lit(null).cast(DataTypes.StringType).as("payer_code"),
                dualStatus.as("dual_status"),
                f.value("PAYER").as("plan_id"),
                f.firstRejection(f.unresolved("_payer_missing", "PAYER", "payers.csv")).as(SyntheaFile.REJECT),
                f.record("PATIENT", "START_DATE", "END_DATE", "START_YEAR", "END_YEAR", "PAYER", "SECONDARY_PAYER")
                        .as(SyntheaFile.RECORD),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW)), COLUMNS);
    }
}
