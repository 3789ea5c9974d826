package io.carelens.common.valueset;

import java.util.List;

/**
 * One expanded value set: its OID, name, where it was read from, and its codes (code system short names as in the
 * canonical tables, see {@link io.carelens.common.schema.CodeSystem}).
 *
 * @param oid    the value set OID (or a CareLens id for synthetic sets of direct-reference codes)
 * @param name   the value set name
 * @param origin the file or resource it was read from
 * @param codes  the expansion
 */
public record ValueSet(String oid, String name, String origin, List<Code> codes) {

    /** One code of an expansion, with its code system's short name. */
    public record Code(String codeSystem, String code) {
    }

    public ValueSet {
        codes = List.copyOf(codes);
    }
}
