package io.carelens.jobs.measures;

import io.carelens.jobs.ingest.CanonicalSource;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import io.carelens.common.valueset.ValueSetLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimingProbeTest {
    @Test
    void probe() throws Exception {
        StageContext ctx = SharedSpark.context(Map.of("ingest.future-tolerance-days", 3650));
        long t0 = System.currentTimeMillis();
        Path fixtures = Path.of(getClass().getResource("/measures/fixtures").toURI());
        new IngestStage(new CanonicalSource(), fixtures.toString()).run(ctx);
        System.out.println("PROBE ingest " + (System.currentTimeMillis() - t0));
        t0 = System.currentTimeMillis();
        EventIndex idx = EventIndex.build(ctx.warehouse(), ValueSetLoader.load(List.of(), ValueSets.directCodes()));
        System.out.println("PROBE index rows " + idx.rows().count() + " " + (System.currentTimeMillis() - t0));
        MeasureData data = new MeasureData(ctx.warehouse(), idx);
        for (Measure m : Measures.all()) {
            t0 = System.currentTimeMillis();
            var ds = MeasureEngine.evaluate(data, m, MeasurementPeriod.calendarYear(2026));
            long plan = System.currentTimeMillis();
            ds.queryExecution().optimizedPlan();
            long opt = System.currentTimeMillis();
            long n = ds.count();
            System.out.println("PROBE " + m.id() + " rows " + n + " build " + (plan - t0) + " optimize " + (opt - plan) + " run " + (System.currentTimeMillis() - opt));
        }
    }
}
