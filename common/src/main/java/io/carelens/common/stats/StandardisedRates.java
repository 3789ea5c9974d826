package io.carelens.common.stats;

import java.util.List;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Age-standardised rates (statistics.md §3–§4): directly standardised rates (DSR) with Dobson limits, including PHE's
 * variance for repeat (non-independent) events and the Fay–Feuer gamma interval for comparison, and indirect
 * standardisation (standardised ratio / SMR and indirectly standardised rate) with PHE's exact/Byar count limits.
 *
 * <p>Bands validate themselves: a negative count, population or standard population, or a missing population, is
 * rejected with {@link IllegalArgumentException}; a missing count is zero. Every group must supply the full set of
 * bands; the caller aligns bands by position with the standard population.
 */
public final class StandardisedRates {

    /** A DSR is suppressed when the total count is below this (PHE: "dsr NA for total count &lt; 10"). */
    public static final int DSR_MINIMUM_COUNT = 10;
    /** Method name of a DSR with Dobson limits. */
    public static final String DOBSON = "Dobson";
    /** Method name of a DSR whose Dobson limits allow for repeat events. */
    public static final String DOBSON_REPEAT_EVENTS = "Dobson, with confidence adjusted for non-independent events";
    /** Method name of a DSR with Fay–Feuer gamma limits. */
    public static final String FAY_FEUER = "Fay-Feuer";

    private StandardisedRates() {
    }

    /**
     * One age band of a local population for direct standardisation.
     *
     * @param count events in the band (NaN means 0)
     * @param population local population of the band
     * @param standardPopulation standard population of the band (e.g. ESP 2013)
     */
    public record Band(double count, double population, double standardPopulation) {
        /** Validates the band; a missing count becomes 0. */
        public Band {
            count = Double.isNaN(count) ? 0.0 : count;
            requireNonNegative("count", count);
            requireNonNegative("population", population);
            requireNonNegative("standard population", standardPopulation);
            if (population == 0 && count > 0) {
                throw new IllegalArgumentException("events in a band with zero population: " + count);
            }
        }
    }

    /**
     * One age band for a DSR of repeat events: how many people had exactly 1, 2, 3... events.
     *
     * @param personsByEventCount element f − 1 is the number of people with exactly f events (NaN means 0)
     * @param population local population of the band
     * @param standardPopulation standard population of the band
     */
    public record RepeatEventBand(List<Double> personsByEventCount, double population, double standardPopulation) {
        /** Validates the band and copies the frequencies, a missing frequency becoming 0. */
        public RepeatEventBand {
            personsByEventCount = personsByEventCount.stream().map(p -> p == null || p.isNaN() ? 0.0 : p).toList();
            personsByEventCount.forEach(p -> requireNonNegative("persons with events", p));
            requireNonNegative("population", population);
            requireNonNegative("standard population", standardPopulation);
            if (population == 0 && count() > 0) {
                throw new IllegalArgumentException("events in a band with zero population");
            }
        }

        /** @return events in the band, Σ f·persons_f */
        public double count() {
            double events = 0;
            for (int f = 1; f <= personsByEventCount.size(); f++) {
                events += f * personsByEventCount.get(f - 1);
            }
            return events;
        }
    }

    /**
     * One age band for indirect standardisation.
     *
     * @param population local population of the band (0 contributes nothing to the expected count)
     * @param referenceCount events in the reference population (NaN means 0)
     * @param referencePopulation reference population of the band
     */
    public record ReferenceBand(double population, double referenceCount, double referencePopulation) {
        /** Validates the band; a missing reference count becomes 0. */
        public ReferenceBand {
            referenceCount = Double.isNaN(referenceCount) ? 0.0 : referenceCount;
            requireNonNegative("population", population);
            requireNonNegative("reference count", referenceCount);
            requireNonNegative("reference population", referencePopulation);
            if (referencePopulation == 0 && population > 0) {
                throw new IllegalArgumentException("local population in a band with zero reference population");
            }
        }
    }

