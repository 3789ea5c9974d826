package io.carelens.common.valueset;

import io.carelens.common.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The value sets a run uses, by OID: the bundled eCQM expansions, then any folders the user configured, then the
 * synthetic sets CareLens defines for direct-reference codes. A later source replaces an earlier one's OID.
 */
public final class ValueSetLibrary {
    private final Map<String, ValueSet> byOid;

    ValueSetLibrary(Map<String, ValueSet> byOid) {
        this.byOid = new LinkedHashMap<>(byOid);
    }

    public Optional<ValueSet> find(String oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    public Collection<ValueSet> all() {
        return byOid.values();
    }

    public int size() {
        return byOid.size();
    }

    /**
     * Checks that every OID a measure names is present, so that a missing value set stops the run before any Spark
     * work.
     *
     * @throws ConfigurationException naming the measure and the missing OIDs
     */
    public void require(String measureId, Collection<String> oids) {
        List<String> missing = oids.stream().filter(o -> !byOid.containsKey(o)).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException("measure " + measureId + " needs value set" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " which " + (missing.size() > 1 ? "are" : "is")
                    + " not loaded; add the FHIR ValueSet JSON to a folder listed in carelens.measures.value-set-dirs");
        }
    }

    /** Every (value_set_oid, name, code_system, code) row, for the code-to-value-set table. */
    public List<ValueSetCodeRow> rows() {
        return byOid.values().stream()
                .flatMap(vs -> vs.codes().stream().map(c -> new ValueSetCodeRow(vs.oid(), vs.name(), c.codeSystem(), c.code())))
                .distinct()
                .collect(Collectors.toList());
    }

    /**
     * A SHA-256 of every (OID, code system, code) the library holds, independent of the order it was loaded in: it
     * changes exactly when some measure could match a different code, so an incremental run can tell that its earlier
     * results no longer stand.
     */
    public String fingerprint() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        rows().stream().map(r -> r.valueSetOid() + '|' + r.codeSystem() + '|' + r.code() + '\n').sorted()
                .forEach(line -> sha.update(line.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** One code of one value set, as the code-to-value-set table holds it. */
    public record ValueSetCodeRow(String valueSetOid, String name, String codeSystem, String code) {
    }
}
