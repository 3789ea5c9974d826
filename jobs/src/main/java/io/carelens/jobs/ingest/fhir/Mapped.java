package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one mapping produced: canonical rows with lineage, and the resources it rejected (in
 * Quarantine.SOURCE_REJECT_COLUMNS form).
 */
record Mapped(Dataset<Row> rows, Dataset<Row> rejects) {

    /**
     * Splits resources whose references were resolved with {@link FhirResources#resolve}: those with an unresolved
     * reference in any of {@code resolvedAs} are rejected as UNRESOLVED_REFERENCE; the others are projected to
     * {@code columns} plus lineage.
     *
     * @param fields the FHIR element named in the message, per entry of {@code resolvedAs}
     */
    static Mapped split(Dataset<Row> resolved, String type, List<String> resolvedAs, List<String> fields,
                        List<Column> columns) {
        Column anyUnresolved = lit(false);
        Column message = lit("a reference does not resolve to a resource in this source");
        for (int i = resolvedAs.size() - 1; i >= 0; i--) {
            Column u = FhirResources.unresolved(resolvedAs.get(i));
            anyUnresolved = anyUnresolved.or(u);
            Column text = lit("field '" + fields.get(i) + "' does not resolve to a resource in this source");
            message = when(u, text).otherwise(message);
        }
        List<Column> out = new ArrayList<>(columns);
        out.add(col(CanonicalTable.SOURCE_FILE));
        out.add(col(CanonicalTable.SOURCE_ROW));
        Dataset<Row> rows = resolved.where(anyUnresolved.unary_$bang()).select(out.toArray(Column[]::new));
        Dataset<Row> rejects = FhirResources.rejects(resolved.where(anyUnresolved), type,
                ReasonCode.UNRESOLVED_REFERENCE, message);
        return new Mapped(rows, rejects);
    }

    /** The person a resource is about: {@code subject}, {@code patient} or {@code beneficiary}, resolved. */
    static Dataset<Row> withPerson(FhirResources res, Dataset<Row> typed, String element) {
        return res.resolve(typed, col("r." + element + ".reference"), "Patient", "person_id");
    }

    Mapped union(Mapped other) {
        return new Mapped(rows.unionByName(other.rows, true), rejects.unionByName(other.rejects));
    }
}
