package io.carelens.jobs.ingest;

import io.carelens.common.schema.CanonicalTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a source adapter hands to ingest: per canonical table, the rows it mapped (canonical column names, any
 * type that casts to the contract's type, plus {@code _source_file} and {@code _source_row}), and the rows it
 * could not map at all ({@link Quarantine#SOURCE_REJECT_COLUMNS}: malformed lines, unresolvable references).
 *
 * @param source   the source kind, used in bronze table names (canonical, fhir, synthea)
 * @param tables   mapped rows per canonical table
 * @param rejected rows the adapter rejected, or null when it rejected none
 * @param notMapped records read that have no canonical table by design (e.g. FHIR Organization), counted per
 *                  entity; they are reported, not quarantined
 * @param warnings  one line each, naming the file (and column) concerned: files not read, columns missing or
 *                  ignored; ingest prints them so that nothing in the input is skipped silently
 */
public record SourceBatch(String source, Map<CanonicalTable, Dataset<Row>> tables, Dataset<Row> rejected,
                          Map<String, Long> notMapped, List<String> warnings) {

    public SourceBatch(String source, Map<CanonicalTable, Dataset<Row>> tables, Dataset<Row> rejected,
                       Map<String, Long> notMapped) {
        this(source, tables, rejected, notMapped, List.of());
    }

    public SourceBatch(String source, Map<CanonicalTable, Dataset<Row>> tables, Dataset<Row> rejected) {
        this(source, tables, rejected, Map.of(), List.of());
    }
}
