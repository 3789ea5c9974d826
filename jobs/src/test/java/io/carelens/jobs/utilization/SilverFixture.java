package io.carelens.jobs.utilization;

import io.carelens.common.delta.Warehouse;
import io.carelens.common.schema.CanonicalTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Hand-written silver rows for utilization tests: each call adds one row (unnamed columns stay null), and
 * {@link #writeTo} writes every table that has rows to {@code silver/<table>}.
 */
final class SilverFixture {
    private final Map<CanonicalTable, List<Map<String, Object>>> rows = new EnumMap<>(CanonicalTable.class);
    private int ids;

    static Date d(String iso) {
        return Date.valueOf(LocalDate.parse(iso));
    }

    static Timestamp ts(String isoDate, int hour) {
        return Timestamp.valueOf(LocalDate.parse(isoDate).atTime(hour, 0));
    }

    SilverFixture patient(String person, String birth, String sex) {
        return add(CanonicalTable.PATIENT, "person_id", person, "birth_date", d(birth), "sex", sex);
    }

    SilverFixture deceased(String person, String birth, String death) {
        return add(CanonicalTable.PATIENT, "person_id", person, "birth_date", d(birth), "sex", "female",
                "deceased_date", d(death));
    }

    SilverFixture coverage(String person, String start, String end) {
        return add(CanonicalTable.COVERAGE, "coverage_id", "cov" + (++ids), "person_id", person, "start_date", d(start),
                "end_date", end == null ? null : d(end), "payer_type", "medicaid");
    }

    SilverFixture attribution(String person, String program, String practice, String arm, String start, String end) {
        return add(CanonicalTable.ATTRIBUTION, "person_id", person, "program_id", program, "practice_id", practice,
                "arm", arm, "start_date", d(start), "end_date", end == null ? null : d(end));
    }

    /** A finished encounter starting at {@code hour} on {@code date}, ending the same day. */
    SilverFixture encounter(String id, String person, String cls, String date, int hour, String facility) {
        return add(CanonicalTable.ENCOUNTER, "encounter_id", id, "person_id", person, "status", "finished",
                "encounter_class", cls, "start_ts", ts(date, hour), "end_ts", ts(date, Math.min(hour + 2, 23)),
                "facility_id", facility);
    }

    SilverFixture encounter(Map<String, Object> values) {
        rows.computeIfAbsent(CanonicalTable.ENCOUNTER, k -> new ArrayList<>()).add(values);
        return this;
    }

    SilverFixture visit(String id, String person, String date, String practice, String typeSystem, String typeCode) {
        return add(CanonicalTable.ENCOUNTER, "encounter_id", id, "person_id", person, "status", "finished",
                "encounter_class", "AMB", "start_ts", ts(date, 9), "practice_id", practice,
                "type_system", typeSystem, "type_code", typeCode);
    }

    SilverFixture diagnosis(String encounter, String person, String system, String code, Integer rank) {
        return add(CanonicalTable.CONDITION, "condition_id", "c" + (++ids), "person_id", person, "encounter_id",
                encounter, "code_system", system, "code", code, "diagnosis_rank", rank,
                "category", "encounter-diagnosis");
    }

    SilverFixture procedure(String encounter, String person, String code, String date) {
        return add(CanonicalTable.PROCEDURE, "procedure_id", "p" + (++ids), "person_id", person, "encounter_id",
                encounter, "code_system", "ICD10PCS", "code", code, "status", "completed",
                "performed_start_ts", ts(date, 12));
    }

    private SilverFixture add(CanonicalTable table, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        rows.computeIfAbsent(table, k -> new ArrayList<>()).add(m);
        return this;
    }

    Dataset<Row> table(SparkSession spark, CanonicalTable table) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> m : rows.getOrDefault(table, List.of())) {
            StructField[] fields = table.silverSchema().fields();
            Object[] v = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                v[i] = m.get(fields[i].name());
            }
            out.add(RowFactory.create(v));
        }
        return spark.createDataFrame(out, table.silverSchema());
    }

    void writeTo(Warehouse wh) {
        for (CanonicalTable t : rows.keySet()) {
            wh.overwrite(t.silverPath(), table(wh.spark(), t));
        }
    }
}
