package io.carelens.jobs.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SampleWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard rendered from the gold tables the stages really wrote on the sample (not from hand-made fixtures),
 * so a gold column the report reads and a stage no longer writes shows here. The report goes to a temporary file and
 * is run without the runner, so the shared sample warehouse is not written to.
 */
class DashboardFromStagesTest {

    @Test
    void everySectionIsRenderedFromTheStagesOwnTables(@TempDir Path dir) throws Exception {
        StageContext ctx = SampleWarehouse.after(SampleWarehouse.Step.EVALUATION);
        Path out = dir.resolve("dashboard.html");
        new ReportStage(out.toString()).run(ctx);
        String html = Files.readString(out);
        for (String table : ReportInputs.GOLD) {
            assertFalse(html.contains("the table " + table + " does not exist"), table + " is missing");
        }
        assertTrue(html.contains(Html.text(Labels.measure("CMS2"))), "the measure the sample computes is shown");
        assertTrue(html.contains(Html.text(Labels.measure("ED_VISITS"))), "the utilization rates are shown");
        assertTrue(html.contains("<script type=\"application/json\" id=\"carelens-data\">{"),
                "the gold rows are embedded as the page's data");
    }
}
