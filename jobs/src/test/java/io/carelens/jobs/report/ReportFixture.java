package io.carelens.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldColumn;
import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.run.StageRunner;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One warehouse with hand-made gold tables (src/test/resources/report/gold, see PROVENANCE.md), a run manifest
 * with an ingest reconciliation, and the dashboard written from it; built once and shared by the report tests.
 */
final class ReportFixture {
    /** The gold tables the fixture holds: typed from their {@link GoldTable} contract, never by hand. */
    static final List<GoldTable> GOLD = List.of(GoldTable.MEASURE_RATES, GoldTable.UTILIZATION_RATES,
            GoldTable.DISPARITIES, GoldTable.EVALUATION, GoldTable.ED_VISITS, GoldTable.CARE_GAPS);
    /** The other tables the dashboard reads, with their columns. */
    static final Map<String, String> SCHEMAS = Map.of(
            "silver/patient", "person_id STRING, race STRING, ethnicity STRING",
            Quarantine.TABLE, "run_id STRING, entity STRING, source_file STRING, source_row LONG, "
                    + "reason_code STRING, message STRING, record STRING");

    static final Reconciliation PATIENT_INGEST = new Reconciliation("patient", 23, 20, 1, 2);
    static final Reconciliation ENCOUNTER_INGEST = new Reconciliation("encounter", 140, 137, 3, 0);

    private static StageContext context;
    private static Path dashboard;

    private ReportFixture() {
    }

    /** The shared context whose warehouse holds the fixture tables and whose report has been written. */
    static synchronized StageContext context() {
        if (context == null) {
            context = SharedSpark.context(Map.of());
            GOLD.forEach(t -> context.warehouse().overwrite(t.path(), gold(t)));
            SCHEMAS.forEach((table, ddl) -> context.warehouse().overwrite(table, csv(table, ddl)));
            context.manifest().reconciliation("ingest", PATIENT_INGEST);
            context.manifest().reconciliation("ingest", ENCOUNTER_INGEST);
            context.manifest().commit("ingest");
            ReportStage stage = new ReportStage(null);
            StageRunner.runAlone(stage, context);
            dashboard = stage.written();
        }
        return context;
    }

    static synchronized Path dashboard() {
        context();
        return dashboard;
    }

    static Dataset<Row> table(String table) {
        return context().warehouse().read(table);
    }

    /**
     * A gold table from its CSV: every column of the contract with the contract's type (null where the CSV leaves it
     * out); a CSV column the contract does not have fails, so a renamed gold column fails the report tests.
     */
    static Dataset<Row> gold(GoldTable table) {
        String file = table.path().substring(table.path().indexOf('/') + 1) + ".csv";
        Dataset<Row> text = SharedSpark.spark().read().option("header", "true").csv(resource("/report/gold/" + file));
        List<String> given = Arrays.asList(text.columns());
        List<String> contract = table.columns().stream().map(GoldColumn::name).toList();
        given.forEach(c -> assertTrue(contract.contains(c), file + ": column " + c + " is not in " + table.path()));
        return text.select(table.columns().stream().map(c -> (given.contains(c.name()) ? col(c.name())
                : lit(null)).cast(c.type()).alias(c.name())).toArray(Column[]::new));
    }

    private static Dataset<Row> csv(String table, String ddl) {
        String file = table.substring(table.indexOf('/') + 1) + ".csv";
        return SharedSpark.spark().read().schema(ddl).option("header", "true").csv(resource("/report/gold/" + file));
    }

    static String resource(String path) {
        try {
            return Paths.get(ReportFixture.class.getResource(path).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
