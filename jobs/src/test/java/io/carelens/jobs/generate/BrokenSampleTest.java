package io.carelens.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.DataQualityFlags;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/** sample-data/broken: every deliberately broken row is quarantined or flagged with the reason its README gives. */
class BrokenSampleTest {
    private static final Path BROKEN = Path.of("..", "sample-data", "broken").toAbsolutePath().normalize();

    /** (file:line) to expected reason code, as documented in sample-data/broken/README.md. */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("patient.csv:4", "INVALID_TYPE"),
            Map.entry("patient.csv:5", "BIRTH_AFTER_DEATH"),
            Map.entry("patient.csv:6", "MISSING_REQUIRED"),
            Map.entry("patient.csv:8", "MALFORMED_ROW"),
            Map.entry("patient.csv:9", "FUTURE_DATE"),
            Map.entry("patient.csv:10", "DUPLICATE_KEY"),
            Map.entry("patient.csv:11", "DUPLICATE_KEY"),
            Map.entry("encounter.csv:3", "ORPHAN_PERSON"),
            Map.entry("encounter.csv:4", "EVENT_AFTER_DEATH"),
            Map.entry("encounter.csv:5", "END_BEFORE_START"),
            Map.entry("encounter.csv:6", "FUTURE_DATE"),
            Map.entry("encounter.csv:8", "MISSING_REQUIRED"),
            Map.entry("encounter.csv:9", "EVENT_BEFORE_BIRTH"),
            Map.entry("encounter.csv:10", "MALFORMED_ROW"),
            Map.entry("condition.csv:3", "UNKNOWN_CODE_SYSTEM"),
            Map.entry("condition.csv:4", "INVALID_TYPE")));

    /** (file:line) to the flagged field and reason: the row is kept, the value replaced. */
    private static final Map<String, String> FLAGGED = new TreeMap<>(Map.of(
            "patient.csv:7", "race INVALID_VALUE",
            "encounter.csv:7", "encounter_class INVALID_VALUE"));

    @Test
    void everyBrokenRowIsQuarantinedWithItsReason() {
        StageContext ctx = SharedSpark.context(Map.of());
        StageRunner.runAlone(new IngestStage(new CanonicalSource(), BROKEN.toString()), ctx);

        Map<String, String> actual = new TreeMap<>();
        for (Row r : ctx.warehouse().read(Quarantine.TABLE)
                .selectExpr("source_file", "source_row", "reason_code").collectAsList()) {
            String file = Path.of(java.net.URI.create(r.getString(0)).getPath()).getFileName().toString();
            actual.put(file + ":" + r.getLong(1), r.getString(2));
        }
        assertEquals(EXPECTED, actual);

        Map<String, String> flagged = new TreeMap<>();
        for (Row r : ctx.warehouse().read(DataQualityFlags.TABLE)
                .selectExpr("source_file", "source_row", "field", "reason_code").collectAsList()) {
            String file = Path.of(java.net.URI.create(r.getString(0)).getPath()).getFileName().toString();
            flagged.put(file + ":" + r.getLong(1), r.getString(2) + " " + r.getString(3));
        }
        assertEquals(FLAGGED, flagged);
    }
}
