package io.carelens.jobs.equity;

import io.carelens.common.schema.GoldTable;
import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.GroupedSuppression;
import io.carelens.common.stats.PoissonRates;
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
 * Stratified utilization rates (events per 1,000 person-years; PQI per 100,000) from the collected group sums, with
 * PHE's exact/Byar Poisson limits and the CMS suppression of small counts of persons, of persons with an event and
 * of persons without one. Events may be fractional (NYU ED probabilities), so suppression counts people. Rows are in
 * the column order of {@link GoldTable#UTILIZATION_GROUP_RATES}.
 */
final class UtilizationGroupRates {
    /** Whole-person counts of a group: the suppression cells (events may be fractional, people are not). */
    static final List<String> FIELDS = List.of("persons", "persons_with_events", "persons_without_events");
    static final List<GroupedSuppression.Relation> RELATIONS = List.of(new GroupedSuppression.Relation("persons",
            List.of("persons_with_events", "persons_without_events")));

    /**
     * The outcome for one measure, program, arm and period.
     *
     * @param rows gold/utilization_group_rates rows, the overall group included
     * @param rates each group's rate for the disparity metrics (overall included)
     */
    record Result(List<Row> rows, List<StratumRate> rates) {
    }

    private UtilizationGroupRates() {
    }

    /** Rates per 100,000 person-years for AHRQ PQIs, per 1,000 otherwise. */
    static double multiplier(String measureId) {
        return measureId.startsWith("PQI") ? 100_000 : 1_000;
    }

    static Map<RateKey, Result> compute(List<Row> counts, EquitySettings settings, Standardisation standardisation) {
        Map<RateKey, Map<String, Group>> byKey = new LinkedHashMap<>();
        for (Row r : counts) {
            RateKey key = new RateKey(r.getAs("measure_id"), r.getAs("program_id"), r.getAs("arm"),
                    ((Date) r.getAs("period_start")).toLocalDate(), ((Date) r.getAs("period_end")).toLocalDate());
            String dimension = r.getAs("dimension");
            String stratum = r.getAs("stratum");
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(dimension + "\u0000" + stratum, k -> new Group(dimension, stratum)).add(r);
        }
        Map<RateKey, Result> results = new LinkedHashMap<>();
        byKey.forEach((key, groups) -> results.put(key, compute(key, groups, settings, standardisation)));
        return results;
    }

    private static Result compute(RateKey key, Map<String, Group> groups, EquitySettings settings,
                                  Standardisation standardisation) {
        GroupedSuppression table = new GroupedSuppression(FIELDS, RELATIONS, Set.of());
        groups.values().forEach(g -> table.add(g.dimension, g.stratum, Map.of("persons", g.persons,
                "persons_with_events", g.personsWithEvents, "persons_without_events", g.persons - g.personsWithEvents)));
        Set<String> hidden = table.suppress(settings.threshold());
        Group overall = groups.get(StratumCounts.OVERALL + "\u0000" + StratumCounts.ALL);
        boolean overallHidden = overall == null || isHidden(hidden, overall);
        double multiplier = multiplier(key.measureId());

        List<Row> rows = new ArrayList<>();
        List<StratumRate> rates = new ArrayList<>();
        for (Group g : groups.values()) {
            boolean suppressed = isHidden(hidden, g);
            Estimate rate = PoissonRates.rate(g.events, g.personYears, multiplier, settings.confidence());
            boolean available = !suppressed && rate.isAvailable();
            double se = g.personYears > 0 ? Math.sqrt(g.events) / g.personYears * multiplier : Double.NaN;
            rates.add(new StratumRate(g.dimension, g.stratum, g.events, g.personYears, rate.value(), se, rate.lower(),
                    rate.upper(), !available));
            if (g == overall) {
                continue;
            }
            Double share = suppressed || overallHidden || overall.persons == 0 ? null
                    : (double) g.persons / overall.persons;
            Estimate dsr = available && standardisation != null && overall != null
                    ? standardisation.rate(g.bandEvents, g.bandPersonYears, overall.bandPersonYears, multiplier) : null;
            rows.add(RowFactory.create(key.measureId(), Date.valueOf(key.periodStart()), Date.valueOf(key.periodEnd()),
                    key.programId(), key.arm(), StratumCounts.ALL, g.dimension, g.stratum,
                    suppressed ? null : g.persons, suppressed ? null : g.events, suppressed ? null : g.personYears,
                    available ? rate.value() : null, available ? rate.lower() : null, available ? rate.upper() : null,
                    suppressed, share, dsr == null ? null : dsr.value(), dsr == null ? null : dsr.lower(),
                    dsr == null ? null : dsr.upper(), standardisation == null ? null : standardisation.name()));
        }
        return new Result(rows, rates);
    }

    private static boolean isHidden(Set<String> hidden, Group g) {
        return FIELDS.stream().anyMatch(f -> hidden.contains(GroupedSuppression.cellId(g.dimension, g.stratum, f)));
    }

    /** One group's sums over the age bands, with the band-level figures for standardisation. */
    private static final class Group {
        final String dimension;
        final String stratum;
        long persons;
        long personsWithEvents;
        double events;
        double personYears;
        final Map<Integer, Double> bandEvents = new HashMap<>();
        final Map<Integer, Double> bandPersonYears = new HashMap<>();

        Group(String dimension, String stratum) {
            this.dimension = dimension;
            this.stratum = stratum;
        }

        void add(Row r) {
            long p = ((Number) r.getAs("persons")).longValue();
            double e = ((Number) r.getAs("events")).doubleValue();
            double py = ((Number) r.getAs("person_years")).doubleValue();
            persons += p;
            personsWithEvents += ((Number) r.getAs("persons_with_events")).longValue();
            events += e;
            personYears += py;
            int band = r.getAs("band");
            if (band >= 0) {
                bandEvents.merge(band, e, Double::sum);
                bandPersonYears.merge(band, py, Double::sum);
            }
        }
    }
}
