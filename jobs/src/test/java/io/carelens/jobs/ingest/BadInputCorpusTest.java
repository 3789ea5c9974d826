package io.carelens.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.jobs.ingest.fhir.FhirSource;
import io.carelens.jobs.ingest.synthea.SyntheaSource;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, listed in docs/bad-input.md): each kind of bad input
 * has one clear outcome, per line of its file: accepted, flagged (field and reason), quarantined (reason), or a
 * one-line user error naming file and column; every other file in the folder is named in a warning, and the
 * counts reconcile. The canonical kinds are the files of one input folder (each file its own header, encoding and
 * compression), so one ingest covers them all; the FHIR kinds likewise.
 */
class BadInputCorpusTest {
    private static final int BIG_FIELD_CHARS = 2 << 20;
    private static Outcomes canonical;
    private static Outcomes fhir;

    /** Per kind: the file (folder/name) and its outcome per line, in line order. */
    static Stream<Arguments> canonicalKinds() {
        return Stream.of(
                Arguments.of("UTF-8 byte order mark", "patient/bom.csv", "2 accepted"),
                Arguments.of("header in another case, with spaces", "patient/header-case-spaces.csv", "2 accepted"),
                Arguments.of("invalid UTF-8 in a key", "patient/invalid-utf8-key.csv", "2 INVALID_ENCODING"),
                Arguments.of("unknown language", "patient/unknown-language.csv", "2 flag preferred_language INVALID_VALUE"),
                Arguments.of("29 February of a non-leap year", "patient/feb29-non-leap.csv", "2 INVALID_TYPE"),
                Arguments.of("date in another format", "patient/date-other-format.csv", "2 INVALID_TYPE"),
                Arguments.of("missing optional column (patient)", "patient/missing-optional-column.csv", "2 accepted"),
                Arguments.of("CRLF line endings", "encounter/crlf.csv", "2 accepted, 3 accepted"),
                Arguments.of("mixed line endings (LF, CRLF, CR)", "encounter/mixed-line-endings.csv",
                        "2 accepted, 3 accepted, 4 accepted"),
                Arguments.of("invalid UTF-8 in a text field", "encounter/invalid-utf8.csv", "2 flag facility_id INVALID_ENCODING"),
                Arguments.of("Latin-1 text", "encounter/latin1.csv", "2 flag facility_id INVALID_ENCODING"),
                Arguments.of("NUL byte", "encounter/nul-byte.csv", "2 flag provider_id INVALID_ENCODING"),
                Arguments.of("columns in another order", "encounter/columns-reordered.csv", "2 accepted"),
                Arguments.of("header-only file", "encounter/header-only.csv", ""),
                Arguments.of("truncated last line", "encounter/truncated-last-line.csv", "2 accepted, 3 MALFORMED_ROW"),
                Arguments.of("quoted field with an embedded newline", "encounter/quoted-embedded-newline.csv",
                        "2 MALFORMED_ROW, 3 MALFORMED_ROW"),
                Arguments.of("blank lines", "encounter/blank-lines.csv", "2 accepted, 4 accepted"),
                Arguments.of("gzip-compressed CSV", "encounter/gzip.csv.gz", "2 accepted"),
                Arguments.of("bzip2-compressed CSV", "encounter/bzip2.csv.bz2", "2 accepted"),
                Arguments.of("timestamp in another format", "encounter/timestamp-other-format.csv", "2 INVALID_TYPE"),
                Arguments.of("timestamp without a zone (read as UTC)", "encounter/timestamp-without-zone.csv", "2 accepted"),
                Arguments.of("exact duplicate rows (line 3 removed as a duplicate)", "encounter/exact-duplicate-rows.csv",
                        "2 accepted"),
                Arguments.of("same key, different content, two files (a)", "encounter/same-key-file-a.csv", "2 DUPLICATE_KEY"),
                Arguments.of("same key, different content, two files (b)", "encounter/same-key-file-b.csv", "2 DUPLICATE_KEY"),
                Arguments.of("encounter class not an ActCode (CPT code, STRAT)", "encounter/class-not-an-actcode.csv",
                        "2 flag encounter_class INVALID_VALUE, 3 flag encounter_class INVALID_VALUE"),
                Arguments.of("missing optional column (encounter)", "encounter/missing-optional-column.csv", "2 accepted"),
                Arguments.of("unknown extra column", "encounter/unknown-extra-column.csv", "2 accepted"),
                Arguments.of("a 2 MB field", "encounter/big-field.csv", "2 accepted"));
    }