    /**
     * DSR with Dobson limits: DSR = Σ wᵢOᵢ/nᵢ / Σwᵢ, var = Σ wᵢ²Oᵢ/nᵢ² / (Σwᵢ)², limits DSR + √(var/O)·(O_{L,U} − O)
     * with Byar limits of the total count O. Unavailable ({@link DataQuality#SMALL_COUNT}) when O &lt; 10.
     *
     * @param bands the age bands of one group
     * @param multiplier e.g. 100,000
     * @param confidence level as 0.95 or 95
     * @return the DSR per multiplier with its limits
     */
    public static Estimate directlyStandardised(List<Band> bands, double multiplier, double confidence) {
        double totalCount = 0;
        double standardTotal = 0;
        double weightedRate = 0;
        double variance = 0;
        for (Band band : bands) {
            totalCount += band.count();
            standardTotal += band.standardPopulation();
            weightedRate += weightedRate(band.count(), band.population(), band.standardPopulation());
            variance += weightedVariance(band.count(), band.population(), band.standardPopulation());
        }
        return dobson(totalCount, weightedRate / standardTotal, variance / (standardTotal * standardTotal),
                multiplier, confidence, DOBSON);
    }

    /**
     * DSR for repeat events (PHE {@code independent_events = FALSE}): the DSR is unchanged and the variance is
     * Σ_f f²·var_f, where var_f is the Dobson variance of the people with exactly f events.
     *
     * @param bands the age bands of one group
     * @param multiplier e.g. 100,000
     * @param confidence level as 0.95 or 95
     * @return the DSR per multiplier with its limits
     */
    public static Estimate directlyStandardisedRepeatEvents(List<RepeatEventBand> bands, double multiplier,
                                                            double confidence) {
        double totalCount = 0;
        double standardTotal = 0;
        double weightedRate = 0;
        double variance = 0;
        for (RepeatEventBand band : bands) {
            double count = band.count();
            totalCount += count;
            standardTotal += band.standardPopulation();
            weightedRate += weightedRate(count, band.population(), band.standardPopulation());
            List<Double> persons = band.personsByEventCount();
            for (int f = 1; f <= persons.size(); f++) {
                variance += (double) f * f
                        * weightedVariance(persons.get(f - 1), band.population(), band.standardPopulation());
            }
        }
        return dobson(totalCount, weightedRate / standardTotal, variance / (standardTotal * standardTotal),
                multiplier, confidence, DOBSON_REPEAT_EVENTS);
    }

    /**
     * DSR with the Fay–Feuer gamma interval (NCHS, epitools {@code ageadjust.direct}); no small-count suppression.
     * For comparison with Dobson limits.
     *
     * @param bands the age bands of one group
     * @param multiplier e.g. 100,000
     * @param confidence level as 0.95 or 95
     * @return the DSR per multiplier with its limits
     */
    public static Estimate directlyStandardisedFayFeuer(List<Band> bands, double multiplier, double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        double standardTotal = bands.stream().mapToDouble(Band::standardPopulation).sum();
        double rate = 0;
        double variance = 0;
        double maxWeight = 0;
        for (Band band : bands) {
            double weight = band.standardPopulation() / standardTotal;
            if (band.population() > 0) {
                rate += weight * band.count() / band.population();
                variance += weight * weight * band.count() / (band.population() * band.population());
                maxWeight = Math.max(maxWeight, weight / band.population());
            }
        }
        double halfAlpha = level.alpha() / 2.0;
        double lower = rate == 0 ? 0.0
                : GammaDistribution.of(rate * rate / variance, variance / rate).inverseCumulativeProbability(halfAlpha);
        double upperRate = rate + maxWeight;
        double upperVariance = variance + maxWeight * maxWeight;
        double upper = GammaDistribution.of(upperRate * upperRate / upperVariance, upperVariance / upperRate)
                .inverseCumulativeProbability(1.0 - halfAlpha);
        return Estimate.valid(rate, lower, upper, level, FAY_FEUER).scaled(multiplier);
    }

