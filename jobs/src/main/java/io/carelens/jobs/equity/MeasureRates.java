package io.carelens.jobs.equity;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.GroupedSuppression;
import io.carelens.common.stats.MeasurePopulationCells;
import io.carelens.common.stats.Proportions;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code gold/measure_rates} from the collected group counts: per measure and period the overall row, the measure's
 * own strata (dimension {@code measure_stratum}, e.g. CMS125's age groups) and every equity group, under one CMS
 * suppression over all of them at once; then for each group its counts, Wilson interval, share of the initial
 * population and age-standardised rate, with everything a withheld count would reveal set to null. Rows are in the
 * column order of {@link GoldTable#MEASURE_RATES}.
 */
final class MeasureRates {
    /** The dimension of a measure's own strata (from {@code gold/measure_patient.stratum}). */
    static final String MEASURE_STRATUM = "measure_stratum";

    /**
     * The outcome for one measure and period.
     *
     * @param rows gold/measure_rates rows, the overall row first
     * @param rates each group's rate (overall and the measure's own strata included)
     */
    record Result(List<Row> rows, List<StratumRate> rates) {

        /** The rates the disparity metrics compare: overall and the equity groups, not the measure's own strata. */
        List<StratumRate> equityRates() {
            return rates.stream().filter(r -> !MEASURE_STRATUM.equals(r.dimension())).toList();
        }
    }

    private MeasureRates() {
    }

    /**
     * @param counts collected {@link StratumCounts#measures} rows
     * @param settings the equity settings
     * @param standardisation the standard population, or null
     * @return the result per measure and period
     */
    static Map<RateKey, Result> compute(List<Row> counts, EquitySettings settings, Standardisation standardisation) {
        Map<RateKey, Map<String, Group>> byKey = new LinkedHashMap<>();
        for (Row r : counts) {
            RateKey key = new RateKey(r.getAs("measure_id"), StratumCounts.ALL, StratumCounts.ALL,
                    ((Date) r.getAs("period_start")).toLocalDate(), ((Date) r.getAs("period_end")).toLocalDate());
            String dimension = r.getAs("dimension");
            String stratum = r.getAs("stratum");
            Group g = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(dimension + "\u0000" + stratum, k -> new Group(dimension, stratum));
            g.add(r);
        }
        Map<RateKey, Result> results = new LinkedHashMap<>();
        byKey.forEach((key, groups) -> results.put(key, compute(key, groups, settings, standardisation)));
        return results;
    }

    private static Result compute(RateKey key, Map<String, Group> groups, EquitySettings settings,
                                  Standardisation standardisation) {
        GroupedSuppression table = MeasurePopulationCells.table();
        groups.values().forEach(g -> table.add(g.dimension, g.stratum, g.fields()));
        Set<String> hidden = table.suppress(settings.threshold());
        Group overall = groups.get(StratumCounts.OVERALL + "\u0000" + StratumCounts.ALL);

        List<Row> rows = new ArrayList<>();
        List<StratumRate> rates = new ArrayList<>();
        for (Group g : groups.values()) {
            boolean suppressed = MeasurePopulationCells.rateWithheld(hidden, g.dimension, g.stratum);
            Map<String, Long> shown = new HashMap<>();
            for (String f : MeasurePopulationCells.PUBLISHED) {
                boolean withheld = suppressed || hidden.contains(GroupedSuppression.cellId(g.dimension, g.stratum, f));
                shown.put(f, withheld ? null : g.counts.get(f));
            }
            Estimate wilson = Proportions.wilson(g.counts.get("numerator"), g.counts.get("performance_denominator"),
                    settings.confidence());
            boolean available = !suppressed && wilson.isAvailable();
            Double share = null;
            if (overall != null && shown.get("initial_population") != null
                    && !hidden.contains(GroupedSuppression.cellId(overall.dimension, overall.stratum, "initial_population"))
                    && !MeasurePopulationCells.rateWithheld(hidden, overall.dimension, overall.stratum) && overall.counts.get("initial_population") > 0) {
                share = (double) g.counts.get("initial_population") / overall.counts.get("initial_population");
            }
            Estimate dsr = null;
            if (available && standardisation != null && overall != null) {
                dsr = standardisation.rate(g.bandNumerator, g.bandPopulation, overall.bandPopulation, 1.0);
            }
            rows.add(RowFactory.create(key.measureId(), Date.valueOf(key.periodStart()), Date.valueOf(key.periodEnd()),
                    g.dimension, g.stratum, shown.get("initial_population"), shown.get("denominator"),
                    shown.get("denominator_exclusion"), shown.get("denominator_exception"), shown.get("numerator"),
                    shown.get("performance_denominator"), available ? wilson.value() : null,
                    available ? wilson.lower() : null, available ? wilson.upper() : null, suppressed, share,
                    dsr == null ? null : dsr.value(), dsr == null ? null : dsr.lower(), dsr == null ? null : dsr.upper(),
                    standardisation == null ? null : standardisation.name()));
            double n = g.counts.get("performance_denominator");
            double p = n > 0 ? g.counts.get("numerator") / n : Double.NaN;
            rates.add(new StratumRate(g.dimension, g.stratum, g.counts.get("numerator"), n, p,
                    n > 0 ? Math.sqrt(p * (1 - p) / n) : Double.NaN, wilson.lower(), wilson.upper(), !available));
        }
        return new Result(rows, rates);
    }

    /** One group's counts summed over the age bands, with the band-level figures for standardisation. */
    private static final class Group {
        final String dimension;
        final String stratum;
        final Map<String, Long> counts = new HashMap<>();
        final Map<Integer, Double> bandNumerator = new HashMap<>();
        final Map<Integer, Double> bandPopulation = new HashMap<>();

        Group(String dimension, String stratum) {
            this.dimension = dimension;
            this.stratum = stratum;
            MeasurePopulationCells.PUBLISHED.forEach(f -> counts.put(f, 0L));
        }

        void add(Row r) {
            for (String f : MeasurePopulationCells.PUBLISHED) {
                counts.merge(f, ((Number) r.getAs(f)).longValue(), Long::sum);
            }
            int band = r.getAs("band");
            if (band >= 0) {
                bandNumerator.merge(band, ((Number) r.getAs("numerator")).doubleValue(), Double::sum);
                bandPopulation.merge(band, ((Number) r.getAs("performance_denominator")).doubleValue(), Double::sum);
            }
        }

        Map<String, Long> fields() {
            return MeasurePopulationCells.cells(counts.get("initial_population"), counts.get("denominator"),
                    counts.get("denominator_exclusion"), counts.get("denominator_exception"), counts.get("numerator"));
        }
    }
}
