package io.carelens.jobs.equity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.delta.Warehouse;
import io.carelens.jobs.run.StageContext;
import io.carelens.jobs.testing.SharedSpark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.carelens.jobs.run.StageRunner;

/**
 * Plays the attacker: from the published gold/measure_rates alone (nulls where withheld) and what anyone knows
 * about it (groups of a dimension add up to the overall row; denominator = exclusions + exceptions + performance
 * denominator; initial population ≥ denominator ≥ ...; no count is negative), it tries to pin every withheld count
 * by bound propagation and by linear elimination, and must fail for each one. A population of 400 with uneven groups
 * gives many small cells in every dimension.
 */
class SuppressionAttackTest {
    private static final List<String> COUNTS = List.of("initial_population", "denominator", "denominator_exclusion",
            "denominator_exception", "performance_denominator", "numerator");
    private static List<Row> published;

    @BeforeAll
    static void publish() {
        StageContext ctx = SharedSpark.context(Map.of());
        Warehouse wh = ctx.warehouse();
        SparkSession spark = SharedSpark.spark();
        org.apache.spark.sql.Dataset<Row> ids = spark.range(400).selectExpr("cast(id as int) as i")
                .selectExpr("i", "concat('q', i) as person_id");
        wh.overwrite("silver/patient", ids.selectExpr("person_id",
                "make_date(1940 + i % 60, 6, 15) as birth_date",
                "case when i % 3 = 0 then 'female' else 'male' end as sex",
                "element_at(array('white', 'white', 'white', 'black_or_african_american', 'black_or_african_american', "
                        + "'asian', 'other', 'multiple', 'american_indian_or_alaska_native', 'white', 'white', "
                        + "'black_or_african_american', 'white', 'white', 'unknown', 'white', 'white'), 1 + i % 17) as race",
                "case when i % 11 = 0 then 'hispanic_or_latino' when i % 29 = 0 then null "
                        + "else 'not_hispanic_or_latino' end as ethnicity",
                "case when i % 9 = 0 then 'es' when i % 37 = 0 then 'vi' else 'en' end as preferred_language",
                "case when i % 6 = 0 then '99001' else '10001' end as postal_code",
                "cast(null as string) as county_fips"));
        wh.overwrite("silver/area", spark.sql("select * from values ('postal_code', '99001', 'rural', 95), "
                + "('postal_code', '10001', 'urban', 35) as t(area_type, area_code, rurality, adi_national_percentile)"));
        wh.overwrite("silver/coverage", ids.selectExpr("concat('c', i) as coverage_id", "person_id",
                "date'2025-01-01' as start_date", "cast(null as date) as end_date",
                "case when i % 13 = 0 then 'medicaid' when i % 19 = 0 then 'medicare' else 'commercial' end as payer_type",
                "case when i % 13 = 0 and i % 2 = 0 then 'full' else 'none' end as dual_status"));
        wh.overwrite(GoldTable.MEASURE_PATIENT.path(), ids.selectExpr("person_id", "'CMS2' as measure_id",
                "date'2025-01-01' as period_start", "date'2025-12-31' as period_end",
                "1 as initial_population", "case when i % 9 = 0 then 0 else 1 end as denominator",
                "case when i % 23 = 0 then 1 else 0 end as denominator_exclusion",
                "case when (i * 7) % 10 < 4 then 1 else 0 end as numerator",
                "case when i % 31 = 0 then 1 else 0 end as denominator_exception",
                "cast(null as string) as stratum", "cast(null as string) as evidence"));
        StageRunner.runAlone(new EquityStage(), ctx);
        published = wh.read(GoldTable.MEASURE_RATES.path()).collectAsList();
    }

    @Test
    void noWithheldCountCanBeDerivedFromThePublishedTable() {
        Attack attack = new Attack(published);
        assertTrue(attack.withheld.size() >= 10, "the test population must produce withheld cells: "
                + attack.withheld.size());
        attack.propagateBounds();
        for (int v : attack.withheld) {
            assertFalse(attack.lower[v] == attack.upper[v], "bounds pin " + attack.names.get(v) + " = "
                    + attack.lower[v]);
        }
        for (int v : attack.withheld) {
            assertFalse(attack.determinedByElimination(v), "elimination solves " + attack.names.get(v));
        }
    }

    @Test
    void noPublishedCountIsSmall() {
        for (Row r : published) {
            for (String c : COUNTS) {
                Long value = r.getAs(c);
                assertTrue(value == null || value == 0 || value > 10, c + " = " + value + " published");
            }
            Long numerator = r.getAs("numerator");
            Long performance = r.getAs("performance_denominator");
            if (numerator != null && performance != null) {
                long notMet = performance - numerator;
                assertTrue(notMet == 0 || notMet > 10, "a published rate reveals " + notMet + " not met");
            }
        }
    }

    /** The attacker's model: one variable per count of every group, published ones fixed. */
    private static final class Attack {
        final List<String> names = new ArrayList<>();
        final List<Integer> withheld = new ArrayList<>();
        final List<int[]> totals = new ArrayList<>();
        final List<int[][]> members = new ArrayList<>();
        double[] lower;
        double[] upper;
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<Double> known = new ArrayList<>();

