package io.carelens.jobs.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.carelens.common.schema.CanonicalTable;
import io.carelens.common.schema.CodeSystem;
import io.carelens.common.schema.Field;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The validation rules of the data contract, as one projection: each row gets its typed canonical columns, an
 * array {@code _reasons} of (code, message) for every rule it breaks (the row is rejected), and an array
 * {@code _flags} of (field, code, message) for every non-essential field whose invalid value was replaced (the
 * row is kept; see {@link Field#flag()}). Messages name the field, never its value.
 */
public final class Validator {
    /** Column holding the array of broken rules; empty for a valid row. */
    public static final String REASONS = "_reasons";

    /** Set by line-based readers: true when the line did not parse. */
    public static final String MALFORMED = "_malformed";

    /**
     * Column holding the array of (field, code, message) for every non-essential field whose invalid value was
     * replaced (by null or {@code unknown}); the row itself is kept. Empty for a row without flags.
     */
    public static final String FLAGS = "_flags";

    private static final String RAW = "_raw_";

    /** U+FFFD is what invalid UTF-8 bytes (e.g. Latin-1 text) decode to; NUL never belongs in text. */
    private static final String MANGLED = "[\\uFFFD\\u0000]";

    private static final DataType FLAG_TYPE = DataTypes.createArrayType(new StructType()
            .add("field", DataTypes.StringType).add("code", DataTypes.StringType).add("message", DataTypes.StringType));

    private final CanonicalTable table;
    private final LocalDate latestAllowedDate;

    /**
     * @param latestAllowedDate events and births after this date are quarantined as {@link ReasonCode#FUTURE_DATE}
     */
    public Validator(CanonicalTable table, LocalDate latestAllowedDate) {
        this.table = table;
        this.latestAllowedDate = latestAllowedDate;
    }

    /**
     * Types and checks {@code raw}. {@code persons} (person_id, birth_date, deceased_date) is the patient table the
     * rows are checked against; it is ignored for tables that do not reference a person.
     */
    public Dataset<Row> validate(Dataset<Row> raw, Dataset<Row> persons) {
        List<Column> projected = new ArrayList<>();
        List<Column> reasons = new ArrayList<>();
        List<String> rawColumns = Arrays.asList(raw.columns());
        for (Field f : table.fields()) {
            Column source = rawColumns.contains(f.name()) ? blankAsNull(col(f.name())) : lit(null).cast(DataTypes.StringType);
            Column typed = f.codeSystem() ? normaliseSystem(source) : source.cast(f.type());
            projected.add(typed.as(f.name()));
            projected.add(source.cast(DataTypes.StringType).as(RAW + f.name()));
        }
        for (String extra : rawColumns) {
            if (table.extensible() && table.field(extra).isEmpty() && !extra.startsWith("_")) {
                projected.add(col(extra).cast(DataTypes.StringType).as(extra));
            }
        }
        boolean parsedLines = rawColumns.contains(MALFORMED);
        if (parsedLines) {
            projected.add(col(MALFORMED));
        }
        boolean operations = rawColumns.contains(Deletions.OP);
        if (operations) {
            projected.add(col(Deletions.OP));
        }
        projected.add(col(CanonicalTable.SOURCE_FILE));
        projected.add(col(CanonicalTable.SOURCE_ROW).cast(DataTypes.LongType).as(CanonicalTable.SOURCE_ROW));
        Dataset<Row> typed = raw.select(projected.toArray(Column[]::new));

        if (parsedLines) {
            reasons.add(when(col(MALFORMED), struct(lit(ReasonCode.MALFORMED_ROW.name()).as("code"),
                    lit("the line does not have the header's number of fields or is badly quoted").as("message"))));
        }
        if (operations) {
            reasons.add(Deletions.invalidOp());
        }
        List<Column> flags = new ArrayList<>();
        Map<String, Column> replacements = new LinkedHashMap<>();
        for (Field f : table.fields()) {
            Column given = col(RAW + f.name());
            if (f.required()) {
                reasons.add(reason(given.isNull(), ReasonCode.MISSING_REQUIRED, f.name(), "is required but empty"));
            }
            List<Column> problems = problems(f);
            if (f.flag()) {
                Column first = coalesce(problems.toArray(Column[]::new));
                flags.add(when(first.isNotNull(), struct(lit(f.name()).as("field"), first.getField("code").as("code"),
                        first.getField("message").as("message"))));
                replacements.put(f.name(), when(first.isNull(), col(f.name())).otherwise(lit(f.fallback()).cast(f.type())));
            } else {
                reasons.addAll(problems);
            }
        }
        table.endColumn().ifPresent(end -> reasons.add(reason(col(end).lt(col(table.startColumn().orElseThrow())),
                ReasonCode.END_BEFORE_START, end, "precedes " + table.startColumn().orElseThrow())));

        Column latest = lit(java.sql.Date.valueOf(latestAllowedDate));
        if (table == CanonicalTable.PATIENT) {
            reasons.add(reason(col("deceased_date").lt(col("birth_date")), ReasonCode.BIRTH_AFTER_DEATH,
                    "deceased_date", "precedes birth_date"));
            reasons.add(reason(col("birth_date").gt(latest), ReasonCode.FUTURE_DATE, "birth_date", "lies in the future"));
            reasons.add(reason(col("deceased_date").gt(latest), ReasonCode.FUTURE_DATE, "deceased_date", "lies in the future"));
        } else if (table.referencesPatient()) {
            Dataset<Row> p = persons.select(col("person_id").as("_p_id"), col("birth_date").as("_p_birth"),
                    col("deceased_date").as("_p_death"));
            typed = typed.join(broadcast(p), typed.col("person_id").equalTo(p.col("_p_id")), "left");
            reasons.add(reason(col("person_id").isNotNull().and(col("_p_id").isNull()), ReasonCode.ORPHAN_PERSON,
                    "person_id", "does not match any patient"));
            table.startColumn().ifPresent(start -> {
                Column day = to_date(col(start));
                reasons.add(reason(day.lt(col("_p_birth")), ReasonCode.EVENT_BEFORE_BIRTH, start, "precedes the birth date"));
                reasons.add(reason(day.gt(col("_p_death")), ReasonCode.EVENT_AFTER_DEATH, start, "follows the date of death"));
                reasons.add(reason(day.gt(latest), ReasonCode.FUTURE_DATE, start, "lies in the future"));
            });
        } else {
            table.startColumn().ifPresent(start -> reasons.add(reason(to_date(col(start)).gt(latest),
                    ReasonCode.FUTURE_DATE, start, "lies in the future")));
        }
        Dataset<Row> checked = typed.withColumn(REASONS, array_compact(array(reasons.toArray(Column[]::new))))
                .withColumn(FLAGS, flags.isEmpty() ? array().cast(FLAG_TYPE) : array_compact(array(flags.toArray(Column[]::new))))
                .withColumns(replacements);
        for (String c : checked.columns()) {
            if (c.startsWith("_p_") || c.equals(MALFORMED) || c.equals(Deletions.OP)) {
                checked = checked.drop(c);
            }
        }
        return checked;
    }

    /**
     * The rules {@code f}'s given value can break, in order (encoding, type or code system, allowed values,
     * pattern), each a (code, message) struct that is null when the rule holds.
     */
    private static List<Column> problems(Field f) {
        Column value = col(f.name());
        Column given = col(RAW + f.name());
        List<Column> problems = new ArrayList<>();
        if (f.type().equals(DataTypes.StringType) && !f.codeSystem()) {
            problems.add(reason(given.rlike(MANGLED), ReasonCode.INVALID_ENCODING, f.name(),
                    "holds bytes that are not UTF-8 text (or a NUL character)"));
        }
        if (f.codeSystem()) {
            problems.add(reason(given.isNotNull().and(value.isNull()), ReasonCode.UNKNOWN_CODE_SYSTEM, f.name(),
                    "is not a known code system"));
        } else if (!f.type().equals(DataTypes.StringType)) {
            problems.add(reason(given.isNotNull().and(value.isNull()), ReasonCode.INVALID_TYPE, f.name(),
                    "is not a valid " + f.type().simpleString()));
        }
        if (!f.allowed().isEmpty()) {
            problems.add(reason(value.isNotNull().and(value.isin(f.allowed().toArray()).unary_$bang()),
                    ReasonCode.INVALID_VALUE, f.name(), "is not one of " + String.join(", ", f.allowed().stream().sorted().toList())));
        }
        if (f.pattern() != null) {
            problems.add(reason(value.isNotNull().and(value.rlike("^(?:" + f.pattern() + ")$").unary_$bang()),
                    ReasonCode.INVALID_VALUE, f.name(), "is not of the expected form"));
        }
        return problems;
    }

    /** The raw (as given) value columns, for the quarantine record. */
    public List<String> rawColumns() {
        return table.fields().stream().map(f -> RAW + f.name()).toList();
    }

    private static Column blankAsNull(Column c) {
        Column s = trim(c.cast(DataTypes.StringType));
        return when(s.equalTo(""), lit(null)).otherwise(c);
    }

    private static Column reason(Column broken, ReasonCode code, String field, String what) {
        return when(broken, struct(lit(code.name()).as("code"), lit("field '" + field + "' " + what).as("message")));
    }

    private static Column normaliseSystem(Column source) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (CodeSystem cs : CodeSystem.values()) {
            aliases.put(cs.name().toLowerCase(Locale.ROOT), cs.name());
            aliases.put(cs.name().replace("_", "").toLowerCase(Locale.ROOT), cs.name());
            cs.uris().forEach(uri -> aliases.put(uri.toLowerCase(Locale.ROOT), cs.name()));
        }
        List<Column> entries = new ArrayList<>();
        aliases.forEach((alias, name) -> {
            entries.add(lit(alias));
            entries.add(lit(name));
        });
        return element_at(map(entries.toArray(Column[]::new)), lower(trim(source.cast(DataTypes.StringType))));
    }
}
