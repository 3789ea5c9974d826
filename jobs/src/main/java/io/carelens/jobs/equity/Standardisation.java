package io.carelens.jobs.equity;

import io.carelens.common.stats.Estimate;
import io.carelens.common.stats.StandardisedRates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Directly age-standardised rates of the groups of one measure and period. Only the standard's age bands in which
 * the whole population has someone are used (an eCQM for ages 18-75 is standardised over those bands), and a group
 * that lacks one of those bands gets no standardised rate, as PHE requires every band in every group.
 */
final class Standardisation {
    private final StandardPopulation standard;
    private final double confidence;

    Standardisation(StandardPopulation standard, double confidence) {
        this.standard = standard;
        this.confidence = confidence;
    }

    String name() {
        return standard.name();
    }

    /**
     * @param counts events by band index
     * @param populations population (denominator or person-years) by band index
     * @param overallPopulations the whole population by band index, which decides the bands used
     * @param multiplier 1 for proportions, 1,000 for rates per 1,000 person-years
     * @return the DSR with Dobson limits, or null when the group lacks a band or has fewer than 10 events
     */
    Estimate rate(Map<Integer, Double> counts, Map<Integer, Double> populations, Map<Integer, Double> overallPopulations,
                  double multiplier) {
        List<StandardisedRates.Band> bands = new ArrayList<>();
        for (int i = 0; i < standard.bands().size(); i++) {
            if (overallPopulations.getOrDefault(i, 0.0) <= 0) {
                continue;
            }
            double population = populations.getOrDefault(i, 0.0);
            if (population <= 0) {
                return null;
            }
            bands.add(new StandardisedRates.Band(counts.getOrDefault(i, 0.0), population,
                    standard.bands().get(i).weight()));
        }
        if (bands.isEmpty()) {
            return null;
        }
        Estimate dsr = StandardisedRates.directlyStandardised(bands, multiplier, confidence);
        return dsr.isAvailable() ? dsr : null;
    }
}
