package io.carelens.jobs.measures;

import io.carelens.common.schema.CodeSystem;
import io.carelens.common.valueset.ValueSet;
import io.carelens.common.valueset.ValueSetLoader;
import java.util.Arrays;
import java.util.List;

/**
 * A code the measure logic names directly (LOINC 97506-0, SNOMED 428361000124107, ...) or a small CareLens code
 * list, modelled as a synthetic value set so that the event index matches it like any other value set. Its id is
 * not an OID ({@code direct:LOINC:97506-0} or {@code carelens:<name>}), so user value-set folders cannot replace
 * it by accident.
 */
record DirectCode(String id, String name, List<ValueSet.Code> codes) {

    static DirectCode of(CodeSystem system, String code, String name) {
        return new DirectCode("direct:" + system.name() + ":" + code, name,
                List.of(new ValueSet.Code(system.name(), ValueSetLoader.normalizeCode(system.name(), code))));
    }

    /** A CareLens code list of one system. */
    static DirectCode list(String id, String name, CodeSystem system, String... codes) {
        return new DirectCode("carelens:" + id, name, Arrays.stream(codes)
                .map(c -> new ValueSet.Code(system.name(), ValueSetLoader.normalizeCode(system.name(), c))).toList());
    }

    ValueSet valueSet() {
        return new ValueSet(id, name, "CareLens measure logic", codes);
    }

    /** The code, for rules that compare a value against a single direct code. */
    String code() {
        return codes.get(0).code();
    }
}