    /** Per kind: a fragment of the warning that names it. */
    static Stream<Arguments> canonicalWarnings() {
        return Stream.of(
                Arguments.of("file matching no table", "notes.txt matches no canonical table: not read"),
                Arguments.of("other file in a table folder", "README.txt is not a CSV"),
                Arguments.of("missing optional column", "patient/missing-optional-column.csv: optional column 'race' is missing"),
                Arguments.of("missing optional columns", "encounter/missing-optional-column.csv: optional column 'end_ts' is missing"),
                Arguments.of("unknown extra column", "unknown-extra-column.csv: column 'notes' is not in the contract"));
    }

    /** Per kind: an input folder that is a user error, and fragments of its one-line message. */
    static Stream<Arguments> userErrors() {
        return Stream.of(
                Arguments.of("zero-byte file", "zero-byte", "patient.csv: empty file"),
                Arguments.of("missing required column", "missing-required-column", "patient.csv: required column 'birth_date'"),
                Arguments.of("semicolon delimiter", "semicolon-delimiter", "patient.csv: the header is separated by semicolons"),
                Arguments.of("tab delimiter", "tab-delimiter", "patient.csv: the header is separated by tabs"),
                Arguments.of("table given twice", "table-given-twice", "table encounter is given more than once (encounter/ and encounter.csv"));
    }

    static Stream<Arguments> fhirKinds() {
        return Stream.of(
                Arguments.of("unknown extension", "fhir/patients.ndjson", "1 accepted, 2 accepted"),
                Arguments.of("JSON array instead of NDJSON", "fhir/json-array.ndjson", "1 MALFORMED_ROW"),
                Arguments.of("resource without resourceType", "fhir/no-resource-type.ndjson", "1 MALFORMED_ROW"),
                Arguments.of("reference to a missing patient", "fhir/missing-patient.ndjson", "1 ORPHAN_PERSON"),
                Arguments.of("encounter class not an ActCode", "fhir/class-not-an-actcode.ndjson",
                        "1 flag encounter_class INVALID_VALUE, 2 flag encounter_class INVALID_VALUE"),
                Arguments.of("contained resource", "fhir/contained.ndjson", "1 UNRESOLVED_REFERENCE"),
                Arguments.of("Bundle of type searchset", "fhir/searchset-bundle.json", "1 accepted"),
                Arguments.of("Bundle of type collection", "fhir/collection-bundle.json", "1 accepted"));
    }