        Attack(List<Row> rows) {
            Map<String, List<String>> groupsByDimension = new LinkedHashMap<>();
            for (Row r : rows) {
                String g = r.getAs("dimension") + "=" + r.getAs("stratum");
                for (String c : COUNTS) {
                    Long value = r.getAs(c);
                    int v = variable(g + "|" + c, value == null ? Double.NaN : value);
                    if (value == null) {
                        withheld.add(v);
                    }
                }
                variable(g + "|not_in_denominator", Double.NaN);
                variable(g + "|not_met", Double.NaN);
                relation(g + "|initial_population", g + "|denominator", g + "|not_in_denominator");
                relation(g + "|denominator", g + "|denominator_exclusion", g + "|denominator_exception",
                        g + "|performance_denominator");
                relation(g + "|performance_denominator", g + "|numerator", g + "|not_met");
                if (!r.getAs("dimension").equals("overall")) {
                    groupsByDimension.computeIfAbsent(r.getAs("dimension"), d -> new ArrayList<>()).add(g);
                }
            }
            for (List<String> groups : groupsByDimension.values()) {
                for (String c : List.of("initial_population", "denominator", "denominator_exclusion",
                        "denominator_exception", "performance_denominator", "numerator", "not_in_denominator",
                        "not_met")) {
                    relation("overall=all|" + c, groups.stream().map(g -> g + "|" + c).toArray(String[]::new));
                }
            }
            lower = new double[names.size()];
            upper = new double[names.size()];
            for (int v = 0; v < names.size(); v++) {
                double k = known.get(v);
                lower[v] = Double.isNaN(k) ? 0 : k;
                upper[v] = Double.isNaN(k) ? Double.POSITIVE_INFINITY : k;
            }
        }

        private int variable(String name, double value) {
            return index.computeIfAbsent(name, n -> {
                names.add(n);
                known.add(value);
                return names.size() - 1;
            });
        }

        private void relation(String total, String... parts) {
            totals.add(new int[] {index.get(total)});
            int[][] m = new int[1][parts.length];
            for (int i = 0; i < parts.length; i++) {
                m[0][i] = index.get(parts[i]);
            }
            members.add(m);
        }

        /** total = Σ parts, all ≥ 0: tighten every bound until nothing changes. */
        void propagateBounds() {
            boolean changed = true;
            for (int round = 0; changed && round < 10_000; round++) {
                changed = false;
                for (int r = 0; r < totals.size(); r++) {
                    int t = totals.get(r)[0];
                    int[] parts = members.get(r)[0];
                    double sumLower = 0;
                    double sumUpper = 0;
                    for (int p : parts) {
                        sumLower += lower[p];
                        sumUpper += upper[p];
                    }
                    changed |= tighten(t, sumLower, sumUpper);
                    for (int p : parts) {
                        changed |= tighten(p, lower[t] - (sumUpper - upper[p]), upper[t] - (sumLower - lower[p]));
                    }
                }
            }
        }

        private boolean tighten(int v, double low, double high) {
            boolean changed = false;
            if (low > lower[v] + 1e-9) {
                lower[v] = low;
                changed = true;
            }
            if (high < upper[v] - 1e-9) {
                upper[v] = high;
                changed = true;
            }
            return changed;
        }

        /** Whether the unknown v is fixed by the equations alone: e_v lies in the row space over the unknowns. */
        boolean determinedByElimination(int v) {
            List<Integer> unknowns = new ArrayList<>();
            for (int u = 0; u < names.size(); u++) {
                if (Double.isNaN(known.get(u))) {
                    unknowns.add(u);
                }
            }
            int n = unknowns.size();
            double[][] a = new double[totals.size()][n];
            for (int r = 0; r < totals.size(); r++) {
                int t = unknowns.indexOf(totals.get(r)[0]);
                if (t >= 0) {
                    a[r][t] -= 1;
                }
                for (int p : members.get(r)[0]) {
                    int c = unknowns.indexOf(p);
                    if (c >= 0) {
                        a[r][c] += 1;
                    }
                }
            }
            int rank = rank(a, n);
            double[][] extended = java.util.Arrays.copyOf(a, a.length + 1);
            extended[a.length] = new double[n];
            extended[a.length][unknowns.indexOf(v)] = 1;
            for (int r = 0; r < a.length; r++) {
                extended[r] = a[r].clone();
            }
            return rank(extended, n) == rank;
        }

        private static int rank(double[][] rows, int columns) {
            double[][] m = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                m[r] = rows[r].clone();
            }
            int rank = 0;
            for (int c = 0; c < columns && rank < m.length; c++) {
                int best = rank;
                for (int r = rank + 1; r < m.length; r++) {
                    if (Math.abs(m[r][c]) > Math.abs(m[best][c])) {
                        best = r;
                    }
                }
                if (Math.abs(m[best][c]) < 1e-9) {
                    continue;
                }
                double[] swap = m[rank];
                m[rank] = m[best];
                m[best] = swap;
                for (int r = 0; r < m.length; r++) {
                    if (r != rank && Math.abs(m[r][c]) > 1e-12) {
                        double f = m[r][c] / m[rank][c];
                        for (int k = c; k < columns; k++) {
                            m[r][k] -= f * m[rank][k];
                        }
                    }
                }
                rank++;
            }
            return rank;
        }
    }
}
