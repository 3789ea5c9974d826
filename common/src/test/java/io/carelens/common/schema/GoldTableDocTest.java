package io.carelens.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoldTableDocTest {

    @Test
    void docsGoldTablesIsGeneratedFromTheContract() throws Exception {
        Path doc = Path.of("..", "docs", "gold-tables.md");
        assertEquals(GoldTableDoc.markdown(), Files.readString(doc),
                "docs/gold-tables.md is stale: regenerate it with bin/carelens contract --gold > docs/gold-tables.md");
    }
}