    @BeforeAll
    static void ingestTheCorpus() throws IOException {
        Path input = Files.createTempDirectory("carelens-bad-input-");
        FileUtils.copyDirectory(resource("canonical").toFile(), input.toFile());
        String header = Files.readAllLines(input.resolve("encounter/crlf.csv")).get(0);
        Files.writeString(input.resolve("encounter/big-field.csv"), header + "\nbig1,p1,finished,AMB,CPT,99213,"
                + "2025-03-10T09:00:00Z,,H1,P1,D1,,," + "x".repeat(BIG_FIELD_CHARS) + "\n", StandardCharsets.UTF_8);
        canonical = Outcomes.ingest(new CanonicalSource(), input);
        fhir = Outcomes.ingest(new FhirSource(), resource("fhir"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalKinds")
    void canonicalKindHasItsOutcome(String kind, String file, String expected) {
        assertEquals(expected, canonical.of(file), kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalWarnings")
    void fileOrColumnNotReadIsNamedInAWarning(String kind, String fragment) {
        assertTrue(canonical.warnings.stream().anyMatch(w -> w.contains(fragment)), kind + ": " + canonical.warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userErrors")
    void userErrorIsOneLineNamingFileAndColumn(String kind, String folder, String fragment) {
        IngestException e = assertThrows(IngestException.class,
                () -> new CanonicalSource().read(SharedSpark.spark(), resource("errors/" + folder).toString()));
        assertTrue(e.getMessage().contains(fragment), kind + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fhirKinds")
    void fhirKindHasItsOutcome(String kind, String file, String expected) {
        assertEquals(expected, fhir.of(file), kind);
    }

    @Test
    void countsReconcileWithFlaggedRowsInsideAccepted() {
        Map<String, Reconciliation> byTable = canonical.counts.stream()
                .collect(Collectors.toMap(Reconciliation::table, r -> r));
        assertEquals(new Reconciliation("patient", 10, 7, 3, 0, 1), byTable.get("patient"));
        assertEquals(new Reconciliation("encounter", 28, 21, 6, 1, 5), byTable.get("encounter"));
        Stream.concat(canonical.counts.stream(), fhir.counts.stream()).forEach(r -> assertTrue(r.balances(), r.toString()));
        assertTrue(fhir.warnings.stream().anyMatch(w -> w.contains("README.txt is not FHIR JSON")), fhir.warnings.toString());
    }

    @Test
    void valuesOfFlaggedAndUnzonedRowsAreAsDocumented() {
        Row tz = canonical.ctx.warehouse().read("silver/encounter").where("encounter_id = 'tz1'").head();
        assertEquals("2025-03-10 09:00:00.0", tz.getAs("start_ts").toString(), "no zone: read as UTC");
        Row cls = fhir.ctx.warehouse().read("silver/encounter").where("encounter_id = 'ec2'").head();
        assertTrue(cls.isNullAt(cls.fieldIndex("encounter_class")), "class STRAT is flagged and left empty");
        assertEquals("hosp", cls.getAs("discharge_disposition_code"), "the hospice discharge on the visit is kept");
        Row lang = canonical.ctx.warehouse().read("silver/patient").where("person_id = 'p7'").head();
        assertEquals("unknown", lang.getAs("preferred_language"));
        Row big = canonical.ctx.warehouse().read("silver/encounter").where("encounter_id = 'big1'").head();
        assertEquals(BIG_FIELD_CHARS, ((String) big.getAs("discharge_disposition_code")).length());
    }

    @Test
    void syntheaExportWithoutOptionalFilesIsReadAndAnUnmappedFileNamed() throws IOException {
        Path export = Files.createTempDirectory("carelens-synthea-");
        FileUtils.copyDirectory(Paths.get("src/test/resources/synthea/v2-layout").toFile(), export.toFile());
        Files.writeString(export.resolve("allergies.csv"), "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n");
        SourceBatch batch = new SyntheaSource().read(SharedSpark.spark(), export.toString());
        assertFalse(batch.tables().containsKey(CanonicalTable.PROCEDURE), "no procedures.csv: no procedure table");
        assertTrue(batch.tables().containsKey(CanonicalTable.ENCOUNTER));
        assertEquals(1, batch.warnings().size(), batch.warnings().toString());
        assertTrue(batch.warnings().get(0).endsWith("/allergies.csv is not a Synthea file CareLens maps: not read"));
    }

    private static Path resource(String name) {
        try {
            return Paths.get(BadInputCorpusTest.class.getResource("/bad-input/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of every line of one ingest: accepted, flagged or quarantined, by folder/file and line. */
    private record Outcomes(StageContext ctx, List<Reconciliation> counts, List<String> warnings,
                            Map<String, Map<Long, String>> byFile) {

        static Outcomes ingest(SourceAdapter adapter, Path input) {
            StageContext ctx = SharedSpark.context(Map.of());
            List<String> warnings = adapter.read(ctx.spark(), input.toString()).warnings();
            IngestStage stage = new IngestStage(adapter, input.toString());
            stage.run(ctx);
            Map<String, Map<Long, String>> byFile = new TreeMap<>();
            for (CanonicalTable t : CanonicalTable.values()) {
                if (ctx.warehouse().exists(t.silverPath())) {
                    for (Row r : ctx.warehouse().read(t.silverPath())
                            .select(CanonicalTable.SOURCE_FILE, CanonicalTable.SOURCE_ROW).collectAsList()) {
                        put(byFile, r.getString(0), r.getLong(1), "accepted");
                    }
                }
            }
            if (ctx.warehouse().exists(DataQualityFlags.TABLE)) {
                for (Row r : ctx.warehouse().read(DataQualityFlags.TABLE)
                        .select("source_file", "source_row", "field", "reason_code").collectAsList()) {
                    put(byFile, r.getString(0), r.getLong(1), "flag " + r.getString(2) + " " + r.getString(3));
                }
            }
            for (Row r : ctx.warehouse().read(Quarantine.TABLE)
                    .select("source_file", "source_row", "reason_code").collectAsList()) {
                put(byFile, r.getString(0), r.getLong(1), r.getString(2));
            }
            return new Outcomes(ctx, stage.reconciliations(), warnings, byFile);
        }

        /** A flag replaces the row's "accepted"; a row with several reasons lists them all. */
        private static void put(Map<String, Map<Long, String>> byFile, String file, long line, String outcome) {
            String[] parts = file.replace('\\', '/').split("/");
            String key = parts[parts.length - 2] + "/" + parts[parts.length - 1];
            byFile.computeIfAbsent(key, k -> new TreeMap<>()).merge(line, outcome,
                    (a, b) -> a.equals("accepted") ? b : a + "; " + b);
        }

        String of(String file) {
            List<String> lines = new ArrayList<>();
            byFile.getOrDefault(file, Map.of()).forEach((line, outcome) -> lines.add(line + " " + outcome));
            return String.join(", ", lines);
        }
    }
}
