package io.carelens.jobs.ingest.fhir;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CodeSystem;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column expressions for FHIR elements: dateTime parsing to UTC, choosing the coding of a CodeableConcept,
 * finding an extension by URL, and the id part of a literal reference.
 */
final class Fhir {
    /** Timestamps are handed to validation in this form (UTC, the session time zone). */
    private static final String CANONICAL_TIMESTAMP = "yyyy-MM-dd HH:mm:ss.SSSSSS";
    private static final String[] DATE_TIME_PATTERNS = {
        "yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]XXX",
        "yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS]",
        "yyyy-MM-dd",
        "yyyy-MM",
        "yyyy"};
    private static final Object[] KNOWN_SYSTEMS = Arrays.stream(CodeSystem.values())
            .flatMap(cs -> cs.uris().stream()).toArray();

    private Fhir() {
    }

    /**
     * A FHIR dateTime or instant (year, year-month, date, or date-time with or without offset) as a UTC timestamp
     * string; a value that does not parse is passed on as given, so validation quarantines it as INVALID_TYPE.
     */
    static Column instant(Column value) {
        Column[] attempts = Arrays.stream(DATE_TIME_PATTERNS).map(p -> try_to_timestamp(value, lit(p)))
                .toArray(Column[]::new);
        return coalesce(date_format(coalesce(attempts), CANONICAL_TIMESTAMP), value);
    }

    /**
     * The calendar date a FHIR date or dateTime is written on (the local date, before any offset is applied); a
     * year or year-month stands for its first day. Other values are passed on as given.
     */
    static Column date(Column value) {
        return when(value.rlike("^\\d{4}-\\d{2}-\\d{2}"), substring(value, 1, 10))
                .when(value.rlike("^\\d{4}-\\d{2}$"), concat(value, lit("-01")))
                .when(value.rlike("^\\d{4}$"), concat(value, lit("-01-01")))
                .otherwise(value);
    }

    /** The first coding whose system CareLens recognises, else the first coding (which validation then rejects). */
    static Column coding(Column codeableConcept) {
        return preferredCoding(codeableConcept.getField("coding"));
    }

    /** Like {@link #coding(Column)} over all codings of an array of CodeableConcepts (e.g. Encounter.type). */
    static Column codingOfAny(Column codeableConcepts) {
        return preferredCoding(flatten(transform(codeableConcepts, cc -> cc.getField("coding"))));
    }

    private static Column preferredCoding(Column codings) {
        Column known = filter(codings, c -> c.getField("system").isin(KNOWN_SYSTEMS));
        return coalesce(first(known), first(codings));
    }

    /** The first code among the codings of {@code codeableConcepts} that is one of {@code allowed}. */
    static Column codeAmong(Column codeableConcepts, Collection<String> allowed) {
        Column codes = transform(flatten(transform(codeableConcepts, cc -> cc.getField("coding"))),
                c -> c.getField("code"));
        return first(filter(codes, c -> c.isin(allowed.toArray())));
    }

    /** The first extension in {@code extensions} with the given URL, or null. */
    static Column extension(Column extensions, String url) {
        return first(filter(extensions, e -> e.getField("url").equalTo(lit(url))));
    }

    /** The first element of an array, or null when it is null or empty. */
    static Column first(Column array) {
        return try_element_at(array, lit(1));
    }

    /**
     * The id of a literal reference to {@code type}: {@code Type/id}, an absolute URL ending in {@code Type/id}
     * (a version suffix {@code /_history/n} is ignored); null for other forms.
     */
    static Column literalId(Column reference, String type) {
        Column id = regexp_extract(reference, "(?:^|/)" + type + "/([^/?#]+)(?:/_history/[^/]*)?$", 1);
        return when(id.notEqual(lit("")), id);
    }

    /** The value {@code map} holds for {@code key}, or null. */
    static Column lookup(Map<String, String> map, Column key) {
        Column[] entries = map.entrySet().stream().flatMap(e -> Stream.of(lit(e.getKey()), lit(e.getValue())))
                .toArray(Column[]::new);
        return try_element_at(map(entries), key);
    }

    /** An empty array of strings. */
    static Column emptyStrings() {
        return array().cast(DataTypes.createArrayType(DataTypes.StringType));
    }
}
