package io.carelens.jobs.ingest;

/**
 * Why a row was quarantined, or a field flagged. Stored in {@code silver/quarantine.reason_code} and
 * {@code silver/data_quality_flags.reason_code}; documented in docs/data-contract.md.
 */
public enum ReasonCode {
    MALFORMED_ROW("the line could not be parsed (wrong number of fields, bad quoting, invalid JSON)"),
    MISSING_REQUIRED("a required field is empty"),
    INVALID_ENCODING("a field holds bytes that are not UTF-8 text (e.g. Latin-1) or a NUL character"),
    INVALID_TYPE("a field does not parse as its type (date, timestamp, number, boolean)"),
    INVALID_VALUE("a field holds a value outside its allowed values"),
    UNKNOWN_CODE_SYSTEM("a code system is not one CareLens recognises"),
    END_BEFORE_START("an end date or time precedes its start"),
    BIRTH_AFTER_DEATH("the date of death precedes the date of birth"),
    EVENT_BEFORE_BIRTH("the event is dated before the person's birth"),
    EVENT_AFTER_DEATH("the event is dated after the person's death"),
    FUTURE_DATE("the date lies in the future"),
    ORPHAN_PERSON("the person does not exist in the patient table"),
    DUPLICATE_KEY("another row in the same input has the same key but different content"),
    UNRESOLVED_REFERENCE("a reference to another resource or row cannot be resolved"),
    UNMAPPED("the source record has no canonical mapping (unsupported resource or code)");

    private final String meaning;

    ReasonCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
