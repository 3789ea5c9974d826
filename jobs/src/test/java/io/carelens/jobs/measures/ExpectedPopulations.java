package io.carelens.jobs.measures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Compares gold/measure_patient rows with expected populations and reports per-measure pass counts. */
final class ExpectedPopulations {
    /** One expected row: populations as "IP,DEN,DENEX,NUM,DENEXCEP" plus an optional stratum. */
    record Expected(String personId, String measureId, String populations, String stratum) {
    }

    private ExpectedPopulations() {
    }

    /** The populations of a measure_patient row, absent persons counting as all zero. */
    static String populations(Row r) {
        if (r == null) {
            return "0,0,0,0,0";
        }
        return r.getInt(r.fieldIndex("initial_population")) + "," + r.getInt(r.fieldIndex("denominator")) + ","
                + r.getInt(r.fieldIndex("denominator_exclusion")) + "," + r.getInt(r.fieldIndex("numerator")) + ","
                + r.getInt(r.fieldIndex("denominator_exception"));
    }

    /** Per measure: passed/total, and the failures described. */
    static Map<String, int[]> compare(List<Expected> expected, Dataset<Row> actual, List<String> failures) {
        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : actual.collectAsList()) {
            byKey.put(r.getString(r.fieldIndex("measure_id")) + "|" + r.getString(r.fieldIndex("person_id")), r);
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (Expected e : expected) {
            Row r = byKey.get(e.measureId() + "|" + e.personId());
            String got = populations(r);
            String gotStratum = r == null || r.isNullAt(r.fieldIndex("stratum")) ? "" : r.getString(r.fieldIndex("stratum"));
            boolean stratumOk = e.stratum() == null || e.stratum().equals(gotStratum) || got.startsWith("0");
            int[] c = counts.computeIfAbsent(e.measureId(), k -> new int[2]);
            c[1]++;
            if (got.equals(e.populations()) && stratumOk) {
                c[0]++;
            } else {
                failures.add(e.measureId() + " " + e.personId() + ": expected " + e.populations()
                        + (e.stratum() == null ? "" : " stratum " + e.stratum()) + ", got " + got + " stratum "
                        + gotStratum + (r == null ? "" : " (" + r.getString(r.fieldIndex("evidence")) + ")"));
            }
        }
        return counts;
    }

    static List<String> lines(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new ArrayList<>(List.of(text.split("\r?\n")));
    }
}
