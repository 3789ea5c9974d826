package io.carelens.jobs.ingest.synthea;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.carelens.common.schema.CanonicalTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows one Synthea file maps to one canonical table, and the rows of that file the adapter rejected.
 *
 * @param rows     canonical columns (plus any documented extra columns) and lineage
 * @param rejected rows in {@code Quarantine.SOURCE_REJECT_COLUMNS} form
 */
record Mapped(Dataset<Row> rows, Dataset<Row> rejected) {

    /**
     * Splits {@code data}, which carries the canonical columns {@code columns}, lineage, {@link SyntheaFile#REJECT}
     * and {@link SyntheaFile#RECORD}, into mapped and rejected rows.
     */
    static Mapped split(SyntheaFile file, Dataset<Row> data, List<String> columns) {
        List<Column> out = new ArrayList<>();
        columns.forEach(c -> out.add(col(c)));
        out.add(col(CanonicalTable.SOURCE_FILE));
        out.add(col(CanonicalTable.SOURCE_ROW));
        Dataset<Row> rows = data.where(col(SyntheaFile.REJECT).isNull()).select(out.toArray(Column[]::new));
        Dataset<Row> rejected = data.where(col(SyntheaFile.REJECT).isNotNull()).select(
                lit(file.entity()).as("entity"),
                col(CanonicalTable.SOURCE_FILE),
                col(CanonicalTable.SOURCE_ROW),
                col(SyntheaFile.REJECT + ".code").as("reason_code"),
                col(SyntheaFile.REJECT + ".message").as("message"),
                col(SyntheaFile.RECORD).as("record"));
        return new Mapped(rows, rejected);
    }
}
