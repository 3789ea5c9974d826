package io.carelens.jobs.report;

import io.carelens.jobs.ingest.Quarantine;
import io.carelens.jobs.run.Reconciliation;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One warehouse with hand-made gold tables (src/test/resources/report/gold, see PROVENANCE.md), a run manifest
 * with an ingest reconciliation, and the dashboard written from it; built once and shared by the report tests.
 */
final class ReportFixture {
    static final Map<String, String> SCHEMAS = Map.of(
            "gold/measure_rates", "measure_id STRING, period_start DATE, period_end DATE, dimension STRING, "
                    + "stratum STRING, initial_population LONG, denominator LONG, denominator_exclusion LONG, "
                    + "denominator_exception LONG, numerator LONG, performance_denominator LONG, rate DOUBLE, "
                    + "ci_lower DOUBLE, ci_upper DOUBLE, suppressed BOOLEAN",
            "gold/utilization_rates", "measure_id STRING, unit STRING, period_start DATE, period_end DATE, "
                    + "program_id STRING, arm STRING, practice_id STRING, dimension STRING, stratum STRING, "
                    + "events DOUBLE, person_years DOUBLE, rate DOUBLE, ci_lower DOUBLE, ci_upper DOUBLE, suppressed BOOLEAN",
            "gold/disparities", "measure_id STRING, program_id STRING, arm STRING, period_start DATE, "
                    + "period_end DATE, dimension STRING, metric STRING, stratum STRING, reference_group STRING, "
                    + "estimate DOUBLE, ci_lower DOUBLE, ci_upper DOUBLE, p_value DOUBLE, relative_difference DOUBLE, "
                    + "verdict STRING, suppressed BOOLEAN",
            "gold/evaluation", "measure_id STRING, estimand STRING, method STRING, estimate DOUBLE, "
                    + "standard_error DOUBLE, ci_lower DOUBLE, ci_upper DOUBLE, p_value DOUBLE, n LONG",
            "gold/ed_visits", "visit_id STRING, person_id STRING, visit_date DATE, facility_id STRING, "
                    + "admitted BOOLEAN, principal_dx_code STRING, ne DOUBLE, epct DOUBLE, edcnpa DOUBLE, "
                    + "edcnnpa DOUBLE, injury DOUBLE, mental DOUBLE, alcohol DOUBLE, drug DOUBLE, unclassified DOUBLE, "
                    + "mapped BOOLEAN",
            "gold/care_gaps", "measure_id STRING, period_start DATE, period_end DATE, program_id STRING, "
                    + "practice_id STRING, person_id STRING, stratum STRING, gap STRING, evidence STRING, close_gap STRING",
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
            SCHEMAS.forEach((table, ddl) -> context.warehouse().overwrite(table, csv(table, ddl)));
            context.manifest().reconciliation("ingest", PATIENT_INGEST);
            context.manifest().reconciliation("ingest", ENCOUNTER_INGEST);
            context.manifest().output("ingest", "silver/patient");
            context.manifest().commit("ingest");
            ReportStage stage = new ReportStage(null);
            stage.run(context);
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
