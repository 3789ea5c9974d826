package io.carelens.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.jobs.ingest.IngestStage;
import io.carelens.jobs.ingest.Sources;
import io.carelens.jobs.run.Input;
import io.carelens.jobs.run.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the stages declare they read and write: one writer per table, and the order {@code carelens run} takes. */
class StageDeclarationsTest {
    private static final List<Stage> STAGES = Pipeline.all(new IngestStage(Sources.byName("canonical"), "unused"));

    private static Map<String, List<String>> writers() {
        Map<String, List<String>> writers = new HashMap<>();
        STAGES.forEach(s -> s.writes().forEach(t -> writers.computeIfAbsent(t, k -> new ArrayList<>()).add(s.name())));
        return writers;
    }

    @Test
    void everyTableHasExactlyOneWriter() {
        writers().forEach((table, stages) -> assertEquals(1, stages.size(), table + " is written by " + stages));
    }

    @Test
    void everyGoldTableIsWrittenByTheStageItsContractNames() {
        Map<String, List<String>> writers = writers();
        for (GoldTable t : GoldTable.values()) {
            assertEquals(List.of(t.owner()), writers.get(t.path()), t.path());
        }
        writers.keySet().stream().filter(p -> p.startsWith("gold/"))
                .forEach(p -> assertTrue(GoldTable.byPath(p).isPresent(), p + " has no GoldTable contract"));
    }

    @Test
    void everyGoldTableReadHasAWriter() {
        Map<String, List<String>> writers = writers();
        for (Stage s : STAGES) {
            for (Input in : s.reads()) {
                if (!in.table().startsWith("ops/")) {
                    assertTrue(writers.containsKey(in.table()), s.name() + " reads " + in.table() + ", which no stage writes");
                }
            }
        }
    }

    @Test
    void theRunOrderFollowsTheDeclarations() {
        assertEquals(List.of("ingest", "measures", "utilization", "care-gaps", "equity", "evaluation", "report"),
                STAGES.stream().map(Stage::name).toList());
        for (int i = 0; i < STAGES.size(); i++) {
            for (int j = i + 1; j < STAGES.size(); j++) {
                Stage later = STAGES.get(j);
                for (Input in : STAGES.get(i).reads()) {
                    assertTrue(!later.writes().contains(in.table()),
                            STAGES.get(i).name() + " runs before " + later.name() + ", which writes " + in.table());
                }
            }
        }
    }
}
