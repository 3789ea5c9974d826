package io.carelens.common.valueset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSetLoaderTest {
    private static final String OFFICE_VISIT = "2.16.840.1.113883.3.464.1003.101.12.1001";
    private static final String DIABETES = "2.16.840.1.113883.3.464.1003.103.12.1001";

    @Test
    void bundledExpansionsLoadWithShortCodeSystemNames() {
        ValueSetLibrary lib = ValueSetLoader.load(List.of(), List.of());
        assertEquals(86 + 5, lib.size(), "86 expansions plus the five 2024 variants");
        ValueSet diabetes = lib.find(DIABETES).orElseThrow();
        assertEquals(369, diabetes.codes().size());
        assertTrue(diabetes.codes().contains(new ValueSet.Code("ICD10CM", "E119")), "ICD-10 codes are stored without the dot");
        assertTrue(diabetes.codes().stream().anyMatch(c -> c.codeSystem().equals("SNOMEDCT")));
        ValueSet variant = lib.find(ValueSetLoader.VARIANT_2024 + OFFICE_VISIT).orElseThrow();
        assertTrue(variant.codes().contains(new ValueSet.Code("CPT", "99213")));
        ValueSet hospice = lib.find("2.16.840.1.113883.3.464.1003.1003").orElseThrow();
        assertTrue(hospice.codes().stream().anyMatch(c -> c.codeSystem().equals("HCPCS")), "HCPCS URIs map to HCPCS");
        assertTrue(lib.find("2.16.840.113883.3.67.1.101.3.2444").isPresent(), "the irregular CMS159 OID is kept as written");
    }

    @Test
    void laterFoldersReplaceAnOidAndAddNewOnes(@TempDir Path first, @TempDir Path second) throws IOException {
        Files.writeString(first.resolve("office.json"), valueSet(OFFICE_VISIT, "http://www.ama-assn.org/go/cpt", "99999"));
        Files.writeString(second.resolve("office.json"), valueSet(OFFICE_VISIT, "http://www.ama-assn.org/go/cpt", "11111"));
        Files.writeString(second.resolve("local.json"), """
                {"resourceType": "ValueSet", "url": "http://example.org/ValueSet/9.9.9",
                 "compose": {"include": [{"system": "http://loinc.org", "concept": [{"code": "1234-5"}]}]}}
                """);
        ValueSetLibrary lib = ValueSetLoader.load(List.of(first, second), List.of());
        assertEquals(List.of(new ValueSet.Code("CPT", "11111")), lib.find(OFFICE_VISIT).orElseThrow().codes());
        assertEquals(List.of(new ValueSet.Code("LOINC", "1234-5")), lib.find("9.9.9").orElseThrow().codes());
    }

    @Test
    void aMissingValueSetNamesTheMeasureAndTheOid() {
        ValueSetLibrary lib = ValueSetLoader.load(List.of(), List.of());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> lib.require("CMS122", Set.of(DIABETES, "1.2.3.4.5")));
        assertTrue(e.getMessage().contains("CMS122") && e.getMessage().contains("1.2.3.4.5"), e.getMessage());
        assertTrue(!e.getMessage().contains(DIABETES), "only the missing OID is named");
    }

    @Test
    void badFilesAndFoldersAreConfigurationErrors(@TempDir Path dir) throws IOException {
        assertThrows(ConfigurationException.class, () -> ValueSetLoader.load(List.of(dir.resolve("absent")), List.of()));
        Files.writeString(dir.resolve("empty.json"), "{\"resourceType\": \"ValueSet\", \"id\": \"1.2.3\"}");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ValueSetLoader.load(List.of(dir), List.of()));
        assertTrue(e.getMessage().contains("empty.json") && e.getMessage().contains("no codes"), e.getMessage());
    }

    private static String valueSet(String oid, String system, String code) {
        return """
                {"resourceType": "ValueSet", "id": "%s-override", "url": "http://cts.nlm.nih.gov/fhir/ValueSet/%s",
                 "name": "Override", "expansion": {"contains": [{"system": "%s", "code": "%s"}]}}
                """.formatted(oid, oid, system, code);
    }
}
