package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.Field;
import io.carelens.jobs.generate.FhirExport;
import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.SourceBatch;
import io.carelens.jobs.ingest.Validator;
import io.carelens.jobs.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Canonical CSV exported to FHIR NDJSON and read back by the FHIR source gives the same canonical rows. */
class FhirExportTest {
    private static SourceBatch canonical;
    private static SourceBatch fhir;
    private static Path out;

    @BeforeAll
    static void roundTrip() throws Exception {
        String in = Path.of(FhirExportTest.class.getResource("/fhir-export").toURI()).toString();
        out = Files.createTempDirectory("carelens-fhir-export-");
        FhirExport.export(SharedSpark.spark(), in, out.toString());
        canonical = new CanonicalSource().read(SharedSpark.spark(), in);
        fhir = new FhirSource().read(SharedSpark.spark(), out.toString());
    }

    @Test
    void writesOneBulkDataFolderPerResourceType() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
            assertTrue(names.contains("Patient/Patient.000.ndjson"), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith(".ndjson")), names.toString());
        }
        assertEquals(0, fhir.rejected().count());
    }

    @Test
    void everyCanonicalRowComesBack() {
        for (CanonicalTable table : canonical.tables().keySet()) {
            Dataset<Row> expected = typed(table, canonical);
            Dataset<Row> actual = typed(table, fhir);
            assertEquals(expected.count(), actual.count(), table.tableName() + " rows");
            List<Row> missing = expected.except(actual).collectAsList();
            assertEquals(List.of(), missing, table.tableName() + " rows that did not come back; got "
                    + actual.collectAsList());
        }
    }

    /** The canonical columns as validation types them (without practice_id, which FHIR does not carry). */
    private static Dataset<Row> typed(CanonicalTable table, SourceBatch batch) {
        Dataset<Row> persons = typedPatients(batch);
        Column[] columns = table.fields().stream().map(Field::name).filter(n -> !n.equals("practice_id"))
                .map(n -> col(n)).toArray(Column[]::new);
        return new Validator(table, LocalDate.now()).validate(batch.tables().get(table), persons).select(columns);
    }

    private static Dataset<Row> typedPatients(SourceBatch batch) {
        return new Validator(CanonicalTable.PATIENT, LocalDate.now())
                .validate(batch.tables().get(CanonicalTable.PATIENT), null)
                .select("person_id", "birth_date", "deceased_date");
    }
}
