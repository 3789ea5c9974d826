package io.carelens.common.valueset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.schema.CodeSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads FHIR ValueSet JSON ({@code expansion.contains}, or {@code compose.include} concept lists when there is no
 * expansion) into a {@link ValueSetLibrary}. The bundled eCQM expansions come from {@code valuesets/} on the
 * classpath (listed by its INDEX.csv); user folders are read in order, each replacing OIDs read before it.
 *
 * <p>Code systems are stored by their short name ({@link CodeSystem#fromAny}); a code whose system CareLens does not
 * know keeps its URI, so it can still match a source that wrote the same URI. ICD-10 codes are stored without the
 * dot, the form the event index compares.
 */
public final class ValueSetLoader {
    /** The classpath folder of the bundled expansions. */
    public static final String BUNDLED = "valuesets/";
    /** The classpath folder of the 2024 (QI-Core 4.1.1) expansions of five shared sets, used by CMS138. */
    public static final String BUNDLED_2024 = "valuesets/qicore-2024-variants/";
    /** Prefix of the library key of a 2024 variant: {@code qicore-2024:<oid>}. */
    public static final String VARIANT_2024 = "qicore-2024:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OID = Pattern.compile("[0-9]+(\\.[0-9]+)+");
    private static final List<String> VARIANT_OIDS = List.of("2.16.840.1.113883.3.464.1003.1003",
            "2.16.840.1.113883.3.464.1003.101.12.1001", "2.16.840.1.113883.3.464.1003.101.12.1089",
            "2.16.840.1.113883.3.526.3.1240", "2.16.840.1.113883.3.526.3.1584");

    private ValueSetLoader() {
    }

    /**
     * The bundled value sets, then the user's folders (later ones replace the same OIDs), then {@code synthetic}
     * (CareLens' sets of direct-reference codes, which user folders cannot shadow by accident since their ids are
     * not OIDs).
     */
    public static ValueSetLibrary load(List<Path> userDirs, List<ValueSet> synthetic) {
        Map<String, ValueSet> byOid = new LinkedHashMap<>();
        for (String oid : bundledOids()) {
            ValueSet vs = parse(resource(BUNDLED + "ValueSet-" + oid + ".json"), "classpath:" + BUNDLED + "ValueSet-" + oid + ".json");
            byOid.put(vs.oid(), vs);
        }
        for (String oid : VARIANT_OIDS) {
            String name = BUNDLED_2024 + "ValueSet-" + oid + ".json";
            ValueSet vs = parse(resource(name), "classpath:" + name);
            byOid.put(VARIANT_2024 + vs.oid(), new ValueSet(VARIANT_2024 + vs.oid(), vs.name(), vs.origin(), vs.codes()));
        }
        for (Path dir : userDirs) {
            for (Path file : jsonFiles(dir)) {
                try (InputStream in = Files.newInputStream(file)) {
                    ValueSet vs = parse(in, file.toString());
                    byOid.put(vs.oid(), vs);
                } catch (IOException e) {
                    throw new ConfigurationException("cannot read value set file " + file + ": " + e.getMessage());
                }
            }
        }
        synthetic.forEach(vs -> byOid.put(vs.oid(), vs));
        return new ValueSetLibrary(byOid);
    }

    /** Parses one FHIR ValueSet resource. */
    public static ValueSet parse(InputStream in, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new ConfigurationException("value set file " + origin + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !"ValueSet".equals(root.path("resourceType").asText())) {
            throw new ConfigurationException("value set file " + origin + " is not a FHIR ValueSet resource");
        }
        String oid = oid(root);
        if (oid == null) {
            throw new ConfigurationException("value set file " + origin + " has no OID (url, identifier or id)");
        }
        List<ValueSet.Code> codes = new ArrayList<>();
        JsonNode contains = root.path("expansion").path("contains");
        if (contains.isArray() && contains.size() > 0) {
            collect(contains, codes);
        } else {
            for (JsonNode include : root.path("compose").path("include")) {
                String system = include.path("system").asText(null);
                for (JsonNode concept : include.path("concept")) {
                    codes.add(code(system, concept.path("code").asText(null), origin));
                }
            }
        }
        if (codes.isEmpty()) {
            throw new ConfigurationException("value set " + oid + " in " + origin
                    + " has no codes (expansion.contains or compose.include.concept)");
        }
        String name = root.path("name").asText(root.path("title").asText(oid));
        return new ValueSet(oid, name, origin, codes);
    }

    /** The stored form of a code: ICD-10 codes without the dot, others as given. */
    public static String normalizeCode(String codeSystem, String code) {
        if (code == null) {
            return null;
        }
        String c = code.trim();
        if ("ICD10CM".equals(codeSystem) || "ICD10PCS".equals(codeSystem)) {
            c = c.replace(".", "").toUpperCase(Locale.ROOT);
        }
        return c;
    }

    /** The short name of a system URI or name, or the URI itself when CareLens does not know it. */
    public static String systemName(String system) {
        return CodeSystem.fromAny(system).map(Enum::name).orElse(system);
    }

    private static void collect(JsonNode contains, List<ValueSet.Code> codes) {
        for (JsonNode c : contains) {
            if (c.hasNonNull("code") && c.hasNonNull("system")) {
                codes.add(code(c.get("system").asText(), c.get("code").asText(), null));
            }
            if (c.has("contains")) {
                collect(c.get("contains"), codes);
            }
        }
    }

    private static ValueSet.Code code(String system, String code, String origin) {
        if (system == null || code == null) {
            throw new ConfigurationException("value set file " + origin + " has a concept without system or code");
        }
        String name = systemName(system);
        return new ValueSet.Code(name, normalizeCode(name, code));
    }

    /** The OID: the last segment of a VSAC-style url, else an OID identifier, else the resource id. */
    private static String oid(JsonNode root) {
        String url = root.path("url").asText("");
        if (url.contains("/ValueSet/") && OID.matcher(url.substring(url.lastIndexOf('/') + 1)).matches()) {
            return url.substring(url.lastIndexOf('/') + 1);
        }
        for (JsonNode id : root.path("identifier")) {
            String v = id.path("value").asText("").replace("urn:oid:", "");
            if (OID.matcher(v).matches()) {
                return v;
            }
        }
        return root.hasNonNull("id") ? root.get("id").asText() : null;
    }

    private static List<String> bundledOids() {
        List<String> oids = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(BUNDLED + "INDEX.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    oids.add(line.substring(0, line.indexOf(',')));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled value-set index: " + e.getMessage(), e);
        }
        return oids;
    }

    private static InputStream resource(String name) {
        InputStream in = ValueSetLoader.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("bundled resource " + name + " is missing from the classpath");
        }
        return in;
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("value-set folder " + dir + " (carelens.measures.value-set-dirs) does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("cannot list value-set folder " + dir + ": " + e.getMessage());
        }
    }
}
