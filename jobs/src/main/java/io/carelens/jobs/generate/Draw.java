package io.carelens.jobs.generate;

import java.util.List;
import java.util.Locale;

/**
 * Seeded randomness as Spark SQL expressions. A draw is a pure function of (seed, purpose, key columns): the
 * 64-bit xxhash of those values scaled to a uniform number in [0, 1). Unlike {@code rand(seed)} it does not depend
 * on how rows are partitioned, so the same seed gives the same data at any scale and on any cluster.
 */
final class Draw {
    private static final String TWO_TO_53 = "9007199254740992.0";

    private final long seed;

    Draw(long seed) {
        this.seed = seed;
    }

    /** A uniform draw in [0, 1) for {@code purpose}, keyed on the given SQL expressions (e.g. person index, year). */
    String u(String purpose, String... keys) {
        return "(shiftrightunsigned(xxhash64(CAST(" + seed + " AS BIGINT), '" + purpose + "', " + String.join(", ", keys)
                + "), 11) / " + TWO_TO_53 + ")";
    }

    /** An integer drawn uniformly from [lo, hi]. */
    String between(String purpose, long lo, long hi, String... keys) {
        return "(" + lo + " + CAST(floor(" + u(purpose, keys) + " * " + (hi - lo + 1) + ") AS INT))";
    }

    /** True with probability {@code p} (a SQL expression or literal). */
    String chance(String purpose, String p, String... keys) {
        return "(" + u(purpose, keys) + " < (" + p + "))";
    }

    /** One of {@code options}, chosen with their weights (which need not sum to 1). */
    String pick(String purpose, List<Weighted> options, String... keys) {
        return pickWith(u(purpose, keys), options);
    }

    /** One of {@code options}, chosen by the uniform draw {@code uniform}. */
    static String pickWith(String uniform, List<Weighted> options) {
        double total = options.stream().mapToDouble(Weighted::weight).sum();
        StringBuilder sql = new StringBuilder("(CASE");
        double cumulative = 0;
        for (int i = 0; i < options.size() - 1; i++) {
            cumulative += options.get(i).weight() / total;
            sql.append(String.format(Locale.ROOT, " WHEN %s < %.12f THEN %s", uniform, cumulative,
                    quote(options.get(i).value())));
        }
        return sql.append(" ELSE ").append(quote(options.get(options.size() - 1).value())).append(" END)").toString();
    }

    static String quote(String value) {
        return value == null ? "CAST(NULL AS STRING)" : "'" + value.replace("'", "''") + "'";
    }

    /** A value with its relative weight. */
    record Weighted(String value, double weight) {
        static Weighted of(String value, double weight) {
            return new Weighted(value, weight);
        }
    }
}
