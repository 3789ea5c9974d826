package io.carelens.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContractDocTest {
    @Test
    void docsDataContractIsTheRenderedContract() throws IOException {
        Path doc = Path.of("..", "docs", "data-contract.md");
        assertEquals(ContractDoc.markdown(), Files.readString(doc),
                "docs/data-contract.md is stale: regenerate it with bin/carelens contract > docs/data-contract.md");
    }

    @Test
    void everyCodeSystemResolvesFromItsNameAndItsUris() {
        for (CodeSystem cs : CodeSystem.values()) {
            assertEquals(cs, CodeSystem.fromAny(cs.name()).orElseThrow());
            cs.uris().forEach(u -> assertEquals(cs, CodeSystem.fromAny(u).orElseThrow()));
        }
        assertTrue(CodeSystem.fromAny("CPT4X").isEmpty());
    }
}