    /**
     * Expected events E = Σ nᵢ·Xᵢ/Nᵢ for a local population under the reference rates.
     *
     * @param bands local populations with reference counts and populations
     * @return the expected count
     */
    public static double expectedCount(List<ReferenceBand> bands) {
        double expected = 0;
        for (ReferenceBand band : bands) {
            if (band.population() > 0) {
                expected += band.population() * band.referenceCount() / band.referencePopulation();
            }
        }
        return expected;
    }

    /**
     * The reference crude rate ΣXᵢ/ΣNᵢ (per person), which turns a standardised ratio into an indirectly standardised
     * rate.
     *
     * @param bands the reference counts and populations
     * @return the reference rate per 1
     */
    public static double referenceRate(List<ReferenceBand> bands) {
        double events = bands.stream().mapToDouble(ReferenceBand::referenceCount).sum();
        double population = bands.stream().mapToDouble(ReferenceBand::referencePopulation).sum();
        return events / population;
    }

    /**
     * Indirectly standardised ratio (SMR) O/E × reference value, with PHE's count limits (exact below 10, else Byar)
     * divided by E.
     *
     * @param observed observed events O
     * @param expected expected events E, see {@link #expectedCount}
     * @param referenceValue 1 for a ratio, 100 for a percentage
     * @param confidence level as 0.95 or 95
     * @return the ratio with its limits and the count method
     */
    public static Estimate standardisedRatio(double observed, double expected, double referenceValue,
                                             double confidence) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        String method = PoissonRates.pheMethod(observed);
        if (Double.isNaN(observed) || Double.isNaN(expected)) {
            return Estimate.unavailable(DataQuality.MISSING_INPUT, level, method);
        }
        if (expected <= 0) {
            return Estimate.unavailable(DataQuality.NON_POSITIVE_DENOMINATOR, level, method);
        }
        if (observed < 0) {
            return Estimate.unavailable(DataQuality.INVALID_NUMERATOR, level, method);
        }
        Interval count = PoissonRates.pheCount(observed, confidence);
        double scale = referenceValue / expected;
        return Estimate.valid(observed * scale, count.lower() * scale, count.upper() * scale, level, method);
    }

    /**
     * Indirectly standardised rate: the standardised ratio × reference rate × multiplier.
     *
     * @param observed observed events O
     * @param expected expected events E
     * @param referenceRate reference crude rate per 1, see {@link #referenceRate}
     * @param multiplier e.g. 100,000
     * @param confidence level as 0.95 or 95
     * @return the rate per multiplier with its limits and the count method
     */
    public static Estimate indirectlyStandardisedRate(double observed, double expected, double referenceRate,
                                                      double multiplier, double confidence) {
        return standardisedRatio(observed, expected, 1.0, confidence).scaled(referenceRate * multiplier);
    }

    private static Estimate dobson(double totalCount, double rate, double variance, double multiplier,
                                   double confidence, String method) {
        ConfidenceLevel level = ConfidenceLevel.of(confidence);
        if (totalCount < DSR_MINIMUM_COUNT) {
            return Estimate.unavailable(DataQuality.SMALL_COUNT, level, method);
        }
        Interval count = PoissonRates.byarCount(totalCount, confidence);
        double spread = Math.sqrt(variance / totalCount);
        double lower = rate + spread * (count.lower() - totalCount);
        double upper = rate + spread * (count.upper() - totalCount);
        return Estimate.valid(rate, lower, upper, level, method).scaled(multiplier);
    }

    private static double weightedRate(double count, double population, double standardPopulation) {
        return population == 0 ? 0.0 : standardPopulation * count / population;
    }

    private static double weightedVariance(double count, double population, double standardPopulation) {
        return population == 0 ? 0.0 : standardPopulation * standardPopulation * count / (population * population);
    }

    private static void requireNonNegative(String what, double value) {
        if (Double.isNaN(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative number: " + value);
        }
    }
}
